#!/bin/sh
# bench/import/run.sh - `tcxd import members` of the hanoi-2020 members from CSV, against the
# floor: the sqlite3 shell's `.import` of the same CSV into a bare table. Both run side by side,
# alternating, RUNS times (default 5); the medians of wall-clock and CPU (user + sys) seconds
# and their ratios are printed as a Markdown table for bench/RESULTS.md, with the machine.
#
#   bench/import/run.sh [BUILD_DIR] [RUNS]
#
# Data: the hanoi-2020 demo, built once with `tcxd demo --profile hanoi-2020` and cached in the
# work directory, exported with `tcxd export orgs|members HN --as-of 31/12/2020`. Each tcxd run
# starts from a copy of a database holding only those organizations (imported from the orgs
# export). After the runs the last import is exported again and compared with the file it was
# loaded from (the round trip: byte-identical). TCXD_BENCH_SYNTHETIC=1 uses
# bench/import/gen_synthetic.sh's city instead of the demo. TCXD_BENCH_WORK sets the work
# directory (default $TMPDIR/tcxd-bench-import).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
runs=${2:-5}
tcxd=$build/src/cli/tcxd
work=${TCXD_BENCH_WORK:-${TMPDIR:-/tmp}/tcxd-bench-import}
[ -x "$tcxd" ] || { echo "run.sh: no $tcxd (build first)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "run.sh: the sqlite3 shell is needed" >&2; exit 1; }
mkdir -p "$work"
cd "$work"

if [ "${TCXD_BENCH_SYNTHETIC:-0}" = 1 ]; then
    source=synthetic
    [ -s members.synthetic.csv ] || {
        "$root/bench/import/gen_synthetic.sh" "$work/synth" >&2
        mv synth/orgs.csv orgs.synthetic.csv
        mv synth/members.csv members.synthetic.csv
    }
    orgs=orgs.synthetic.csv
    members=members.synthetic.csv
else
    source=hanoi-2020
    if [ ! -s demo.done ]; then
        rm -f demo.db demo.db-wal demo.db-shm
        echo "run.sh: building the hanoi-2020 demo (once)" >&2
        "$tcxd" --db demo.db demo --profile hanoi-2020 >&2
        echo ok > demo.done
    fi
    # an export from before the columns of members who moved is made again
    if [ ! -s members.demo.csv ] || ! head -1 members.demo.csv | grep -q 'Ngày chuyển đến'; then
        "$tcxd" --db demo.db export orgs HN --as-of 31/12/2020 --output orgs.demo.csv
        "$tcxd" --db demo.db export members HN --as-of 31/12/2020 --output members.demo.csv
    fi
    orgs=orgs.demo.csv
    members=members.demo.csv
fi

rm -f base.db base.db-wal base.db-shm
"$tcxd" --db base.db init >/dev/null
"$tcxd" --db base.db import orgs "$orgs" >&2

# one timed command: appends "wall cpu" to $1
timed() {
    out=$1
    shift
    /usr/bin/time -f "%e %U %S" -o time.txt "$@" >/dev/null 2>run.err || {
        cat run.err >&2
        exit 1
    }
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' time.txt >> "$out"
}

rm -f floor.times tcxd.times
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    rm -f floor.db run.db run.db-wal run.db-shm run.db-journal
    cp base.db run.db
    sync
    if [ $((i % 2)) = 1 ]; then
        timed floor.times sqlite3 floor.db -cmd ".mode csv" ".import $members m"
        timed tcxd.times "$tcxd" --db run.db import members "$members"
    else
        timed tcxd.times "$tcxd" --db run.db import members "$members"
        timed floor.times sqlite3 floor.db -cmd ".mode csv" ".import $members m"
    fi
    echo "run $i: floor $(tail -1 floor.times)  tcxd $(tail -1 tcxd.times)  (wall cpu)" >&2
done
# the file's records as the sqlite3 shell read them (a history cell spans lines: not wc -l)
rows=$(sqlite3 floor.db "SELECT COUNT(*) FROM m")
got=$(sqlite3 run.db "SELECT COUNT(*) FROM member")
[ "$got" = "$rows" ] || { echo "run.sh: imported $got members, expected $rows" >&2; exit 1; }
roundtrip="not checked (synthetic data)"
if [ "$source" != synthetic ]; then
    "$tcxd" --db run.db export members HN --as-of 31/12/2020 --output again.csv >/dev/null 2>&1
    if cmp -s "$members" again.csv; then
        roundtrip="export of the import is byte-identical to the file imported"
    else
        roundtrip="export of the import DIFFERS from the file imported"
    fi
fi

median() { # column $2 of file $1
    sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { m = int((NR + 1) / 2);
        if (NR % 2) print v[m]; else printf "%.2f\n", (v[m] + v[m + 1]) / 2 }'
}
fw=$(median floor.times 1)
fc=$(median floor.times 2)
tw=$(median tcxd.times 1)
tc=$(median tcxd.times 2)
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
size=$(du -m "$members" | cut -f1)

cat <<EOF
Machine: $cpu, $(nproc) cores, $mem; $(uname -sr); SQLite $(sqlite3 --version | cut -d' ' -f1);
load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Data: $source, $rows members,
$size MB of CSV. $runs runs each, alternating; medians. Round trip: $roundtrip.

| step | wall s | CPU s (user+sys) |
|---|---:|---:|
| floor: \`sqlite3 .import\` into a bare table | $fw | $fc |
| \`tcxd import members\` (checks, bulk write, indexes) | $tw | $tc |
| ratio tcxd / floor | $(awk -v a="$tw" -v b="$fw" 'BEGIN { printf "%.1f×", a / b }') | $(awk -v a="$tc" -v b="$fc" 'BEGIN { printf "%.1f×", a / b }') |
EOF
