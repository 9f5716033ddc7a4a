#!/bin/sh
# pg.sh - the GROUP BY baseline in PostgreSQL 15 (Debian's), on the same rows as the SQLite
# database: a throw-away cluster in a temporary directory (unix socket only), the tables the
# breakdowns read (org, org_version, member, member_stint) loaded with COPY from the SQLite
# file, indexed like tcxd's schema and analyzed; then pg_groupby.sql for each organization on
# each day, medians of RUNS: the summed statement times (psql \timing) and the backend's CPU
# time for them (user + system, from log_statement_stats: getrusage of the server process),
# and the cluster removed. One backend, no parallel workers (max_parallel_workers_per_gather
# = 0), so that the CPU time is all the work done, as for the engine and SQLite (one thread).
# Bench only (run.sh -p), never in make check.
#
#   bench/engine/pg.sh [-r RUNS] [-o "CODE ..."] [-d "YYYY-MM-DD ..."] DB
#
# -o: the organizations (codes; default: the root and its first four children on the first
# day, in code order, as bench_engine picks them); -d: the days (default 2020-12-31 and
# 2020-12-30). Prints one row per day and organization:
#   | dd/mm/yyyy | CODE | members | wall ms | CPU ms |
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runs=5
orgs=
days="2020-12-31 2020-12-30"
usage() { echo "usage: $0 [-r RUNS] [-o \"CODE ...\"] [-d \"YYYY-MM-DD ...\"] DB" >&2; exit 2; }
while getopts r:o:d: o; do
    case $o in
    r) runs=$OPTARG ;;
    o) orgs=$OPTARG ;;
    d) days=$OPTARG ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
db=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/postgres" ] || { echo "PostgreSQL 15 not installed ($pgbin)"; exit 1; }
first=${days%% *}
if [ -z "$orgs" ]; then
    orgs=$(sqlite3 -readonly "$db" "SELECT o.code FROM org o JOIN org_version v ON v.org_id = o.id
        WHERE v.parent_id IS NULL AND v.valid_from <= '$first' AND v.valid_to > '$first'
        ORDER BY o.code LIMIT 1")
    orgs="$orgs $(sqlite3 -readonly "$db" "SELECT c.code FROM org c JOIN org_version v ON v.org_id = c.id
        JOIN org r ON r.id = v.parent_id WHERE r.code = '$orgs'
        AND v.valid_from <= '$first' AND v.valid_to > '$first'
        AND c.created_on <= '$first' AND c.ended_on > '$first' ORDER BY c.code LIMIT 4" | tr '\n' ' ')"
fi
dir=$(mktemp -d /tmp/tcxd-pg-XXXXXX)
chown postgres "$dir" 2>/dev/null || true
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
port=55432 # the socket is in $dir: no other cluster shares it
cleanup() {
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
as_pg "$pgbin/initdb" -D "$dir/data" -A trust -E UTF8 --locale=C.UTF-8 -U tcxd >/dev/null
as_pg nice -n 10 "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-k $dir -p $port -c listen_addresses= -c shared_buffers=2GB -c work_mem=256MB -c fsync=off -c max_parallel_workers_per_gather=0 -c max_wal_size=4GB -c client_min_messages=warning" \
    start >/dev/null
psql="psql -X -q -h $dir -p $port -U tcxd -d postgres -v ON_ERROR_STOP=1"
echo "PostgreSQL: $($psql -At -c 'SHOW server_version'); shared_buffers 2GB, work_mem 256MB, no parallel workers"
$psql <<'EOF'
CREATE TABLE org (id bigint PRIMARY KEY, code text NOT NULL, tier int, form int,
                  created_on text NOT NULL, ended_on text NOT NULL);
CREATE TABLE org_version (org_id bigint NOT NULL, valid_from text NOT NULL,
                          valid_to text NOT NULL, parent_id bigint);
CREATE TABLE member (id bigint PRIMARY KEY, gender int NOT NULL, birth_date text NOT NULL,
                     ethnicity text NOT NULL, religion text NOT NULL, education text NOT NULL,
                     theory_level int NOT NULL, admission_decision_date text);
CREATE TABLE member_stint (member_id bigint NOT NULL, org_id bigint NOT NULL,
                           valid_from text NOT NULL, valid_to text NOT NULL, kind int NOT NULL,
                           status int NOT NULL);
EOF
t0=$(date +%s)
load() { # table, SELECT on the SQLite file
    sqlite3 -readonly -csv "$db" "$2" | $psql -c "\\copy $1 FROM STDIN WITH (FORMAT csv)"
}
load org "SELECT id, code, tier, form, created_on, ended_on FROM org"
load org_version "SELECT org_id, valid_from, valid_to, parent_id FROM org_version"
load member "SELECT id, gender, birth_date, ethnicity, religion, education, theory_level, admission_decision_date FROM member"
load member_stint "SELECT member_id, org_id, valid_from, valid_to, kind, status FROM member_stint"
$psql <<'EOF'
CREATE UNIQUE INDEX org_code ON org(code);
CREATE INDEX org_version_parent ON org_version(parent_id, valid_from);
CREATE INDEX member_stint_org ON member_stint(org_id, valid_from, valid_to, kind, status, member_id);
VACUUM ANALYZE;
EOF
echo "loaded with COPY and indexed in $(($(date +%s) - t0)) s: $($psql -At -c 'SELECT count(*) FROM member') members, $($psql -At -c 'SELECT count(*) FROM member_stint') registrations"
echo
echo "| date | organization | members | PostgreSQL GROUP BY wall ms | CPU ms |"
echo "|---|---|---:|---:|---:|"
median() { sort -n | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m}'; }
for d in $days; do
    dmy=$(echo "$d" | awk -F- '{print $3 "/" $2 "/" $1}')
    for root in $orgs; do
        sed -e "s/@ROOT@/$root/g" -e "s/@DATE@/$d/g" "$here/pg_groupby.sql" >"$dir/q.sql"
        members=$({ cat "$dir/q.sql"; echo 'SELECT count(*) FROM bm;'; } | $psql -At | tail -1) # warm-up
        : >"$dir/runs"
        i=0
        while [ $i -lt "$runs" ]; do
            before=$(wc -c <"$dir/log")
            wall=$({ printf '%s\n' 'SET log_statement_stats = on;' '\timing on'; cat "$dir/q.sql"; } |
                $psql 2>&1 | awk '/^Time:/ {s += $2} END {printf "%.1f", s}')
            sleep 0.2 # the log's last lines
            cpu=$(tail -c +"$((before + 1))" "$dir/log" |
                awk '/s user, .* s system, .* s elapsed/ {s += $2 + $5} END {printf "%.1f", s * 1000}')
            echo "$wall $cpu" >>"$dir/runs"
            i=$((i + 1))
        done
        echo "| $dmy | $root | $members | $(cut -d' ' -f1 "$dir/runs" | median) | $(cut -d' ' -f2 "$dir/runs" | median) |"
    done
done
