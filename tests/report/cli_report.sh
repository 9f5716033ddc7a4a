#!/bin/sh
# The `tcxd report structure` command end to end on a small database built with the CLI: the
# sentence of each shape, the comparison line, every format, and the refusals (exit status 2,
# error JSON with --json). Figures are those of the tree built here, counted by hand.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-report-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
t() { "$TCXD" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { # expect WANT ARGS...: stdout of tcxd ARGS must be WANT
    want=$1; shift
    got=$(t "$@") || fail "tcxd $* exited $?"
    [ "$got" = "$want" ] || fail "tcxd $*
  got:  $got
  want: $want"
}

t init >/dev/null
t org add TP "Đảng bộ thành phố Thử" --tier above_base --form dang_bo --date 01/01/1970 >/dev/null
t org add TP.Q "Đảng bộ quận Một" --tier above_base --form dang_bo --parent TP --date 01/01/1970 >/dev/null
t org add TP.Q.P "Đảng bộ phường Một" --tier base --form dang_bo --type phuong --parent TP.Q --date 01/01/1970 >/dev/null
t org add TP.Q.P.B "Đảng bộ bộ phận Khu Một" --tier below_base --form dang_bo --parent TP.Q.P --date 01/01/1970 >/dev/null
t org add TP.Q.P.1 "Chi bộ 1" --tier below_base --form chi_bo --parent TP.Q.P --date 01/01/1970 >/dev/null
t org add TP.Q.P.B.2 "Chi bộ 2" --tier below_base --form chi_bo --parent TP.Q.P.B --date 01/01/1970 >/dev/null
t org add TP.Q.X "Chi bộ xã Hai" --tier base --form chi_bo --type xa --parent TP.Q --date 01/01/1970 >/dev/null
t member admit --org TP.Q.P.1 --name "Nguyễn Văn Một" --gender nam --birth 12/03/1990 --decision-date 02/01/2020 --ceremony-date 15/01/2020 >/dev/null
t member admit --org TP.Q.P.B.2 --name "Trần Thị Hai" --gender nữ --birth 05/05/1975 --decision-date 01/02/2001 --ceremony-date 10/02/2001 >/dev/null
t member admit --org TP.Q.X --name "Lê Văn Ba" --gender nam --birth 01/01/1950 --decision-date 01/02/1975 --ceremony-date 10/02/1975 >/dev/null
t member admit --org TP.Q.X --name "Phạm Thị Bốn" --gender nữ --birth 01/01/1999 --decision-date 01/06/2021 --ceremony-date 10/06/2021 >/dev/null

expect "Đảng bộ thành phố Thử có 1 đảng bộ trực thuộc với 2 tổ chức cơ sở đảng, 1 đảng bộ bộ phận, 2 chi bộ trực thuộc và 4 đảng viên." \
    report structure TP --as-of 31/12/2021
expect "Đảng bộ quận Một có 2 tổ chức cơ sở đảng, 1 đảng bộ bộ phận, 2 chi bộ trực thuộc và 3 đảng viên." \
    report structure TP.Q --as-of 2020-12-31
expect "Đảng bộ phường Một có 1 đảng bộ bộ phận, 2 chi bộ trực thuộc và 2 đảng viên." \
    report structure TP.Q.P --as-of 31/12/2021
expect "Chi bộ xã Hai có 2 đảng viên." report structure TP.Q.X --as-of 31/12/2021
expect "Chi bộ 1 chưa có đảng viên." report structure TP.Q.P.1 --as-of 31/12/2019
expect "Chi bộ xã Hai có 2 đảng viên.
So với ngày 31/12/2020: đảng viên tăng 1 (100,0%)." \
    report structure TP.Q.X --as-of 31/12/2021 --compare 31/12/2020

# formats
t report structure TP --as-of 31/12/2021 --format table | grep -q "^Theo độ tuổi$" || fail "table"
t --json report structure TP --as-of 31/12/2021 | grep -q '"members": 4' || fail "json"
t report structure TP --as-of 31/12/2021 --format csv --output "$dir/r.csv"
[ "$(head -c 3 "$dir/r.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "csv BOM"
head -1 "$dir/r.csv" | tail -c +4 | grep -q "^Mã bảng,Bảng,Mã mục,Mục,Mã chỉ tiêu,Chỉ tiêu,Ngày,Giá trị" || fail "csv header"
grep -q "^totals,Tổng hợp,members,Đảng viên,count,Số lượng,31/12/2021,4" "$dir/r.csv" || fail "csv members"
t report structure TP --as-of 31/12/2021 --compare 31/12/2020 --format xlsx --output "$dir/r.xlsx"
[ "$(head -c 2 "$dir/r.xlsx")" = "PK" ] || fail "xlsx"
out=$(t --json report structure TP --format xlsx --output "$dir/r2.xlsx")
echo "$out" | grep -q '"output"' || fail "json summary of a file"

# refusals: exit 2, nothing printed on stdout but the error JSON
for args in "report structure NOPE" "report structure TP --format pdf" "report structure TP --as-of 31/02/2021" \
    "report structure TP --top 0" "report" "report nothing TP" "report structure TP.Q.X --as-of 31/12/1960"; do
    set +e
    # shellcheck disable=SC2086
    t $args >/dev/null 2>&1
    rc=$?
    set -e
    [ $rc -eq 2 ] || fail "tcxd $args: exit $rc, want 2"
done
t --json report structure NOPE 2>/dev/null | grep -q '"code": "not_found"' || fail "json error"
echo "cli report: ok"
