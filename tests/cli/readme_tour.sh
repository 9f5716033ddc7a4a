#!/bin/sh
# Runs the README's command-line tour exactly as written, in a temporary directory, with the built
# tcxd first on PATH. Fails on the first command that exits non-zero.
set -eu
TCXD=$1
README=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin"
ln -s "$(cd "$(dirname "$TCXD")" && pwd)/$(basename "$TCXD")" "$dir/bin/tcxd"
# the fenced block right after <!-- tour -->
sed -n '/<!-- tour -->/,/^```$/p' "$README" | sed '1,2d;$d' > "$dir/tour.sh"
[ -s "$dir/tour.sh" ] || { echo "no tour found in $README"; exit 1; }
cd "$dir"
PATH="$dir/bin:$PATH" sh -e -x ./tour.sh > out.txt 2>&1 || { cat out.txt; echo "README tour failed"; exit 1; }
grep -q "Nguyễn Văn Phong" out.txt || { cat out.txt; echo "tour: search did not find the member"; exit 1; }
echo "README tour: $(wc -l < tour.sh) commands ran"
