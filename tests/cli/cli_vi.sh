#!/bin/sh
# Error messages in Vietnamese: the real tcxd with TCXD_LANG=vi (and with the locale alone) on a
# small database. The expected sentences are the catalog's Vietnamese (src/util/msg_vi.c) with the
# values this script passes filled in by hand: an invalid date, official recognition before the
# 12 months of probation, a chi bộ placed under a chi bộ, an import with bad rows. English is
# checked too where the choice should give English.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-vi-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=vi
ENVS=""  # extra VAR=VALUE words for the next commands
# shellcheck disable=SC2086
t() { env $ENVS "$TCXD" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# refused WANT ARGS...: tcxd ARGS must exit 2 and print WANT (one line) on stderr
refused() {
    want=$1; shift
    st=0
    t "$@" >"$dir/out" 2>"$dir/err" || st=$?
    [ "$st" = 2 ] || fail "tcxd $*: exit $st, not 2 ($(cat "$dir/err"))"
    [ "$(cat "$dir/err")" = "$want" ] || fail "tcxd $*
  got:  $(cat "$dir/err")
  want: $want"
}

t init >/dev/null
t org add T "Đảng bộ tỉnh Thử" --tier above_base --form dang_bo --date 01/01/2010 >/dev/null
t org add T.A "Đảng bộ huyện A" --tier above_base --form dang_bo --parent T --date 01/01/2010 >/dev/null
t org add T.A.C "Chi bộ cơ quan" --tier base --form chi_bo --type co_quan_hanh_chinh --parent T.A \
    --date 01/01/2010 >/dev/null
t member admit --org T.A.C --name "Nguyễn Văn An" --gender nam --birth 12/03/1990 \
    --decision-date 01/03/2015 --ceremony-date 15/03/2015 >/dev/null

# an invalid date
refused "tcxd: ngày không hợp lệ '31/02/2010' (trường date)" \
    org add T.B "Đảng bộ huyện B" --tier above_base --form dang_bo --parent T --date 31/02/2010

# official recognition before the 12 months of probation (ceremony 15/03/2015)
refused "tcxd: quyết định công nhận chính thức ngày 01/02/2016, trước khi hết 12 tháng dự bị (15/03/2016) (trường decision_date)" \
    member official 1 --decision-date 01/02/2016
st=0
t --json member official 1 --decision-date 01/02/2016 >"$dir/out" 2>/dev/null || st=$?
[ "$st" = 2 ] || fail "--json member official: exit $st"
grep -qF '"message": "quyết định công nhận chính thức ngày 01/02/2016, trước khi hết 12 tháng dự bị (15/03/2016)"' \
    "$dir/out" || fail "--json message: $(cat "$dir/out")"
grep -qF '"code": "rule"' "$dir/out" || fail "--json code: $(cat "$dir/out")"

# wrong nesting: a chi bộ under a chi bộ, a base đảng bộ under a base đảng bộ
refused "tcxd: Chi bộ trực thuộc không thể trực thuộc chi bộ (chi bộ không có tổ chức trực thuộc) (trường parent)" \
    org add T.A.C.1 "Chi bộ con" --tier below_base --form chi_bo --parent T.A.C --date 01/01/2011
t org add T.A.X "Đảng bộ xã X" --tier base --form dang_bo --type xa --parent T.A --date 01/01/2010 \
    >/dev/null
refused "tcxd: Đảng bộ cơ sở không thể trực thuộc Đảng bộ cơ sở (trường parent)" \
    org add T.A.X.Y "Đảng bộ xã Y" --tier base --form dang_bo --type xa --parent T.A.X \
    --date 01/01/2011

# an event word and a plural ending: "age 5 years 2 months" has no plural in Vietnamese
refused "tcxd: 5 tuổi 2 tháng vào ngày quyết định kết nạp 01/03/2015; phải từ đủ 18 đến 60 tuổi (trường birth_date)" \
    member admit --org T.A.C --name "Trẻ Em" --gender nam --birth 01/01/2010 \
    --decision-date 01/03/2015 --ceremony-date 15/03/2015
refused "tcxd: giới tính không hợp lệ 'x' (cần nam hoặc nu) (trường gender)" \
    member admit --org T.A.C --name "Lê B" --gender x --birth 01/01/1990 \
    --decision-date 01/03/2015 --ceremony-date 15/03/2015

# an import: the rows' issues and the summary
printf 'Họ và tên,Giới tính,Ngày sinh,Ngày quyết định kết nạp,Ngày kết nạp,Chi bộ\nNguyễn Văn B,nam,31/02/1990,01/03/2015,15/03/2015,T.A.C\nTrần C,nam,01/01/1990,01/03/2015,15/03/2015,ZZ\n' \
    >"$dir/m.csv"
st=0
t import members "$dir/m.csv" >"$dir/out" 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "import: exit $st"
cat "$dir/out" "$dir/err" >"$dir/all"
for want in "dòng 2, cột 'Ngày sinh': ngày không hợp lệ '31/02/1990' (trường birth_date)" \
    "dòng 3, cột 'Chi bộ': không có chi bộ 'ZZ'" \
    "tcxd: 2 lỗi ở 2 trong số 2 dòng; không ghi dữ liệu nào"; do
    grep -qF "$want" "$dir/all" || fail "import: no line '$want' in:
$(cat "$dir/all")"
done

# the choice of language
unset TCXD_LANG
refused "tcxd: invalid date '31/02/2010' (field date)" \
    org add T.B "B" --tier above_base --form dang_bo --parent T --date 31/02/2010
ENVS="LANG=vi_VN.UTF-8"
refused "tcxd: ngày không hợp lệ '31/02/2010' (trường date)" \
    org add T.B "B" --tier above_base --form dang_bo --parent T --date 31/02/2010
ENVS="LC_ALL=C.UTF-8 LANG=vi_VN.UTF-8"
refused "tcxd: invalid date '31/02/2010' (field date)" \
    org add T.B "B" --tier above_base --form dang_bo --parent T --date 31/02/2010
ENVS="TCXD_LANG=en LANG=vi_VN.UTF-8"
refused "tcxd: invalid date '31/02/2010' (field date)" \
    org add T.B "B" --tier above_base --form dang_bo --parent T --date 31/02/2010
ENVS="LC_MESSAGES=vi_VN.UTF-8 LANG=en_US.UTF-8"
refused "tcxd: ngày không hợp lệ '31/02/2010' (trường date)" \
    org add T.B "B" --tier above_base --form dang_bo --parent T --date 31/02/2010
ENVS="TCXD_LANG=vi LC_ALL=C"
refused "tcxd: ngày không hợp lệ '31/02/2010' (trường date)" \
    org add T.B "B" --tier above_base --form dang_bo --parent T --date 31/02/2010
echo ok
