#!/bin/sh
# The leadership forms through the real tcxd: 9A-9C (cán bộ lãnh đạo, quản lý: people holding
# each post at the period's end) and 12A-12C (kết quả quy hoạch: planning entries active then),
# over a city (HN: cấp tỉnh), a district (HN.Q1: cấp huyện) with its ward (HN.Q1.P: cấp xã) and
# a chi bộ under it, a city agency (HN.S, base: its posts are the city's), a district agency
# (HN.Q1.A) and another district (HN.Q2).
# The facts are listed below (the cadre, seat/hold/plan, the organization, the role or the post,
# dates, the tier the script expects and whether the post is given): the script enters them, then
# counts every cell of the six forms itself from the same lists (awk: the organization in the
# subtree, the tier, active on 31/12, the column's post, the row's attribute; a person once per
# column on form 9, each entry on form 12; a committee role gives its posts: standing -> BCH and
# BTV, secretary and deputy -> BCH, BTV and their own, inspection -> UBKT). Then: refusals change
# nothing; rows from before migration 0071 (post, tier, leader NULL) read the same; a database
# upgraded from before 0071 gets the columns.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-leader-forms-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
id() { "$TCXD" --json "$@" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -1; }
refused() { # what field command...: refused, the error naming the field
    what=$1 field=$2
    shift 2
    if out=$("$TCXD" --json "$@" 2>&1); then fail "$what: accepted"; fi
    echo "$out" | grep -q "\"field\": *\"$field\"" || fail "$what: no field $field in: $out"
}

q init
q org add HN "Đảng bộ Thành phố" --tier above_base --form dang_bo --date 01/01/1990
q org add HN.S "Đảng bộ Sở Một" --tier base --form dang_bo --type co_quan_hanh_chinh --parent HN --date 01/01/1990
q org add HN.Q1 "Đảng bộ Quận Một" --tier above_base --form dang_bo --parent HN --date 01/01/1990
q org add HN.Q1.P "Đảng bộ Phường Một" --tier base --form dang_bo --type phuong --parent HN.Q1 --date 01/01/1990
q org add HN.Q1.P.C "Chi bộ Tổ dân phố 1" --tier below_base --form chi_bo --parent HN.Q1.P --date 01/01/1990
q org add HN.Q1.A "Đảng bộ Cơ quan Quận Một" --tier base --form dang_bo --type co_quan_hanh_chinh --parent HN.Q1 --date 01/01/1990
q org add HN.Q2 "Đảng bộ Quận Hai" --tier above_base --form dang_bo --parent HN --date 01/01/1990

# label gender birth prof academic theory ethnicity
cat >"$dir/cadres" <<'EOF'
c1 nam 1968-05-01 tien_si gs cao_cap Kinh
c2 nu 1976-03-10 thac_si pgs cao_cap Tày
c3 nam 1985-12-31 dai_hoc none trung_cap Kinh
c4 nu 1984-12-31 cao_dang none so_cap Mường
c5 nam 1974-12-31 dai_hoc none cu_nhan Kinh
c6 nam 1975-01-01 trung_cap none trung_cap Kinh
c7 nu 1990-07-07 dai_hoc none none Kinh
c8 nam 1960-01-01 thac_si pgs cao_cap Kinh
c9 nu 1982-02-02 dai_hoc none trung_cap Thái
EOF
# cadre kind org role|title:post from to tier given
#   kind seat: role; hold: the position's title and post ("-": the title's); plan: the same,
#   planned in 2025-2030. to "-": still on. tier: what the script expects the form to count it
#   at (none: on no form); given: "y" passes --post (and --tier when the tier column says so:
#   "t"), "n" leaves the defaults
cat >"$dir/facts" <<'EOF'
c1 seat HN secretary 2020-07-01 - tinh n
c2 seat HN deputy 2020-07-01 - tinh n
c3 seat HN standing 2020-07-01 - tinh n
c4 seat HN executive 2020-07-01 - tinh n
c5 seat HN executive 2020-07-01 2025-06-30 tinh n
c9 seat HN inspection 2020-07-01 - tinh n
c1 hold HN bi_thu:- 2020-10-05 - tinh n
c2 hold HN chu_tich_hdnd:- 2021-06-01 - tinh n
c3 hold HN chu_tich_ubnd:- 2021-06-01 - tinh n
c4 hold HN pho_chu_tich_ubnd:- 2021-06-01 - tinh n
c5 hold HN pho_chu_tich_ubnd:- 2021-06-01 - tinh n
c8 hold HN truong_doan_dbqh:- 2021-07-01 - tinh n
c6 hold HN chu_tich_mttq:- 2021-01-01 - tinh n
c7 hold HN.S cap_truong:truong_so 2022-01-01 - tinh y
c9 hold HN.S cap_pho:pho_so 2022-01-01 2025-12-31 tinh y
c8 hold HN.S cap_pho:pho_su_nghiep 2023-03-01 - tinh y
c4 hold HN.S cap_truong:- 2023-03-01 - none n
c6 hold HN cap_pho:pho_ban 2025-12-31 - tinh y
c7 hold HN.S cap_pho:pho_ban 2026-01-01 - tinh y
c2 seat HN.Q1 secretary 2020-07-01 - huyen n
c3 seat HN.Q1 standing 2020-07-01 - huyen n
c5 seat HN.Q1 deputy 2020-07-01 - huyen n
c3 hold HN.Q1 chu_tich_ubnd:- 2021-01-01 - huyen n
c5 hold HN.Q1 chu_tich_hdnd:- 2021-01-01 - huyen n
c6 hold HN.Q1.A cap_truong:truong_so 2022-01-01 - huyen y
c7 hold HN.Q1.A cap_pho:pho_ban 2022-01-01 - huyen y
c8 hold HN cap_truong:truong_ban 2022-01-01 - huyen t
c9 hold HN.Q1 cap_truong:truong_su_nghiep 2022-01-01 - huyen y
c1 seat HN.Q2 executive 2020-07-01 - huyen n
c6 hold HN.Q2 pho_chu_tich_ubnd:- 2021-01-01 - huyen n
c4 seat HN.Q1.P secretary 2020-07-01 - xa n
c6 seat HN.Q1.P deputy 2020-07-01 - xa n
c7 seat HN.Q1.P executive 2020-07-01 - xa n
c9 seat HN.Q1.P inspection_chair 2020-07-01 - xa n
c4 hold HN.Q1.P chu_tich_ubnd:- 2021-01-01 - xa n
c7 hold HN.Q1.P chu_tich_mttq:- 2021-01-01 - xa n
c9 hold HN.Q1.P.C pho_chu_tich_hdnd:- 2021-01-01 - xa n
c3 hold HN.Q1.P.C bi_thu:- 2021-01-01 - none n
c4 seat HN.S secretary 2020-07-01 - none n
c2 plan HN bi_thu:- 2023-01-01 - tinh n
c3 plan HN bi_thu:- 2023-01-01 - tinh n
c3 plan HN chu_tich_ubnd:- 2023-01-01 - tinh n
c7 plan HN khac:bch 2023-01-01 - tinh y
c9 plan HN khac:ubkt 2023-01-01 - tinh y
c4 plan HN khac:btv 2023-01-01 2025-05-01 tinh y
c5 plan HN.S cap_truong:truong_so 2024-01-01 - tinh y
c6 plan HN.S cap_pho:pho_su_nghiep 2025-12-31 - tinh y
c8 plan HN truong_doan_dbqh:- 2023-01-01 - tinh n
c7 plan HN.Q1 pho_bi_thu:- 2023-01-01 - huyen n
c9 plan HN.Q1 chu_tich_hdnd:- 2023-01-01 - huyen n
c6 plan HN.Q1.A cap_truong:truong_so 2023-01-01 - huyen y
c2 plan HN.Q2 khac:ubkt 2023-01-01 - huyen y
c8 plan HN.Q1.P khac:bch 2023-01-01 - xa y
c3 plan HN.Q1.P chu_tich_mttq:- 2023-01-01 - xa n
c5 plan HN.Q1.P pho_chu_tich_ubnd:- 2023-01-01 2024-06-01 xa n
EOF

# the cadres
while read -r c g b p a t eth; do
    k=$(id cadre add "Cán bộ $c" --org HN --level huyen --gender "$g" --birth "$b" --prof "$p" \
        --academic "$a" --theory "$t" --ethnicity "$eth")
    [ -n "$k" ] || fail "cadre $c"
    eval "cadre_$c=$k"
done <"$dir/cadres"
# one term per organization with seats (the seats from its congress)
for o in HN HN.Q1 HN.Q1.P HN.Q2 HN.S; do q cadre term "$o" 2020-2025 --from 01/07/2020 --to 01/07/2030; done
n=0
while read -r c kind org what from to tier given; do
    n=$((n + 1))
    k=$(eval echo "\$cadre_$c")
    case $kind in
    seat)
        if [ "$to" = - ]; then q cadre seat "$org" "$k" --role "$what" --from "$from"
        else q cadre seat "$org" "$k" --role "$what" --from "$from" --to "$to"; fi ;;
    hold | plan)
        title=${what%%:*} post=${what#*:}
        set -- cadre position "$org" "Chức vụ $n" --title "$title" --level tinh
        case $given in
        y) set -- "$@" --post "$post" ;;
        t) set -- "$@" --post "$post" --tier "$tier" ;;
        esac
        p=$(id "$@")
        [ -n "$p" ] || fail "position $n"
        if [ "$kind" = hold ]; then
            q cadre appoint "$k" "$p" --kind new --date "$from" --outside
            [ "$to" = - ] || q cadre relieve "$k" "$p" --date "$to"
        else
            e=$(id cadre plan 2025-2030 "$p" "$k" --date "$from")
            [ -n "$e" ] || fail "plan $n"
            [ "$to" = - ] || q cadre unplan "$e" --date "$to" --reason review
        fi ;;
    esac
done <"$dir/facts"

# the posts in each form's column order (read off forms-BTCTW.txt here, not from the program)
cols() { # form
    case $1 in
    9a) echo bch btv bi_thu pho_bi_thu chu_tich_hdnd pho_chu_tich_hdnd chu_tich_ubnd pho_chu_tich_ubnd truong_doan_dbqh pho_doan_dbqh truong_ban pho_ban truong_so pho_so truong_su_nghiep pho_su_nghiep ;;
    9b) echo bch btv bi_thu pho_bi_thu chu_tich_hdnd pho_chu_tich_hdnd chu_tich_ubnd pho_chu_tich_ubnd truong_ban pho_ban truong_so pho_so truong_su_nghiep pho_su_nghiep ;;
    9c) echo bch btv bi_thu pho_bi_thu chu_tich_hdnd pho_chu_tich_hdnd chu_tich_ubnd pho_chu_tich_ubnd truong_ban pho_ban ;;
    12a) echo bch btv ubkt bi_thu pho_bi_thu chu_tich_ubnd pho_chu_tich_ubnd chu_tich_hdnd pho_chu_tich_hdnd truong_doan_dbqh pho_doan_dbqh truong_ban pho_ban truong_so pho_so truong_su_nghiep pho_su_nghiep ;;
    12b) echo bch btv ubkt bi_thu pho_bi_thu chu_tich_ubnd pho_chu_tich_ubnd chu_tich_hdnd pho_chu_tich_hdnd truong_ban pho_ban truong_so pho_so truong_su_nghiep pho_su_nghiep ;;
    12c) echo bch btv ubkt bi_thu pho_bi_thu chu_tich_ubnd pho_chu_tich_ubnd chu_tich_hdnd pho_chu_tich_hdnd truong_ban pho_ban ;;
    esac
}
rows() { # form
    case $1 in
    9a | 9b) echo total women minority 1.40 1.50 1.over50 2.dh 2.sdh 3.pgs 3.gs 4.tc 4.cc ;;
    9c) echo total women minority 1.40 1.50 1.over50 2.cd 2.dh 2.sdh 3.pgs 3.gs 4.sc 4.tc 4.cc ;;
    *) echo total women minority 1.40 1.50 1.over50 2.cd 2.dh 2.sdh 3.pgs 3.gs 4.tc 4.cc ;;
    esac
}

# expected cell: form subtree day(ISO) row post; the posts a fact gives, in the script's words
expect() {
    case $1 in 9a | 12a) tier=tinh ;; 9b | 12b) tier=huyen ;; *) tier=xa ;; esac
    case $1 in 9*) want_kind=9 ;; *) want_kind=12 ;; esac
    awk -v sub_="$2" -v day="$3" -v row="$4" -v col="$5" -v tier="$tier" -v fk="$want_kind" '
        FNR == NR { g[$1] = $2; b[$1] = $3; pr[$1] = $4; ac[$1] = $5; th[$1] = $6; eth[$1] = $7; next }
        function gives(kind, what,    post) {
            if (kind == "seat") {
                if (col == "bch") return what == "executive" || what == "standing" || what == "secretary" || what == "deputy"
                if (col == "btv") return what == "standing" || what == "secretary" || what == "deputy"
                if (col == "bi_thu") return what == "secretary"
                if (col == "pho_bi_thu") return what == "deputy"
                if (col == "ubkt") return what == "inspection" || what == "inspection_chair"
                return 0
            }
            post = substr(what, index(what, ":") + 1)
            if (post == "-") {
                post = substr(what, 1, index(what, ":") - 1)
                if (post == "chu_tich_mttq") post = "truong_ban"
                if (post == "cap_truong" || post == "cap_pho" || post == "khac") post = "none"
            }
            return post == col
        }
        {
            c = $1; kind = $2; o = $3; what = $4; from = $5; to = $6; t = $7
            if (fk == 9 && kind == "plan") next
            if (fk == 12 && kind != "plan") next
            if (t != tier || !gives(kind, what)) next
            if (o != sub_ && index(o, sub_ ".") != 1) next
            if (from > day || (to != "-" && to <= day)) next
            age = substr(day, 1, 4) - substr(b[c], 1, 4) - (substr(day, 6, 5) < substr(b[c], 6, 5))
            band = age <= 40 ? "1.40" : age <= 50 ? "1.50" : "1.over50"
            p = pr[c]; h = th[c]
            ok = row == "total" || (row == "women" && g[c] == "nu") || (row == "minority" && eth[c] != "Kinh") ||
                 row == band || (row == "2.cd" && p == "cao_dang") || (row == "2.dh" && p == "dai_hoc") ||
                 (row == "2.sdh" && (p == "thac_si" || p == "tien_si")) ||
                 (row == "3.pgs" && ac[c] == "pgs") || (row == "3.gs" && ac[c] == "gs") ||
                 (row == "4.sc" && h == "so_cap") || (row == "4.tc" && h == "trung_cap") ||
                 (row == "4.cc" && (h == "cao_cap" || h == "cu_nhan"))
            if (!ok) next
            if (fk == 9) { if (!(c in seen)) { seen[c] = 1; n++ } } else n++
        }
        END { print n + 0 }' "$dir/cadres" "$dir/facts"
}

cells=0
check() { # form subtree year
    out=$("$TCXD" --json form show "$1" "$2" --period "$3") || fail "form show $1 $2 $3"
    echo "$out" | tr -d ' \n' >"$dir/form"
    for row in $(rows "$1"); do
        want=""
        for post in $(cols "$1"); do
            want="$want${want:+,}$(expect "$1" "$2" "$3-12-31" "$row" "$post")"
            cells=$((cells + 1))
        done
        grep -q "\"key\":\"$row\",[^}]*\"values\":\[$want\]" "$dir/form" ||
            fail "form $1 $2 $3 row $row: want [$want], got $(grep -o "\"key\":\"$row\",[^}]*" "$dir/form")"
    done
    # and no row the script does not know
    nrows=$(grep -o '"key":"[^"]*","label":"[^"]*","level":[0-9],"heading":false' "$dir/form" | wc -l)
    [ "$nrows" -eq "$(rows "$1" | wc -w)" ] || fail "form $1: $nrows counted rows"
}
checkall() {
    for f in 9a 9b 9c 12a 12b 12c; do
        for o in HN HN.Q1 HN.Q1.P HN.Q2 HN.S; do check "$f" "$o" 2025; done
        check "$f" HN 2024
    done
}
checkall
echo "cells checked: $cells"

# guards on the awk (by hand): 9A BCH on 31/12/2025 = c1 c2 c3 c4 (c5 left on 30/06); 9A Phó
# Chủ tịch UBND = c4 c5; 9A Phó sở = c9 (relieved on 31/12: still held that day? no: the
# holding ends [from, to), so 0); 12A Bí thư = 2 entries; 9B Trưởng ban = c8 (a city position
# given tier huyện); 9C Bí thư = c4 only (the chi bộ's bí thư and the agency's committee are on
# no form); 9C Phó chủ tịch HĐND = c9 (the chi bộ's council post is the ward's: cấp xã)
[ "$(expect 9a HN 2025-12-31 total bch)" = 4 ] || fail "own count: 9A BCH"
[ "$(expect 9a HN 2025-12-31 total pho_chu_tich_ubnd)" = 2 ] || fail "own count: 9A PCT UBND"
[ "$(expect 9a HN 2025-12-31 total pho_so)" = 0 ] || fail "own count: 9A phó sở"
[ "$(expect 12a HN 2025-12-31 total bi_thu)" = 2 ] || fail "own count: 12A bí thư"
[ "$(expect 9b HN 2025-12-31 total truong_ban)" = 1 ] || fail "own count: 9B trưởng ban"
[ "$(expect 9c HN 2025-12-31 total bi_thu)" = 1 ] || fail "own count: 9C bí thư"
[ "$(expect 9c HN 2025-12-31 total pho_chu_tich_hdnd)" = 1 ] || fail "own count: 9C PCT HĐND"

# refusals: nothing written
before=$("$TCXD" --json cadre list | tr -cd '{' | wc -c)
npos=$(sqlite3 "$TCXD_DB" "SELECT count(*) FROM cadre_position")
refused "a sở post at cấp xã" tier cadre position HN.Q1.P "Phó phòng" --title cap_pho --level co_so --post pho_so --tier xa
refused "ĐBQH in a district" post cadre position HN.Q1 "Trưởng đoàn" --title truong_doan_dbqh --level tinh --post truong_doan_dbqh
refused "a bí thư post given at a chi bộ" post cadre position HN.Q1.P.C "Bí thư chi bộ" --title bi_thu --level co_so --post bi_thu
refused "an unknown post" post cadre position HN "X" --title khac --level tinh --post chairman
refused "an unknown tier" tier cadre position HN "X" --title khac --level tinh --tier commune
refused "leader maybe" leader cadre position HN "X" --title khac --level tinh --leader maybe
refused "a term's tier" tier cadre term HN.Q2 2030-2035 --from 01/07/2030 --to 01/07/2035 --tier district
[ "$(sqlite3 "$TCXD_DB" "SELECT count(*) FROM cadre_position")" = "$npos" ] || fail "a refused position was written"
[ "$(sqlite3 "$TCXD_DB" "SELECT count(*) FROM cadre_term WHERE label = '2030-2035'")" = 0 ] || fail "a refused term was written"

# what was stored: the defaults and the given
[ "$(sqlite3 "$TCXD_DB" "SELECT post, tier, leader FROM cadre_position WHERE name = 'Chức vụ 7'")" = "4|1|1" ] ||
    fail "Bí thư of the city: post bi_thu (4), tier tinh (1), leader"
[ "$(sqlite3 "$TCXD_DB" "SELECT post, tier, leader FROM cadre_position WHERE name = 'Chức vụ 17'")" = "0|1|1" ] ||
    fail "cấp trưởng without a post: none, the agency's tier (the city's), leader"
[ "$(sqlite3 "$TCXD_DB" "SELECT post, tier FROM cadre_position WHERE name = 'Chức vụ 38'")" = "4|0" ] ||
    fail "the chi bộ's bí thư: post bi_thu, tier none"
[ "$(sqlite3 "$TCXD_DB" "SELECT t.tier FROM cadre_term t JOIN org o ON o.id = t.org_id WHERE o.code = 'HN.S'")" = 0 ] ||
    fail "the agency's committee: tier none"
q cadre position HN "Chuyên viên" --title khac --level tinh --leader yes
[ "$(sqlite3 "$TCXD_DB" "SELECT leader FROM cadre_position WHERE name = 'Chuyên viên'")" = 1 ] || fail "--leader yes"

# rows from before migration 0071: NULL post (of the titles with one), tier and leader read the same
sqlite3 "$TCXD_DB" "UPDATE cadre_position SET tier = NULL, leader = NULL WHERE name NOT IN ('Chức vụ 27');
    UPDATE cadre_position SET post = NULL WHERE title NOT IN (10, 11, 12); UPDATE cadre_term SET tier = NULL"
cells=0
checkall
echo "cells checked with the defaults applied on reading: $cells"

# a database from before 0071: the migration adds the columns again and marks itself
cp "$TCXD_DB" "$dir/old.db"
sqlite3 "$dir/old.db" "ALTER TABLE cadre_position DROP COLUMN post; ALTER TABLE cadre_position DROP COLUMN tier;
    ALTER TABLE cadre_position DROP COLUMN leader; ALTER TABLE cadre_term DROP COLUMN tier;
    DELETE FROM meta WHERE key = 'migration:0071'"
TCXD_DB="$dir/old.db" "$TCXD" --json form show 9c HN.Q1.P --period 2025 >/dev/null || fail "the upgraded database"
[ "$(sqlite3 "$dir/old.db" "SELECT count(*) FROM meta WHERE key = 'migration:0071'")" = 1 ] || fail "0071 not recorded"
[ "$(sqlite3 "$dir/old.db" "SELECT count(*) FROM cadre_position WHERE post IS NULL")" -gt 0 ] || fail "no post column"

# the files render (17 columns: landscape)
"$TCXD" form export 12a HN --period 2025 --format pdf --output "$dir/f12a.pdf" >/dev/null || fail "form export pdf"
pdfinfo "$dir/f12a.pdf" | grep -q "841.89 x 595.28" || fail "12A's PDF is not landscape"
"$TCXD" form export 9a HN --period 2025 --format xlsx --output "$dir/f9a.xlsx" >/dev/null || fail "form export xlsx"
[ -s "$dir/f9a.xlsx" ] || fail "empty XLSX"
echo "ok"
