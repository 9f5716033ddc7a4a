#!/bin/sh
# run.sh - the analytics engine against the SQL path, side by side in one run.
#
#   bench/engine/run.sh [-b BUILD_DIR] [-r RUNS] DB
#
# DB: a copy of the hanoi-2020 demo (cp /work/demo-cache/hanoi-2020.db or `tcxd demo --profile
# hanoi-2020`; never the national one on a shared machine). Prints the machine, the commit, the
# engine's build time and memory, the structure report with every breakdown of the city and of
# four districts on a month end and on another day (SQL and engine, medians of RUNS, in one
# server-like process: one open store, the engine built once), the equality of the two on each,
# the searches and the list page, then a perf profile of the city report when perf is installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build="$top/build"
runs=7
while getopts b:r: o; do
    case $o in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-r RUNS] DB" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] DB" >&2; exit 2; }
db=$1
bin="$build/tests/report/bench_engine"
echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$top" rev-parse --short HEAD)"
"$bin" "$db" --runs "$runs" --date 31/12/2020 --date 30/12/2020
if command -v perf >/dev/null 2>&1; then
    out=$(mktemp)
    perf record -q -o "$out" "$bin" "$db" --profile 200 --date 31/12/2020 2>/dev/null | tail -1
    echo "perf (city report, engine, 200 runs; the build is in the profile too):"
    perf report -i "$out" --no-children --percent-limit 2 --stdio 2>/dev/null | grep -E '^ +[0-9]'
    rm -f "$out"
fi
