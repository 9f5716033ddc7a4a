#!/bin/sh
# The staffing roll (tcxd staff) and forms 8A and 8B-BTCTW through the real tcxd. The bodies,
# people and dated events are listed below; the script enters them, then works out every cell of
# both forms itself from the same lists (awk: its own walk of each person's events, in date
# order: on the roll at the end of a day when the events up to that day leave them on it; a
# body in the subtree when its organization's code is the subtree's or below it) and compares
# each cell of 8A (this period, the same period last year, the %) and of 8B (nine columns, the
# mean age within 0.05) for the city, a district, another district and a ward, 2024 and 2023.
# Then the refusals: each names its field, exits non-zero and writes nothing.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-staff-forms-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
id() { "$TCXD" --json "$@" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -1; }

q init
q org add HN "Đảng bộ Thành phố" --tier above_base --form dang_bo --date 01/01/1990
q org add HN.Q1 "Đảng bộ Quận Một" --tier above_base --form dang_bo --parent HN --date 01/01/1990
q org add HN.Q1.P "Đảng bộ Phường Một" --tier base --form dang_bo --type phuong --parent HN.Q1 --date 01/01/1990
q org add HN.Q2 "Đảng bộ Quận Hai" --tier above_base --form dang_bo --parent HN --date 01/01/1990

# body: number org kind level name
cat >"$dir/bodies" <<'EOF'
1 HN dang tinh Ban_Tổ_chức_Thành_ủy
2 HN su_nghiep tinh Trường_Chính_trị
3 HN doan_the tinh Ủy_ban_MTTQ_Thành_phố
4 HN.Q1 dang huyen Ban_Tổ_chức_Quận_ủy
5 HN.Q1 su_nghiep huyen Trung_tâm_Chính_trị
6 HN.Q1 doan_the huyen Hội_Phụ_nữ_Quận
7 HN.Q2 dang huyen Ban_Tuyên_giáo_Quận_ủy
EOF
while read -r n org kind level name; do
    b=$(id staff body "$org" "$(echo "$name" | tr _ ' ')" --kind "$kind" --level "$level")
    [ "$b" = "$n" ] || fail "body $n got #$b"
done <"$dir/bodies"

# person: number gender birth prof academic theory ethnicity party
cat >"$dir/people" <<'EOF'
1 nu 1990-02-01 thac_si none trung_cap Kinh 1
2 nam 1965-05-05 dai_hoc none cao_cap Kinh 1
3 nu 1995-07-07 dai_hoc none none Tày 0
4 nam 1980-01-01 tien_si pgs cu_nhan Kinh 1
5 nam 1985-10-10 dai_hoc none so_cap Mường 0
6 nu 1970-12-31 cao_dang none trung_cap Kinh 1
7 nam 1999-12-31 trung_cap none none Kinh 0
8 nu 1963-03-03 thac_si gs cao_cap Kinh 1
9 nam 1988-08-08 dai_hoc none trung_cap Kinh 1
10 nam 1975-06-30 dai_hoc none cao_cap Kinh 1
11 nu 1992-11-11 dai_hoc none trung_cap Khmer 0
12 nam 1960-01-15 dai_hoc none cao_cap Kinh 1
13 nam 1994-04-04 cao_dang none none Kinh 0
14 nu 1984-01-01 none none trung_cap Kinh 0
15 nu 1993-12-31 dai_hoc none so_cap Thái 0
EOF
while read -r n g birth prof acad theory eth party; do
    if [ "$n" = 15 ]; then # the cadre's attributes, through the link
        c=$(id cadre add "Người Số $n" --org HN --level tinh --gender "$g" --birth "$birth" \
            --prof "$prof" --theory "$theory" --ethnicity "$eth")
        p=$(id staff add --org HN --cadre "$c")
    else
        set -- --gender "$g" --birth "$birth" --prof "$prof" --academic "$acad" --ethnicity "$eth"
        [ "$theory" = none ] || set -- "$@" --theory "$theory"
        [ "$party" = 1 ] && set -- "$@" --party
        p=$(id staff add "Người Số $n" --org HN "$@")
    fi
    [ "$p" = "$n" ] || fail "person $n got #$p"
done <"$dir/people"

# event: person event date body kind category grade talent experience (each person's in date
# order; "-" for nothing)
cat >"$dir/events" <<'EOF'
1 join 2023-03-01 1 cc_exam cbcc cv - -
1 grade 2024-01-01 - - - cvc - -
1 move 2024-06-01 4 - - - - -
2 join 2010-01-01 4 other cbcc cvc - -
2 leave 2024-05-06 - retire - - - -
3 join 2024-02-02 5 vc_exam vien_chuc hang_3 - -
4 join 2024-04-04 1 cc_intake cbcc cvcc talent 7
5 join 2023-05-05 2 vc_intake vien_chuc hang_2 - 4
5 leave 2024-09-09 - transfer - - - -
6 join 2015-01-01 3 contract hd68 - - -
6 leave 2024-12-31 - downsize - - - -
7 join 2024-01-01 6 contract hd_khac - - -
8 join 2000-01-01 5 other vien_chuc hang_1 - -
8 move 2024-03-03 2 - - - - -
9 join 2023-07-07 7 cc_exam cbcc cv - -
9 leave 2023-12-01 - resign - - - -
9 join 2024-02-01 4 cc_intake cbcc cv - 3
10 join 2005-01-01 7 other cbcc can_su - -
10 leave 2024-06-30 - dismiss - - - -
11 join 2024-08-08 6 vc_intake vien_chuc hang_4 talent -
12 join 1990-01-01 1 other cbcc cvcc - -
12 leave 2023-06-01 - off_budget - - - -
13 join 2024-10-10 3 cc_exam cbcc nhan_vien - -
13 grade 2024-11-11 - - - can_su - -
14 join 2022-01-01 7 other hd_khac - - -
14 leave 2024-03-15 - other - - - -
15 join 2019-01-01 2 vc_intake vien_chuc hang_3 - 6
15 move 2023-09-01 6 - - - - -
EOF
while read -r p ev date body kind cat grade talent exp; do
    set -- staff "$ev" "$p" --date "$date"
    [ "$body" = - ] || set -- "$@" --body "$body"
    [ "$kind" = - ] || set -- "$@" --kind "$kind"
    [ "$cat" = - ] || set -- "$@" --category "$cat"
    [ "$grade" = - ] || set -- "$@" --grade "$grade"
    [ "$talent" = - ] || set -- "$@" --talent
    [ "$exp" = - ] || set -- "$@" --experience "$exp"
    q "$@"
done <"$dir/events"

# ---- the script's own count ----
# prints "KEY v" for 8A (one period) or "KEY v1 ... v9" for 8B: subtree from to form
count() {
    awk -v sub_="$1" -v pf="$2" -v pt="$3" -v form="$4" '
    function insub(b) { o = borg[b]; return o == sub_ || index(o, sub_ ".") == 1 }
    function age(birth, d) { return substr(d, 1, 4) - substr(birth, 1, 4) - (substr(d, 6, 5) < substr(birth, 6, 5)) }
    FILENAME ~ /bodies$/ { borg[$1] = $2; bkind[$1] = $3; blevel[$1] = $4; next }
    FILENAME ~ /people$/ { pg[$1] = $2; pb[$1] = $3; pp[$1] = $4; pa[$1] = $5; pt_[$1] = $6; pe[$1] = $7; ppa[$1] = $8; np = $1; next }
    { ne++; ep[ne] = $1; ek[ne] = $2; ed[ne] = $3; eb[ne] = $4; ekind[ne] = $5; ecat[ne] = $6; egr[ne] = $7; etal[ne] = $8; eexp[ne] = $9 }
    END {
        split("A A.cbcc A.vc A.hd68 A.hdk B B.1 B.1.a B.1.b B.1.b.talent B.1.b.exp5 B.2 B.2.a B.2.b B.2.b.talent B.2.b.exp3 C C.1 C.2 C.3 C.4 C.5 C.6 C.7 D D.cbcc D.vc D.hd68 D.hdk", keys8a, " ")
        catkey["cbcc"] = "cbcc"; catkey["vien_chuc"] = "vc"; catkey["hd68"] = "hd68"; catkey["hd_khac"] = "hdk"
        lk["retire"] = "C.1"; lk["transfer"] = "C.2"; lk["resign"] = "C.3"; lk["dismiss"] = "C.4"
        lk["off_budget"] = "C.5"; lk["downsize"] = "C.6"; lk["other"] = "C.7"
        for (p = 1; p <= np; p++) {
            on = 0; body = ""; cat = ""; grade = ""; wasA = 0
            for (i = 1; i <= ne; i++) {
                if (ep[i] != p) continue
                d = ed[i]
                if (d >= pf && !wasA) { wasA = 1; if (on && insub(body)) { c["A"]++; c["A." catkey[cat]]++ } }
                if (d > pt) break
                inp = d >= pf
                if (ek[i] == "join") {
                    on = 1; body = eb[i]; cat = ecat[i]; grade = egr[i]
                    if (inp && insub(body)) {
                        c["B"]++; k = ekind[i]
                        if (k == "cc_exam") { c["B.1"]++; c["B.1.a"]++ }
                        if (k == "cc_intake") { c["B.1"]++; c["B.1.b"]++; if (etal[i] == "talent") c["B.1.b.talent"]++; if (eexp[i] != "-" && eexp[i] >= 5) c["B.1.b.exp5"]++ }
                        if (k == "vc_exam") { c["B.2"]++; c["B.2.a"]++ }
                        if (k == "vc_intake") { c["B.2"]++; c["B.2.b"]++; if (etal[i] == "talent") c["B.2.b.talent"]++; if (eexp[i] != "-" && eexp[i] >= 3) c["B.2.b.exp3"]++ }
                    }
                } else if (ek[i] == "move") {
                    was = insub(body); body = eb[i]; now = insub(body)
                    if (inp && was && !now) { c["C"]++; c["C.2"]++ }
                    if (inp && !was && now) {
                        c["B"]++
                        if (cat == "cbcc") { c["B.1"]++; c["B.1.b"]++ }
                        if (cat == "vien_chuc") { c["B.2"]++; c["B.2.b"]++ }
                    }
                } else if (ek[i] == "grade") {
                    grade = egr[i]
                } else {
                    if (inp && insub(body)) { c["C"]++; c[lk[ekind[i]]]++ }
                    on = 0
                }
            }
            if (!wasA && on && insub(body)) { c["A"]++; c["A." catkey[cat]]++ }
            if (!on || !insub(body)) continue
            c["D"]++; c["D." catkey[cat]]++
            # 8B: columns 1 total, 2 level total, 3 + kind
            lv = blevel[body] == "tinh" ? 0 : 1
            kn = bkind[body] == "dang" ? 0 : bkind[body] == "su_nghiep" ? 1 : 2
            col[1] = 1; col[2] = 2 + lv * 4; col[3] = 2 + lv * 4 + 1 + kn
            a = age(pb[p], pt)
            band = a <= 30 ? "2.30" : a <= 35 ? "2.35" : a <= 40 ? "2.40" : a <= 45 ? "2.45" : a <= 50 ? "2.50" : a <= 55 ? "2.55" : a <= 60 ? "2.60" : "2.over60"
            n = 0
            r[++n] = "tong"; r[++n] = catkey[cat]
            if (pg[p] == "nu") r[++n] = "1.women"
            if (pe[p] != "Kinh") r[++n] = "1.minority"
            if (ppa[p] == 1) r[++n] = "1.party"
            r[++n] = band
            gk["cvcc"] = "3.cvcc"; gk["cvc"] = "3.cvc"; gk["cv"] = "3.cv"; gk["can_su"] = "3.cs"; gk["nhan_vien"] = "3.nv"
            gk["hang_1"] = "4.h1"; gk["hang_2"] = "4.h2"; gk["hang_3"] = "4.h3"; gk["hang_4"] = "4.h4"; gk["hang_5"] = "4.h5"
            if (grade in gk) r[++n] = gk[grade]
            r[++n] = pp[p] == "cao_dang" ? "5.cd" : pp[p] == "dai_hoc" ? "5.dh" : pp[p] == "thac_si" ? "5.ths" : pp[p] == "tien_si" ? "5.ts" : "5.below"
            if (pa[p] == "pgs") r[++n] = "6.pgs"
            if (pa[p] == "gs") r[++n] = "6.gs"
            if (pt_[p] == "so_cap") r[++n] = "7.sc"
            if (pt_[p] == "trung_cap") r[++n] = "7.tc"
            if (pt_[p] == "cao_cap" || pt_[p] == "cu_nhan") r[++n] = "7.cc"
            for (k = 1; k <= 3; k++) {
                for (j = 1; j <= n; j++) g[r[j], col[k]]++
                asum[col[k]] += a; an[col[k]]++
                keys[r[1]] = 1
            }
        }
        if (form == "8a") {
            for (i = 1; i in keys8a; i++) print keys8a[i], c[keys8a[i]] + 0
            exit
        }
        split("tong cbcc vc hd68 hdk 1.women 1.minority 1.party 2.30 2.35 2.40 2.45 2.50 2.55 2.60 2.over60 3.cvcc 3.cvc 3.cv 3.cs 3.nv 4.h1 4.h2 4.h3 4.h4 4.h5 5.below 5.cd 5.dh 5.ths 5.ts 6.pgs 6.gs 7.sc 7.tc 7.cc", k8b, " ")
        for (i = 1; i in k8b; i++) {
            line = k8b[i]
            for (j = 1; j <= 9; j++) line = line " " (g[k8b[i], j] + 0)
            print line
        }
        line = "2.mean"
        for (j = 1; j <= 9; j++) line = line " " (an[j] ? sprintf("%.4f", asum[j] / an[j]) : "null")
        print line
    }' "$dir/bodies" "$dir/people" "$dir/events"
}

# the values of row KEY in the flattened JSON form F, space separated
values() {
    grep -o "\"key\":\"$1\",[^}]*\"values\":\[[^]]*\]" "$2" | sed 's/.*"values":\[//; s/\]$//; s/,/ /g'
}

check8a() { # subtree year
    y=$2
    "$TCXD" --json form show 8a "$1" --period "$y" | tr -d ' \n' >"$dir/f8a" || fail "form 8a $1 $y"
    count "$1" "$y-01-01" "$y-12-31" 8a >"$dir/now"
    count "$1" "$((y - 1))-01-01" "$((y - 1))-12-31" 8a >"$dir/prev"
    while read -r key now; do
        prev=$(awk -v k="$key" '$1 == k { print $2 }' "$dir/prev")
        got=$(values "$key" "$dir/f8a")
        [ -n "$got" ] || fail "8a $1 $y: no row $key"
        echo "$got" | awk -v n="$now" -v p="$prev" -v k="$key" -v where="8a $1 $y" '{
            pct = p == 0 ? "null" : n * 100 / p
            if ($1 != n || $2 != p) { print "FAIL: " where " row " k ": want " n ", " p "; got " $1 ", " $2; exit 1 }
            if ((pct == "null") != ($3 == "null") || (pct != "null" && (($3 - pct) > 0.05 || (pct - $3) > 0.05))) {
                print "FAIL: " where " row " k ": want % " pct ", got " $3; exit 1 }
        }' || exit 1
        cells=$((cells + 3))
    done <"$dir/now"
    grep -q '"ok":false' "$dir/f8a" && fail "8a $1 $y: a check failed"
    return 0
}

check8b() { # subtree year
    "$TCXD" --json form show 8b "$1" --period "$2" | tr -d ' \n' >"$dir/f8b" || fail "form 8b $1 $2"
    count "$1" "$2-01-01" "$2-12-31" 8b >"$dir/want"
    while read -r key w1 w2 w3 w4 w5 w6 w7 w8 w9; do
        got=$(values "$key" "$dir/f8b")
        [ -n "$got" ] || fail "8b $1 $2: no row $key"
        echo "$got $w1 $w2 $w3 $w4 $w5 $w6 $w7 $w8 $w9" | awk -v k="$key" -v where="8b $1 $2" '{
            for (j = 1; j <= 9; j++) {
                g = $j; w = $(j + 9)
                bad = (g == "null") != (w == "null") || (w != "null" && ((g - w) > 0.05 || (w - g) > 0.05))
                if (bad) { print "FAIL: " where " row " k " column " j ": want " w ", got " g; exit 1 }
            }
        }' || exit 1
        cells=$((cells + 9))
    done <"$dir/want"
    grep -q '"ok":false' "$dir/f8b" && fail "8b $1 $2: a check failed"
    return 0
}

cells=0
for o in HN HN.Q1 HN.Q2 HN.Q1.P; do
    for y in 2024 2023; do
        check8a "$o" "$y"
        check8b "$o" "$y"
    done
done
# guards on the awk, counted by hand: HN.Q1 in 2024 gains p1 (moved in), p3, p7, p9 (intake),
# p11: B = 5, B.1.b = 2 (p1, p9), B.1.b.exp5 = 0 (p9 has 3 years); loses p2 (retire), p8
# (moved to the city's school): C = 2, C.2 = 1. The city in 2024: D = p1 p3 p4 p7 p8 p9 p11
# p13 p15 = 9 (p6 leaves on 31/12: off the roll at its end); its mean age over the nine.
# On 31/12/2024 HN.Q1's roll is p1 p3 p7 p9 p11 p15.
count HN.Q1 2024-01-01 2024-12-31 8a >"$dir/g"
for kv in "B 5" "B.1.b 2" "B.1.b.exp5 0" "C 2" "C.2 1"; do
    grep -qx "$kv" "$dir/g" || fail "the script's own count: $kv ($(tr '\n' ' ' <"$dir/g"))"
done
count HN 2024-01-01 2024-12-31 8a | grep -qx "D 9" || fail "the script's own count: city D 9"
# ages on 31/12/2024: 34 29 44 25 61 36 32 30 31 = 322 / 9
count HN 2024-01-01 2024-12-31 8b | grep -q "^2.mean 35.7778" || fail "the script's own mean age"
# the cadre-linked person's attributes are the cadre's (Thái: a minority; viên chức hạng III)
"$TCXD" --json staff show 15 | tr -d ' \n' | grep -q '"full_name":"NgườiSố15","gender":"nu".*"minority":true' ||
    fail "staff show 15: the cadre's attributes"
# the roll on a day
[ "$("$TCXD" staff list --org HN.Q1 --as-of 31/12/2024 | wc -l)" = 6 ] || fail "staff list HN.Q1"
# the city's own bodies belong to no district: the children check does not sum 8B's rows
"$TCXD" --json form show 8b HN --period 2024 --children | tr -d ' \n' | grep -q '"ok":false' &&
    fail "form 8b --children: a check failed"
# the files render
"$TCXD" form export 8b HN --period 2024 --format xlsx --output "$dir/f8b.xlsx" >/dev/null ||
    fail "form export 8b xlsx"
"$TCXD" form export 8a HN --period 2024 --format pdf --output "$dir/f8a.pdf" >/dev/null ||
    fail "form export 8a pdf"
[ -s "$dir/f8b.xlsx" ] && [ -s "$dir/f8a.pdf" ] || fail "empty export"

# ---- refusals: the field named, non-zero exit, nothing written ----
before=$("$TCXD" --json staff show 2 | tr -d ' \n')
refuse() { # field args...
    field=$1
    shift
    st=0
    "$TCXD" --json "$@" >"$dir/out" 2>"$dir/err" || st=$?
    [ "$st" != 0 ] || fail "$*: accepted"
    grep -q "\"field\": *\"$field\"" "$dir/out" "$dir/err" || grep -q "field $field" "$dir/err" ||
        fail "$*: field $field not named ($(cat "$dir/out" "$dir/err"))"
}
# a decrease for someone no longer on the roll (p2 retired in May 2024)
refuse person staff leave 2 --kind other --date 2024-07-01
# an end before the start (p3 joined on 02/02/2024)
refuse date staff leave 3 --kind retire --date 2023-01-01
# a leave on the day of joining
refuse date staff leave 3 --kind retire --date 2024-02-02
# an unknown category
refuse category staff join 2 --body 4 --date 2025-01-01 --kind other --category bien_che
# a category the recruitment does not have
refuse category staff join 2 --body 4 --date 2025-01-01 --kind vc_exam --category cbcc
# a contract needs its category
refuse category staff join 2 --body 4 --date 2025-01-01 --kind contract
# a grade the category does not have
refuse grade staff join 2 --body 4 --date 2025-01-01 --kind cc_exam --grade hang_1
refuse grade staff grade 4 --grade hang_2 --date 2025-01-01
# talent and experience on an intake only
refuse talent staff join 2 --body 4 --date 2025-01-01 --kind cc_exam --talent
refuse experience staff join 2 --body 4 --date 2025-01-01 --kind vc_intake --experience 99
# a join while on the roll, a move to the same body, an unknown body and person
refuse date staff join 4 --body 1 --date 2025-01-01 --kind other --category cbcc
refuse body staff move 4 --body 1 --date 2025-01-01
refuse body staff move 4 --body 99 --date 2025-01-01
refuse person staff leave 99 --kind retire --date 2025-01-01
# an unknown kind of body, a person linked to a cadre with attributes of their own
refuse kind staff body HN "Văn phòng" --kind bo --level tinh
refuse cadre_id staff add --org HN --cadre 1 --gender nam
after=$("$TCXD" --json staff show 2 | tr -d ' \n')
[ "$before" = "$after" ] || fail "a refusal changed person 2"
"$TCXD" --json staff show 4 | tr -d ' \n' | grep -q '"events":\[{[^]]*}\],' ||
    fail "a refusal wrote an event for person 4"
[ "$("$TCXD" staff bodies | wc -l)" = 7 ] || fail "a refusal added a body"
echo "staff forms: $cells cells of 8A and 8B checked against the script's count"
