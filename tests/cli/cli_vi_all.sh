#!/bin/sh
# The command line fully in Vietnamese (issue 12): under TCXD_LANG=vi every command's help and a
# success path of every command print no English word of the list below. The list holds the
# English words tcxd printed under TCXD_LANG=vi before the CLI was translated (collected by running
# these very commands); option names (--as-of), ASCII values typed after an option
# (above_base, in_progress) and codes are not words of a sentence and are taken out first.
# A new command adds its help (automatic: every entry of `tcxd help --list`) and one success path
# below; see NOTES.md "review (#12), 04:22".
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-cli-vi-all-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export TCXD_DB="$dir/t.db"
unset LC_ALL LC_MESSAGES LANG
export TCXD_LANG=vi
export LC_CTYPE=C.UTF-8
export TCXD_PASSWORD=matkhau-dai-du TCXD_USER=quantri
fail() { echo "FAIL: $*" >&2; exit 1; }
out="$dir/help.txt"
: >"$dir/help.txt"
: >"$dir/run.txt"
# r ARGS...: run tcxd, must succeed; its stdout and stderr go to the collected output
r() {
    echo "\$ tcxd $*" >>"$out"
    "$TCXD" "$@" >>"$out" 2>&1 || fail "tcxd $*: exit $? ($(tail -3 "$out"))"
}
# u WANT_STATUS ARGS...: a refusal (usage error), collected too
u() {
    want=$1; shift
    echo "\$ tcxd $*" >>"$out"
    st=0
    "$TCXD" "$@" >>"$out" 2>&1 || st=$?
    [ "$st" = "$want" ] || fail "tcxd $*: exit $st, not $want"
}

# ---- help of every command, the general help, no command at all (exit 2) ----
u 2
r help
for c in $("$TCXD" help --list); do
    r help "$c"
done

# ---- a success path of every command ----
out="$dir/run.txt"
r init
r org add HN "Đảng bộ thành phố Hà Nội" --tier above_base --form dang_bo --date 01/01/1990
r org add HN.BD "Đảng bộ quận Ba Đình" --tier above_base --form dang_bo --parent HN --date 01/01/1990
r org add HN.BD.PX "Đảng bộ phường Phúc Xá" --tier base --form dang_bo --type phuong --parent HN.BD \
    --date 01/01/1990
r org add HN.BD.PX.01 "Chi bộ khu dân cư số 1" --tier below_base --form chi_bo --parent HN.BD.PX \
    --date 01/01/1990
r org add HN.BD.PX.02 "Chi bộ khu dân cư số 2" --tier below_base --form chi_bo --parent HN.BD.PX \
    --date 01/01/1990
r org add HN.BD.PX.03 "Chi bộ khu dân cư số 3" --tier below_base --form chi_bo --parent HN.BD.PX \
    --date 01/01/1990
r org add HN.BD.PX.04 "Chi bộ khu dân cư số 4" --tier below_base --form chi_bo --parent HN.BD.PX \
    --date 01/01/1990
r org rename HN.BD.PX.03 "Chi bộ khu dân cư số 3 mới" --date 01/01/2005
r org add HN.BD.TT "Đảng bộ phường Trúc Bạch" --tier base --form dang_bo --type phuong --parent HN \
    --date 01/01/1990
r org move HN.BD.TT HN.BD --date 01/01/2006
r member admit --org HN.BD.PX.01 --name "Nguyễn Văn Phong" --gender Nam --birth 12/03/1990 \
    --decision-date 02/01/2020 --ceremony-date 15/01/2020 --national-id 001090012345 --decision 125-QĐ/ĐU \
    --theory "Sơ cấp"
r member add --org HN.BD.PX.02 --name "Trần Thị Hoà" --gender Nữ --birth 05/05/1975 \
    --decision-date 01/02/2001 --ceremony-date 10/02/2001 --official-date 20/02/2002 --theory "Trung cấp"
r member add --org HN.BD.PX.02 --name "Lê Văn Bình" --gender nam --birth 05/05/1970 \
    --decision-date 01/02/1995 --ceremony-date 10/02/1995 --official-date 20/02/1996
r member add --org HN.BD.PX.02 --name "Phạm Thị Cúc" --gender nu --birth 05/05/1972 \
    --decision-date 01/02/1996 --ceremony-date 10/02/1996 --official-date 20/02/1997
r member find "nguyen van phong"
r member list HN --as-of 31/12/2020
r member list HN --theory "Trung cấp" --gender "Nữ"
r member due HN --days 60
r member official 001090012345 --decision-date 20/01/2021 --decision 210-QĐ/ĐU
r member transfer 1 --to HN.BD.PX.02 --date 01/06/2022 --decision 15-QĐ/ĐU
r member transfer 2 --to HN.BD.PX.04 --temporary --until 01/01/2024 --date 01/03/2023
r member return 2 --date 01/06/2023
r member discipline 3 --form khien_trach --date 01/02/2023 --reason "vi phạm quy chế"
r member exempt 4 --date 01/02/2023
r member exempt 4 --date 01/02/2024 --end
r member suspend 4 --date 01/03/2024
r member suspend 4 --date 01/04/2024 --end
r member badge 3 --years 30 --date 03/02/2025
r member card 3 --kind issued --date 03/02/2010 --number 12345678
r member commend 3 --form giay_khen --date 03/02/2020
r member correct 3 --hometown "Hà Nam" --reason "ghi nhầm quê quán"
r member corrections 3
r member add --org HN.BD.PX.02 --name "Vũ Văn Em" --gender Nam --birth 05/05/1980 \
    --decision-date 01/02/2005 --ceremony-date 10/02/2005 --official-date 20/02/2006
r member add --org HN.BD.PX.02 --name "Đặng Thị Gấm" --gender Nữ --birth 05/05/1982 \
    --decision-date 01/02/2006 --ceremony-date 10/02/2006 --official-date 20/02/2007
r member exit 5 --kind xin_ra --date 01/03/2021
r member readmit 5 --org HN.BD.PX.02 --decision-date 01/06/2023 --ceremony-date 15/06/2023
r member exit 6 --kind khai_tru --date 01/03/2021
r member restore 6 --to HN.BD.PX.02 --date 01/06/2023
ev=$("$TCXD" --json member show 6 | grep -B1 '"kind": "restore"' | sed -n 's/.*"id": \([0-9]*\).*/\1/p')
r member event correct 6 "$ev" --date 02/06/2023 --reason "ghi nhầm ngày"
r member event cancel 6 "$ev" --reason "ghi nhầm"
r member show 1
r member show 3
r stats HN --as-of 31/12/2022
r report structure HN --as-of 31/12/2022
r report structure HN --as-of 31/12/2022 --format table
r org tree HN
r org show HN.BD.PX
r org find "khu dân cư"
r org history HN.BD.TT
r org history HN.BD.PX.03
r org merge HN.BD.PX.01 HN.BD.PX.02 --date 01/07/2022 --decision 30-QĐ/QU
r org history HN.BD.PX.01
r org history HN.BD.PX.02
r org dissolve HN.BD.PX.04 --date 01/07/2024
r member exit 4 --kind tu_tran --date 01/05/2025
r user add canbo --role staff --scope HN.BD --full-name "Cán bộ Ban Tổ chức"
r user add xem --role viewer --scope HN
r user passwd canbo
r user disable xem
r user enable xem
r user list
r audit --limit 5
r export members HN --output "$dir/m.csv"
r export orgs HN --output "$dir/o.csv"
printf 'Mã,Tên,Loại tổ chức,Cấp trên,Ngày thành lập\nHN.BD.PX.05,Chi bộ khu dân cư số 5,Chi bộ trực thuộc,HN.BD.PX,01/01/2010\n' \
    >"$dir/orgs.csv"
r import orgs "$dir/orgs.csv" --dry-run
r import orgs "$dir/orgs.csv"
printf 'Họ và tên,Giới tính,Ngày sinh,Ngày kết nạp,Chi bộ,Lý luận chính trị\nĐỗ Văn Dũng,Nam,01/01/1985,15/03/2015,HN.BD.PX.05,Sơ cấp\n' \
    >"$dir/members.csv"
r import members "$dir/members.csv"
r backup "$dir/b.db"
r restore "$dir/b.db"
r form list
r form show 1 HN --period 2022
r form flows HN --period 2022
r form export 1 HN --period 2022 --format csv --output "$dir/form1.csv"
r program add 01-CTr/TU "Chương trình số 01" --org HN --from 01/01/2021 --to 31/12/2025
r program item 01-CTr/TU 1 "Đề án số 1" --kind de_an --lead "Ban Tổ chức" --start 01/02/2021 \
    --deadline 31/12/2024
r program status 01-CTr/TU 1 in_progress --date 01/03/2021
r program list
r program show 01-CTr/TU --as-of 30/06/2022
r program report 01-CTr/TU --as-of 30/06/2022
r program due 01-CTr/TU --as-of 30/06/2025
r indicator add KN "Kết nạp đảng viên" --org HN --source admissions
r indicator target KN 10 --from 01/01/2022 --to 31/12/2022
r indicator add TL "Tỷ lệ đảng viên được phân công" --org HN --source manual
r indicator value TL 5 --from 01/01/2022 --to 31/12/2022
r indicator list
r indicator report KN --from 01/01/2022 --to 31/12/2022
r meeting add HN.BD.PX.02 --date 05/01/2023 --kind regular --topic "Sinh hoạt tháng 1" --members 2,3
r meeting list HN.BD.PX.02
r meeting assign 3 HN.BD.PX.02 --from 01/01/2023
r meeting attendance HN.BD.PX.02 --year 2023 --quarter 1
r unit add TDP1 "Tổ dân phố số 1" --org HN.BD.PX --kind to_dan_pho --from 01/01/2010
r unit link TDP1 HN.BD.PX.02 --from 01/01/2010
r unit coverage HN.BD.PX
r inspect add HN.BD --kind kt_thuong_xuyen --body ubkt --start 01/03/2023 --orgs HN.BD.PX
r inspect conclude 1 --conclusion no_violation --date 30/03/2023
r inspect show 1
r inspect list HN --from 01/01/2023 --to 31/12/2023
r inspect report HN --from 01/01/2023 --to 31/12/2023
r inspect plan-add HN --year 2023 --kind kt_chuyen_de --body ubkt --planned-orgs 2 --month 5 --title "Công tác cán bộ"
r inspect plan HN --year 2023
r discipline member 2 --form khien_trach --decision-date 01/05/2023 --by HN.BD.PX
r discipline appeal 1 --lodged 10/05/2023
r discipline show 1
r discipline org HN.BD.PX.02 --form khien_trach --decision-date 01/06/2023 --by HN.BD.PX
r discipline list HN --from 01/01/2023 --to 31/12/2023
r review rubric list
r review record 3 --year 2017 --level dtc_httnv
r review show 3 --year 2017
r review report HN.BD.PX --year 2017
r review weak add HN.BD.PX.02 --year 2022 --listed-on 30/06/2022 --status open
r review weak list HN --year 2022 --as-of 30/06/2022
r review leniency HN --year 2022
r restructure flows HN --from 01/01/2022 --to 31/12/2022
# the commands landed after the first list (issue 12: every command has a success path here)
r review rubric show --subject member --year 2025
r review rubric export --subject member --year 2025
r review self 3 --year 2025 --score 1.1=8 --score 1.2=8 --score 1.3=7 --score 1.4=7 --score 2.1=38 \
    --score 2.2=20 --score 2.3=10
r review verify 3 --year 2025 --score 1.1=8 --score 1.2=8 --score 1.3=7 --score 1.4=7 \
    --score 2.1=35 --score 2.2=20 --score 2.3=10
r review show 3 --year 2025
r review decide 3 --year 2025 --level httnv --decision 12-QĐ/ĐU --decision-date 15/01/2026
r review self 2 --year 2025 --score 1.1=8 --score 1.2=8 --score 1.3=7 --score 1.4=7 --score 2.1=30 \
    --score 2.2=20 --score 2.3=10
r review verify 2 --year 2025 --score 1.1=8 --score 1.2=8 --score 1.3=7 --score 1.4=7 \
    --score 2.1=30 --score 2.2=20 --score 2.3=10
printf 'subject,level\n2,htnv\n' >"$dir/levels.csv"
r review batch --year 2025 --levels "$dir/levels.csv" --decision 14-QĐ/ĐU --decision-date 15/01/2026
r review amend 3 --year 2025 --level htnv --reason "kết luận kiểm tra" --decision 13-QĐ/ĐU
r review report HN --year 2025 --list
r review leniency HN --year 2025
r cadre add "Nguyễn Văn Phong" --org HN.BD --level huyen --member 1 --work-start 01/08/1990
r cadre list --org HN.BD
r cadre term HN.BD 2020-2025 --from 01/10/2020 --to 30/09/2025
r cadre seat HN.BD 1 --role executive --from 01/10/2020
r cadre committee HN.BD --as-of 01/01/2022
r cadre position HN.BD "Bí thư" --title bi_thu --level huyen
r cadre plan 1 1 1 --date 01/06/2020
r cadre planning 1
r cadre appoint 1 1 --kind new --date 01/11/2020
r cadre plan 1 1 1 --date 01/06/2023
r cadre unplan 2 --date 01/05/2024 --reason appointed
r cadre show 1
r cadre concurrent HN.BD --title bi_thu --as-of 01/01/2022
r cadre train 1 --programme cc_llct --mode full_time --from 01/03/2021
r cadre class HN.BD "Lớp bồi dưỡng nghiệp vụ" --programme bd_xdd --opener huyen --from 01/04/2021 --to 10/04/2021
r cadre enrol 1 1
r cadre enrol-result 1 --result completed --grade Khá
r cadre classes --org HN.BD --year 2021
r cadre class-show 1
r cadre show 1
r cadre vote-session HN.BD --date 15/12/2023 --convened 30 --present 28 --issued 28 --returned 28
r cadre vote 1 1 1 --high 20 --medium 5 --low 3
r cadre votes 1
r cadre due --org HN.BD --as-of 01/01/2025
r cadre move 1 --kind dieu_dong --to HN.BD.PX --date 01/06/2024
r cadre relieve 1 1 --date 01/05/2024
r cadre seat-end 1 --date 01/06/2024 --reason "chuyển công tác"
r cadre retiring 1 --date 01/01/2025
r cadre leave-support 1 --date 01/02/2025
r cadre report HN.BD --from 01/01/2020 --to 31/12/2024
r staff body HN.BD --kind dang --level huyen
r staff body HN "Ban Tổ chức Thành ủy" --kind dang --level tinh
r staff bodies --org HN
r staff add "Trần Văn Biên" --org HN --gender nam --birth 01/01/1985 --prof dai_hoc --party
r staff add --org HN --cadre 1
r staff join 1 --body 1 --date 01/03/2020 --kind cc_exam --grade cv
r staff join 2 --body 2 --date 01/03/2021 --kind cc_intake --experience 6
r staff grade 1 --grade cvc --date 01/01/2023
r staff move 1 --body 2 --date 01/06/2024
r staff leave 2 --kind transfer --date 01/01/2025
r staff show 1
r staff list --org HN --as-of 31/12/2024
r form show 8a HN --period 2024
r form show 8b HN --period 2024
r complaint add HN.BD --kind to_cao --received 01/03/2023 --member 3 --name "Người viết đơn"
r complaint classify 1 --as accepted --date 05/03/2023
r complaint assign 1 --assignee "Ủy ban Kiểm tra Quận ủy" --date 06/03/2023
r complaint extend 1 --days 30 --date 01/05/2023
r complaint resolve 1 --result mot_phan --date 20/06/2023
r complaint notify 1 --date 25/06/2023 --notice 12-TB/UBKT
r complaint show 1
r complaint identity 1
r complaint list HN --from 01/01/2023 --to 31/12/2023
r complaint overdue HN --as-of 31/12/2023
r complaint report HN --from 01/01/2023 --to 31/12/2023
r user grant canbo inspection
r user revoke canbo inspection
r degradation items
r degradation record 3 --year 2024 --levels "1.1=1; 1.2=0; 1.3=0; 1.4=0; 1.5=0; 1.6=0; 1.7=0; 1.8=0; 1.9=0; 2.1=0; 2.2=2; 2.3=0; 2.4=0; 2.5=0; 2.6=0; 2.7=0; 2.8=0; 2.9=0; 3.1=0; 3.2=0; 3.3=0; 3.4=0; 3.5=0; 3.6=0; 3.7=0; 3.8=0; 3.9=0"
r degradation show 3 --year 2024
r degradation report HN --year 2024
r print phieu 3 -o "$dir/phieu.pdf"
r print so-danh-sach HN.BD.PX.02 --as-of 31/12/2022 -o "$dir/so.pdf"
cat >"$dir/plan.csv" <<'CSV'
action,code,name,tier,form,type,parent,into,part,decision_no,date
create,HN.BD.PM,Đảng bộ phường Mới,base,dang_bo,phuong,HN.BD,,,QĐ 1,01/07/2025
merge,HN.BD.TT,,,,,,HN.BD.PM,,NQ 1,
CSV
r restructure check "$dir/plan.csv"
r restructure apply "$dir/plan.csv" --dry-run
r restructure apply "$dir/plan.csv"
printf 'code,name,province_code,area_km2,population,as_of\n98001,Xã Nhỏ,98,10,3000,31/12/2024\n98002,Xã Lớn,98,80,20000,31/12/2024\n' \
    >"$dir/units.csv"
r restructure units "$dir/units.csv"
r restructure merger 98 --date 01/06/2025
TCXD_DB="$dir/demo.db" r demo --profile small
# serve: started on a free port, asked once, stopped; what it printed is collected too
echo "\$ tcxd serve" >>"$out"
TCXD_PWHASH_FAST=1 "$TCXD" serve --listen 127.0.0.1:0 --port-file "$dir/port" >>"$out" 2>&1 &
spid=$!
for i in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
[ -s "$dir/port" ] || fail "tcxd serve did not start"
if command -v curl >/dev/null; then
    curl -s -o /dev/null "http://127.0.0.1:$(cat "$dir/port")/api/me" || fail "tcxd serve did not answer"
fi
kill "$spid"
wait "$spid" || true
r version

# ---- usage errors ----
u 2 org add
u 2 member list
u 2 review weak
u 2 stats HN --bogus

# ---- the English words seen under TCXD_LANG=vi before (see the head of this file; the last two
# lines: what the commands added in session 4 printed before they were translated) ----
english="usage created renamed moved merged dissolved admitted official transfer returned disciplined
exempted exit added updated disabled enabled imported exported initialized written backup restored
schema version organization organizations member members with and the of for from into under
default today date dates database command commands see help show print records record event events
create move merge merge_in merged_into rename dissolve probationary active inactive staff viewer
admin role scope status open consolidated items item programs program indicator meeting meetings
found none total needs unknown option argument arguments expected invalid give only entries entry
kind level levels year years file rows row line lines checked problems nothing wrote would change
report reports list lists people person committee committees units unit inspection inspections
discipline appeal appeals done days due overdue soon quarter present absent guests assigned
yes no true false ok error warning
wrote bytes listening port threads shutting finishing requests flight stopped seed
planned written granted revoked permission anonymous identity"
# The words of the output. In the help, what is typed stays ASCII and is taken out first: the
# command and its verbs after "tcxd", option names, VALUE|VALUE lists, 'quoted' words, an ASCII
# value glossed in Vietnamese ("open (chưa củng cố)"), values with an underscore, file paths.
words() {
    sed -e '/^\$ tcxd/d' -e "s#$dir[^ ]*##g" -e 's/tcxd:\{0,1\}\( [a-z][a-z|-]*\)*//g' \
        -e 's/^  [a-z]*  */  /' -e 's/| [a-z]*//g' -e 's/--[a-z0-9-]*//g' \
        -e "s/'[^']*'//g" -e 's/[A-Za-z0-9_.,-]*|[A-Za-z0-9_.,|-]*//g' \
        -e 's/[A-Za-z0-9]*_[A-Za-z0-9_]*//g' -e 's/[a-z]* (/(/g' "$1"
}
{
    words "$dir/help.txt"
    # in what the commands print, a suggested command line stays ASCII too, and so do the keys
    # of what is JSON
    sed -e '/^\$ tcxd/d' -e '/^ *"[a-z_]*": /d' -e "s#$dir[^ ]*##g" \
        -e 's/tcxd:\{0,1\}\( [a-z][a-z|-]*\)*//g' -e 's/--[a-z0-9-]* [a-z0-9]*//g' \
        -e "s/'[^']*'//g" "$dir/run.txt"
} | sed -E 's#(^|[[:space:]("])/[^[:space:]")]*#\1#g' >"$dir/text"
# (an absolute path, e.g. the web folder serve names, is the checkout's: /work/wt/record/web/dist
# held the English word "record")
LC_ALL=C.UTF-8 grep -oE '[[:alpha:]_]+' "$dir/text" | tr 'A-Z' 'a-z' | sort -u >"$dir/words"
found=""
for w in $english; do
    grep -qx "$w" "$dir/words" && found="$found $w"
done
if [ -n "$found" ]; then
    for w in $found; do
        echo "English '$w' in:" >&2
        grep -inw "$w" "$dir/text" | head -3 >&2
    done
    fail "English words under TCXD_LANG=vi:$found"
fi
# dates are dd/mm/yyyy (an ISO time stamp of the audit log, ...T04:30:12Z, excepted)
if sed -e '/^\$ tcxd/d' -e '/^ *"[a-z_]*": /d' "$dir/run.txt" |
    grep -nE '(^|[^0-9])[0-9]{4}-[0-9]{2}-[0-9]{2}($|[^T0-9])' >"$dir/iso"; then
    fail "dates not in dd/mm/yyyy: $(head -3 "$dir/iso")"
fi
echo "ok: $(grep -c '^\$ tcxd' "$out") commands, no English word of $(echo $english | wc -w)"
