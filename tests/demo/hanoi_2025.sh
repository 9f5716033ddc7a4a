#!/bin/sh
# The real Hà Nội 2025 plan (data/plans/hanoi-2025.csv, made by tools/hanoi_2025_plan.py from
# Nghị quyết 1656/NQ-UBTVQH15's mapping) applied to the hanoi-2020 demo in one command:
#   - on 01/07/2025 there are as many commune-level committees as new units in the official list
#     (counted here from data/admin_units/units_post2025_flat.csv: 126 = 51 phường + 75 xã), each
#     directly under HN, and no district committee is left;
#   - every member registered on 30/06/2025 is registered on 01/07/2025 (or has an event of that
#     day), counted here with SQL on the registrations, not with tcxd;
#   - tcxd's member totals of both days equal those SQL counts;
#   - the reports for 31/12/2020 and 30/06/2025 are byte for byte what they were before.
# A demo of DEMO_VERSION 4 or later has the plan applied by its generator: the outcome is checked
# on it (the shared copy), and the one command on a demo generated up to 30/06/2025
# (TCXD_TODAY=2025-06-30: the old world only), where the plan is not in yet.
# usage: hanoi_2025.sh TCXD SRCDIR BUILDDIR   (the database: scripts/hanoi-db.sh's shared copy,
# or $TCXD_HANOI_DB)
set -eu
TCXD=$1
SRC=$2
BUILD=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_hanoi2025.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export TCXD_LANG=vi
# the build's shared copy (scripts/hanoi-db.sh: generated once, or $TCXD_HANOI_DB)
shared=$("$SRC/scripts/hanoi-db.sh" "$TCXD" "$BUILD")
db="$dir/hn.db"
cp "$shared" "$db"
if [ "$(sqlite3 "$db" "SELECT count(*) FROM org WHERE code = 'HN.X00004'")" != 0 ]; then
    # the generator applied the plan: check its outcome, then the one command on an old-world demo
    echo "the plan is in the demo already: its outcome, then the one command on a demo up to 30/06/2025"
    pending="$dir/hn0630.db"
    TCXD_TODAY=2025-06-30 "$TCXD" --db "$pending" demo --profile hanoi-2020 >"$dir/gen" ||
        { cat "$dir/gen"; fail "generating the demo up to 30/06/2025"; }
    [ "$(sqlite3 "$pending" "SELECT count(*) FROM org WHERE code = 'HN.X00004'")" = 0 ] ||
        fail "a demo up to 30/06/2025 holds the 2025 plan"
else
    pending=$db
fi

"$TCXD" --db "$pending" report structure HN --as-of 31/12/2020 >"$dir/r2020.a"
"$TCXD" --db "$pending" report structure HN --as-of 30/06/2025 >"$dir/r0630.a"
grep -q "457.397 đảng viên" "$dir/r2020.a" || fail "the 31/12/2020 figures"
"$TCXD" --db "$pending" restructure apply "$SRC/data/plans/hanoi-2025.csv" >"$dir/apply" ||
    { cat "$dir/apply"; fail "apply"; }
"$TCXD" --db "$pending" report structure HN --as-of 31/12/2020 >"$dir/r2020.b"
"$TCXD" --db "$pending" report structure HN --as-of 30/06/2025 >"$dir/r0630.b"
cmp -s "$dir/r2020.a" "$dir/r2020.b" || fail "the report for 31/12/2020 changed"
cmp -s "$dir/r0630.a" "$dir/r0630.b" || fail "the report for 30/06/2025 changed"

units="$SRC/data/admin_units/units_post2025_flat.csv"
want_all=$(awk -F, '$1 == "01"' "$units" | wc -l)
want_phuong=$(awk -F, '$1 == "01" && $7 == "Phường"' "$units" | wc -l)
want_xa=$(awk -F, '$1 == "01" && $7 == "Xã"' "$units" | wc -l)
# outcome DB: the checks of 01/07/2025 on a database with the plan applied
outcome() {
    odb=$2
    q() { sqlite3 "$odb" "$1"; }
    alive="v.valid_from <= '2025-07-01' AND v.valid_to > '2025-07-01' AND o.created_on <= '2025-07-01' AND o.ended_on > '2025-07-01'"
    communes() {
        q "SELECT COUNT(*) FROM org o JOIN org_version v ON v.org_id = o.id JOIN org p ON p.id = v.parent_id
           WHERE $alive AND COALESCE(v.tier, o.tier) = 0 AND COALESCE(v.base_type, o.base_type) IN ($1)
           AND p.code = 'HN'"
    }
    [ "$(communes 1,2,11)" = "$want_all" ] || fail "commune-level committees: $(communes 1,2,11), want $want_all"
    [ "$(communes 2)" = "$want_phuong" ] || fail "phường: $(communes 2), want $want_phuong"
    [ "$(communes 1)" = "$want_xa" ] || fail "xã: $(communes 1), want $want_xa"
    left=$(q "SELECT COUNT(*) FROM org o JOIN org_version v ON v.org_id = o.id JOIN org p ON p.id = v.parent_id
              WHERE $alive AND p.ended_on <= '2025-07-01'")
    [ "$left" = 0 ] || fail "$left organizations under an ended committee"

    reg() { q "SELECT COUNT(DISTINCT member_id) FROM member_stint WHERE kind = 0 AND valid_from <= '$1' AND valid_to > '$1'"; }
    m0630=$(reg 2025-06-30)
    m0701=$(reg 2025-07-01)
    lost=$(q "SELECT COUNT(*) FROM (SELECT DISTINCT member_id FROM member_stint WHERE kind = 0
              AND valid_from <= '2025-06-30' AND valid_to > '2025-06-30') a
              WHERE a.member_id NOT IN (SELECT member_id FROM member_stint WHERE kind = 0
              AND valid_from <= '2025-07-01' AND valid_to > '2025-07-01')
              AND a.member_id NOT IN (SELECT member_id FROM member_event WHERE date = '2025-07-01')")
    [ "$lost" = 0 ] || fail "$lost members without a chi bộ on 01/07/2025"
    t() { "$TCXD" --db "$odb" --json stats HN --as-of "$1" | tr -d ' \n' | sed 's/.*"total":\([0-9]*\).*/\1/'; }
    [ "$(t 30/06/2025)" = "$m0630" ] || fail "members on 30/06/2025: $(t 30/06/2025), SQL $m0630"
    [ "$(t 01/07/2025)" = "$m0701" ] || fail "members on 01/07/2025: $(t 01/07/2025), SQL $m0701"
    echo "hanoi 2025 ($1): ok ($want_all commune-level committees, $m0630 -> $m0701 members)"
}
outcome "applied in one command" "$pending"
[ "$pending" = "$db" ] || outcome "applied by the generator" "$db"
