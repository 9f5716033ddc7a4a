#!/bin/sh
# `tcxd form` end to end on the real binary: list, show in every format (the engine's facts
# too), export to files, flows, --children, and the refusals (exit status 2, the field named).
# The city: TP with districts Q1 (chi bộ cơ sở Q1.X) and Q2 (Q2.X); one admission in Q1.X in
# 2020, two in 2021, one in Q2.X in 2021: so for TP in 2021, A = 1, B.1 = 3, D = 4.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-form-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
t() { "$TCXD" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

t init >/dev/null
t org add TP "Đảng bộ thành phố Thử" --tier above_base --form dang_bo --date 01/01/1990 >/dev/null
t org add TP.Q1 "Đảng bộ quận Một" --tier above_base --form dang_bo --parent TP --date 01/01/1990 >/dev/null
t org add TP.Q2 "Đảng bộ quận Hai" --tier above_base --form dang_bo --parent TP --date 01/01/1990 >/dev/null
t org add TP.Q1.X "Chi bộ xã Một" --tier base --form chi_bo --type xa --parent TP.Q1 --date 01/01/1990 >/dev/null
t org add TP.Q2.X "Chi bộ xã Hai" --tier base --form chi_bo --type xa --parent TP.Q2 --date 01/01/1990 >/dev/null
t member admit --org TP.Q1.X --name "Nguyễn Văn Một" --gender nam --birth 12/03/1990 --decision-date 02/03/2020 >/dev/null
t member admit --org TP.Q1.X --name "Trần Thị Hai" --gender nữ --birth 05/05/1995 --decision-date 01/02/2021 >/dev/null
t member admit --org TP.Q1.X --name "Lê Văn Ba" --gender nam --birth 01/01/1991 --decision-date 01/06/2021 >/dev/null
t member admit --org TP.Q2.X --name "Phạm Thị Bốn" --gender nữ --birth 01/01/1992 --decision-date 01/07/2021 >/dev/null

t form list | grep -q "1-BTCTW" || fail "form list lacks 1-BTCTW"
[ "$(t --json form list | grep -c '"number"')" = 25 ] || fail "form list: not 25 definitions (8 BTCTW, 6 TCTW 2012, cadre forms 9A-9C, 10, 11, 12A-12C and 13, staffing forms 8A and 8B)"
t form list | grep -q "1-TCTW" || fail "form list lacks 1-TCTW"

for engine in store engine; do
    out=$(t --json form show 1 TP --period 2021 --engine $engine) || fail "form show ($engine)"
    for kv in "A:1" "B.1:3" "D:4"; do
        k=${kv%%:*}; v=${kv#*:}
        echo "$out" | tr -d ' \n' | grep -q "\"key\":\"$k\",[^}]*\"values\":\[$v," ||
            fail "form 1 ($engine) row $k is not $v"
    done
done
t form show 1 TP --period 2021 --children | grep -q "^\[đúng\] children sum to the parent" ||
    fail "--children: no children check"
t form show 1 TP --period 2021 | grep -q "SAI" && fail "a check failed"
t form show 3 TP.Q1 --period 2021-h1 | grep -q "6 THÁNG ĐẦU NĂM 2021" || fail "period title"
t form show 1 TP --period 2021 --format csv | grep -q "^1-BTCTW,D,D - Đảng viên trong danh sách cuối kỳ báo cáo,4," ||
    fail "csv row D"
t form export 1 TP --period 2021 --format xlsx --output "$dir/f.xlsx" >/dev/null
[ "$(head -c 2 "$dir/f.xlsx")" = "PK" ] || fail "xlsx file"
t form export 5 TP --period 2021 --format pdf --output "$dir/f.pdf" >/dev/null
[ "$(head -c 4 "$dir/f.pdf")" = "%PDF" ] || fail "pdf file"
t form flows TP.Q1 --period 2021 | grep -q "kết nạp được 2 đảng viên (bằng 200,0% so với cùng kỳ năm 2020)" ||
    fail "flows sentence"

# refusals: exit 2, nothing written
set +e
t form show 1 TP --period 2021-h3 >/dev/null 2>"$dir/err"; rc=$?
set -e
[ $rc = 2 ] || fail "bad period: exit $rc"
grep -q "period" "$dir/err" || fail "bad period: field not named"
set +e
t form show 9 TP --period 2021 >/dev/null 2>&1; rc=$?
t form export 1 TP --period 2021 --format xlsx >/dev/null 2>&1; rc2=$?
t form show 1 NOPE --period 2021 >/dev/null 2>&1; rc3=$?
set -e
[ $rc = 2 ] || fail "unknown form: exit $rc"
[ $rc2 = 2 ] || fail "export without --output: exit $rc2"
[ $rc3 = 2 ] || fail "unknown organization: exit $rc3"
echo "cli_form: ok"
