#!/bin/sh
# The cadre forms through the real tcxd: form 11-BTCTW (luân chuyển, by direction and the cadres'
# attributes; its own list of moves below) and form 13-BTCTW (số lượt bổ nhiệm, giới thiệu ứng cử)
# over a city (HN), a district (HN.Q1) with its ward (HN.Q1.P), and another district (HN.Q2).
# The decisions are listed below (managing level, the post's organization, kind, date); the
# script enters one cadre per line, then counts each cell itself from the same list (awk: the
# post's organization in the subtree, the date in the year, the row's kinds, the column's level)
# and compares every cell of the form for 2024 (and for the district, the city and 2019), and the
# form's check "Tổng số = 1 + 2". A reappointment is preceded by the cadre's appointment in 2019.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cadre-forms-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
id() { "$TCXD" --json "$@" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -1; }

q init
q org add HN "Đảng bộ Thành phố" --tier above_base --form dang_bo --date 01/01/1990
q org add HN.Q1 "Đảng bộ Quận Một" --tier above_base --form dang_bo --parent HN --date 01/01/1990
q org add HN.Q1.P "Đảng bộ Phường Một" --tier base --form dang_bo --type phuong --parent HN.Q1 --date 01/01/1990
q org add HN.Q2 "Đảng bộ Quận Hai" --tier above_base --form dang_bo --parent HN --date 01/01/1990

# level org kind date (ISO)
cat >"$dir/events" <<'EOF'
tinh HN.Q1 new 2024-03-01
tinh HN.Q1.P new 2024-06-01
huyen HN.Q1 new 2024-12-31
huyen HN.Q1.P re 2024-01-01
huyen HN.Q1.P re 2024-05-10
co_so HN.Q1.P nominate 2024-04-04
tw HN.Q1 nominate 2024-07-07
tw HN.Q1.P re 2024-08-08
co_so HN.Q1 new 2024-09-09
tinh HN.Q1 new 2023-12-31
huyen HN.Q1 new 2025-01-01
tinh HN.Q2 new 2024-03-01
huyen HN.Q2 nominate 2024-02-02
co_so HN new 2024-03-01
tw HN re 2024-10-10
EOF

# one position per organization (a title several may hold), one cadre per decision
for o in HN HN.Q1 HN.Q1.P HN.Q2; do
    eval "pos_$(echo $o | tr . _)=$(id cadre position $o "Ủy viên phụ trách $o" --title khac --level huyen)"
done
n=0
while read -r level org kind date; do
    n=$((n + 1))
    k=$(id cadre add "Cán bộ Số $n" --org HN --level "$level" --gender nam --birth 01/01/1975)
    [ -n "$k" ] || fail "cadre $n"
    p=$(eval echo "\$pos_$(echo "$org" | tr . _)")
    if [ "$kind" = re ]; then
        q cadre appoint "$k" "$p" --kind new --date 2019-01-05 --outside
    fi
    q cadre appoint "$k" "$p" --kind "$kind" --date "$date" --outside
done <"$dir/events"

# expected cell: subtree prefix, year, row (total|1|1.re|2), level
expect() {
    # a reappointment line stands for two decisions: its 2019 appointment and itself
    awk -v sub_="$1" -v year="$2" -v row="$3" -v lv="$4" '
        function counts(l, o, k, d) {
            if (l != lv || substr(d, 1, 4) != year) return 0
            if (o != sub_ && index(o, sub_ ".") != 1) return 0
            if (row == "total") return 1
            if (row == "1") return k == "new" || k == "re"
            if (row == "1.re") return k == "re"
            if (row == "2") return k == "nominate"
        }
        { c += counts($1, $2, $3, $4); if ($3 == "re") c += counts($1, $2, "new", "2019-01-05") }
        END { print c + 0 }' "$dir/events"
}

check() { # subtree year
    out=$("$TCXD" --json form show 13 "$1" --period "$2") || fail "form show 13 $1 $2"
    echo "$out" | tr -d ' \n' >"$dir/form"
    for row in total 1 1.re 2; do
        want=""
        for lv in tw tinh huyen co_so; do
            want="$want${want:+,}$(expect "$1" "$2" "$row" "$lv")"
        done
        grep -q "\"key\":\"$row\",[^}]*\"values\":\[$want\]" "$dir/form" ||
            fail "form 13 $1 $2 row $row: want [$want], got $(grep -o "\"key\":\"$row\",[^}]*" "$dir/form")"
    done
    grep -q '"ok":false' "$dir/form" && fail "form 13 $1 $2: a check failed"
    return 0
}

check HN.Q1 2024
check HN 2024
check HN.Q2 2024
check HN.Q1 2019
check HN.Q1.P 2024
# the hand count of one cell, as a guard on the awk: HN.Q1 in 2024, BTV huyện ủy, row 1:
# 2024-12-31 (new), 2024-01-01 and 2024-05-10 (re) = 3
[ "$(expect HN.Q1 2024 1 huyen)" = 3 ] || fail "the script's own count"
# the files render
"$TCXD" form export 13 HN.Q1 --period 2024 --format xlsx --output "$dir/f13.xlsx" >/dev/null ||
    fail "form export xlsx"
[ -s "$dir/f13.xlsx" ] || fail "empty XLSX"
# ---- form 11-BTCTW (luân chuyển): one cadre per move below; the script counts each cell ----
# gender birth prof theory ethnicity religion kind direction org date
cat >"$dir/moves" <<'EOF2'
nu 1990-05-01 dai_hoc trung_cap Kinh Không luan_chuyen tinh_huyen HN.Q1 2024-03-01
nam 1984-03-02 thac_si cao_cap Tày Không luan_chuyen tinh_huyen HN.Q1.P 2024-03-01
nam 1984-03-01 tien_si cu_nhan Kinh Phật_giáo luan_chuyen huyen_xa HN.Q1.P 2024-03-01
nu 1970-01-01 trung_cap so_cap Mường Công_giáo luan_chuyen xa_xa HN.Q1.P 2024-12-31
nam 1973-12-31 cao_dang trung_cap Kinh Không luan_chuyen huyen_xa HN.Q1 2024-01-01
nam 1980-06-15 dai_hoc cao_cap Kinh Không dieu_dong huyen_xa HN.Q1 2024-05-05
nam 1980-06-15 dai_hoc cao_cap Kinh Không luan_chuyen huyen_xa HN.Q2 2024-05-05
nu 1980-06-15 dai_hoc cao_cap Kinh Không luan_chuyen tw_tinh HN.Q1 2023-12-31
nu 1988-02-29 dai_hoc trung_cap Kinh Không luan_chuyen phong_phong HN.Q1 2024-02-28
EOF2
n=0
while read -r g birth prof theory eth rel kind direction org date; do
    n=$((n + 1))
    k=$(id cadre add "Luân Chuyển $n" --org HN --level huyen --gender "$g" --birth "$birth" \
        --prof "$prof" --theory "$theory" --ethnicity "$eth" --religion "$(echo "$rel" | tr _ " ")")
    [ -n "$k" ] || fail "cadre $n"
    q cadre move "$k" --kind "$kind" --direction "$direction" --to "$org" --date "$date"
done <"$dir/moves"

dirs="tw_tinh tinh_huyen huyen_tinh huyen_huyen nganh_nganh tinh_xa huyen_xa xa_huyen xa_xa phong_phong"
expect11() { # subtree year row column (total or a direction)
    awk -v sub_="$1" -v year="$2" -v row="$3" -v col="$4" '
        { g = $1; b = $2; p = $3; th = $4; eth = $5; rel = $6; k = $7; d = $8; o = $9; dt = $10
          if (k != "luan_chuyen" || substr(dt, 1, 4) != year) next
          if (o != sub_ && index(o, sub_ ".") != 1) next
          if (col != "total" && d != col) next
          age = substr(dt, 1, 4) - substr(b, 1, 4) - (substr(dt, 6, 5) < substr(b, 6, 5))
          band = age <= 40 ? "1.40" : age <= 50 ? "1.50" : "1.over50"
          ok = row == "total" || (row == "women" && g == "nu") || (row == "minority" && eth != "Kinh") ||
               (row == "religious" && rel != "Không") || row == band ||
               (row == "2.tc" && p == "trung_cap") || (row == "2.cd" && p == "cao_dang") ||
               (row == "2.dh" && p == "dai_hoc") || (row == "2.sdh" && (p == "thac_si" || p == "tien_si")) ||
               (row == "3.sc" && th == "so_cap") || (row == "3.tc" && th == "trung_cap") ||
               (row == "3.cc" && (th == "cao_cap" || th == "cu_nhan"))
          c += ok }
        END { print c + 0 }' "$dir/moves"
}
check11() {
    out=$("$TCXD" --json form show 11 "$1" --period "$2") || fail "form show 11 $1 $2"
    echo "$out" | tr -d ' \n' >"$dir/form11"
    for row in total women minority religious 1.40 1.50 1.over50 2.tc 2.cd 2.dh 2.sdh 3.sc 3.tc 3.cc; do
        want=$(expect11 "$1" "$2" "$row" total)
        for d in $dirs; do want="$want,$(expect11 "$1" "$2" "$row" "$d")"; done
        grep -q "\"key\":\"$row\",[^}]*\"values\":\[$want\]" "$dir/form11" ||
            fail "form 11 $1 $2 row $row: want [$want], got $(grep -o "\"key\":\"$row\",[^}]*" "$dir/form11")"
    done
    grep -q '"ok":false' "$dir/form11" && fail "form 11 $1 $2: a check failed"
    return 0
}
check11 HN.Q1 2024
check11 HN 2024
check11 HN.Q1 2023
# guards on the awk: HN.Q1 in 2024 has 6 rotations (not the điều động, not Q2's, not 2023's);
# 40 and under: 1990 (33), 1988-02-29 on 2024-02-28 (35), 1984-03-02 on 2024-03-01 (39),
# 1984-03-01 on its 40th birthday (40); 1973-12-31 on 2024-01-01 is 50; 1970 is 54
[ "$(expect11 HN.Q1 2024 total total)" = 6 ] || fail "the script's own count of rotations"
[ "$(expect11 HN.Q1 2024 1.40 total)" = 4 ] || fail "the script's own age count"
[ "$(expect11 HN.Q1 2024 1.50 total)" = 1 ] || fail "the script's own age count (41-50)"
"$TCXD" form export 11 HN.Q1 --period 2024 --format pdf --output "$dir/f11.pdf" >/dev/null ||
    fail "form export pdf"
[ -s "$dir/f11.pdf" ] || fail "empty PDF"
echo "ok"
