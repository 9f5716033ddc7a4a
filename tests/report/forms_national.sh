#!/bin/sh
# The forms' own checks on the national demo at a small scale (slow suite): the profile's tree
# (63 provincial committees until 30/06/2025, 34 from 01/07/2025, every member in one province)
# with 600 members a province (--scale 0.0001). Every check printed must hold ([đúng]): A + B - C
# = D and the parts of B and C (form 1), the blocks that total their headline (forms 2, 3, 7),
# the annexes (2B, 3B), form 5's columns and total, and with --children the sum of the
# provinces' end-of-period figures equal to the nation's - for 2020 (the 2012 set), 2022, the
# year 2025 and its second half (across the merger of the provinces), and for a province that
# goes on (HN), one that ends (TQ, first half of 2025) and one the merger made (VN.T08).
# usage: forms_national.sh TCXD
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_forms_national.XXXXXX")
trap 'rm -rf "$dir"' EXIT
db="$dir/vn.db"
export TCXD_LANG=vi
fail() { echo "FAIL: $*"; exit 1; }
"$TCXD" --db "$db" demo --profile national --scale 0.0001 >"$dir/demo" 2>&1 ||
    { cat "$dir/demo"; fail "demo national"; }
n=0
# check FORM ORG PERIOD MIN_CHECKS [--children]
check() {
    out="$dir/out"
    "$TCXD" --db "$db" form show "$1" "$2" --period "$3" ${5:-} >"$out" 2>&1 ||
        { cat "$out"; fail "form $1 $2 $3: exit $?"; }
    if grep -q '^\[SAI\]' "$out"; then
        grep '^\[SAI\]' "$out" | cut -c1-400
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
for p in 2022 2025 2025-h2; do
    check 1 VN $p 11 --children
    check 2 VN $p 8 --children
    check 2b VN $p 2
    check 3 VN $p 13 --children
    check 3b VN $p 2
    check 5 VN $p 2 --children
    check 7 VN $p 6
done
check 1 VN 2020 11 --children
check 3 VN 2020 7 --children
check 5 VN 2020 2 --children
check 1 HN 2025-h2 11 --children
check 2 HN 2025 8 --children
check 3 HN 2025-h2 13 --children
check 1 TQ 2025-h1 11 --children
check 1 VN.T08 2025-h2 10 --children
check 3 VN.T08 2025-h2 13 --children
# the merger moved every member of an ended province into a new one: the nation's list does
# not change by it (D of 2025-h1 is A of 2025-h2)
"$TCXD" --db "$db" form show 1 VN --period 2025-h1 --format csv >"$dir/h1.csv"
"$TCXD" --db "$db" form show 1 VN --period 2025-h2 --format csv >"$dir/h2.csv"
d1=$(awk -F, '$2 == "D" { print $4 }' "$dir/h1.csv")
a2=$(awk -F, '$2 == "A" { print $4 }' "$dir/h2.csv")
[ -n "$d1" ] || fail "no D in the CSV of form 1"
[ "$d1" = "$a2" ] || fail "D of 2025-h1 ($d1) is not A of 2025-h2 ($a2)"
echo "all $n checks held"
