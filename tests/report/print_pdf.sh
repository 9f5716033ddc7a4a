#!/bin/sh
# The printed forms through the real tcxd: the Phiếu đảng viên (2-HSĐV) of a member and the Sổ
# danh sách đảng viên (7-HSĐV) of a chi bộ, as PDF, read back with poppler's pdftotext (the
# words and the member's values, typed here by hand) and pdfinfo (A4, orientation, pages), and
# rendered with pdftoppm (a PNG of the page's size); the errors of a wrong organization/member.
set -eu
[ "${TCXD_TEST_TRACE:-}" ] && set -x
TCXD=$1
for tool in pdftotext pdftoppm pdfinfo; do
    command -v $tool >/dev/null || { echo "print_pdf.sh: $tool is needed (poppler-utils)" >&2; exit 1; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-print-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
export TCXD_TODAY=2024-06-30
export TCXD_LANG=en
unset LC_ALL LC_MESSAGES LANG
fail() { echo "FAIL: $*" >&2; exit 1; }

t() { "$TCXD" "$@"; }
t init >/dev/null
t org add HN "Đảng bộ thành phố Hà Nội" --tier above_base --form dang_bo --date 01/01/1960 >/dev/null
t org add HN.BD "Đảng bộ quận Ba Đình" --tier above_base --form dang_bo --parent HN --date 01/01/1961 >/dev/null
t org add HN.BD.PX "Đảng bộ phường Phúc Xá" --tier base --form dang_bo --type phuong --parent HN.BD \
    --date 01/01/1980 >/dev/null
t org add HN.BD.PX.1 "Chi bộ Tổ dân phố số 1" --tier below_base --form chi_bo --parent HN.BD.PX \
    --date 01/01/1990 >/dev/null
t org add HN.BD.PX.2 "Chi bộ Tổ dân phố số 2" --tier below_base --form chi_bo --parent HN.BD.PX \
    --date 01/01/1990 >/dev/null
t member admit --org HN.BD.PX.1 --name "Nguyễn Thị Ánh Dương" --gender nu --birth 12/03/1985 \
    --decision-date 01/03/2010 --ceremony-date 15/03/2010 --hometown "Xã Đông Anh, Hà Nội" \
    --national-id 001185012345 --card 01234567 >/dev/null
t member official 1 --decision-date 20/03/2011 >/dev/null
t member admit --org HN.BD.PX.2 --name "Trần Văn Bình" --gender nam --birth 01/01/1970 \
    --decision-date 01/05/2000 --ceremony-date 19/05/2000 >/dev/null
t member transfer 2 --to HN.BD.PX.1 --date 01/02/2020 >/dev/null

# the Phiếu
t print phieu 1 -o "$dir/phieu.pdf" 2>/dev/null
pdfinfo "$dir/phieu.pdf" >"$dir/info"
grep -q "Page size: *595.* x 841.* pts (A4)" "$dir/info" || fail "phieu: not A4 portrait: $(cat "$dir/info")"
pdftotext "$dir/phieu.pdf" "$dir/phieu.txt"
tr '\n' ' ' <"$dir/phieu.txt" | tr -s ' ' >"$dir/phieu.flat"
for want in "ĐẢNG CỘNG SẢN VIỆT NAM" "PHIẾU ĐẢNG VIÊN" "SỐ LÝ LỊCH" "SỐ THẺ ĐẢNG VIÊN" \
    "NGUYỄN THỊ ÁNH DƯƠNG" "Giới tính: Nữ" "Sinh ngày: 12/03/1985" "Quê quán: Xã Đông Anh, Hà Nội" \
    "Ngày vào Đảng: 15/03/2010, tại Chi bộ Tổ dân phố số 1" "Ngày quyết định kết nạp: 01/03/2010" \
    "Ngày chính thức: 15/03/2011" "Số căn cước: 001185012345" "CHI BỘ: CHI BỘ TỔ DÂN PHỐ SỐ 1" \
    "ĐẢNG BỘ CƠ SỞ: ĐẢNG BỘ PHƯỜNG PHÚC XÁ" "30. Hoàn cảnh kinh tế" "21. Quá trình hoạt động" \
    "XÁC NHẬN CỦA CHI ỦY"; do
    grep -qF "$want" "$dir/phieu.flat" || fail "phieu: no '$want' in:
$(cat "$dir/phieu.flat")"
done
# the card number, one digit a box
tr -d ' \n' <"$dir/phieu.txt" | grep -qF "01234567" || fail "phieu: card number"
pdftoppm -r 30 -png -f 1 -l 1 "$dir/phieu.pdf" "$dir/phieu"
# PNG: 8-byte signature, IHDR width and height (A4 at 30 dpi, rounded up: 210 mm = 248.03 px,
# 297 mm = 350.79 px)
size=$(od -An -tu1 -j16 -N8 "$dir/phieu-1.png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')
[ "$size" = "249 351" ] || fail "phieu: PNG of $size, not 249 351"

# the Sổ danh sách on 30/06/2024: both members, the one who moved with his arrival
t print so-danh-sach HN.BD.PX.1 --as-of 30/06/2024 -o "$dir/so.pdf" 2>/dev/null
pdfinfo "$dir/so.pdf" >"$dir/info"
grep -q "Page size: *841.* x 595.* pts (A4)" "$dir/info" || fail "so: not A4 landscape: $(cat "$dir/info")"
pdftotext "$dir/so.pdf" "$dir/so.txt"
tr '\n' ' ' <"$dir/so.txt" | tr -s ' ' >"$dir/so.flat"
for want in "ĐẢNG CỘNG SẢN VIỆT NAM" "ĐẢNG BỘ PHƯỜNG PHÚC XÁ" "CHI BỘ TỔ DÂN PHỐ SỐ 1" \
    "Phúc Xá, ngày 30 tháng 06 năm 2024" "SỔ DANH SÁCH ĐẢNG VIÊN" "có đến ngày 30/06/2024: 2 đảng viên" \
    "Nguyễn Thị Ánh Dương" "Trần Văn Bình" "Nữ; Kinh; Không" "15/03/2010 15/03/2011" "01234567" \
    "01/02/2020 Chi bộ Tổ dân phố số 2" "T/M CHI ỦY" "BÍ THƯ" "(14)"; do
    grep -qF "$want" "$dir/so.flat" || fail "so: no '$want' in:
$(cat "$dir/so.flat")"
done
for col in "STT" "Họ và tên" "Quê quán" "Ghi chú" "Số thẻ; số lý lịch" "Ngày từ trần, lý do"; do
    grep -qF "$col" "$dir/so.flat" || fail "so: no column '$col'"
done
# before the move: only the first member
t print so-danh-sach HN.BD.PX.1 --as-of 31/12/2019 -o "$dir/so2019.pdf" 2>"$dir/err" || fail "so 2019: $(cat "$dir/err")"
pdftotext "$dir/so2019.pdf" - | tr '\n' ' ' | grep -qF "1 đảng viên" || fail "so 2019: count"
pdftotext "$dir/so2019.pdf" - | grep -qF "Trần Văn Bình" && fail "so 2019: the member who came later"
pdftoppm -r 30 -png -f 1 -l 1 "$dir/so.pdf" "$dir/so"
size=$(od -An -tu1 -j16 -N8 "$dir/so-1.png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')
[ "$size" = "351 249" ] || fail "so: PNG of $size, not 351 249"

# errors: a đảng bộ has no Sổ danh sách of its own; no such member; no file on a terminal
st=0
t print so-danh-sach HN.BD.PX -o "$dir/x.pdf" 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "so of a đảng bộ: exit $st"
grep -qF "'HN.BD.PX' is not a chi bộ" "$dir/err" || fail "so of a đảng bộ: $(cat "$dir/err")"
[ ! -e "$dir/x.pdf" ] || fail "so of a đảng bộ: a file was written"
st=0
t print phieu 99 -o "$dir/x.pdf" 2>"$dir/err" || st=$?
[ "$st" = 2 ] || fail "phieu 99: exit $st"
echo ok
