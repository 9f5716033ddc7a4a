#!/bin/sh
# run.sh - whole-process timings of the statistics forms on a demo database.
#
#   bench/forms/run.sh [-b BUILD_DIR] [-r RUNS] [-p PERIOD] DB [CITY [DISTRICT]]
#
# DB must exist (copy /work/demo-cache/hanoi-2020.db; never generate the national demo here).
# CITY defaults to the root organization, DISTRICT to CITY.BD. PERIOD defaults to 2020.
# For each form of the pack (1, 2, 2b, 3, 3b, 5, 7; 6 needs reviews) the city's and the
# district's `tcxd form show` are run RUNS times (default 5) after one warm-up; the median wall
# time is reported, with whether every check held (`--children` for the district: the children's
# sums too). Then "the pack": all member forms for the district, one process each, in sequence.
# Prints a Markdown table; bench/RESULTS.md keeps the measured tables.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build="$top/build"
runs=5
period=2020
while getopts b:r:p: o; do
    case $o in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) period=$OPTARG ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p PERIOD] DB [CITY [DISTRICT]]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p PERIOD] DB [CITY [DISTRICT]]" >&2; exit 2; }
db=$1
tcxd="$build/src/cli/tcxd"
[ -x "$tcxd" ] || { echo "run.sh: no $tcxd (build first)" >&2; exit 1; }
[ -e "$db" ] || { echo "run.sh: no $db (copy the demo database first)" >&2; exit 1; }
city=${2:-$(sqlite3 "$db" "SELECT code FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1")}
district=${3:-$city.BD}

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_cmd ARGS...: median ms of RUNS runs after one warm-up
time_cmd() {
    "$@" >/dev/null
    i=0
    : > /tmp/forms-bench.$$
    while [ $i -lt "$runs" ]; do
        t0=$(ms)
        "$@" >/dev/null
        t1=$(ms)
        echo $((t1 - t0)) >> /tmp/forms-bench.$$
        i=$((i + 1))
    done
    median < /tmp/forms-bench.$$
    rm -f /tmp/forms-bench.$$
}

checks() {
    out=$("$tcxd" --db "$db" form show "$@" 2>&1) || { echo "error"; return; }
    n=$(printf '%s\n' "$out" | grep -c '^\[đúng\]' || true)
    bad=$(printf '%s\n' "$out" | grep -c '^\[SAI\]' || true)
    if [ "$bad" -eq 0 ]; then echo "$n ✓"; else echo "$bad of $((n + bad)) ✗"; fi
}

echo "| form | organization | period | median ms | checks |"
echo "|---|---|---|---:|---|"
for f in 1 2 2b 3 3b 5 7; do
    for o in "$city" "$district"; do
        extra=""
        [ "$o" = "$district" ] && extra="--children"
        t=$(time_cmd "$tcxd" --db "$db" form show "$f" "$o" --period "$period")
        c=$(checks "$f" "$o" --period "$period" $extra)
        echo "| $f | $o | $period | $t | $c |"
    done
done
pack() { for f in 1 2 2b 3 3b 5 7; do "$tcxd" --db "$db" form show "$f" "$district" --period "$period"; done; }
t=$(time_cmd pack)
echo "| pack (1, 2, 2b, 3, 3b, 5, 7) | $district | $period | $t | |"
t=$(time_cmd "$tcxd" --db "$db" form flows "$city" --period "$period-h1")
echo "| flows sentence | $city | $period-h1 | $t | |"
"$tcxd" --db "$db" form flows "$city" --period "$period-h1"
