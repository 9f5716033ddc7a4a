#!/bin/sh
# Inspections, supervision and discipline through the real tcxd: a small first half of 2022
# entered (expected figures counted here from what the script enters), the report's sentence,
# refusals (khai trừ for a probationary member, a decision before the violation, a conclusion
# before the inspection started) that write nothing, an appeal, a khai trừ ending the
# membership, and the plan of 2023 carried out in part (its sentence against the script's counts).
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-inspect-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
audits() { "$TCXD" --json audit | grep -c '"action"'; }

q init
q org add HN "Đảng bộ thành phố" --tier above_base --form dang_bo --date 01/01/2000
q org add HN.P "Đảng bộ phường" --tier base --form dang_bo --type phuong --parent HN --date 01/01/2000
for c in 1 2 3 4; do q org add HN.P.0$c "Chi bộ $c" --tier below_base --form chi_bo --parent HN.P --date 01/01/2000; done
q org add HP "Đảng bộ khác" --tier above_base --form dang_bo --date 01/01/2000
q org add HP.C "Chi bộ khác" --tier base --form chi_bo --type khac --parent HP --date 01/01/2000
for i in 1 2 3 4 5 6; do q member add --org HN.P.0$(( (i - 1) % 4 + 1 )) --name "Nguyễn Văn Thử" --gender nam --birth 01/01/1970 --decision-date 01/01/2010 --ceremony-date 01/01/2010 --official-date 01/01/2011; done
q member admit --org HN.P.01 --name "Trần Thị Dự" --gender nu --birth 01/01/1995 --decision-date 01/12/2021
# a fresh database numbers members in the order they were entered
m1=1 m2=2 m3=3 m4=4 m6=6 p7=7
"$TCXD" --json member show $p7 | grep -q '"status": "probationary"' || fail "member 7 is not the probationary one"

# kiểm tra: 3 organizations + 2 members; giám sát: 2 organizations + 1 member (H1 2022)
q inspect add HN --kind kt_chuyen_de --body ubkt --start 10/02/2022 --areas nghi_quyet,can_bo --orgs HN.P.01,HN.P.02,HN.P.03
q inspect add HN --kind kt_dau_hieu --body doan --team "Đoàn kiểm tra số 1" --start 15/03/2022 --members "$m1,$m2"
q inspect add HN --kind gs_chuyen_de --body cap_uy --start 01/04/2022 --orgs HN.P.04,HN.P --members "$m3"
# outside the period, outside the subtree
q inspect add HN --kind kt_chuyen_de --body ubkt --start 01/07/2022 --orgs HN.P.01
q inspect add HP --kind kt_chuyen_de --body ubkt --start 01/03/2022 --orgs HP.C
# discipline: 1 organization, 2 members (one cảnh cáo appealed and lowered)
q discipline org HN.P.02 --form khien_trach --decision-date 20/05/2022 --violation-date 01/10/2021
q discipline member "$m1" --form canh_cao --decision-date 10/04/2022 --violation-date 01/01/2022 --announced 12/04/2022
q discipline member "$m2" --form khien_trach --decision-date 11/04/2022
out=$("$TCXD" inspect report HN --from 01/01/2022 --to 30/06/2022)
echo "$out" | grep -qF "kiểm tra đối với 3 tổ chức đảng, 2 đảng viên; giám sát đối với 2 tổ chức đảng, 1 đảng viên; thi hành kỷ luật 1 tổ chức đảng và 2 đảng viên" \
    || fail "report: $out"
echo "$out" | grep -qF "Thành lập 1 đoàn kiểm tra đối với 0 tổ chức đảng và 2 đảng viên" || fail "teams: $out"
# by content area: the one inspection with areas (nghi_quyet, can_bo) had subjects in the subtree;
# by form: khiển trách of HN.P.02 and of m2, cảnh cáo of m1
"$TCXD" --json inspect report HN --from 01/01/2022 --to 30/06/2022 >"$dir/rep.json"
for kv in nghi_quyet:1 can_bo:1 tham_nhung:0 khien_trach:2 canh_cao:1; do
    grep -q "\"${kv%%:*}\": ${kv#*:}[,}]\{0,1\}\$" "$dir/rep.json" || fail "report ${kv%%:*} is not ${kv#*:}: $(cat "$dir/rep.json")"
done
# the same report as XLSX and PDF
q inspect report HN --from 01/01/2022 --to 30/06/2022 --format xlsx --output "$dir/r.xlsx"
q inspect report HN --from 01/01/2022 --to 30/06/2022 --format pdf --output "$dir/r.pdf"
if command -v unzip >/dev/null 2>&1; then
    unzip -p "$dir/r.xlsx" xl/sharedStrings.xml | grep -qF "kiểm tra đối với 3 tổ chức đảng, 2 đảng viên" || fail "xlsx sentence"
    unzip -p "$dir/r.xlsx" xl/sharedStrings.xml | grep -qF "Công tác cán bộ" || fail "xlsx areas"
fi
head -c 5 "$dir/r.pdf" | grep -q "%PDF-" || fail "not a PDF"
if command -v pdftotext >/dev/null 2>&1; then
    pdftotext "$dir/r.pdf" - | tr '\n' ' ' | grep -q "giám sát đối với 2 tổ chức đảng" || fail "pdf sentence"
fi
st=0; "$TCXD" inspect report HN --from 01/01/2022 --to 30/06/2022 --format pdf 2>/dev/null || st=$?
[ "$st" = 2 ] || fail "pdf without --output"

# refusals write nothing
before=$(audits)
st=0; "$TCXD" discipline member "$p7" --form khai_tru --decision-date 01/03/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "form" "$dir/err" || fail "khai trừ of a probationary member: $st $(cat "$dir/err")"
st=0; "$TCXD" discipline member "$m4" --form canh_cao --decision-date 01/03/2022 --violation-date 02/03/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "decision before the violation: $st"
st=0; "$TCXD" discipline org HN.P.03 --form cach_chuc --decision-date 01/03/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "cách chức of an organization: $st"
st=0; "$TCXD" inspect conclude 1 --conclusion violation --date 09/02/2022 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "concluded_on\|conclusion" "$dir/err" || fail "conclusion before the start: $(cat "$dir/err")"
st=0; "$TCXD" inspect add HN --kind kt_chuyen_de --body doan --start 01/03/2022 --orgs HN.P.01 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "team without a name: $st"
[ "$(audits)" = "$before" ] || fail "refusals wrote audit records"

q inspect conclude 1 --conclusion discipline_due --date 30/03/2022 --findings "Vi phạm quy chế làm việc"
"$TCXD" --json inspect show 1 | grep -q '"conclusion": "discipline_due"' || fail "conclusion"
# the appeal lowers m1's cảnh cáo to khiển trách: the 12 months restart from the appeal's result
q discipline appeal 2 --lodged 20/04/2022 --result changed --form khien_trach --decided 15/05/2022
"$TCXD" --json discipline show 2 >"$dir/d2"
grep -q '"current": "khien_trach"' "$dir/d2" && grep -q '"expires": "2023-05-15"' "$dir/d2" || fail "appeal: $(cat "$dir/d2")"
# khai trừ ends the membership
q discipline member "$m6" --form khai_tru --decision-date 01/06/2022
"$TCXD" --json member show "$m6" | grep -q '"status": "removed"' || fail "khai trừ did not end the membership"
"$TCXD" --json discipline list HN --from 01/01/2022 --to 30/06/2022 | grep -c '"id"' | grep -qx 4 || fail "list"
# the plan of 2023 (counted here): HN's ủy ban kiểm tra plans 2 inspections and 1 supervision, the
# ward 1 inspection, HP 1 (another subtree); HN carries out one of its inspections (twice) and the
# supervision, the ward its own; HN has 1 inspection outside the plan
q inspect plan-add HN --year 2023 --kind kt_chuyen_de --body ubkt --planned-orgs 3 --month 4 --title "Công tác cán bộ"
q inspect plan-add HN --year 2023 --kind kt_chuyen_de --body ubkt --planned-orgs 2
q inspect plan-add HN --year 2023 --kind gs_chuyen_de --body cap_uy --planned-members 4 --areas tham_nhung
q inspect plan-add HN.P --year 2023 --kind kt_dau_hieu --body ubkt --planned-members 1
q inspect plan-add HP --year 2023 --kind kt_chuyen_de --body ubkt --planned-orgs 1
q inspect add HN --kind kt_chuyen_de --body ubkt --start 10/04/2023 --orgs HN.P.01 --plan-item 1
q inspect add HN --kind kt_chuyen_de --body ubkt --start 11/04/2023 --orgs HN.P.02 --plan-item 1
q inspect add HN --kind gs_chuyen_de --body cap_uy --start 01/06/2023 --members "$m3" --plan-item 3
q inspect add HN.P --kind kt_dau_hieu --body ubkt --start 01/06/2023 --members "$m4" --plan-item 4
q inspect add HN --kind kt_thuong_xuyen --body ubkt --start 01/09/2023 --orgs HN.P.03
out=$("$TCXD" inspect plan HN --year 2023)
echo "$out" | grep -qF "kế hoạch năm 2023: 3 cuộc kiểm tra, 1 cuộc giám sát; đã thực hiện 2/3 cuộc kiểm tra, 1/1 cuộc giám sát; ngoài kế hoạch 1 cuộc kiểm tra, 0 cuộc giám sát" \
    || fail "plan: $out"
[ "$(echo "$out" | grep -c "chưa thực hiện")" = 1 ] || fail "plan items: $out"
"$TCXD" --json inspect plan HN.P --year 2023 | grep -q '"sentence": "kế hoạch năm 2023: 1 cuộc kiểm tra, 0 cuộc giám sát; đã thực hiện 1/1' \
    || fail "the ward's plan"
# refusals write nothing: a planned giám sát thường xuyên, nothing planned, an item of another
# kind, of another year, of another body's organization
before=$(audits)
st=0; "$TCXD" inspect plan-add HN --year 2023 --kind gs_thuong_xuyen --body cap_uy --planned-orgs 1 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "kind" "$dir/err" || fail "planned giám sát thường xuyên: $st $(cat "$dir/err")"
st=0; "$TCXD" inspect plan-add HN --year 2023 --kind kt_chuyen_de --body ubkt 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "nothing planned: $st"
st=0; "$TCXD" inspect add HN --kind kt_dau_hieu --body ubkt --start 01/10/2023 --orgs HN.P.01 --plan-item 2 2>"$dir/err" || st=$?
[ "$st" = 2 ] && grep -q "plan_item_id" "$dir/err" || fail "another kind: $st $(cat "$dir/err")"
st=0; "$TCXD" inspect add HN --kind kt_chuyen_de --body ubkt --start 02/01/2024 --orgs HN.P.01 --plan-item 2 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "another year: $st"
st=0; "$TCXD" inspect add HN.P --kind kt_chuyen_de --body ubkt --start 01/10/2023 --orgs HN.P.01 --plan-item 2 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "another body's organization: $st"
[ "$(audits)" = "$before" ] || fail "plan refusals wrote audit records"
echo "inspect, discipline, plan: ok"
