#!/bin/sh
# pg.sh - the GROUP BY baseline in PostgreSQL 15 (Debian's), on the same rows as the SQLite
# database: a throw-away cluster in a temporary directory (unix socket only), the tables the
# breakdowns read (org, org_version, member, member_stint) loaded with COPY from the SQLite
# file, indexed like tcxd's schema and analyzed; then pg_groupby.sql for the city and a
# district on two days, medians of RUNS of the summed statement times (psql \timing), and the
# cluster removed. Bench only (run.sh -p), never in make check.
#
#   bench/engine/pg.sh [-r RUNS] DB
set -eu
here=$(cd "$(dirname "$0")" && pwd)
runs=5
while getopts r: o; do
    case $o in
    r) runs=$OPTARG ;;
    *) echo "usage: $0 [-r RUNS] DB" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-r RUNS] DB" >&2; exit 2; }
db=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/postgres" ] || { echo "PostgreSQL 15 not installed ($pgbin)"; exit 1; }
dir=$(mktemp -d /tmp/tcxd-pg-XXXXXX)
chown postgres "$dir" 2>/dev/null || true
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
port=55432
cleanup() {
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
as_pg "$pgbin/initdb" -D "$dir/data" -A trust -E UTF8 --locale=C.UTF-8 -U tcxd >/dev/null
as_pg nice -n 10 "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-k $dir -p $port -c listen_addresses= -c shared_buffers=512MB -c work_mem=64MB -c fsync=off" \
    start >/dev/null
psql="psql -X -q -h $dir -p $port -U tcxd -d postgres -v ON_ERROR_STOP=1"
echo "PostgreSQL: $($psql -At -c 'SHOW server_version')"
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
    sqlite3 -csv "$db" "$2" | $psql -c "\\copy $1 FROM STDIN WITH (FORMAT csv)"
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
echo "| date | organization | PostgreSQL GROUP BY ms (median of $runs) |"
echo "|---|---|---:|"
for d in 2020-12-31 2020-12-30; do
    for root in HN HN.BD; do
        sed -e "s/@ROOT@/$root/g" -e "s/@DATE@/$d/g" "$here/pg_groupby.sql" >"$dir/q.sql"
        $psql -c "\\i $dir/q.sql" >/dev/null # warm-up
        i=0
        while [ $i -lt "$runs" ]; do
            { echo '\timing on'; cat "$dir/q.sql"; } | $psql 2>&1 |
                awk '/^Time:/ {s += $2} END {printf "%.1f\n", s}'
            i=$((i + 1))
        done | sort -n | awk -v d="$d" -v r="$root" '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "| %s | %s | %.1f |\n", d, r, m}'
    done
done
