#!/bin/sh
# The forms' own checks on the Hà Nội demo (slow suite): A + B - C = D and the parts of B and C
# (form 1), the blocks that total their headline (forms 2, 3), the annexes that total the
# headline (2B, 3B), form 5's columns and total, form 7's parts, and with --children the sum of
# the direct children's end-of-period figures equal to the parent's - for the city and a
# district in 2020 (the 2012 set's definitions), for 2022 (the current set), and for the second
# half of 2025, which crosses the 2025 restructuring (01/07/2025: the districts end, 126
# commune-level committees under the city; the members move by the organizations' change).
# Every check printed must hold ([đúng]), and each form must print its checks.
# usage: forms_hanoi.sh TCXD SRCDIR BUILDDIR   (the database: scripts/hanoi-db.sh's shared copy,
# or $TCXD_HANOI_DB)
set -eu
TCXD=$1
SRC=$2
BUILD=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_forms_hanoi.XXXXXX")
trap 'rm -rf "$dir"' EXIT
db="$dir/hn.db"
cp "$("$SRC/scripts/hanoi-db.sh" "$TCXD" "$BUILD")" "$db"
export TCXD_LANG=vi
fail() { echo "FAIL: $*"; exit 1; }
n=0
# check FORM ORG PERIOD MIN_CHECKS [--children]
check() {
    out="$dir/out"
    "$TCXD" --db "$db" form show "$1" "$2" --period "$3" ${5:-} >"$out" 2>&1 ||
        { cat "$out"; fail "form $1 $2 $3: exit $?"; }
    if grep -q '^\[SAI\]' "$out"; then
        grep '^\[SAI\]' "$out"
        fail "form $1 $2 $3 ${5:-}: a check failed"
    fi
    ok=$(grep -c '^\[đúng\]' "$out" || true)
    [ "$ok" -ge "$4" ] || { cat "$out"; fail "form $1 $2 $3 ${5:-}: $ok checks, expected $4 or more"; }
    if [ -n "${5:-}" ]; then
        grep -q '^\[đúng\] children sum to the parent' "$out" ||
            fail "form $1 $2 $3: no children check"
    fi
    n=$((n + ok))
    echo "ok: form $1 $2 $3 ${5:-} ($ok checks)"
}
# 2020: the 2012 set (1-TCTW ... 5-TCTW), 7-BTCTW
check 1 HN 2020 13 --children
check 2 HN 2020 5 --children
check 2b HN 2020 2
check 3 HN 2020 7 --children
check 3b HN 2020 2
check 5 HN 2020 2 --children
check 7 HN 2020 6
check 1 HN.BD 2020 13 --children
check 3 HN.BD 2020 7 --children
check 5 HN.BD 2020 2 --children
# 2022: the current set
check 1 HN 2022 10 --children
check 2 HN 2022 7 --children
check 2b HN 2022 2
check 3 HN 2022 11 --children
check 3b HN 2022 2
check 5 HN 2022 2 --children
# across the 2025 restructuring
check 1 HN 2025-h2 10 --children
check 3 HN 2025-h2 11 --children
check 1 HN.X00004 2025-h2 10
"$TCXD" --db "$db" form show 1 HN.X00004 --period 2025-h2 >"$dir/x4"
grep -q "Chuyển đến" "$dir/x4" || fail "form 1 of a new commune committee: no Chuyển đến row"
echo "all $n checks held"
