#!/bin/sh
# Form 10-BTCTW (kết quả đào tạo, bồi dưỡng cán bộ) through the real tcxd, every cell against
# the script's own count. The cadres, classes, enrolments and courses outside a class are listed
# below; the script enters them, then counts each cell itself (awk) from the same lists:
#   columns 3-8: the distinct cadres managed in the subtree (the org code's prefix) with a course
#   of the row begun in the year (a class's first day; an enrolment left not_completed does not
#   count), by level (tw, tinh: cấp tỉnh; huyen: cấp huyện; co_so: cấp xã), "lãnh đạo, quản lý"
#   when holding a post on the first day of one of those courses (no such column for cấp xã);
#   columns 9-11: the classes of the row begun in the year by organizations of the subtree,
#   opened by the province (tinh) or district (huyen) committee (khac: in neither).
# The rows are the paper form's (forms-BTCTW.txt, biểu 10), written here as programme sets.
# Then the refusals: a class ending before it starts, an unknown programme, a mode the form does
# not split by, a base organization opening a class as a committee, an enrolment after the class
# ended, a cadre enrolled twice: each names its field,
# exits non-zero and writes nothing (the audit count is the same).
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-training-form-XXXXXX")
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

# tag managing-level managing-org post-held-from (- none)
cat >"$dir/cadres" <<'EOF2'
a tinh HN.Q1 2020-01-01
b huyen HN.Q1 2024-06-01
c huyen HN.Q1.P -
d co_so HN.Q1.P 2019-01-01
e tw HN -
f huyen HN.Q2 2020-01-01
g co_so HN.Q1.P -
EOF2
# tag org opener programme mode first-day last-day
cat >"$dir/classes" <<'EOF2'
k1 HN tinh tc_llct full_time 2024-03-01 2024-09-30
k2 HN.Q1 huyen bd_qpan dt3 2024-05-01 2024-05-10
k3 HN.Q1 huyen bd_tin_hoc none 2024-12-31 2025-01-05
k4 HN.Q1.P khac bd_xdd none 2024-02-01 2024-02-03
k5 HN.Q2 huyen bd_qpan dt3 2024-05-01 2024-05-10
k6 HN.Q1 huyen cc_llct part_time 2023-10-01 2024-06-30
k7 HN tinh bd_qlnn foreign 2024-07-01 2024-07-20
k8 HN tinh bd_cap_nhat none 2024-11-01 2024-11-02
EOF2
# class cadre result
cat >"$dir/enrol" <<'EOF2'
k1 a completed
k1 b completed
k1 c not_completed
k1 d studying
k2 a completed
k2 b studying
k2 c completed
k2 f completed
k3 g studying
k4 d completed
k4 g completed
k5 f completed
k6 a completed
k7 b completed
k7 e completed
EOF2
# courses outside a class: cadre programme mode first-day
cat >"$dir/courses" <<'EOF2'
a thac_si domestic 2024-09-01
c dai_hoc joint 2024-02-15
b tc_llct part_time 2024-08-01
e tien_si foreign 2023-05-01
EOF2

while read -r t level org post; do
    k=$(id cadre add "Cán bộ $t" --org "$org" --level "$level" --gender nam --birth 01/01/1975)
    [ -n "$k" ] || fail "cadre $t"
    eval "cadre_$t=$k"
    if [ "$post" != - ]; then
        p=$(id cadre position "$org" "Chức vụ của $t" --title khac --level huyen)
        q cadre appoint "$k" "$p" --kind new --date "$post" --outside
    fi
done <"$dir/cadres"
while read -r t org opener prog mode from to; do
    m=""
    [ "$mode" = none ] || m="--mode $mode"
    # shellcheck disable=SC2086
    k=$(id cadre class "$org" "Lớp $t" --programme "$prog" $m --opener "$opener" --from "$from" --to "$to")
    [ -n "$k" ] || fail "class $t"
    eval "class_$t=$k"
done <"$dir/classes"
while read -r k c r; do
    n=$(id cadre enrol "$(eval echo "\$class_$k")" "$(eval echo "\$cadre_$c")")
    [ -n "$n" ] || fail "enrol $c in $k"
    [ "$r" = studying ] || q cadre enrol-result "$n" --result "$r"
done <"$dir/enrol"
while read -r c prog mode from; do
    q cadre train "$(eval echo "\$cadre_$c")" --programme "$prog" --mode "$mode" --from "$from"
done <"$dir/courses"

# the form's rows: key, programmes, mode (* any)
cat >"$dir/rows" <<'EOF2'
I dai_hoc,thac_si,tien_si,tc_llct,cc_llct,cn_llct *
I.1 dai_hoc,thac_si,tien_si *
I.1.dh dai_hoc *
I.1.dh.dom dai_hoc domestic
I.1.dh.for dai_hoc foreign
I.1.dh.joint dai_hoc joint
I.1.ths thac_si *
I.1.ths.dom thac_si domestic
I.1.ths.for thac_si foreign
I.1.ths.joint thac_si joint
I.1.ts tien_si *
I.1.ts.dom tien_si domestic
I.1.ts.for tien_si foreign
I.1.ts.joint tien_si joint
I.2 tc_llct,cc_llct,cn_llct *
I.2.tc tc_llct *
I.2.tc.full tc_llct full_time
I.2.tc.part tc_llct part_time
I.2.cc cc_llct *
I.2.cc.full cc_llct full_time
I.2.cc.part cc_llct part_time
I.2.cn cn_llct *
I.2.cn.full cn_llct full_time
I.2.cn.part cn_llct part_time
II bd_xdd,bd_doan_the,bd_qlnn,bd_qlkt,bd_ngoai_ngu,bd_tin_hoc,bd_cap_nhat,bd_qpan *
II.1 bd_xdd *
II.2 bd_doan_the *
II.3 bd_qlnn *
II.3.dom bd_qlnn domestic
II.3.for bd_qlnn foreign
II.4 bd_qlkt *
II.4.dom bd_qlkt domestic
II.4.for bd_qlkt foreign
II.5 bd_ngoai_ngu *
II.5.dom bd_ngoai_ngu domestic
II.5.for bd_ngoai_ngu foreign
II.6 bd_tin_hoc *
II.7 bd_cap_nhat *
II.8 bd_qpan *
II.8.dt1 bd_qpan dt1
II.8.dt2 bd_qpan dt2
II.8.dt3 bd_qpan dt3
II.8.dt4 bd_qpan dt4
EOF2

# every course as one line: cadre programme mode first-day (counted enrolments and the others)
awk 'NR == FNR { cls[$1] = $4 " " $5 " " $6; next }
     $3 != "not_completed" { print $2, cls[$1] }' "$dir/classes" "$dir/enrol" >"$dir/taken"
awk '{ print $1, $2, $3, $4 }' "$dir/courses" >>"$dir/taken"

# the nine values of a row for a subtree and a year
expect() { # subtree year row-key
    awk -v sub_="$1" -v year="$2" -v key="$3" '
        function insub(o) { return o == sub_ || index(o, sub_ ".") == 1 }
        function fits(p, m) { return (("," progs ",") ~ ("," p ",")) && (mode == "*" || mode == m) }
        FILENAME ~ /rows$/ { if ($1 == key) { progs = $2; mode = $3 } next }
        FILENAME ~ /cadres$/ { lvl[$1] = $2 == "tw" || $2 == "tinh" ? "t" : $2 == "huyen" ? "h" : "x"
                               org[$1] = $3; post[$1] = $4; next }
        FILENAME ~ /classes$/ { if (substr($6, 1, 4) == year && insub($2) && fits($4, $5)) {
                                    if ($3 == "tinh") kt++
                                    if ($3 == "huyen") kh++ }
                                next }
        FILENAME ~ /taken$/ { c = $1
            if (substr($4, 1, 4) != year || !insub(org[c]) || !fits($2, $3)) next
            seen[c] = 1
            if (post[c] != "-" && post[c] <= $4) lead[c] = 1 }
        END {
            for (c in seen) { n++; by[lvl[c]]++; if (lead[c]) led[lvl[c]]++ }
            printf "%d,%d,%d,%d,%d,%d,%d,%d,%d\n", n, by["t"], led["t"], by["h"], led["h"], by["x"],
                kt + kh, kt, kh }' "$dir/rows" "$dir/cadres" "$dir/classes" "$dir/taken"
}

cells=0
check() { # subtree year
    out=$("$TCXD" --json form show 10 "$1" --period "$2") || fail "form show 10 $1 $2"
    echo "$out" | tr -d ' \n' >"$dir/form"
    for row in $(cut -d' ' -f1 "$dir/rows"); do
        want=$(expect "$1" "$2" "$row")
        grep -q "\"key\":\"$row\",[^}]*\"values\":\[$want\]" "$dir/form" ||
            fail "form 10 $1 $2 row $row: want [$want], got $(grep -o "\"key\":\"$row\",[^}]*" "$dir/form")"
        cells=$((cells + 9))
    done
    grep -q '"ok":false' "$dir/form" && fail "form 10 $1 $2: a check failed"
    return 0
}
check HN 2024
check HN.Q1 2024
check HN.Q1.P 2024
check HN.Q2 2024
check HN.Q1 2023
check HN 2023
# guards on the awk, counted by hand:
# HN.Q1 2024, I.2.tc (tc_llct): a (k1, tỉnh, a post since 2020), b (k1 in March without a post,
# his own course in August with one), d (k1 studying, xã); c left k1 not completed. The class k1
# is HN's: none of Q1's.
[ "$(expect HN.Q1 2024 I.2.tc)" = "3,1,1,1,1,1,0,0,0" ] || fail "the script's own count (I.2.tc)"
[ "$(expect HN.Q1 2024 I.2.tc.full)" = "3,1,1,1,0,1,0,0,0" ] || fail "the script's own count (I.2.tc.full)"
# HN 2024, II.8.dt3: a, b, c in k2, f in k2 and k5 (f once); b had no post in May, f had;
# k2 and k5 opened by districts
[ "$(expect HN 2024 II.8.dt3)" = "4,1,1,3,1,0,2,0,2" ] || fail "the script's own count (II.8.dt3)"
# HN 2024, II: a, b, c, d, e, f, g = 7 (d and g in k4 opened elsewhere: no class counted);
# classes k2 k3 k5 (huyen), k7 k8 (tinh)
[ "$(expect HN 2024 II)" = "7,2,1,3,2,2,5,2,3" ] || fail "the script's own count (II)"

# the files render
"$TCXD" form export 10 HN.Q1 --period 2024 --format xlsx --output "$dir/f10.xlsx" >/dev/null ||
    fail "form export xlsx"
[ -s "$dir/f10.xlsx" ] || fail "empty XLSX"
"$TCXD" form export 10 HN --period 2024 --format pdf --output "$dir/f10.pdf" >/dev/null ||
    fail "form export pdf"
[ -s "$dir/f10.pdf" ] || fail "empty PDF"

# ---- refusals: the field named, non-zero exit, nothing written ----
audits() { "$TCXD" --json audit --limit 100000 | grep -c '"action"' || true; }
before=$(audits)
refuse() { # field, then the command: the JSON error names the field
    f=$1
    shift
    if "$TCXD" --json "$@" >"$dir/out" 2>/dev/null; then fail "accepted: $*"; fi
    tr -d ' \n' <"$dir/out" | grep -q "\"field\":\"$f\"" || fail "$* does not name field $f: $(cat "$dir/out")"
}
refuse to cadre class HN.Q1 "Lớp ngược" --programme bd_xdd --opener huyen --from 10/05/2024 --to 09/05/2024
refuse programme cadre class HN.Q1 "Lớp lạ" --programme bd_yoga --opener huyen --from 10/05/2024 --to 19/05/2024
refuse mode cadre class HN.Q1 "Lớp sai hệ" --programme tc_llct --mode domestic --opener huyen --from 10/05/2024 --to 19/05/2024
refuse opener cadre class HN.Q1 "Lớp xã mở" --programme bd_xdd --opener xa --from 10/05/2024 --to 19/05/2024
# the ward (a base organization) cannot open a class as the district committee
refuse opener cadre class HN.Q1.P "Lớp phường" --programme bd_xdd --opener huyen --from 10/05/2024 --to 19/05/2024
refuse to cadre class HN.Q1 "Lớp không hạn" --programme bd_xdd --opener huyen --from 10/05/2024
refuse date cadre enrol "$class_k2" "$cadre_g" --date 11/05/2024
refuse cadre_id cadre enrol "$class_k2" "$cadre_a"
refuse result cadre enrol-result 1 --result passed
refuse class cadre enrol 9999 "$cadre_a"
[ "$(audits)" = "$before" ] || fail "a refusal wrote an audit record ($before -> $(audits))"
# the career page shows the trainings: a's three (k1, k2, his thạc sĩ) and k6 of 2023
n=$("$TCXD" --json cadre show "$cadre_a" | grep -c '"programme":')
[ "$n" = 4 ] || fail "cadre show: $n trainings of a, want 4"
# ---- migration 0073 on a database made before it: the courses outside a class survive ----
cp "$TCXD_DB" "$dir/old.db"
sqlite3 "$dir/old.db" "DROP TABLE cadre_enrolment; DROP TABLE cadre_class;
    DROP INDEX cadre_training_cadre; DELETE FROM meta WHERE key = 'migration:0073';" ||
    fail "making the old database"
TCXD_DB="$dir/old.db" "$TCXD" --json cadre classes | tr -d ' \n' | grep -q '"classes":\[\]' ||
    fail "the upgraded database lists classes"
want=$(awk '$4 ~ /^2024/ && $2 == "thac_si"' "$dir/courses" | wc -l)
TCXD_DB="$dir/old.db" "$TCXD" --json form show 10 HN --period 2024 | tr -d ' \n' |
    grep -q "\"key\":\"I.1.ths\",[^}]*\"values\":\[$want,$want,$want,0,0,0,0,0,0\]" ||
    fail "form 10 on the upgraded database"
echo "ok: $cells cells"
