#!/bin/sh
# The degradation self-check through the real tcxd: members of two chi bộ record their 27
# levels; the year's report over the ward and by chi bộ against counts made here; bad levels
# and a member outside the year refused with nothing written; a replaced check audited.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-degr-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
audits() { "$TCXD" --json audit --limit 100000 2>/dev/null | grep -c '"action"' || true; }
refused() {
    field=$1; shift
    before=$(audits)
    if out=$("$TCXD" "$@" 2>&1); then fail "accepted: $*"; fi
    echo "$out" | grep -q "$field" || fail "no field $field in: $out"
    [ "$(audits)" = "$before" ] || fail "refused but wrote: $*"
}
# every item at `base`, item CODE at LEVEL
levels() {
    base=$1 code=${2:-} lv=${3:-}
    out=""
    for g in 1 2 3; do for i in 1 2 3 4 5 6 7 8 9; do
        v=$base; [ "$g.$i" = "$code" ] && v=$lv
        out="$out$g.$i=$v; "
    done; done
    echo "$out"
}

q init
q org add Q "Đảng bộ quận" --tier above_base --form dang_bo --date 01/01/2000
q org add T "Đảng bộ phường" --tier base --form dang_bo --type phuong --parent Q --date 01/01/2000
q org add T.1 "Chi bộ 1" --tier below_base --form chi_bo --parent T --date 01/01/2000
q org add T.2 "Chi bộ 2" --tier below_base --form chi_bo --parent T --date 01/01/2000
for i in 1 2 3 4 5; do
    c=1; [ "$i" -gt 3 ] && c=2
    q member add --org T.$c --name "Đảng Viên $i" --gender nam --birth 01/01/1970 --decision-date 01/01/2010 --ceremony-date 01/01/2010 --official-date 01/01/2011
done
[ "$("$TCXD" degradation items | wc -l)" = 27 ] || fail "not 27 manifestations"

# chi bộ 1: none, none, 2.4 at 2 (mild); chi bộ 2: 1.5 at 1 (slight), 3.3 at 4 (severe, concluded)
q degradation record 1 --year 2024 --levels "$(levels 0)" --date 15/12/2024
q degradation record 2 --year 2024 --levels "$(levels 0)" --date 15/12/2024
q degradation record 3 --year 2024 --levels "$(levels 0 2.4 2)" --date 15/12/2024
q degradation record 4 --year 2024 --levels "$(levels 0 1.5 1)" --date 15/12/2024
q degradation record 5 --year 2024 --levels "$(levels 0 3.3 4)" --concluded --date 15/12/2024
refused levels degradation record 1 --year 2024 --levels "$(levels 0 1.1 7)"
refused levels degradation record 1 --year 2024 --levels "1.1=0; 1.2=0"
refused year degradation record 1 --year 2999 --levels "$(levels 0)"
refused member_id degradation record 1 --year 2009 --levels "$(levels 0)" --date 01/06/2009
"$TCXD" degradation report T --year 2024 | grep -q "^Đảng bộ phường: 5 đảng viên tự đánh giá: 2 không có biểu hiện, 1 có biểu hiện không đáng kể, 1 có biểu hiện ở mức nhẹ, 0 có biểu hiện ở mức trung bình, 1 có biểu hiện ở mức nghiêm trọng; chi bộ kết luận 1 đảng viên có biểu hiện suy thoái" || fail "ward sentence: $("$TCXD" degradation report T --year 2024)"
"$TCXD" degradation report T --year 2024 | grep -q "^Chi bộ 1: 3 đảng viên tự đánh giá: 2 không có biểu hiện, 0 có biểu hiện không đáng kể, 1 có biểu hiện ở mức nhẹ" || fail "chi bộ 1"
"$TCXD" degradation report T --year 2024 | grep -q "^Chi bộ 2: 2 đảng viên tự đánh giá: 0 không có biểu hiện, 1 có biểu hiện không đáng kể, 0 có biểu hiện ở mức nhẹ, 0 có biểu hiện ở mức trung bình, 1 có biểu hiện ở mức nghiêm trọng; chi bộ kết luận 1" || fail "chi bộ 2"
"$TCXD" --json degradation show 5 --year 2024 | grep -q '"overall": "severe"' || fail "overall"
# replacing a check: one audit record, the report follows
before=$(audits)
q degradation record 5 --year 2024 --levels "$(levels 0)" --date 20/12/2024
[ "$(audits)" = $((before + 1)) ] || fail "replace not audited once"
"$TCXD" --json degradation report T --year 2024 | grep -q '"concluded": 0' || fail "replaced check still concluded"
"$TCXD" --json degradation report T --year 2023 | grep -q '"members": 0' || fail "2023 not empty"
echo ok
