#!/usr/bin/env bash
# HTTP benchmark of `tcxd serve` on loopback with wrk, logged in, against the hanoi-2020 demo:
# GET one member, GET an organization's children, a member search; and in the same run nginx
# (Debian package) serving a static JSON file the size of the member answer, as the floor of
# HTTP on this machine. Then a soak (default 5 minutes) of the three requests with the server's
# resident memory sampled every 10 s. Prints Markdown for bench/RESULTS.md ("HTTP").
#
# usage: bench/http/run.sh
#   TCXD      the binary (default build/src/cli/tcxd; build it with buildtype=release or
#             debugoptimized)
#   DB        the database (default bench/out/http/hanoi-2020.db, made with `tcxd demo` if
#             missing)
#   DURATION  seconds per wrk run (default 30); CONNS connections (default 32); THREADS wrk
#             threads (default 2); SOAK soak seconds (default 300, 0 to skip)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TCXD="${TCXD:-$ROOT/build/src/cli/tcxd}"
OUT="${OUT:-$ROOT/bench/out/http}"
DB="${DB:-$OUT/hanoi-2020.db}"
DURATION="${DURATION:-30}"
CONNS="${CONNS:-32}"
THREADS="${THREADS:-2}"
SOAK="${SOAK:-300}"
PASSWORD="bench-password-2024"
mkdir -p "$OUT"

TCXD_EXTRA_PKGS="wrk nginx" "$ROOT/scripts/install-deps.sh" >&2
[ -x "$TCXD" ] || { echo "run.sh: $TCXD not built" >&2; exit 1; }
if [ ! -s "$DB" ]; then
    echo "run.sh: building the hanoi-2020 demo in $DB (takes a while)" >&2
    "$TCXD" --db "$DB" demo --profile hanoi-2020 >&2
fi

q() { sqlite3 -readonly "$DB" "$1"; }
ROOT_CODE=$(q "SELECT code FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1")
if TCXD_PASSWORD="$PASSWORD" "$TCXD" --db "$DB" user passwd bench >/dev/null 2>&1; then :; else
    TCXD_PASSWORD="$PASSWORD" "$TCXD" --db "$DB" user add bench --role admin --scope "$ROOT_CODE" \
        --full-name "Benchmark" >/dev/null
fi

cleanup() {
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    true
}
trap cleanup EXIT

rm -f "$OUT/port"
"$TCXD" --db "$DB" serve --listen 127.0.0.1:0 --port-file "$OUT/port" --quiet 2>"$OUT/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 200); do [ -s "$OUT/port" ] && break; sleep 0.1; done
PORT=$(cat "$OUT/port")
BASE="http://127.0.0.1:$PORT"

curl -s -c "$OUT/cookies" -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench\",\"password\":\"$PASSWORD\"}" "$BASE/api/login" >/dev/null
TOKEN=$(awk '$6 == "tcxd_session" {print $7}' "$OUT/cookies")
[ -n "$TOKEN" ] || { echo "run.sh: login failed" >&2; exit 1; }
COOKIE="Cookie: tcxd_session=$TOKEN"

# targets: a member in the middle of the table, a district committee (the root's first child
# with the most children), and a name search within that district
MEMBER=$(q "SELECT id FROM member WHERE status IN (1, 2) ORDER BY id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM member)")
DISTRICT=$(q "SELECT v.org_id FROM org_version v JOIN org o ON o.id = v.org_id
              WHERE v.parent_id = (SELECT id FROM org WHERE code = '$ROOT_CODE')
              AND v.valid_to = '9999-12-31' AND o.ended_on = '9999-12-31'
              ORDER BY (SELECT COUNT(*) FROM org_version c WHERE c.parent_id = v.org_id
                        AND c.valid_to = '9999-12-31') DESC LIMIT 1")
SEARCH="/api/members?org=$DISTRICT&q=nguyen%20van%20hung&page_size=20"
URL_MEMBER="$BASE/api/members/$MEMBER"
URL_CHILDREN="$BASE/api/orgs/$DISTRICT/children"
URL_SEARCH="$BASE$SEARCH"

# nginx serving a static file of the member answer's size
curl -s -H "$COOKIE" "$URL_MEMBER" >"$OUT/member.json"
SIZE=$(stat -c %s "$OUT/member.json")
mkdir -p "$OUT/nginx/www" "$OUT/nginx/tmp"
head -c "$SIZE" /dev/zero | tr '\0' 'x' >"$OUT/nginx/www/static.json"
NGINX_PORT=$((PORT + 1))
while (echo >"/dev/tcp/127.0.0.1/$NGINX_PORT") 2>/dev/null; do NGINX_PORT=$((NGINX_PORT + 1)); done
cat >"$OUT/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $OUT/nginx/tmp; proxy_temp_path $OUT/nginx/tmp;
    fastcgi_temp_path $OUT/nginx/tmp; uwsgi_temp_path $OUT/nginx/tmp; scgi_temp_path $OUT/nginx/tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $OUT/nginx/www;
        location / { default_type application/json; }
    }
}
EOF
nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" &
NGINX_PID=$!
sleep 0.5

# wrk prints latency units (us, ms, s); normalise to ms
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print v }'; }
bench() { # name url [header]
    local name=$1 url=$2 hdr=${3:-}
    local log="$OUT/wrk-$(echo "$name" | tr -c 'A-Za-z0-9\n' '_' | cut -c1-40).txt"
    if [ -n "$hdr" ]; then
        wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -H "$hdr" "$url" >"$log"
    else
        wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$url" >"$log"
    fi
    local rps p50 p99 total errs non2xx
    rps=$(awk '/^Requests\/sec/ {print $2}' "$log")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$log")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$log")")
    total=$(awk '/requests in/ {print $1}' "$log")
    errs=$(awk '/Socket errors/ {gsub(",", ""); s = 0; for (i = 3; i <= NF; i += 2) s += $(i + 1); print s}' "$log")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$log")
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$total" "$((${errs:-0} + ${non2xx:-0}))"
}

{
    echo "HTTP benchmark: $(nproc) cores, wrk -t$THREADS -c$CONNS -d${DURATION}s, $(date -u +%Y-%m-%d)"
    echo "database: $(q 'SELECT COUNT(*) FROM member') members, $(q 'SELECT COUNT(*) FROM org') organizations; member answer $SIZE bytes"
    echo "targets: member #$MEMBER, children of organization #$DISTRICT, search $SEARCH"
    echo
    echo "| request | requests/s | p50 ms | p99 ms | requests | errors |"
    echo "|---|---|---|---|---|---|"
    bench "nginx static file ($SIZE B)" "http://127.0.0.1:$NGINX_PORT/static.json"
    bench "GET /api/members/{id}" "$URL_MEMBER" "$COOKIE"
    bench "GET /api/orgs/{id}/children" "$URL_CHILDREN" "$COOKIE"
    bench "GET /api/members?q= (search)" "$URL_SEARCH" "$COOKIE"
} | tee "$OUT/results.md"

if [ "$SOAK" -gt 0 ]; then
    cat >"$OUT/mix.lua" <<EOF
local paths = {"/api/members/$MEMBER", "/api/orgs/$DISTRICT/children", "$SEARCH"}
local i = 0
request = function()
    i = i + 1
    return wrk.format("GET", paths[(i % 3) + 1], {["Cookie"] = "tcxd_session=$TOKEN"})
end
EOF
    rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
    : >"$OUT/rss.txt"
    (for _ in $(seq 1 $((SOAK / 10))); do rss >>"$OUT/rss.txt"; sleep 10; done) &
    SAMPLER=$!
    wrk -t"$THREADS" -c"$CONNS" -d"${SOAK}s" --latency -s "$OUT/mix.lua" "$BASE" >"$OUT/wrk-soak.txt"
    wait "$SAMPLER" || true
    rss >>"$OUT/rss.txt"
    {
        echo
        echo "Soak: ${SOAK}s of the three requests in turn: $(awk '/^Requests\/sec/ {print $2}' "$OUT/wrk-soak.txt") requests/s," \
            "p99 $(to_ms "$(awk '$1 == "99%" {print $2}' "$OUT/wrk-soak.txt")") ms," \
            "errors $(awk '/Socket errors|Non-2xx/ {print}' "$OUT/wrk-soak.txt" | tr '\n' ' ' | sed 's/ *$//')"
        awk 'NR == 1 {first = $1} {v[NR] = $1; if ($1 > max) max = $1; if (min == "" || $1 < min) min = $1}
             END {printf "RSS (KiB) sampled every 10 s: first %d, after 1 min %d, min %d, max %d, last %d (%d samples)\n",
                  first, v[7 <= NR ? 7 : NR], min, max, v[NR], NR}' "$OUT/rss.txt"
    } | tee -a "$OUT/results.md"
fi
