#!/bin/sh
# run.sh - the analytics engine against SQL, side by side in one run.
#
#   bench/engine/run.sh [-b BUILD_DIR] [-r RUNS] [-p] DB
#
# DB: a copy of the hanoi-2020 demo (cp /work/demo-cache/hanoi-2020.db or `tcxd demo --profile
# hanoi-2020`; never the national one on a shared machine). Everything runs under nice -n 10.
# Prints the machine, the commit, then:
#   1. in one server-like process (bench_engine: one open store, the engine built once): the
#      engine's build time and memory, its cache file written and mapped back; the structure
#      report with every breakdown of the city and four districts on a month end and on another
#      day by the GROUP BY baseline (groupby.sql), by the report's SQL path and by the engine,
#      medians of RUNS (wall and CPU), each report checked equal between the two paths; the
#      searches and a list page;
#   2. whole processes (the CLI, the cache file mapped, against TCXD_ENGINE=0): the city with
#      every breakdown, `member find nguyen`, `member list HN --page 100`, medians of RUNS;
#   3. with -p and PostgreSQL installed: the same GROUP BY breakdowns in PostgreSQL (pg.sh);
#   4. a perf profile of the city report by the engine when perf is installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build="$top/build"
runs=7
pg=0
while getopts b:r:p o; do
    case $o in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) pg=1 ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p] DB" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p] DB" >&2; exit 2; }
db=$1
bin="$build/tests/report/bench_engine"
tcxd="$build/src/cli/tcxd"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$top" rev-parse --short HEAD)"
rm -f "$db.engine"
BENCH_BUILD=1 nice -n 10 "$bin" "$db" --runs "$runs" --date 31/12/2020 --date 30/12/2020 \
    --groupby "$here/groupby.sql"

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
echo
echo "whole processes (median of $runs after a warm-up; the engine's cache file mapped):"
echo
echo "| what | command | SQL ms | engine ms | × |"
echo "|---|---|---:|---:|---:|"
whole "city, every breakdown, a month end" report structure HN --as-of 31/12/2020 --format json
whole "city, every breakdown, another day" report structure HN --as-of 30/12/2020 --format json
whole "city sentence" report structure HN --as-of 30/12/2020
whole "search, first page with the total" member find nguyen --limit 50 --as-of 30/12/2020
whole "list, page 100" member list HN --page 100 --as-of 30/12/2020
if [ "$pg" = 1 ]; then
    sh "$here/pg.sh" -r "$runs" "$db" || echo "PostgreSQL: not measured (pg.sh failed)"
fi
if command -v perf >/dev/null 2>&1; then
    out=$(mktemp)
    nice -n 10 perf record -q -o "$out" "$bin" "$db" --profile 400 --date 30/12/2020 2>/dev/null | tail -1
    echo "perf (city report by the engine, 400 runs; the mapping of the cache file is in the profile too):"
    perf report -i "$out" --no-children --percent-limit 1.5 --stdio 2>/dev/null | grep -E '^ +[0-9]'
    rm -f "$out"
fi
