#!/bin/sh
# run.sh - whole-process timings of the statistics forms on a demo database.
#
#   bench/forms/run.sh [-b BUILD_DIR] [-r RUNS] [-p PERIOD] DB [CITY [DISTRICT]]
#
# DB must exist (copy /work/demo-cache/hanoi-2020.db; never generate the national demo here).
# CITY defaults to the root organization, DISTRICT to CITY.BD. PERIOD defaults to 2022 (the
# current set; 2020 takes the 2012 set). For each form of the pack (1, 2, 2b, 3, 3b, 5, 7; 6 needs
# reviews) the city's and the district's `tcxd form show` are run RUNS times (default 5) after one
# warm-up, with the forms' cache file (<db>.forms-cache, the default) and without it
# (TCXD_FORMS_CACHE=0: the store's replay, "SQL"), alternating, in the same run; the medians of
# the wall time and of the CPU time (user + system) are reported, the ratio SQL / cache of the
# wall medians, and whether every check held (`--children` for the district: the children's sums
# too). Then "the pack": all member forms for the district, one process each, in sequence; then
# the city's form 3 without a warm cache file: stale (a member changed before each run: the file
# is patched) and none (no file: rebuilt). The database is changed (giấy khen entered): a copy.
# Prints a Markdown table; bench/RESULTS.md keeps the measured tables.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build="$top/build"
runs=5
period=2022
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
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
city=${2:-$(sqlite3 "$db" "SELECT code FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1")}
district=${3:-$city.BD}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/forms-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# one CMD...: appends "wall_ms cpu_ms" of one run to $out
one() {
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>&1
    awk '{ printf "%d %d\n", $1 * 1000 + 0.5, ($2 + $3) * 1000 + 0.5 }' "$tmp/t" >>"$out"
}
# pair NAME ARGS...: RUNS runs with the cache and without, alternating (after a warm-up of each)
pair() {
    name=$1
    shift
    "$@" >/dev/null 2>&1
    TCXD_FORMS_CACHE=0 "$@" >/dev/null 2>&1
    : >"$tmp/$name.c"
    : >"$tmp/$name.s"
    i=0
    while [ $i -lt "$runs" ]; do
        out="$tmp/$name.c" one "$@"
        out="$tmp/$name.s" one env TCXD_FORMS_CACHE=0 "$@"
        i=$((i + 1))
    done
}
col() { awk -v c="$2" '{ print $c }' "$1" | median; }

checks() {
    o=$("$tcxd" --db "$db" form show "$@" 2>&1) || { echo "error"; return; }
    n=$(printf '%s\n' "$o" | grep -c '^\[đúng\]' || true)
    bad=$(printf '%s\n' "$o" | grep -c '^\[SAI\]' || true)
    if [ "$bad" -eq 0 ]; then echo "$n ✓"; else echo "$bad of $((n + bad)) ✗"; fi
}

echo "| form | organization | period | wall ms (cache) | CPU ms (cache) | wall ms (SQL) | CPU ms (SQL) | SQL / cache | checks |"
echo "|---|---|---|---:|---:|---:|---:|---:|---|"
for f in 1 2 2b 3 3b 5 7; do
    for o in "$city" "$district"; do
        extra=""
        [ "$o" = "$district" ] && extra="--children"
        pair "f$f" "$tcxd" --db "$db" form show "$f" "$o" --period "$period"
        wc=$(col "$tmp/f$f.c" 1); cc=$(col "$tmp/f$f.c" 2)
        ws=$(col "$tmp/f$f.s" 1); cs=$(col "$tmp/f$f.s" 2)
        ratio=$(awk -v a="$ws" -v b="$wc" 'BEGIN { if (b > 0) printf "%.1f", a / b }')
        c=$(checks "$f" "$o" --period "$period" $extra)
        echo "| $f | $o | $period | $wc | $cc | $ws | $cs | $ratio | $c |"
    done
done
cat >"$tmp/pack.sh" <<PACK
#!/bin/sh
for f in 1 2 2b 3 3b 5 7; do "$tcxd" --db "$db" form show \$f "$district" --period "$period" >/dev/null || exit 1; done
PACK
chmod +x "$tmp/pack.sh"
pair pack "$tmp/pack.sh"
wc=$(col "$tmp/pack.c" 1); cc=$(col "$tmp/pack.c" 2); ws=$(col "$tmp/pack.s" 1); cs=$(col "$tmp/pack.s" 2)
ratio=$(awk -v a="$ws" -v b="$wc" 'BEGIN { if (b > 0) printf "%.1f", a / b }')
echo "| pack (1, 2, 2b, 3, 3b, 5, 7), 7 processes | $district | $period | $wc | $cc | $ws | $cs | $ratio | |"
pair flows "$tcxd" --db "$db" form flows "$city" --period "$period-h1"
wc=$(col "$tmp/flows.c" 1); cc=$(col "$tmp/flows.c" 2); ws=$(col "$tmp/flows.s" 1); cs=$(col "$tmp/flows.s" 2)
echo "| flows sentence | $city | $period-h1 | $wc | $cc | $ws | $cs | | |"

# Without a warm file. "stale": one member's change (a giấy khen, through the CLI, not timed)
# before each run - the file is brought up to date (the members changed read again), not
# rebuilt. "none": no file (the first process, or the first after an organization's change or
# an import) - everything read and replayed, and the file written for the next process.
ids=$(sqlite3 "$db" "SELECT id FROM member WHERE status = 2 ORDER BY id LIMIT $runs")
"$tcxd" --db "$db" form show 3 "$city" --period "$period" >/dev/null 2>&1
: >"$tmp/stale"
for id in $ids; do
    "$tcxd" --db "$db" member commend "$id" --form giay_khen --date 2026-06-01 >/dev/null 2>&1 ||
        { echo "run.sh: member commend $id failed" >&2; exit 1; }
    out="$tmp/stale" one "$tcxd" --db "$db" form show 3 "$city" --period "$period"
done
: >"$tmp/none"
i=0
while [ $i -lt "$runs" ]; do
    rm -f "$db.forms-cache"
    out="$tmp/none" one "$tcxd" --db "$db" form show 3 "$city" --period "$period"
    i=$((i + 1))
done
echo
echo "| form 3, $city, $period, without a warm file | wall ms | CPU ms |"
echo "|---|---:|---:|"
echo "| stale file: one member changed before each run (patched) | $(col "$tmp/stale" 1) | $(col "$tmp/stale" 2) |"
echo "| no file (read, replayed, written) | $(col "$tmp/none" 1) | $(col "$tmp/none" 2) |"
echo
echo "cache file: $(du -h "$db.forms-cache" 2>/dev/null | cut -f1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
