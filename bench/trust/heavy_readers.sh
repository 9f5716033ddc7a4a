#!/bin/sh
# Heavy readers against light requests on the Hà Nội 2020 demo (issue 11): two clients loop on
# the heaviest member list (a past date, a one-letter search, 200 rows) while a third times a
# light request (GET /api/orgs/root) N times; prints the light request's median and p99 and
# what the heavy ones got (200, or 503 at the cost limit).
#   bench/trust/heavy_readers.sh TCXD DB [READ_LIMIT_MS] [N]
# DB is a COPY of /work/demo-cache/hanoi-2020.db (the server writes sessions into it).
set -eu
TCXD=$1 DB=$2 LIMIT=${3:-5000} N=${4:-300}
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-heavy-XXXXXX")
trap 'kill $(cat "$dir"/pids 2>/dev/null) 2>/dev/null || true; rm -rf "$dir"' EXIT
echo "Matkhau-bench-2024" | TCXD_DB=$DB "$TCXD" user add bench --role viewer --scope HN --password-stdin >/dev/null 2>&1 || true
TCXD_DB=$DB "$TCXD" serve --listen 127.0.0.1:0 --port-file "$dir/port" --quiet --threads 4 \
    --read-limit "$LIMIT" & echo $! >> "$dir/pids"
for i in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$dir/port")"
curl -s -c "$dir/jar" -H 'Content-Type: application/json' \
    -d '{"username":"bench","password":"Matkhau-bench-2024"}' "$url/api/login" >/dev/null
# the first member list builds the search engine's index (seconds on the Hà Nội demo, the
# process's work): made before the timing starts
curl -s -o /dev/null -w 'first heavy list (builds the engine): %{http_code} in %{time_total} s\n' \
    -b "$dir/jar" "$url/api/members?as_of=2019-01-01&q=a&page_size=200"
heavy() {
    while :; do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$dir/jar" \
            "$url/api/members?as_of=2019-01-01&q=a&page_size=200" >> "$dir/heavy$1"
    done
}
heavy 1 & echo $! >> "$dir/pids"
heavy 2 & echo $! >> "$dir/pids"
sleep 2
for i in $(seq 1 "$N"); do
    curl -s -o /dev/null -w '%{time_total}\n' -b "$dir/jar" "$url/api/orgs/root" >> "$dir/light"
done
sort -n "$dir/light" | awk '{a[NR]=$1} END {printf "light GET /api/orgs/root x%d: median %.1f ms, p99 %.1f ms, max %.1f ms\n", NR, a[int(NR/2)+1]*1000, a[int(NR*0.99)]*1000, a[NR]*1000}'
cat "$dir"/heavy1 "$dir"/heavy2 | awk '{n[$1]++; t[$1]+=$2} END {for (c in n) printf "heavy list: %d answered %s, mean %.2f s\n", n[c], c, t[c]/n[c]}'
