#!/usr/bin/env bash
# The demo generator's two write paths side by side, in one run: `tcxd demo --profile PROFILE`
# (the bulk path, store_bulk_member_add with the history) and `tcxd demo --profile PROFILE --per-member` (every
# operation through store_member_admit/_event/_readmit, each audited: what generator versions up
# to 4 did), alternating, RUNS each. Prints a Markdown table (medians of wall and CPU time, peak
# RSS, database size, audit records) for bench/RESULTS.md ("Demo"), then checks that both
# databases hold the same data: every table but the audit, row for row.
# usage: bench/demo/compare.sh PROFILE [RUNS]   (TCXD: the binary, default build/src/cli/tcxd;
#        OUT: scratch directory, default bench/out/demo; TCXD_TODAY fixes the history's end)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROFILE="${1:?usage: compare.sh PROFILE [RUNS]}"
RUNS="${2:-3}"
TCXD="${TCXD:-$ROOT/build/src/cli/tcxd}"
OUT="${OUT:-$ROOT/bench/out/demo}"
export TCXD_TODAY="${TCXD_TODAY:-$(date -u +%F)}"
mkdir -p "$OUT"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -A wall cpu rss
for ((i = 1; i <= RUNS; i++)); do
    for mode in bulk per-member; do
        db="$OUT/$PROFILE-$mode.db"
        rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
        extra=()
        [[ $mode == per-member ]] && extra=(--per-member)
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" \
            "$TCXD" --db "$db" demo --profile "$PROFILE" "${extra[@]}" >"$OUT/log"
        read -r w u s m <"$OUT/time"
        wall[$mode]+="$w "
        cpu[$mode]+="$(echo "$u + $s" | bc) "
        rss[$mode]+="$m "
        echo "run $i $mode: $w s wall, $(echo "$u + $s" | bc) s CPU, $m KiB: $(cat "$OUT/log")" >&2
    done
done

echo "| path | runs | median wall s | each run (wall s) | median CPU s | peak RSS MiB | database MiB | audit records |"
echo "|---|---:|---:|---|---:|---:|---:|---:|"
for mode in per-member bulk; do
    db="$OUT/$PROFILE-$mode.db"
    mw=$(printf '%s\n' ${wall[$mode]} | median)
    mc=$(printf '%s\n' ${cpu[$mode]} | median)
    mr=$(printf '%s\n' ${rss[$mode]} | sort -n | tail -1)
    printf '| %s | %d | %.1f | %s| %.1f | %.0f | %.0f | %s |\n' "$mode" "$RUNS" "$mw" "${wall[$mode]}" \
        "$mc" "$(echo "$mr / 1024" | bc -l)" "$(echo "$(stat -c %s "$db") / 1048576" | bc -l)" \
        "$(sqlite3 "$db" 'SELECT count(*) FROM audit')"
done

# the same data: every table but the audit (member_count_open: the per-member path's triggers
# leave counts of 0 behind, the bulk path writes none)
same=1
for t in org org_version org_event member member_event member_stint member_gap \
    "member_count_open WHERE n != 0" member_count_day; do
    a=$(sqlite3 "$OUT/$PROFILE-bulk.db" "SELECT * FROM $t" | sort | md5sum)
    b=$(sqlite3 "$OUT/$PROFILE-per-member.db" "SELECT * FROM $t" | sort | md5sum)
    if [[ $a != "$b" ]]; then
        echo "DIFFERENT: $t" >&2
        same=0
    fi
done
((same)) && echo "Both databases hold the same rows in every table but the audit."
((same))
