#!/bin/sh
# The cadre forms through the real tcxd: form 13-BTCTW (số lượt bổ nhiệm, giới thiệu ứng cử)
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
echo "ok"
