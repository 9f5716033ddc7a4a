#!/bin/sh
# tcxd demo from the command line: usage errors exit 2 and write nothing, --json reports the
# planned figures, the database is created when missing, a second run is refused and leaves the
# database as it was, and a day before the figures' date is refused.
# usage: test_demo_cli.sh TCXD
set -eu
TCXD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd_demo_cli.XXXXXX")
trap 'rm -rf "$dir"' EXIT
db="$dir/demo.db"
export TCXD_TODAY=2026-11-26
fail() { echo "FAIL: $*"; exit 1; }
expect_exit() {
    want=$1; shift
    set +e; "$@" >"$dir/out" 2>"$dir/err"; got=$?; set -e
    [ "$got" = "$want" ] || { cat "$dir/out" "$dir/err"; fail "exit $got, expected $want: $*"; }
}

expect_exit 2 "$TCXD" --db "$db" demo
grep -q -- "--profile" "$dir/err" || fail "usage does not name --profile"
expect_exit 2 "$TCXD" --db "$db" demo --profile hanoi
grep -q "unknown profile 'hanoi'" "$dir/err" || fail "bad profile message"
expect_exit 2 "$TCXD" --db "$db" demo --profile small --seed -3
expect_exit 2 "$TCXD" --db "$db" demo --profile small --seed 12x
[ ! -e "$db" ] || fail "a refused command created the database"

expect_exit 0 "$TCXD" --db "$db" --json demo --profile small --seed 5
tr -d ' \n' <"$dir/out" >"$dir/json"
grep -q '"profile":"small"' "$dir/json" || fail "json profile"
grep -q '"seed":5' "$dir/json" || fail "json seed"
grep -q '"as_of":"2020-12-31"' "$dir/json" || fail "json as_of"
grep -q '"members":400' "$dir/json" || fail "json members"
grep -q '"branches":36' "$dir/json" || fail "json branches"
grep -q '"dropped_events":0' "$dir/json" || fail "json dropped events"

expect_exit 0 "$TCXD" --db "$db" --json stats HN --as-of 31/12/2020
tr -d ' \n' <"$dir/out" | grep -q '"total":400' || fail "stats on the demo"

before=$(cksum <"$db")
expect_exit 2 "$TCXD" --db "$db" demo --profile small
grep -q "HN" "$dir/err" || fail "conflict message names the code"
TCXD_TODAY=2020-12-31 expect_exit 2 "$TCXD" --db "$db" demo --profile hanoi-2020
[ "$(cksum <"$db")" = "$before" ] || fail "a refused run changed the database"

expect_exit 0 "$TCXD" demo --help
grep -q "hanoi-2020" "$dir/out" || fail "help"
echo "demo cli: ok"
