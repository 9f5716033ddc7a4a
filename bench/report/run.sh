#!/bin/sh
# run.sh - benchmarks of the structure report and the name search on a demo database.
#
#   bench/report/run.sh [-b BUILD_DIR] [-r RUNS] [-p PROFILE] [-d DATE] [-F] DB [ROOT [PART]]
#
# DB is made with `tcxd demo --profile PROFILE --db DB` when it does not exist (profile
# hanoi-2020 by default). ROOT is the organization of the city-wide (or national) report
# (default: the root organization of the database), PART a smaller one (default: the first child
# of ROOT whose name starts with "Đảng bộ quận", else its first child): a district, or a province
# for the national profile. DATE defaults to 31/12/2020.
#
# Measured side by side, each RUNS times (default 10) after 2 warm-up runs, medians reported:
#   - `tcxd report structure ROOT` and `... PART` (the sentence), whole process;
#   - the naive baseline: naive.sql (one statement, a recursive CTE over the tree of the date
#     joined to member_stint) with the sqlite3 shell, for ROOT and PART;
#   - `tcxd member find PREFIX` (diacritic-insensitive prefix of a full name), whole process;
#     also a bare family name (a third of all members match) unless -F is given;
#   - in process (bench_report): tree load, counts, sentence, every breakdown, and
#     store_member_list for the same prefixes, so process start-up is not counted;
#   - peak memory (maximum resident set, /usr/bin/time) of each command.
# Uses hyperfine when installed (Debian package hyperfine), else its own loop. Prints a
# Markdown report on stdout; bench/RESULTS.md keeps the measured tables.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build="$top/build"
runs=10
profile=hanoi-2020
date=31/12/2020
family=1
while getopts b:r:p:d:F o; do
    case $o in
    b) build=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) profile=$OPTARG ;;
    d) date=$OPTARG ;;
    F) family=0 ;;
    *) echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p PROFILE] [-d DATE] [-F] DB [ROOT [PART]]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-b BUILD_DIR] [-r RUNS] [-p PROFILE] [-d DATE] [-F] DB [ROOT [PART]]" >&2; exit 2; }
db=$1
tcxd="$build/src/cli/tcxd"
bench="$build/tests/report/bench_report"
[ -x "$tcxd" ] || { echo "run.sh: no $tcxd (build first: ninja -C $build)" >&2; exit 1; }
[ -x "$bench" ] || { echo "run.sh: no $bench (ninja -C $build tests/report/bench_report)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "run.sh: the sqlite3 shell is needed for the baseline" >&2; exit 1; }

if [ ! -e "$db" ]; then
    echo "run.sh: making the $profile demo in $db" >&2
    start=$(date +%s)
    "$tcxd" demo --profile "$profile" --db "$db" >&2
    echo "run.sh: demo made in $(( $(date +%s) - start )) s" >&2
fi
"$tcxd" --db "$db" init >/dev/null # applies pending migrations once, read-write

iso=$(echo "$date" | awk -F/ 'NF == 3 { printf "%04d-%02d-%02d", $3, $2, $1; next } { print }')
root=${2:-$(sqlite3 "$db" "SELECT code FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1")}
part=${3:-$(sqlite3 "$db" "SELECT o.code FROM org o JOIN org_version v ON v.org_id = o.id
    WHERE v.parent_id = (SELECT id FROM org WHERE code = '$root') AND v.valid_from <= '$iso'
    AND v.valid_to > '$iso' ORDER BY (v.name NOT LIKE 'Đảng bộ quận%'), o.code LIMIT 1")}
# names to search, typed without tone marks: family and middle name and the first two letters
# of the given name of two members ("nguyen van th"), and one family name alone
prefixes=$(sqlite3 "$db" "SELECT name_fold FROM member
    WHERE id IN ((SELECT MAX(id) / 3 FROM member), (SELECT MAX(id) * 2 / 3 FROM member))" |
    awk -v family=$family '{ print $1 " " $2 " " substr($3, 1, 2) } END { if (family) print $1 }')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-bench-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# time_cmd NAME CMD...: median wall time in ms over $runs runs (after 2 warm-ups)
time_cmd() {
    name=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 2 --runs "$runs" --export-json "$tmp/$name.json" "$(quote "$@")" \
            >/dev/null 2>&1 ||
            hyperfine --warmup 2 --runs "$runs" --export-json "$tmp/$name.json" "$(quote "$@")" \
                >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' \
            "$tmp/$name.json"
    else
        "$@" >/dev/null 2>&1; "$@" >/dev/null 2>&1
        i=0
        while [ $i -lt "$runs" ]; do
            s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
            echo $(( (e - s) / 1000 ))
            i=$((i + 1))
        done | median | awk '{ printf "%.1f\n", $1 / 1000 }'
    fi
}
quote() { for a in "$@"; do printf "'%s' " "$(printf %s "$a" | sed "s/'/'\\\\''/g")"; done; }
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

naive() { # naive ROOT: writes the SQL file, prints its path
    sed -e "s/@ROOT@/$1/g" -e "s/@DATE@/$iso/g" "$here/naive.sql" > "$tmp/naive-$1.sql"
    echo "$tmp/naive-$1.sql"
}
naive_root=$(naive "$root")
naive_part=$(naive "$part")

echo "## Structure report and search: $(basename "$db") ($profile), on $date"
echo
echo "Load average when started: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: wall times vary)."
echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
    "SQLite $(sqlite3 --version | cut -d' ' -f1); tcxd $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo ?)" \
    "$(command -v hyperfine >/dev/null && echo "; hyperfine $(hyperfine --version | cut -d' ' -f2)")."
echo "Database: $(du -m "$db" | cut -f1) MB, $(sqlite3 "$db" "SELECT COUNT(*) FROM member") member records," \
    "$(sqlite3 "$db" "SELECT COUNT(*) FROM member_stint") registrations," \
    "$(sqlite3 "$db" "SELECT COUNT(*) FROM org") organizations, events up to" \
    "$(sqlite3 "$db" "SELECT MAX(date) FROM member_event")."
echo
echo "Sentences:"
echo
echo "    $("$tcxd" --db "$db" report structure "$root" --as-of "$date")"
echo "    $("$tcxd" --db "$db" report structure "$part" --as-of "$date")"
echo "    naive $root: $(sqlite3 "$db" < "$naive_root")   naive $part: $(sqlite3 "$db" < "$naive_part")"
echo
echo "Whole commands (wall time, median of $runs runs after 2 warm-ups; peak resident memory):"
echo
echo "| what | command | median ms | peak RSS MB |"
echo "|---|---|---:|---:|"
row() { # row WHAT LABEL CMD...
    what=$1; label=$2; shift 2
    ms=$(time_cmd "$(echo "$label" | tr -c 'A-Za-z0-9' _)" "$@")
    kb=$(peak_kb "$@")
    echo "| $what | \`$label\` | $ms | $(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }') |"
    last_ms=$ms
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }
row "report $root" "tcxd report structure $root --as-of $date" \
    "$tcxd" --db "$db" report structure "$root" --as-of "$date"
t_root=$last_ms
row "naive $root" "sqlite3 DB < naive.sql ($root)" sh -c "sqlite3 '$db' < '$naive_root'"
n_root=$last_ms
# the same day counted afresh each time: its month-end snapshot dropped before every run
# (the run counts, then stores the snapshot again)
drop="sqlite3 '$db' \"DELETE FROM member_count_day WHERE as_of = '$iso'; DELETE FROM member_count_at WHERE as_of = '$iso'\""
row "report $root, no snapshot" "tcxd report structure $root (snapshot dropped first)" \
    sh -c "$drop && '$tcxd' --db '$db' report structure '$root' --as-of '$date'"
row "  the drop alone" "sqlite3 DB 'DELETE ... snapshot'" sh -c "$drop"
# a day that is not a month end: counted afresh, nothing kept
prev=$(echo "$iso" | awk -F- '{ d = $3 - 1; if (d < 1) d = 28; printf "%02d/%02d/%04d", d, $2, $1 }')
row "report $root, $prev" "tcxd report structure $root --as-of $prev" \
    "$tcxd" --db "$db" report structure "$root" --as-of "$prev"
row "report $part" "tcxd report structure $part --as-of $date" \
    "$tcxd" --db "$db" report structure "$part" --as-of "$date"
t_part=$last_ms
row "naive $part" "sqlite3 DB < naive.sql ($part)" sh -c "sqlite3 '$db' < '$naive_part'"
n_part=$last_ms
row "breakdowns $root" "tcxd report structure $root --format json" \
    "$tcxd" --db "$db" report structure "$root" --as-of "$date" --format json
row "breakdowns $part" "tcxd report structure $part --format json" \
    "$tcxd" --db "$db" report structure "$part" --as-of "$date" --format json
echo "$prefixes" | while IFS= read -r p; do
    [ -n "$p" ] || continue
    row "find" "tcxd member find '$p'" "$tcxd" --db "$db" member find "$p" --limit 50
done
row "start-up" "tcxd version" "$tcxd" version
echo
echo "tcxd against the naive query: $(ratio "$n_root" "$t_root")x faster for $root," \
    "$(ratio "$n_part" "$t_part")x for $part."
echo
echo "In process (bench_report: one open store, median of $runs runs):"
echo
echo '```'
set --
old_ifs=$IFS
IFS='
'
for p in $prefixes; do set -- "$@" --search "$p"; done
IFS=$old_ifs
"$bench" "$db" "$root" "$date" --runs "$runs" --full "$@" | grep -v '^#'
"$bench" "$db" "$root" "$prev" --runs "$runs" | grep -v '^#' | grep -v '^open'
"$bench" "$db" "$part" "$date" --runs "$runs" --full | grep -v '^#' | grep -v '^open'
echo '```'
