#!/usr/bin/env bash
# Times `tcxd demo` for a profile: wall time of each run, the median, peak memory (RSS), database
# size and row counts. Prints a Markdown table row for bench/RESULTS.md ("Demo").
# usage: bench/demo/bench_demo.sh PROFILE [RUNS]   (TCXD: the binary, default build/src/cli/tcxd;
#        OUT: scratch directory, default bench/out/demo; TCXD_TODAY fixes the history's end)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROFILE="${1:?usage: bench_demo.sh PROFILE [RUNS]}"
RUNS="${2:-1}"
TCXD="${TCXD:-$ROOT/build/src/cli/tcxd}"
OUT="${OUT:-$ROOT/bench/out/demo}"
mkdir -p "$OUT"
DB="$OUT/$PROFILE.db"

times=()
rss=0
for ((i = 1; i <= RUNS; i++)); do
    rm -f "$DB" "$DB-wal" "$DB-shm"
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$OUT/rss" "$TCXD" --db "$DB" demo --profile "$PROFILE" >"$OUT/log"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    times+=("$t")
    r=$(cat "$OUT/rss")
    ((r > rss)) && rss=$r
    echo "run $i: $t s, peak RSS $r KiB: $(cat "$OUT/log")" >&2
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
size=$(stat -c %s "$DB")
rows() { sqlite3 "$DB" "SELECT count(*) FROM $1"; }
runs=$(printf '%.1f ' "${times[@]}")
printf '| %s | %d | %.1f s | %s| %.0f MiB | %.0f MiB | %s | %s | %s | %s |\n' \
    "$PROFILE" "$RUNS" "$median" "$runs" "$(echo "$rss / 1024" | bc -l)" \
    "$(echo "$size / 1048576" | bc -l)" "$(rows org)" "$(rows member)" "$(rows member_event)" \
    "$(rows audit)"
