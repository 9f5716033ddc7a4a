#!/bin/sh
# The sheets boards keep, through the real tcxd: a roll with the Party's header rows, the board's
# own columns and a signature block; a chi bộ's roll with only the admission dates and --org; a
# file saved in Windows-1258 and one in TCVN3 (made here with iconv); the errors file for Excel
# in vi-VN (byte order mark, Vietnamese header, ';'). Expected values are written by hand.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-import-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
export TCXD_TODAY=2021-06-30
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }

"$TCXD" init >/dev/null
"$TCXD" org add T "Đảng bộ tỉnh Thử" --tier above_base --form dang_bo --date 01/01/1960 >/dev/null
"$TCXD" org add T.C "Chi bộ cơ quan" --tier base --form chi_bo --type co_quan_hanh_chinh --parent T \
    --date 01/01/1980 >/dev/null

# a roll as boards lay it out
cat >"$dir/roll.csv" <<'CSV'
ĐẢNG BỘ TỈNH THỬ,,,,,ĐẢNG CỘNG SẢN VIỆT NAM,
CHI BỘ CƠ QUAN,,,,,"Thử, ngày 01 tháng 6 năm 2021",
DANH SÁCH ĐẢNG VIÊN,,,,,,
STT,Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chức vụ,Ghi chú
1,2,3,4,5,6,7
1,Nguyễn Văn An,Nam,15/03/1960,05/01/1990,Bí thư,
2,Lê Thị Bình,Nữ,01/02/1970,03/02/2000,,chuyển đến
,,,,,T/M CHI ỦY,
CSV
st=0
"$TCXD" import members "$dir/roll.csv" --org T.C >"$dir/out" 2>"$dir/err" || st=$?
[ "$st" = 0 ] || fail "roll: exit $st: $(cat "$dir/err")"
grep -qF "imported 2 members" "$dir/out" || fail "roll: $(cat "$dir/out")"
grep -qF "warning: line 4, column 'Chức vụ': column 'Chức vụ' is not one of the columns of members: its values are ignored" \
    "$dir/err" || fail "roll warnings: $(cat "$dir/err")"
grep -qF "warning: line 4, column 'Ghi chú'" "$dir/err" || fail "roll warnings: $(cat "$dir/err")"
grep -qF "warning: line 8, column 'Chức vụ': a line with values only in columns" "$dir/err" \
    || fail "roll signature: $(cat "$dir/err")"
[ "$("$TCXD" --json member list T.C | grep -c '"full_name"')" = 2 ] || fail "roll: not 2 members"

# Windows-1258: one error, the first bad byte ('ọ' is 'o' and the tone mark 0xF2: character 3)
iconv -f UTF-8 -t CP1258 >"$dir/w.csv" <<'CSV'
Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chi bộ
Phạm Văn Cường,Nam,01/01/1970,01/01/2000,T.C
CSV
st=0
"$TCXD" import members "$dir/w.csv" >"$dir/out" 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "cp1258: exit $st"
[ "$(grep -c "w.csv:" "$dir/err")" = 1 ] || fail "cp1258: not one error: $(cat "$dir/err")"
grep -qF "line 1, character 3 is the byte 0xF2; it looks like Windows-1258 text: import it with --encoding cp1258" \
    "$dir/err" || fail "cp1258: $(cat "$dir/err")"
"$TCXD" import members "$dir/w.csv" --encoding cp1258 >"$dir/out" 2>"$dir/err" \
    || fail "cp1258 converted: $(cat "$dir/err")"

# TCVN3 (.VnTime): "Hä vµ tªn" - 'ä' (0xE4) is character 2
iconv -f UTF-8 -t TCVN5712-1 >"$dir/v.csv" <<'CSV'
Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chi bộ
Đặng Thị Dung,Nữ,01/01/1975,01/01/2005,T.C
CSV
st=0
"$TCXD" import members "$dir/v.csv" >"$dir/out" 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "tcvn3: exit $st"
grep -qF "line 1, character 2 is the byte 0xE4; it looks like TCVN3 (.VnTime) text: import it with --encoding tcvn3" \
    "$dir/err" || fail "tcvn3: $(cat "$dir/err")"
"$TCXD" import members "$dir/v.csv" --encoding tcvn3 >"$dir/out" 2>"$dir/err" \
    || fail "tcvn3 converted: $(cat "$dir/err")"
"$TCXD" --json member list T.C | grep -qF '"full_name": "Đặng Thị Dung"' || fail "tcvn3: name"

# the errors file for Excel vi-VN
printf 'Họ và tên,Giới tính,Ngày sinh,Ngày vào Đảng,Chi bộ\nA B,Nam,31/02/1980,01/01/2010,T.C\n"Lê; C",Nam,01/01/1980,01/01/2010,ZZ\n' \
    >"$dir/bad.csv"
st=0
TCXD_LANG=vi "$TCXD" import members "$dir/bad.csv" --errors "$dir/e.csv" >/dev/null 2>&1 || st=$?
[ "$st" = 2 ] || fail "errors: exit $st"
printf '\357\273\277Dòng;Cột;Trường;Lỗi\r\n2;Ngày sinh;birth_date;ngày không hợp lệ '"'"'31/02/1980'"'"' (trường birth_date)\r\n' \
    >"$dir/want"
head -c "$(wc -c <"$dir/want")" "$dir/e.csv" | cmp -s - "$dir/want" || fail "errors file:
$(od -c "$dir/e.csv" | head -5)"
grep -qF "3;Chi bộ;org;không có chi bộ 'ZZ'" "$dir/e.csv" || fail "errors file: $(cat "$dir/e.csv")"
# ... or as XLSX, right in any regional format: the same rows in cells
st=0
TCXD_LANG=vi "$TCXD" import members "$dir/bad.csv" --errors "$dir/e.xlsx" >/dev/null 2>&1 || st=$?
[ "$st" = 2 ] || fail "errors xlsx: exit $st"
[ "$(head -c 2 "$dir/e.xlsx")" = "PK" ] || fail "errors xlsx: not a zip"
if command -v unzip >/dev/null; then
    unzip -p "$dir/e.xlsx" xl/sharedStrings.xml >"$dir/sst.xml"
    for want in "Dòng" "Cột" "Trường" "Lỗi" "Ngày sinh" "không có chi bộ 'ZZ'"; do
        grep -qF "$want" "$dir/sst.xml" || fail "errors xlsx: no '$want'"
    done
fi
echo ok
