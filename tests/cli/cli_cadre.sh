#!/bin/sh
# Cadre work through the real tcxd. Seed 000 for Hà Nội in 2017: "bổ nhiệm, bổ nhiệm lại, giới
# thiệu ứng cử 107 cán bộ; điều động, luân chuyển 42 đồng chí; bổ sung cấp ủy 53 đồng chí" from
# events entered here (with others outside the year, outside the city, a cadre counted once for
# two events, a secondment that is not counted); the counts are computed here from what the
# script enters. Then the committee as of a date, the planning limit (a fourth cadre refused with
# nothing written), the vote (more ballots returned than issued refused; more than half low
# removes from the planning; two thirds low refuses the reappointment), the discipline delay,
# an appointment ending before it starts, the 90-working-day due list, the concurrent share.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-cadre-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
export TCXD_TODAY=2018-06-01
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
# the id printed by a command run with --json
id() { "$TCXD" --json "$@" | sed -n 's/.*"id": \([0-9]*\).*/\1/p'; }
audits() { "$TCXD" --json audit | grep -c '"action"'; }
refused() { # refused FIELD-WORD CMD...: exit 2, the word in the message, no audit record
    word=$1; shift
    before=$(audits)
    st=0; "$TCXD" "$@" 2>"$dir/err" >/dev/null || st=$?
    [ "$st" = 2 ] || fail "not refused ($st): $* $(cat "$dir/err")"
    grep -q "$word" "$dir/err" || fail "no '$word' in: $(cat "$dir/err")"
    [ "$(audits)" = "$before" ] || fail "a refusal wrote: $*"
}

q init
q org add HN "Đảng bộ thành phố Hà Nội" --tier above_base --form dang_bo --date 01/01/2000
q org add HN.Q1 "Đảng bộ quận Một" --tier above_base --form dang_bo --parent HN --date 01/01/2000
q org add HN.Q1.X "Đảng bộ phường Một" --tier base --form dang_bo --type phuong --parent HN.Q1 --date 01/01/2000
q org add HN.Q1.Y "Đảng bộ phường Hai" --tier base --form dang_bo --type phuong --parent HN.Q1 --date 01/01/2000
q org add HP "Đảng bộ thành phố Hải Phòng" --tier above_base --form dang_bo --date 01/01/2000

# 130 cadres managed by the city's standing committee
i=1
while [ $i -le 130 ]; do
    g=nam; [ $((i % 3)) = 0 ] && g=nu
    q cadre add "Cán bộ số $i" --org HN --level tinh --gender $g --birth 01/01/$((1960 + i % 30))
    i=$((i + 1))
done
p_so=$(id cadre position HN "Phó Giám đốc Sở Nội vụ" --title cap_pho --level tinh)
p_ub=$(id cadre position HN.Q1 "Phó Chủ tịch UBND quận Một" --title pho_chu_tich_ubnd --level tinh)
p_hp=$(id cadre position HP "Phó Giám đốc Sở Nội vụ Hải Phòng" --title cap_pho --level tinh)

# ---- appointments: the script counts the distinct cadres of 2017 in the city ----
appointed=""
add_appointed() { case " $appointed " in *" $1 "*) ;; *) appointed="$appointed $1" ;; esac; }
i=1
while [ $i -le 60 ]; do       # new appointments, from outside the planning
    q cadre appoint $i $p_so --kind new --date $(printf '%02d' $(( i % 28 + 1 )))/03/2017 --outside
    add_appointed $i; i=$((i + 1))
done
while [ $i -le 80 ]; do       # appointed in 2012, reappointed in 2017
    q cadre appoint $i $p_ub --kind new --date 01/04/2012 --outside
    q cadre appoint $i $p_ub --kind re --date 01/04/2017
    add_appointed $i; i=$((i + 1))
done
while [ $i -le 100 ]; do      # introduced for election
    q cadre appoint $i $p_ub --kind nominate --date 15/05/2017 --outside
    add_appointed $i; i=$((i + 1))
done
p_pl0=$(id cadre position HN.Q1 "Phó Trưởng Ban Dân vận Quận ủy" --title cap_pho --level tinh)
p_pl1=$(id cadre position HN.Q1 "Phó Trưởng Ban Tổ chức Quận ủy" --title cap_pho --level tinh)
p_pl2=$(id cadre position HN.Q1 "Phó Chánh Văn phòng Quận ủy" --title cap_pho --level tinh)
while [ $i -le 107 ]; do      # planned (at most 3 for a post), then appointed
    eval p=\$p_pl$(( i % 3 ))
    q cadre plan 2015-2020 $p $i --date 01/01/2016
    q cadre appoint $i $p --kind new --date $(printf '%02d' $(( i - 100 )))/06/2017
    add_appointed $i; i=$((i + 1))
done
q cadre appoint 1 $p_ub --kind nominate --date 01/09/2017 --outside   # cadre 1 again: once
add_appointed 1
q cadre appoint 108 $p_so --kind new --date 01/01/2018 --outside      # 2018: not counted
q cadre appoint 109 $p_hp --kind new --date 01/03/2017 --outside      # Hải Phòng: not counted
n_appointed=$(echo $appointed | wc -w)

# ---- rotation ----
moved=""
i=1
while [ $i -le 42 ]; do
    kind=dieu_dong; [ $((i % 2)) = 0 ] && kind=luan_chuyen
    to=HN.Q1; [ $((i % 3)) = 0 ] && to=HN.Q1.X
    q cadre move $i --kind $kind --direction tinh_huyen --to $to --date 01/07/2017
    case " $moved " in *" $i "*) ;; *) moved="$moved $i" ;; esac
    i=$((i + 1))
done
q cadre move 1 --kind luan_chuyen --direction huyen_tinh --to HN --date 01/11/2017   # again: once
q cadre move 43 --kind biet_phai --to HN.Q1 --date 01/07/2017 --until 01/07/2019     # secondment
q cadre move 44 --kind dieu_dong --to HN.Q1 --date 31/12/2016                        # 2016
q cadre move 45 --kind dieu_dong --to HP --date 01/07/2017                           # Hải Phòng
n_moved=$(echo $moved | wc -w)

# ---- committees: the city and a district; additions in 2017 ----
t_hn=$(id cadre term HN 2015-2020 --from 15/10/2015 --to 15/10/2020)
t_q1=$(id cadre term HN.Q1 2015-2020 --from 01/08/2015 --to 01/08/2020)
t_hp=$(id cadre term HP 2015-2020 --from 01/10/2015 --to 01/10/2020)
i=1
while [ $i -le 20 ]; do
    q cadre seat HN $i --role executive --from 15/10/2015
    i=$((i + 1))
done
added=""
i=31
while [ $i -le 83 ]; do
    org=HN; [ $i -gt 70 ] && org=HN.Q1
    join=elected_add; [ $((i % 4)) = 0 ] && join=designated
    q cadre seat $org $i --role executive --join $join --from 20/$(printf '%02d' $(( i % 12 + 1 )))/2017
    case " $added " in *" $i "*) ;; *) added="$added $i" ;; esac
    i=$((i + 1))
done
q cadre seat HN 31 --role standing --join elected_add --from 01/12/2017      # cadre 31 again: once
q cadre seat HN 90 --role executive --join elected_add --from 01/06/2016     # 2016
q cadre seat HP 91 --role executive --join elected_add --from 01/06/2017     # Hải Phòng
n_added=$(echo $added | wc -w)

[ "$n_appointed" = 107 ] && [ "$n_moved" = 42 ] && [ "$n_added" = 53 ] \
    || fail "the script entered $n_appointed / $n_moved / $n_added"
out=$("$TCXD" cadre report HN --from 01/01/2017 --to 31/12/2017)
expect="bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử $n_appointed cán bộ; điều động, luân chuyển $n_moved đồng chí; bổ sung cấp ủy $n_added đồng chí"
[ "$out" = "$expect" ] || fail "sentence: $out"
# the district alone: its 20 reappointments + 20 nominations + 7 planned appointments + cadre 1
# (nominated to a district post); 42 moves to it or its ward; its 13 additions (71..83)
"$TCXD" --json cadre report HN.Q1 --from 01/01/2017 --to 31/12/2017 >"$dir/q1"
grep -q '"appointed": 48' "$dir/q1" && grep -q '"moved": 42' "$dir/q1" && grep -q '"added": 13' "$dir/q1" \
    || fail "district: $(cat "$dir/q1")"

# ---- the committee as of a date ----
"$TCXD" --json cadre committee HN --as-of 20/04/2017 >"$dir/c"
# 20 from the congress, cadre 90 added in 2016, additions of HN (31..70) dated on or before
# 20/04/2017: months 1..4
n=21; i=31; while [ $i -le 70 ]; do [ $(( i % 12 + 1 )) -le 4 ] && n=$((n + 1)); i=$((i + 1)); done
grep -q "\"executive\": $n" "$dir/c" || fail "committee on 20/04/2017 (expected $n): $(cat "$dir/c")"
grep -q '"term": "2015-2020"' "$dir/c" || fail "term"
seat=$("$TCXD" --json cadre committee HN --as-of 01/01/2016 | sed -n 's/.*"seat_id": \([0-9]*\).*/\1/p' | head -1)
q cadre seat-end "$seat" --date 01/01/2016 --reason transfer
"$TCXD" --json cadre committee HN --as-of 01/01/2016 | grep -q '"executive": 19' || fail "after a departure"
"$TCXD" --json cadre committee HN --as-of 31/12/2015 | grep -q '"executive": 20' || fail "before the departure"
refused "congress" cadre seat HN 120 --role executive --from 16/10/2015          # congress seat late
q cadre seat HN 121 --role secretary --from 15/10/2015 --to 01/03/2018
refused "already has a Bí thư" cadre seat HN 122 --role secretary --join elected_add --from 28/02/2018
q cadre seat HN 122 --role secretary --join elected_add --from 01/03/2018

# ---- planning: three per position; the fourth refused, nothing written ----
p_gd=$(id cadre position HN "Giám đốc Sở Nội vụ" --title cap_truong --level tinh)
for c in 110 111 112; do q cadre plan 2020-2025 $p_gd $c --date 01/03/2018; done
refused "3 cadres" cadre plan 2020-2025 $p_gd 113 --date 01/03/2018
"$TCXD" --json cadre planning 2020-2025 --position $p_gd --as-of 01/03/2018 | grep -q '"planned": 3' || fail "planning"
# women among them: 111 (111 % 3 = 0)
"$TCXD" --json cadre planning 2020-2025 --position $p_gd --as-of 01/03/2018 | grep -q '"women": 1' || fail "women"

# ---- votes: 45 convened, 40 present, 40 issued, 36 returned ----
refused "returned" cadre vote-session HN --date 01/12/2017 --convened 45 --present 40 --issued 36 --returned 37
vs=$(id cadre vote-session HN --date 01/12/2017 --convened 45 --present 40 --issued 40 --returned 36)
# cadre 2 (Phó Giám đốc since 03/2017): appointed in the voting year, not voted
refused "not voted" cadre vote $vs 2 $p_so --high 10 --medium 10 --low 10
# cadre 62 (Phó Chủ tịch since 2012, reappointed 2017): reappointed in the year, excluded too
refused "not voted" cadre vote $vs 62 $p_ub --high 1 --low 1
# a person with more valid ballots than returned
q cadre appoint 115 $p_ub --kind new --date 01/02/2015 --outside
refused "returned" cadre vote $vs 115 $p_ub --high 20 --medium 10 --low 7
# 10 of 18 low is more than half: cadre 116 leaves the planning
q cadre appoint 116 $p_ub --kind new --date 01/02/2015 --outside
q cadre appoint 117 $p_ub --kind new --date 01/02/2015 --outside
vs2=$(id cadre vote-session HN.Q1 --date 01/12/2016 --convened 30 --present 20 --issued 20 --returned 18)
q cadre plan 2015-2020 $p_so 116 --date 01/06/2016
out=$("$TCXD" --json cadre vote $vs2 116 $p_ub --high 2 --medium 6 --low 10)
echo "$out" | grep -q '"outcome": "over_half_low"' || fail "10/18 low: $out"
"$TCXD" --json cadre planning 2015-2020 --position $p_so --as-of 02/12/2016 | grep -q '"planned": 0' \
    || fail "116 still planned"
out=$("$TCXD" --json cadre vote $vs2 117 $p_ub --medium 6 --low 12)
echo "$out" | grep -q '"outcome": "two_thirds_low"' || fail "12/18 low: $out"
# exactly half is not more than half
q cadre appoint 118 $p_ub --kind new --date 01/02/2015 --outside
"$TCXD" --json cadre vote $vs2 118 $p_ub --high 9 --low 9 | grep -q '"outcome": "normal"' || fail "9/18"
# 117 cannot be reappointed
refused "two thirds" cadre appoint 117 $p_ub --kind re --date 01/02/2021
# a session below the quorum: 19 of 30
vs3=$(id cadre vote-session HN.Q1 --date 02/12/2016 --convened 30 --present 19 --issued 19 --returned 19)
"$TCXD" --json cadre vote $vs3 118 $p_ub --low 19 | grep -q '"outcome": "no_quorum"' || fail "quorum"
"$TCXD" --json cadre votes $vs2 | grep -c '"outcome"' | grep -qx 3 || fail "votes list"

# ---- discipline delays (the linked member's discipline) ----
q org add HN.Q1.X.01 "Chi bộ 1" --tier below_base --form chi_bo --parent HN.Q1.X --date 01/01/2000
q member add --org HN.Q1.X.01 --name "Lê Văn Kỷ" --gender nam --birth 01/01/1975 --decision-date 01/01/2005 --ceremony-date 01/01/2005 --official-date 01/01/2006
k=$(id cadre add --member 1 --org HN --level tinh)
q discipline member 1 --form khien_trach --decision-date 10/03/2016
refused "discipline" cadre appoint $k $p_so --kind new --date 09/03/2017 --outside
refused "24 months" cadre appoint $k $p_so --kind new --date 09/03/2018 --outside --higher
q cadre appoint $k $p_so --kind new --date 10/03/2017 --outside   # not higher: after the 12 months
refused "discipline" cadre move $k --kind dieu_dong --to HN.Q1 --date 01/06/2016
refused "term_end" cadre appoint 119 $p_so --kind new --date 01/05/2018 --term-end 01/05/2018 --outside
# the discipline annulled on appeal (01/04/2016): it no longer bars the move within its 12 months
q discipline appeal 1 --lodged 20/03/2016 --result annulled --decided 01/04/2016
st=0; "$TCXD" cadre move $k --kind dieu_dong --to HN.Q1 --date 01/06/2016 2>"$dir/err" >/dev/null || st=$?
if grep -qi "discipline\|kỷ luật" "$dir/err"; then fail "an annulled discipline still bars the move: $(cat "$dir/err")"; fi

# ---- the due list: a term ending Wednesday 31/12/2025; the notice is due 90 working days before:
# counted back here over weekdays without 01/09 and 02/09/2025 (Monday, Tuesday): 25/08/2025
q cadre appoint 127 $p_so --kind new --date 31/12/2020 --term-end 31/12/2025 --outside
notice=$(python3 -c "
import datetime as d
t=d.date(2025,12,31); n=0
hol={d.date(2025,9,1),d.date(2025,9,2)}
while n<90:
    t-=d.timedelta(1)
    if t.weekday()<5 and t not in hol: n+=1
print(t)")
due() { "$TCXD" --json cadre due --org HN --as-of $1 --days 400 | tr -d '\n ' | sed 's/},{/}\n{/g' | grep '"cadre_id":127,'; }
due 2025-06-01 | grep -q "\"notice_by\":\"$notice\",\"state\":\"later\"" || fail "due on 01/06: $(due 2025-06-01)"
due 2025-08-25 | grep -q '"state":"notice_due"' || fail "due on the notice day: $(due 2025-08-25)"
due 2025-08-26 | grep -q '"state":"late"' || fail "due the day after: $(due 2025-08-26)"
due 2025-12-31 | grep -q '"state":"ended"' || fail "due at the end: $(due 2025-12-31)"
# the HN.Q1 due list does not hold a city post
"$TCXD" --json cadre due --org HN.Q1 --as-of 2025-06-01 --days 400 | grep -q '"cadre_id": 127,' && fail "subtree"

# ---- the concurrent share: 2 ward secretaries, one also chairs the ward's people's committee
t_x=$(id cadre term HN.Q1.X 2015-2020 --from 01/06/2015 --to 01/06/2020)
t_y=$(id cadre term HN.Q1.Y 2015-2020 --from 01/06/2015 --to 01/06/2020)
q cadre seat HN.Q1.X 125 --role secretary --from 01/06/2015
q cadre seat HN.Q1.Y 126 --role secretary --from 01/06/2015
p_ct=$(id cadre position HN.Q1.X "Chủ tịch UBND phường Một" --title chu_tich_ubnd --level huyen --sector state)
q cadre appoint 125 $p_ct --kind new --date 01/07/2016 --outside
"$TCXD" --json cadre concurrent HN.Q1 --title chu_tich_ubnd --as-of 01/01/2017 | grep -q '"text": "1/2 (50,0%)"' \
    || fail "concurrent"
"$TCXD" --json cadre concurrent HN.Q1 --title chu_tich_ubnd --as-of 30/06/2016 | grep -q '"num": 0' \
    || fail "concurrent before"

# ---- the leave support: 1 triệu a month of work, at most 300 triệu
c=$(id cadre add "Nguyễn Thị Nghỉ" --org HN --level co_so --gender nu --work-start 01/03/2000)
"$TCXD" --json cadre leave-support $c --date 15/03/2018 | grep -q '"amount": 216000000' || fail "216 months"
c=$(id cadre add "Trần Văn Lâu" --org HN --level co_so --gender nam --work-start 01/03/1980)
"$TCXD" --json cadre leave-support $c --date 15/03/2018 | grep -q '"amount": 300000000' || fail "cap"

# ---- the review link: the annual review of a leader reads the year's recorded vote ----
export TCXD_TODAY=2026-01-15
q member add --org HN.Q1.X.01 --name "Phạm Thị Lãnh" --gender nu --birth 01/01/1978 --decision-date 01/01/2008 --ceremony-date 01/01/2008 --official-date 01/01/2009
k2=$(id cadre add --member 2 --org HN --level tinh)
q cadre appoint $k2 $p_so --kind new --date 01/03/2019 --outside
vs5=$(id cadre vote-session HN --date 10/06/2025 --convened 30 --present 27 --issued 27 --returned 26)
q cadre vote $vs5 $k $p_so --high 5 --medium 7 --low 14    # 14 of 26: more than half
q cadre vote $vs5 $k2 $p_so --high 6 --medium 7 --low 13   # 13 of 26: exactly half
S="--score 1.1=8 --score 1.2=8 --score 1.3=7 --score 1.4=7 --score 2.1=28 --score 2.2=18 --score 2.3=9 --score 2.4=9"
for m in 1 2; do
    q review self $m --year 2025 --as leader $S
    q review verify $m --year 2025 $S --votes 0/26   # typed in: replaced by the recorded vote
done
"$TCXD" --json review show 1 --year 2025 >"$dir/r1"
grep -q '14/26 phiếu tín nhiệm thấp' "$dir/r1" && grep -q '"level": "khtnv"' "$dir/r1" \
    || fail "review of cadre $k: $(grep -A3 reasons "$dir/r1")"
"$TCXD" --json review show 2 --year 2025 >"$dir/r2"
grep -q 'lấy phiếu tín nhiệm ngày 10/06/2025' "$dir/r2" || fail "registry line"
grep -q '"level": "khtnv"' "$dir/r2" && fail "13/26 forced the level"
grep -q '"level": "htxsnv"' "$dir/r2" || fail "review of cadre $k2"

echo "ok"
