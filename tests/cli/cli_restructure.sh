#!/bin/sh
# tcxd restructure on the command line: a small province's 2025 plan checked (exit 0, nothing
# written), a refused plan (exit 2, the line named, nothing written), applied (the figures of both
# days, the residential chi bộ re-tiered with its history), the flows of the period, the merger
# analysis of imported units, in English and in Vietnamese.
# usage: cli_restructure.sh TCXD
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_cli_rs.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db" TCXD_LANG=en
fail() { echo "FAIL: $*"; exit 1; }
expect_exit() {
    want=$1; shift
    set +e; "$@" >"$dir/out" 2>"$dir/err"; got=$?; set -e
    [ "$got" = "$want" ] || { cat "$dir/out" "$dir/err"; fail "exit $got, expected $want: $*"; }
}
T() { "$TCXD" "$@"; }
T init >/dev/null
T org add P "Đảng bộ tỉnh" --tier above_base --form dang_bo --date 2015-01-01 >/dev/null
T org add P.Q "Đảng bộ huyện" --tier above_base --form dang_bo --parent P --date 2015-01-01 >/dev/null
for w in A B; do
    T org add P.Q.$w "Đảng bộ xã $w" --tier base --form dang_bo --type xa --parent P.Q \
        --date 2015-01-01 >/dev/null
    for i in 1 2; do
        T org add P.Q.$w.0$i "Chi bộ thôn $i" --tier below_base --form chi_bo --parent P.Q.$w \
            --date 2015-01-01 >/dev/null
        for k in 1 2 3; do
            T member add --org P.Q.$w.0$i --name "Nguyễn Văn $w$i$k" --gender nam --birth 1980-01-01 \
                --decision-date 2016-01-01 --ceremony-date 2016-01-10 --official-date 2017-01-10 >/dev/null
        done
    done
done
cat >"$dir/plan.csv" <<'CSV'
action,code,name,tier,form,type,parent,into,part,decision_no,date
create,X1,Đảng bộ xã Mới,above_base,dang_bo,xa,P,,,QĐ 1,01/07/2025
merge,P.Q.A,,,,,,X1,,NQ 1,
merge,P.Q.B,,,,,,X1,,NQ 1,
end,P.Q,,,,,,,,QĐ 2,
CSV
audit() { T --json audit | tr -d ' \n' | grep -o '"action"' | wc -l; }
a0=$(audit)
expect_exit 0 T restructure check "$dir/plan.csv"
grep -q "1 created, 3 ended" "$dir/out" || fail "check summary"
grep -q "30/06/2025: 1 above-base committees, 2 base organizations, 0 đảng bộ bộ phận, 4 chi bộ trực thuộc, 12 members" "$dir/out" || fail "figures before"
grep -q "01/07/2025: 1 above-base committees, 4 base organizations, 0 đảng bộ bộ phận, 0 chi bộ trực thuộc, 12 members" "$dir/out" || fail "figures after"
[ "$(audit)" = "$a0" ] || fail "check wrote audit records"

sed 's/^merge,P.Q.B,,,,,,X1/merge,P.Q.B,,,,,,NOWHERE/' "$dir/plan.csv" >"$dir/bad.csv"
expect_exit 2 T restructure apply "$dir/bad.csv"
grep -q "line 4" "$dir/err" || fail "the refused line"
[ "$(audit)" = "$a0" ] || fail "a refused plan wrote"

printf 'foo,bar\n1,2\n' >"$dir/nohead.csv"
expect_exit 2 T restructure check "$dir/nohead.csv"
grep -q "action and code" "$dir/err" || fail "a plan without its columns"
printf 'action,code\nend,P.Q\n' >"$dir/nodate.csv"
expect_exit 2 T restructure check "$dir/nodate.csv"
grep -q "needs its date" "$dir/err" || fail "a plan without a date"
expect_exit 2 T --json restructure check "$dir/nodate.csv"
expect_exit 0 T restructure apply "$dir/plan.csv"
grep -q "^applied" "$dir/out" || fail "applied"
expect_exit 0 T --json org show P.Q.A.01 --as-of 01/07/2025
tr -d ' \n' <"$dir/out" | grep -q '"tier":"base"' || fail "re-tiered"
expect_exit 0 T --json org show P.Q.A.01 --as-of 30/06/2025
tr -d ' \n' <"$dir/out" | grep -q '"tier":"below_base"' || fail "the day before"
expect_exit 0 T org history P.Q.A.01
grep -q "Đổi cấp" "$dir/out" || fail "history (the event retier, labelled Đổi cấp)"
expect_exit 0 T --json restructure flows P --from 2025-01-01 --to 2025-12-31
tr -d ' \n' <"$dir/out" | grep -q '"inside":{"all":4,"base":4}' || fail "flows inside"
tr -d ' \n' <"$dir/out" | grep -q '"merged":{"all":2,"base":2}' || fail "flows merged"
expect_exit 2 T restructure flows P --from 2025-01-01

cat >"$dir/units.csv" <<'CSV'
code,name,province_code,area_km2,population,as_of
98001,Xã Nhỏ,98,10,3000,2024-12-31
98002,Xã Lớn,98,80,20000,2024-12-31
98003,Phường Bé,98,1,5000,2024-12-31
CSV
expect_exit 0 T restructure units "$dir/units.csv"
expect_exit 0 T --json restructure merger 98 --date 2025-06-01
tr -d ' \n' <"$dir/out" | grep -q '"below":2' || fail "merger below"
TCXD_LANG=vi expect_exit 0 T restructure merger 98 --date 2025-06-01
grep -q "chưa đạt 50% cả 2 tiêu chuẩn" "$dir/out" || fail "merger in Vietnamese"
# applied already: refused in Vietnamese, naming the line
TCXD_LANG=vi expect_exit 2 T restructure check "$dir/plan.csv"
grep -q "kế hoạch sắp xếp ngày 01/07/2025" "$dir/err" || fail "Vietnamese plan output"
grep -q "dòng 2: mã tổ chức 'X1' đã được sử dụng" "$dir/err" || fail "Vietnamese refusal"
echo "cli restructure: ok"
