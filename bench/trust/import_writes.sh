#!/bin/sh
# Writes while a big import runs (issue 11): a server on a copy of BASE_DB (the Hà Nội
# organizations, no members: `tcxd import orgs` of `tcxd export orgs HN --as-of 31/12/2020`; today's
# tree has the 2025 communes, created after the chi bộ under them), an admin's API import
# of CSV (the first 330,000 members of `tcxd export members HN --as-of 31/12/2020`) and, from
# before it starts until it has answered, a second client admitting one member after another
# (POST /api/members into chi bộ CODE), each timed. Prints the import's status and time, and
# the admissions made while it ran: how many, their statuses, median, p99 and max; and how long
# the import held the write lock (watched from outside: BEGIN IMMEDIATE every 20 ms, no waiting).
#   bench/trust/import_writes.sh TCXD BASE_DB MEMBERS_CSV [CHI_BO_CODE]
set -eu
TCXD=$1 BASE=$2 CSV=$3 CODE=${4:-HN.XD.SN10.09}
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-impw-XXXXXX")
trap 'kill $(cat "$dir"/pids 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT
db=$dir/run.db
cp "$BASE" "$db"
pw=Matkhau-bench-2024
echo "$pw" | TCXD_DB=$db "$TCXD" user add admin --role admin --scope HN --password-stdin >/dev/null
echo "$pw" | TCXD_DB=$db "$TCXD" user add staff --role staff --scope HN --password-stdin >/dev/null
org=$(sqlite3 "$db" "SELECT id FROM org WHERE code = '$CODE'")
TCXD_DB=$db "$TCXD" serve --listen 127.0.0.1:0 --port-file "$dir/port" --quiet --threads 4 \
    --max-upload 200 & echo $! >> "$dir/pids"
for i in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$dir/port")"
login() { # jar user -> prints the CSRF token
    curl -s -c "$dir/$1" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$2\",\"password\":\"$pw\"}" "$url/api/login" |
        sed -n 's/.*"csrf" *: *"\([^"]*\)".*/\1/p'
}
acsrf=$(login ajar admin)
scsrf=$(login sjar staff)
admit() { # appends "status seconds" per admission until $dir/done exists
    n=0
    while [ ! -e "$dir/done" ]; do
        n=$((n + 1))
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$dir/sjar" \
            -H "X-CSRF-Token: $scsrf" -H 'Content-Type: application/json' \
            -d "{\"full_name\":\"Nguyễn Văn Thử $n\",\"gender\":\"nam\",\"birth_date\":\"1990-01-01\",\"org_id\":$org,\"decision_date\":\"2024-01-01\"}" \
            "$url/api/members" >> "$dir/admit"
    done
}
admit & echo $! >> "$dir/pids"
sleep 1
: > "$dir/admit" # only the admissions made while the import runs
python3 - "$db" "$dir/done" > "$dir/lock" <<'EOF' & echo $! >> "$dir/pids"
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
t0, since, spans = time.time(), None, []
while not os.path.exists(sys.argv[2]):
    t = time.time()
    try:
        c.execute("BEGIN IMMEDIATE"); c.execute("ROLLBACK")
        if since is not None: spans.append((since - t0, t - since)); since = None
    except sqlite3.OperationalError:
        if since is None: since = t
    time.sleep(0.02)
big = max(spans, key=lambda s: s[1], default=(0, 0))
print("the write lock held by others at most %.1f s (from %.1f s after the import began)" % (big[1], big[0]))
EOF
start=$(date +%s.%N)
curl -s -o "$dir/import.json" -w '%{http_code}\n' -b "$dir/ajar" -H "X-CSRF-Token: $acsrf" \
    -H 'Content-Type: text/csv' --data-binary "@$CSV" "$url/api/import/members" > "$dir/import.code"
end=$(date +%s.%N)
touch "$dir/done"
sleep 1
echo "import: HTTP $(cat "$dir/import.code"), $(echo "$end - $start" | bc) s, written $(sed -n 's/.*"written" *: *\([0-9]*\).*/\1/p' "$dir/import.json")"
grep -q '"ok" *: *true' "$dir/import.json" || { echo "the import failed:"; head -c 1500 "$dir/import.json"; echo; }
awk '{n[$1]++} END {for (c in n) printf "admissions answered %s: %d\n", c, n[c]}' "$dir/admit"
sort -k2 -n "$dir/admit" | awk '{a[NR]=$2} END {i=int(NR*0.99); if (i<1) i=1; printf "admissions during the import x%d: median %.0f ms, p99 %.0f ms, max %.0f ms\n", NR, a[int(NR/2)+1]*1000, a[i]*1000, a[NR]*1000}'
cat "$dir/lock"
