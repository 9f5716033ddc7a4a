#!/usr/bin/env bash
# The national demo at full scale: `tcxd demo --profile national` into a new database under
# /usr/bin/time -v (wall, CPU, peak RSS), the file's size, then the structure it reports:
#   - 31/12/2024: 63 provincial committees directly under VN; 31/12/2025: 34 (the 2025 merger);
#   - each day, the members of the provinces (the report's children) sum to the country's, and
#     the country's equals the members registered that day counted with SQL (member_stint);
#   - the members at the XIV Congress (19/01/2026).
# Prints a Markdown table row for bench/RESULTS.md ("Demo") and the checks; exits 1 when one fails.
# usage: bench/demo/national.sh              generate into $OUT/national.db, then check
#        bench/demo/national.sh --check DB [TIMEFILE]   check a database already generated (its
#                                             /usr/bin/time -v output, when there is one)
#        (TCXD: the binary, default build/src/cli/tcxd; OUT: default bench/out/demo; TCXD_TODAY
#        fixes the history's end). One generation at a time: it takes the machine's memory and
#        a CPU for tens of minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TCXD="${TCXD:-$ROOT/build/src/cli/tcxd}"
OUT="${OUT:-$ROOT/bench/out/demo}"
mkdir -p "$OUT"

if [[ "${1:-}" == --check ]]; then
    DB="${2:?usage: national.sh --check DB [TIMEFILE]}"
    TIMEFILE="${3:-}"
else
    DB="$OUT/national.db"
    TIMEFILE="$OUT/national.time"
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal" "$DB.forms-cache"
    /usr/bin/time -v -o "$TIMEFILE" "$TCXD" --db "$DB" demo --profile national >"$OUT/national.log"
    cat "$OUT/national.log" >&2
fi

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# one day: "children members sum_of_children registered"
day() {
    local iso=$1
    "$TCXD" --db "$DB" --json report structure VN --as-of "$iso" | python3 -c '
import json, sys
r = json.load(sys.stdin)
kids = r["breakdowns"]["children"]
print(r["counts"]["children"], r["counts"]["members"], sum(k["members"] for k in kids))'
    sqlite3 "$DB" "SELECT COUNT(DISTINCT member_id) FROM member_stint WHERE kind = 0
                   AND valid_from <= '$iso' AND valid_to > '$iso'"
}

declare -A want=([2024-12-31]=63 [2025-12-31]=34)
summary=""
for iso in 2024-12-31 2025-06-30 2025-07-01 2025-12-31 2026-01-19; do
    t0=$(date +%s.%N)
    out=$(day "$iso" | tr '\n' ' ')
    t1=$(date +%s.%N)
    read -r kids members sum reg <<<"$out"
    printf '%s: %s provinces, %s members (provinces sum to %s; %s registered by SQL), report %.1f s\n' \
        "$iso" "$kids" "$members" "$sum" "$reg" "$(echo "$t1 - $t0" | bc)" >&2
    [[ -z "${want[$iso]:-}" || "$kids" == "${want[$iso]}" ]] || fail "$iso: $kids provinces, want ${want[$iso]}"
    [[ "$sum" == "$members" ]] || fail "$iso: the provinces sum to $sum, the country has $members"
    [[ "$reg" == "$members" ]] || fail "$iso: $members members, $reg registered (SQL)"
    summary+="$iso $kids/$members; "
done

size=$(stat -c %s "$DB")
if [[ -n "$TIMEFILE" && -s "$TIMEFILE" ]]; then
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TIMEFILE" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    user=$(sed -n 's/.*User time (seconds): //p' "$TIMEFILE")
    sys=$(sed -n 's/.*System time (seconds): //p' "$TIMEFILE")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMEFILE")
    printf '| national | 1 | %.0f s | %.0f s | %.0f MiB | %.0f MiB | %s | %s | %s | %s | %s|\n' \
        "$wall" "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc -l)" \
        "$(echo "$size / 1048576" | bc -l)" "$(sqlite3 "$DB" 'SELECT count(*) FROM org')" \
        "$(sqlite3 "$DB" 'SELECT count(*) FROM member')" \
        "$(sqlite3 "$DB" 'SELECT count(*) FROM member_event')" \
        "$(sqlite3 "$DB" 'SELECT count(*) FROM audit')" "$summary"
fi
((fails == 0)) || exit 1
