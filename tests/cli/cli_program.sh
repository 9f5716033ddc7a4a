#!/bin/sh
# Programs, indicators and the meeting register through the real tcxd: the seed's program
# (34 items for 11 agencies: "24 / 05 / 05" on 30/06/2022, the sentence of seed 004), its overdue
# list, an indicator of new organizations in non-state enterprises against the plan of 68
# ("56/68, đạt 82,4% kế hoạch") counted from the tree, admissions against the same period, a
# meeting that lists a member of another chi bộ refused with nothing written, and the quarterly
# attendance report. Expected values are counted here from what the script enters.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-program-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }

q init
q org add HN "Đảng bộ thành phố" --tier above_base --form dang_bo --date 01/01/2000
q org add HN.P "Đảng bộ phường Một" --tier base --form dang_bo --type phuong --parent HN --date 01/01/2000
q org add HN.P.01 "Chi bộ số 1" --tier below_base --form chi_bo --parent HN.P --date 01/01/2000
q org add HN.P.02 "Chi bộ số 2" --tier below_base --form chi_bo --parent HN.P --date 01/01/2000

# ---- the program: 34 items, 11 agencies ----
q program add 01-CTr/TU "Chương trình số 01 về xây dựng Đảng" --org HN --from 01/01/2021 --to 31/12/2025 \
    --steering "Ban Chỉ đạo Chương trình 01"
i=1
while [ $i -le 34 ]; do
    agency="Cơ quan $(( (i - 1) % 11 + 1 ))"
    deadline=31/12/2024
    [ $i = 34 ] && deadline=31/05/2022   # this one is late on 30/06/2022
    q program item 01-CTr/TU "$i" "Đề án số $i" --kind de_an --lead "$agency" --start 01/02/2021 --deadline $deadline
    q program status 01-CTr/TU "$i" in_progress --date 01/03/2021
    [ $i -le 29 ] && q program status 01-CTr/TU "$i" "Đã hoàn thành dự thảo, đang trình" --date 05/01/2022
    [ $i -le 24 ] && q program status 01-CTr/TU "$i" done --date 30/06/2022
    i=$((i + 1))
done
out=$("$TCXD" program report 01-CTr/TU --as-of 30/06/2022)
echo "$out" | grep -qF "34 nội dung, 11 cơ quan: 24 hoàn thành; 05 đã có dự thảo trình; 05 đang triển khai; 01 quá hạn" \
    || fail "program summary: $out"
echo "$out" | grep -qF "Giao cho 11 cơ quan, đơn vị chủ trì triển khai thực hiện 34 đề tài, đề án, chuyên đề, kế hoạch. Đến nay, có 24 nội dung hoàn thành; 05 nội dung đã hoàn thành dự thảo, đang trình cấp có thẩm quyền xem xét phê duyệt. Còn lại 05 nội dung đang được các cơ quan chủ trì triển khai thực hiện." \
    || fail "program sentence: $out"
# on 29/06/2022 none was done yet
"$TCXD" --json program report 01-CTr/TU --as-of 29/06/2022 | grep -q '"done": 0' || fail "29/06"
# the overdue list holds item 34 only
due=$("$TCXD" --json program due 01-CTr/TU --as-of 30/06/2022 --days 0)
[ "$(echo "$due" | grep -c '"overdue": true')" = 1 ] || fail "due: $due"
echo "$due" | grep -qF '"no": "34"' || fail "due: $due"

# bad input: a deadline before the start, a status date in the future; nothing written
before=$("$TCXD" --json audit | grep -c '"action"')
st=0; "$TCXD" program item 01-CTr/TU 35 "Đề án" --kind de_an --lead X --start 01/02/2022 --deadline 01/01/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "deadline" "$dir/err" || fail "deadline before start: $st $(cat "$dir/err")"
st=0; "$TCXD" program status 01-CTr/TU 1 done --date 01/01/2099 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "future status: $st"
st=0; "$TCXD" program item 01-CTr/TU 36 "Đề án" --kind bogus --lead X --start 01/02/2022 --deadline 01/03/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "kind" "$dir/err" || fail "bad kind: $(cat "$dir/err")"
after=$("$TCXD" --json audit | grep -c '"action"')
[ "$before" = "$after" ] || fail "refusals wrote audit records ($before -> $after)"

# ---- indicators ----
n=1
while [ $n -le 56 ]; do
    m=$(( (n - 1) % 12 + 1 ))
    q org add HN.DN$n "Chi bộ Công ty $n" --tier base --form chi_bo --type dn_ngoai_nha_nuoc --parent HN --date $(printf '%02d/%02d/2022' 10 $m)
    n=$((n + 1))
done
q org add HN.NN1 "Đảng bộ Tổng công ty" --tier base --form dang_bo --type dnnn --parent HN --date 05/05/2022
q org add HN.DN0 "Chi bộ Công ty cũ" --tier base --form chi_bo --type dn_ngoai_nha_nuoc --parent HN --date 31/12/2021
q indicator add TC-DN "Thành lập tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước" --org HN --source new_orgs_non_state
q indicator target TC-DN 68 --from 01/01/2022 --to 31/12/2022
out=$("$TCXD" indicator report TC-DN --from 01/01/2022 --to 31/12/2022)
echo "$out" | grep -qF "56/68, đạt 82,4% kế hoạch" || fail "indicator: $out"
st=0; "$TCXD" indicator value TC-DN 60 --from 01/01/2022 --to 31/12/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "a computed indicator took a value"

# admissions: 4 in H1 2021, 5 in H1 2022 (the 6th on 01/07/2022 is outside)
for d in 05/01/2021 06/02/2021 07/03/2021 08/04/2021; do
    q member admit --org HN.P.01 --name "Nguyễn Văn Nhất" --gender nam --birth 01/01/1980 --decision-date $d
done
for d in 05/01/2022 06/02/2022 07/03/2022 08/04/2022 30/06/2022 01/07/2022; do
    q member admit --org HN.P.02 --name "Trần Thị Hai" --gender nu --birth 01/01/1985 --decision-date $d
done
q indicator add KN "Kết nạp đảng viên" --org HN --source admissions
out=$("$TCXD" indicator report KN --from 01/01/2022 --to 30/06/2022)
echo "$out" | grep -qF "5, bằng 125,0% so với cùng kỳ năm 2021" || fail "admissions: $out"

# ---- meetings and attendance ----
"$TCXD" --json member list HN.P.01 >"$dir/m1"
a=$(sed -n 's/.*"id": \([0-9]*\).*/\1/p' "$dir/m1" | head -1)
"$TCXD" --json member list HN.P.02 >"$dir/m2"
b=$(sed -n 's/.*"id": \([0-9]*\).*/\1/p' "$dir/m2" | head -1)
[ -n "$a" ] && [ -n "$b" ] || fail "member ids"
before=$("$TCXD" --json audit | grep -c '"action"')
st=0; "$TCXD" meeting add HN.P.01 --date 31/03/2022 --members "$a,$b" 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "members" "$dir/err" || fail "another chi bộ's member: $st $(cat "$dir/err")"
after=$("$TCXD" --json audit | grep -c '"action"')
[ "$before" = "$after" ] || fail "the refused meeting wrote something"
q meeting assign "$b" HN.P.01 --from 01/01/2022
q meeting add HN.P.01 --date 31/03/2022 --topic "Sinh hoạt tháng 3" --members "$a" --guests "$b"
"$TCXD" --json meeting attendance HN --year 2022 --quarter 1 | grep -q '"met": 1' || fail "Q1"
"$TCXD" --json meeting attendance HN --year 2022 --quarter 2 | grep -q '"missed": 1' || fail "Q2"
"$TCXD" meeting list HN.P.01 | grep -qF "Sinh hoạt tháng 3" || fail "meeting list"
# ---- residential units: 3 in ward HN.P; 01 serves TDP1 (members), 02 serves TDP2 from 2023 ----
q unit add TDP1 "Tổ dân phố 1" --org HN.P --kind to_dan_pho --from 01/01/2010
q unit add TDP2 "Tổ dân phố 2" --org HN.P --kind "Tổ dân phố" --from 01/01/2010
q unit add TDP3 "Tổ dân phố 3" --org HN.P --kind to_dan_pho --from 01/01/2010
q unit link TDP1 HN.P.01 --from 01/01/2011
q unit link TDP2 HN.P.02 --from 01/01/2023
st=0; "$TCXD" unit add TDP9 "Sai" --org HN.P.01 --kind thon --from 01/01/2010 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "a unit under a chi bộ: $st"
"$TCXD" --json unit coverage HN --as-of 31/12/2022 >"$dir/cov"
grep -q '"without_chi_bo": 2' "$dir/cov" && grep -q '"units": 3' "$dir/cov" || fail "coverage 2022: $(cat "$dir/cov")"
out=$("$TCXD" unit coverage HN --as-of 30/06/2023)
echo "$out" | grep -qF "3 thôn, tổ dân phố; 1 chưa có chi bộ; 1 chưa có đảng viên (66,7% có đảng viên)" || fail "coverage: $out"
echo "program, indicator, meeting, unit: ok"
