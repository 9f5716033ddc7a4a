#!/bin/sh
# Organization transfers of a restructuring, counted where the board reads them: the small demo
# gets a 2025 plan (each district's three wards merged into one commune-level committee, the
# districts merged into them; the plan of web/e2e/restructure.test.mjs), then over 01/07/2025
#   - tcxd restructure flows (plan/flows.c) and the statistics forms' sentence (tcxd form flows,
#     report/forms_flows.c: "Về tổ chức: thành lập mới ..., chuyển giao, tiếp nhận ...") give
#     the created, merged, dissolved and moved organizations counted here with SQL on the
#     organization events and versions (all, and base organizations: tổ chức cơ sở đảng);
#   - the members' flows of the day and of the year are what they were without the plan (its
#     moves are organizations' changes, not transfers of members).
# usage: flows_forms.sh TCXD
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_flows_forms.XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db="$dir/s.db"
"$TCXD" --db "$db" demo --profile small >/dev/null
cp "$db" "$dir/before.db"
cat >"$dir/plan.csv" <<'CSV'
action,code,name,tier,form,type,parent,into,part,decision_no,date
create,HN.X1,Đảng bộ phường Ba Đình,above_base,dang_bo,phuong,HN,,,QĐ 01-QĐ/TU,01/07/2025
create,HN.X2,Đảng bộ phường Hoàn Kiếm,above_base,dang_bo,phuong,HN,,,QĐ 02-QĐ/TU,
merge,HN.BD.PX,,,,,,HN.X1,,NQ 1656/NQ-UBTVQH15,
merge,HN.BD.TB,,,,,,HN.X1,,NQ 1656/NQ-UBTVQH15,
merge,HN.BD.VP,,,,,,HN.X1,,NQ 1656/NQ-UBTVQH15,
merge,HN.HK.PT,,,,,,HN.X2,,NQ 1656/NQ-UBTVQH15,
merge,HN.HK.DX,,,,,,HN.X2,,NQ 1656/NQ-UBTVQH15,
merge,HN.HK.HM,,,,,,HN.X2,,NQ 1656/NQ-UBTVQH15,
merge,HN.BD,,,,,,HN.X1,,QĐ 03-QĐ/TU,
merge,HN.HK,,,,,,HN.X2,,QĐ 03-QĐ/TU,
CSV
"$TCXD" --db "$db" restructure apply "$dir/plan.csv" >"$dir/apply" || { cat "$dir/apply"; fail "apply"; }

# ---- the SQL counts: events of 01/07/2025 of organizations under HN (the demo's only root) ----
q() { sqlite3 "$db" "$1"; }
D=2025-07-01
tier_on() { # the tier of org o.id on day $1
    echo "(SELECT COALESCE(v.tier, o.tier) FROM org_version v WHERE v.org_id = o.id
            AND v.valid_from <= '$1' AND v.valid_to > '$1')"
}
ev() { q "SELECT COUNT(*) FROM org_event e JOIN org o ON o.id = e.org_id WHERE e.date = '$D' AND e.kind = '$1' $2"; }
created=$(ev create "")
created_base=$(ev create "AND $(tier_on $D) = 1")
merged=$(ev merged_into "")
merged_base=$(ev merged_into "AND $(tier_on 2025-06-30) = 1")
dissolved=$(ev dissolve "")
moved=$(ev move "")
moved_base=$(ev move "AND $(tier_on $D) = 1")
[ "$created" = 2 ] || fail "the plan creates 2 committees, SQL counts $created"
[ "$merged" -ge 8 ] || fail "the plan merges 8 organizations at least, SQL counts $merged"
[ "$moved" -gt 0 ] || fail "no organization moved"
nonzero=$(q "SELECT COUNT(*) FROM org_event WHERE date = '$D' AND org_id NOT IN (SELECT id FROM org)")
[ "$nonzero" = 0 ] || fail "events of unknown organizations"

# field NAME SUB: the count at "NAME": {"all": N, "base": M} (SUB all or base)
field() {
    if [ "$2" = all ]; then k='\1'; else k='\2'; fi
    tr -d ' \n' | sed -n "s/.*\"$1\":{\"all\":\([0-9]*\),\"base\":\([0-9]*\)}.*/$k/p"
}
"$TCXD" --db "$db" --json restructure flows HN --from 01/07/2025 --to 01/07/2025 >"$dir/rf.json"
"$TCXD" --db "$db" --json form flows HN --period "$D..$D" >"$dir/ff.json"
check() { # what file name sub want
    got=$(field "$3" "$4" <"$2")
    [ "$got" = "$5" ] || fail "$1: $3.$4 = $got, SQL $5"
}
for f in "restructure flows:$dir/rf.json:created:created:merged:dissolved:inside" \
         "form flows:$dir/ff.json:created:created:merged:dissolved:moved_inside"; do
    what=${f%%:*}; rest=${f#*:}; file=${rest%%:*}; rest=${rest#*:}
    set -- $(echo "$rest" | tr ':' ' ')
    check "$what" "$file" "$1" all "$created"
    check "$what" "$file" "$2" base "$created_base"
    check "$what" "$file" "$3" all "$merged"
    check "$what" "$file" "$3" base "$merged_base"
    check "$what" "$file" "$4" all "$dissolved"
    check "$what" "$file" "$5" all "$moved"
    check "$what" "$file" "$5" base "$moved_base"
done
check "restructure flows" "$dir/rf.json" received all 0
check "form flows" "$dir/ff.json" received all 0
grep -q "chuyển giao, tiếp nhận $moved_base tổ chức cơ sở đảng\|handed over and received $moved_base" "$dir/ff.json" ||
    TCXD_LANG=vi "$TCXD" --db "$db" form flows HN --period "$D..$D" | grep -q "tiếp nhận $moved_base tổ chức cơ sở đảng trong nội bộ" ||
    fail "the sentence does not say $moved_base base organizations moved within"

# ---- the members' flows: the same as without the plan ----
counts() { "$TCXD" --db "$1" --json form flows HN --period "$2" | tr -d ' \n' | sed 's/.*"counts":\({[^}]*}\).*/\1/'; }
for p in "$D..$D" 2025; do
    a=$(counts "$dir/before.db" "$p")
    b=$(counts "$db" "$p")
    [ -n "$a" ] && [ "$a" = "$b" ] || fail "members' flows of $p: $a without the plan, $b with it"
done
echo "flows of the plan: ok ($created created, $merged merged, $dissolved dissolved, $moved moved, $moved_base base)"
