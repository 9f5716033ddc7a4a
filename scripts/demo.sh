#!/usr/bin/env bash
# `make demo`: the hanoi-2020 demo end to end.
#   1. builds demo/hanoi-2020.db with `tcxd demo --profile hanoi-2020` once: it is rebuilt only
#      when missing or when the generator version (DEMO_VERSION in src/demo/demo.h) or the seed
#      changes (stamp in demo/hanoi-2020.version);
#   2. prints the city's structure report on 31/12/2020 (`tcxd report structure`, or `tcxd stats`
#      in a tree without the report command);
#   3. starts `tcxd serve` on the database and prints the URL and a demo login (an admin account
#      scoped to HN, created once), unless DEMO_SERVE=0 or CI is set.
# Environment: BUILD (build directory, default build), TCXD (the binary), DEMO_SEED (default
# 2020), DEMO_LISTEN (default 127.0.0.1:8080), DEMO_SERVE (0: stop after the report).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-build}"
TCXD="${TCXD:-$ROOT/$BUILD/src/cli/tcxd}"
DB="$ROOT/demo/hanoi-2020.db"
STAMP_FILE="$ROOT/demo/hanoi-2020.version"
SEED="${DEMO_SEED:-2020}"
LISTEN="${DEMO_LISTEN:-127.0.0.1:8080}"
DEMO_USER="demo"
DEMO_PASSWORD="demo-hanoi-2020"

die() { echo "demo.sh: $*" >&2; exit 1; }

[[ -x "$TCXD" ]] || die "no tcxd binary at $TCXD (run 'make' first or set TCXD)"
has_command() { "$TCXD" help --list | grep -qx "$1"; }

version="$(sed -n 's/^#define DEMO_VERSION[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$ROOT/src/demo/demo.h")"
[[ -n "$version" ]] || die "cannot read DEMO_VERSION from src/demo/demo.h"
stamp="$version $SEED"

mkdir -p "$ROOT/demo"
if [[ ! -f "$DB" || ! -f "$STAMP_FILE" || "$(cat "$STAMP_FILE")" != "$stamp" ]]; then
    echo "Building the hanoi-2020 demo database (generator version $version, seed $SEED);"
    echo "this takes under half a minute and is done once."
    # built beside the old one, which stays usable until the new one replaces it
    tmp="$DB.building"
    rm -f "$tmp" "$tmp-wal" "$tmp-shm"
    start=$(date +%s)
    "$TCXD" --db "$tmp" demo --profile hanoi-2020 --seed "$SEED"
    rm -f "$tmp-wal" "$tmp-shm" "$DB-wal" "$DB-shm"
    mv "$tmp" "$DB"
    echo "$stamp" > "$STAMP_FILE"
    echo "Built $DB in $(( $(date +%s) - start )) s ($(du -h "$DB" | cut -f1))."
else
    echo "Using the cached $DB (generator version $version, seed $SEED)."
fi

echo
if has_command report; then
    "$TCXD" --db "$DB" report structure HN --as-of 31/12/2020
else
    "$TCXD" --db "$DB" stats HN --as-of 31/12/2020
fi

if [[ "${DEMO_SERVE:-1}" == "0" || -n "${CI:-}" ]]; then
    exit 0
fi
if ! has_command serve; then
    echo "(this tcxd has no 'serve' command yet: nothing to start)"
    exit 0
fi
if has_command user && ! "$TCXD" --db "$DB" user list 2>/dev/null | grep -qw "$DEMO_USER"; then
    printf '%s\n' "$DEMO_PASSWORD" | "$TCXD" --db "$DB" user add "$DEMO_USER" --role admin \
        --scope HN --full-name "Tài khoản trình diễn" --password-stdin >/dev/null
fi
# the web UI the server serves at /
if [[ -x "$ROOT/scripts/web.sh" ]]; then
    "$ROOT/scripts/web.sh" build || die "building the web UI failed"
fi
echo
echo "Serving the demo at http://$LISTEN/  (Ctrl-C stops)"
if has_command user; then
    echo "Login: $DEMO_USER / $DEMO_PASSWORD  (admin of HN, Đảng bộ thành phố Hà Nội)"
fi
exec "$TCXD" --db "$DB" serve --listen "$LISTEN"
