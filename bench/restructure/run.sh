#!/bin/sh
# bench/restructure/run.sh - the real Hà Nội 2025 plan (data/plans/hanoi-2025.csv) on a copy of a
# hanoi-2020 demo database of DEMO_VERSION 3 (before the generator applied the plan itself):
# `tcxd restructure check` (dry run: everything done, then rolled back) and `tcxd restructure
# apply` (one transaction), RUNS times each (apply on a fresh copy each time), wall seconds and
# peak RSS from /usr/bin/time; prints the medians.
# usage: bench/restructure/run.sh [-b BUILD] [-r RUNS] DB
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=build
RUNS=3
while getopts b:r: o; do
    case $o in b) BUILD=$OPTARG ;; r) RUNS=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
SRC_DB=$1
TCXD=$ROOT/$BUILD/src/cli/tcxd
PLAN=$ROOT/data/plans/hanoi-2025.csv
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_bench_rs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, then the command
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || { cat "$tmp/out"; exit 1; }
    echo "$label $(cat "$tmp/time")" >>"$tmp/results"
}
: >"$tmp/results"
cp "$SRC_DB" "$tmp/db"
"$TCXD" --db "$tmp/db" version >/dev/null # migrations once
for i in $(seq "$RUNS"); do
    measure check "$TCXD" --db "$tmp/db" restructure check "$PLAN"
done
head -3 "$tmp/out"
for i in $(seq "$RUNS"); do
    cp "$SRC_DB" "$tmp/db"
    rm -f "$tmp/db-wal" "$tmp/db-shm"
    "$TCXD" --db "$tmp/db" version >/dev/null
    measure apply "$TCXD" --db "$tmp/db" restructure apply "$PLAN"
done
for what in check apply; do
    s=$(awk -v w=$what '$1 == w {print $2}' "$tmp/results" | median)
    m=$(awk -v w=$what '$1 == w {print $3}' "$tmp/results" | median)
    echo "$what: median $s s, peak RSS $((m / 1024)) MB over $RUNS runs"
done
