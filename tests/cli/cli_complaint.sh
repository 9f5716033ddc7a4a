#!/bin/sh
# Letters of complaint, denunciation and report through the real tcxd: intake with the
# writer's identity kept apart (not in show, list or the audit log; `complaint identity` reads
# it and is audited each time), classification (an anonymous denunciation and a late complaint
# against discipline cannot be accepted), deadlines in working days (counted here by hand), an
# extension, the result and its notice in order, refusals that write nothing, the overdue list
# and the period's counts against what the script enters.
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-complaint-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=en
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$TCXD" "$@" >/dev/null || fail "$*"; }
audits() { "$TCXD" --json audit --limit 100000 2>/dev/null | grep -c '"action"' || true; }
# refused: exit 2, the field named, nothing written
refused() {
    field=$1; shift
    before=$(audits)
    if out=$("$TCXD" "$@" 2>&1); then fail "accepted: $*"; fi
    echo "$out" | grep -q "$field" || fail "no field $field in: $out"
    [ "$(audits)" = "$before" ] || fail "refused but wrote: $*"
}
json_field() { sed -n "s/.*\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" | head -1; }

q init
q org add HN "Đảng bộ thành phố" --tier above_base --form dang_bo --date 01/01/2000
q org add HN.Q "Đảng bộ quận" --tier above_base --form dang_bo --parent HN --date 01/01/2000
q org add HN.Q.P "Đảng bộ phường" --tier base --form dang_bo --type phuong --parent HN.Q --date 01/01/2000
q org add HN.Q.P.1 "Chi bộ 1" --tier below_base --form chi_bo --parent HN.Q.P --date 01/01/2000
q member add --org HN.Q.P.1 --name "Nguyễn Văn Bị" --gender nam --birth 01/01/1970 --decision-date 01/01/2010 --ceremony-date 01/01/2010 --official-date 01/01/2011
q discipline member 1 --form khien_trach --decision-date 01/06/2022 --announced 06/06/2022

# 1: a named denunciation of member 1 to the district (huyen: 90 working days)
q complaint add HN.Q --kind to_cao --received 25/07/2022 --member 1 --summary "Tố cáo vi phạm" --name "Lê Thị Tốcáo" --address "Số 5 phố Huế" --contact 0912000111
"$TCXD" --json complaint show 1 > "$dir/show.json"
grep -q '"level": "huyen"' "$dir/show.json" || fail "level not derived from the district"
grep -q '"named": true' "$dir/show.json" || fail "named not recorded"
# the identity is nowhere but `complaint identity`
for cmd in "complaint show 1" "complaint list HN --from 01/01/2022 --to 31/12/2022" "audit"; do
    # shellcheck disable=SC2086
    "$TCXD" --json $cmd | grep -q "Tốcáo\|phố Huế\|0912000111" && fail "$cmd shows the identity"
done
before=$(audits)
"$TCXD" complaint identity 1 | grep -q "Lê Thị Tốcáo" || fail "identity not read"
[ "$(audits)" = $((before + 1)) ] || fail "the identity read is not audited"
"$TCXD" --json audit | grep -q '"complaint.identity_read"' || fail "no complaint.identity_read"

# accepted Monday 01/08/2022: 90 working days, counted by hand (weekends, 1 and 2/9 off)
q complaint classify 1 --as accepted --date 01/08/2022
# after 01/08: August 22 working days, September 20 (1 and 2/9 off), October 21, November 22
# (85), then 1, 2, 5, 6, 7 December
due=2022-12-07
"$TCXD" --json complaint show 1 | grep -q "\"due\": \"$due\"" || fail "deadline is not $due"
refused date complaint assign 1 --assignee "Tổ 1" --date 31/07/2022
q complaint assign 1 --assignee "Ủy ban kiểm tra Quận ủy" --date 02/08/2022
refused days complaint extend 1 --days 31 --date 01/12/2022
q complaint extend 1 --days 20 --date 01/12/2022
refused days complaint extend 1 --days 5 --date 02/12/2022
refused result complaint resolve 1 --result maybe --date 10/12/2022
refused date complaint notify 1 --date 10/12/2022
q complaint resolve 1 --result mot_phan --date 15/12/2022 --resolution "Đúng một phần"
refused date complaint notify 1 --date 14/12/2022
q complaint notify 1 --date 20/12/2022 --notice 5-TB/UBKT
"$TCXD" --json complaint show 1 | grep -q '"status": "notified"' || fail "not notified"

# 2: an anonymous denunciation cannot be accepted: filed
q complaint add HN.Q --kind to_cao --received 01/08/2022 --org HN.Q.P.1 --summary "Đơn giấu tên"
refused classification complaint classify 2 --as accepted --date 02/08/2022
q complaint classify 2 --as filed --date 02/08/2022 --note "giấu tên"
"$TCXD" complaint identity 2 | grep -q "anonymous" || fail "anonymous not said"

# 3: a complaint against the discipline (announced 06/06) received 10/07/2022: too late
q complaint add HN.Q.P --kind khieu_nai --received 10/07/2022 --discipline 1 --name "Nguyễn Văn Bị"
refused classification complaint classify 3 --as accepted --date 11/07/2022
# 4: one in time, at the base level (30 working days from 04/07/2022), never resolved
q complaint add HN.Q.P --kind khieu_nai --received 01/07/2022 --discipline 1 --name "Nguyễn Văn Bị"
q complaint classify 4 --as accepted --date 04/07/2022
"$TCXD" --json complaint show 4 | grep -q '"due": "2022-08-15"' || fail "base-level deadline"
# 5: a phản ánh forwarded
q complaint add HN.Q --kind phan_anh --received 05/09/2022
q complaint classify 5 --as forwarded --date 06/09/2022 --note "chuyển UBND"
# bad intake changes nothing
refused subject_member_id complaint add HN.Q --kind to_cao --received 01/08/2022 --name X
refused received_on complaint add HN.Q --kind phan_anh --received 01/01/2099
refused discipline_id complaint add HN.Q --kind to_cao --received 01/08/2022 --discipline 1 --name X
refused kind complaint add HN.Q --kind thu --received 01/08/2022

# the overdue list on 01/09/2022: only 4 (due 15/08); on 01/08/2022 nothing
"$TCXD" --json complaint overdue HN --as-of 01/09/2022 > "$dir/over.json"
grep -c '"id"' "$dir/over.json" | grep -qx 1 || fail "overdue count on 01/09/2022"
grep -q '"id": 4' "$dir/over.json" || fail "letter 4 not overdue"
"$TCXD" --json complaint overdue HN --as-of 01/08/2022 | grep -q '"id"' && fail "overdue on 01/08/2022"

# the period's counts for 2022 over the city, counted from what was entered above:
# received 5 (2 khiếu nại, 2 tố cáo, 1 phản ánh); accepted 2; filed 1; forwarded 1;
# resolved 1 (in time: due extended past 15/12); overdue on 31/12: letter 4
"$TCXD" --json complaint report HN --from 01/01/2022 --to 31/12/2022 > "$dir/rep.json"
for kv in received:5 accepted:2 filed:1 forwarded:1 resolved:1 resolved_late:0 notified:1 overdue:1 khieu_nai:2 to_cao:2 phan_anh:1; do
    k=${kv%%:*} v=${kv#*:}
    grep -q "\"$k\": $v[,}]\{0,1\}\$" "$dir/rep.json" || fail "report $k is not $v: $(cat "$dir/rep.json")"
done
"$TCXD" complaint report HN --from 01/01/2022 --to 31/12/2022 | grep -q "tiếp nhận 5 đơn thư (2 khiếu nại, 2 tố cáo, 1 phản ánh); đã giải quyết 1 đơn (0 quá hạn); còn 1 đơn quá hạn" || fail "sentence"
# the ward alone: letters 3 and 4
"$TCXD" --json complaint report HN.Q.P --from 01/01/2022 --to 31/12/2022 | grep -q '"received": 2' || fail "ward count"

# permissions: grant and revoke, audited; unknown permission refused
q user add ubkt --role staff --scope HN.Q --full-name "Cán bộ kiểm tra" --password-stdin <<PW
Matkhau-ubkt-2024
PW
before=$(audits)
q user grant ubkt inspection
[ "$(audits)" = $((before + 1)) ] || fail "grant not audited"
refused permission user grant ubkt superpower
q user revoke ubkt inspection
echo ok
