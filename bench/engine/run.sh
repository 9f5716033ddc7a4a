#!/bin/sh
# run.sh - the analytics engine against SQL, side by side in one run.
#
#   bench/engine/run.sh [-b BUILD_DIR] [-r RUNS] [-p] [-1] DB
#
# DB: a copy of the hanoi-2020 demo (cp /work/demo-cache/hanoi-2020.db or `tcxd demo --profile
# hanoi-2020`), or of the national one (cp /work/demo-cache/national.db: 6 GB, then opened once
# read-write to upgrade it; -r 3 takes ~40 min and ~8 GB of memory with -p). Everything runs
# under nice -n 10.
# Prints the machine, the commit, then:
#   1. in one server-like process (bench_engine: one open store, the engine built once): the
#      engine's build time and memory, its cache file written and mapped back; the structure
#      report with every breakdown of the city and four districts on a month end and on another
#      day by the GROUP BY baseline (groupby.sql), by the report's SQL path and by the engine,
#      medians of RUNS (wall and CPU), each report checked equal between the two paths; the
#      searches and a list page;
#   2. whole processes (the CLI, the cache file mapped, against TCXD_ENGINE=0): the city with
#      every breakdown, `member find nguyen`, `member list ROOT --page 100` (ROOT: the root
#      organization on 31/12/2020, HN or VN), medians of RUNS;
#   3. with -p and PostgreSQL installed: the same GROUP BY breakdowns in PostgreSQL (pg.sh) on
#      the organizations and days of 1., then the three side by side: engine, SQLite's GROUP BY
#      and PostgreSQL's, wall and CPU, and how many times the engine's CPU each takes;
#   4. a perf profile of the city report by the engine when perf is installed.
# -1: only 1. and 3. (the national database: its whole-process SQL runs take minutes each).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build="$top/build"
runs=7
pg=0
one=0
while getopts b:r:p1 o; do
    case $o in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) pg=1 ;;
    1) one=1 ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p] [-1] DB" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p] [-1] DB" >&2; exit 2; }
db=$1
bin="$build/tests/report/bench_engine"
tcxd="$build/src/cli/tcxd"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$top" rev-parse --short HEAD)"
rm -f "$db.engine"
benchout=$(mktemp)
BENCH_BUILD=1 nice -n 10 "$bin" "$db" --runs "$runs" --date 31/12/2020 --date 30/12/2020 \
    --groupby "$here/groupby.sql" | tee "$benchout"

# median wall time in ms of RUNS runs of a command (after one warm-up), output discarded
median_ms() {
    "$@" >/dev/null 2>&1 || true
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
        i=$((i + 1))
    done | sort -n | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000}'
}
whole() { # label, then the tcxd arguments
    label=$1
    shift
    e=$(median_ms nice -n 10 "$tcxd" --db "$db" "$@")
    s=$(median_ms env TCXD_ENGINE=0 nice -n 10 "$tcxd" --db "$db" "$@")
    echo "| $label | \`tcxd $*\` | $s | $e | $(awk "BEGIN {printf \"%.0f\", $s / $e}") |"
}
# the database's root on the first day (HN for the Hà Nội demo, VN for the national one)
root=$(sqlite3 -readonly "$db" "SELECT o.code FROM org o JOIN org_version v ON v.org_id = o.id
    WHERE v.parent_id IS NULL AND v.valid_from <= '2020-12-31' AND v.valid_to > '2020-12-31'
    ORDER BY o.code LIMIT 1")
if [ "$one" = 0 ]; then
    echo
    echo "whole processes (median of $runs after a warm-up; the engine's cache file mapped):"
    echo
    echo "| what | command | SQL ms | engine ms | × |"
    echo "|---|---|---:|---:|---:|"
    whole "root, every breakdown, a month end" report structure "$root" --as-of 31/12/2020 --format json
    whole "root, every breakdown, another day" report structure "$root" --as-of 30/12/2020 --format json
    whole "root, the sentence" report structure "$root" --as-of 30/12/2020
    whole "search, first page with the total" member find nguyen --limit 50 --as-of 30/12/2020
    whole "list, page 100" member list "$root" --page 100 --as-of 30/12/2020
fi
if [ "$pg" = 1 ]; then
    # the organizations of bench_engine's table, the same days
    codes=$(awk -F' *\\| *' '$2 == "31/12/2020" && $4 ~ /^[0-9]+$/ {print $3}' "$benchout" | tr '\n' ' ')
    pgout=$(mktemp)
    if sh "$here/pg.sh" -r "$runs" -o "$codes" -d "2020-12-31 2020-12-30" "$db" | tee "$pgout"; then
        echo
        echo "side by side (this run; wall ms / CPU ms, medians of $runs; × = CPU of the GROUP BY / CPU of the engine):"
        echo
        echo "| date | organization | members | engine | SQLite GROUP BY | PostgreSQL GROUP BY | × SQLite | × PostgreSQL |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|"
        awk -F' *\\| *' '
            FNR == NR { if ($4 ~ /^[0-9]+$/ && $5 ~ /\//) { k = $2 SUBSEP $3; n[k] = $4; g[k] = $5; e[k] = $7; order[++no] = k } next }
            $4 ~ /^[0-9]+$/ && $5 ~ /^[0-9.]+$/ { pw[$2 SUBSEP $3] = $5; pc[$2 SUBSEP $3] = $6 }
            END {
                for (i = 1; i <= no; i++) {
                    k = order[i]; split(k, dk, SUBSEP)
                    split(e[k], ee, " / "); split(g[k], gg, " / ")
                    p = (k in pw) ? pw[k] " / " pc[k] : "-"
                    xs = ee[2] > 0 ? sprintf("%.0f", gg[2] / ee[2]) : "-"
                    xp = (k in pw) && ee[2] > 0 ? sprintf("%.0f", pc[k] / ee[2]) : "-"
                    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", dk[1], dk[2], n[k], e[k], g[k], p, xs, xp
                }
            }' "$benchout" "$pgout"
    else
        echo "PostgreSQL: not measured (pg.sh failed)"
    fi
    rm -f "$pgout"
fi
rm -f "$benchout"
if [ "$one" = 0 ] && command -v perf >/dev/null 2>&1; then
    out=$(mktemp)
    nice -n 10 perf record -q -o "$out" "$bin" "$db" --profile 400 --date 30/12/2020 2>/dev/null | tail -1
    echo "perf (city report by the engine, 400 runs; the mapping of the cache file is in the profile too):"
    perf report -i "$out" --no-children --percent-limit 1.5 --stdio 2>/dev/null | grep -E '^ +[0-9]'
    rm -f "$out"
fi
