#!/bin/sh
# Prints the path of a hanoi-2020 demo database for the slow tests, generating it once per build
# directory: the slow tests that need the city (tests/demo/hanoi_2025.sh, the Hà Nội browser test)
# share one copy instead of each generating its own (half a minute each). They copy it, never write it.
#   - $TCXD_HANOI_DB set: that file is used as it is (a copy made elsewhere).
#   - otherwise BUILD_DIR/demo-cache/hanoi-2020.db, rebuilt when the generator version
#     (DEMO_VERSION in src/demo/demo.h) or the seed differs from its stamp. Concurrent callers wait
#     on one lock, so it is generated once.
# usage: hanoi-db.sh TCXD BUILD_DIR
set -eu
TCXD=$1
BUILD_DIR=$2
if [ -n "${TCXD_HANOI_DB:-}" ]; then
    [ -f "$TCXD_HANOI_DB" ] || { echo "hanoi-db.sh: TCXD_HANOI_DB=$TCXD_HANOI_DB is not a file" >&2; exit 1; }
    echo "$TCXD_HANOI_DB"
    exit 0
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SEED=2020
version=$(sed -n 's/^#define DEMO_VERSION[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$ROOT/src/demo/demo.h")
[ -n "$version" ] || { echo "hanoi-db.sh: cannot read DEMO_VERSION from src/demo/demo.h" >&2; exit 1; }
dir="$BUILD_DIR/demo-cache"
db="$dir/hanoi-2020.db"
mkdir -p "$dir"
(
    flock 9
    if [ ! -f "$db" ] || [ "$(cat "$db.version" 2>/dev/null)" != "$version $SEED" ]; then
        rm -f "$db" "$db.version" "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
        "$TCXD" --db "$db.tmp" demo --profile hanoi-2020 --seed "$SEED" >"$dir/hanoi-2020.log" 2>&1 ||
            { cat "$dir/hanoi-2020.log" >&2; echo "hanoi-db.sh: generating the demo failed" >&2; exit 1; }
        rm -f "$db.tmp-wal" "$db.tmp-shm"
        mv "$db.tmp" "$db"
        echo "$version $SEED" >"$db.version"
    fi
) 9>"$dir/.lock"
echo "$db"
