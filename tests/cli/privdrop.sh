#!/bin/sh
# tcxd serve --user: started as root, the server opens its socket and database, then runs as the
# service account (every thread): /proc shows the account's uid, the API still answers and
# writes (a login records a session) as that account. Skipped (77) when not run as root.
set -eu
TCXD=$1
[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
id nobody >/dev/null 2>&1 || { echo "no account nobody: skipped"; exit 77; }
command -v curl >/dev/null || { echo "privdrop.sh: curl is needed" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-priv-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TCXD_DB="$dir/state/t.db" TCXD_PWHASH_FAST=1
mkdir "$dir/state"
"$TCXD" init >/dev/null
"$TCXD" org add T "Đảng bộ Thử" --tier above_base --form dang_bo >/dev/null
echo "Matkhau-priv-2024" | "$TCXD" user add u --role viewer --scope T --password-stdin >/dev/null
chown -R nobody "$dir/state"
chmod 755 "$dir"
"$TCXD" serve --listen 127.0.0.1:0 --port-file "$dir/state/port" --quiet --user nobody &
pid=$!
for i in $(seq 1 100); do [ -s "$dir/state/port" ] && break; sleep 0.1; done
[ -s "$dir/state/port" ] || fail "the server did not start"
port=$(cat "$dir/state/port")
uid=$(awk '/^Uid:/ {print $2, $3, $4, $5}' /proc/$pid/status)
[ "$uid" = "$(id -u nobody) $(id -u nobody) $(id -u nobody) $(id -u nobody)" ] || fail "uids: $uid"
for t in /proc/$pid/task/*; do
    tuid=$(awk '/^Uid:/ {print $2}' "$t/status")
    [ "$tuid" = "$(id -u nobody)" ] || fail "thread $t runs as $tuid"
done
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"u","password":"Matkhau-priv-2024"}' "http://127.0.0.1:$port/api/login")
[ "$code" = 200 ] || fail "login as nobody: $code"
kill $pid; wait $pid 2>/dev/null || true; pid=
if "$TCXD" serve --listen 127.0.0.1:0 --quiet --user no-such-account-x 2>"$dir/err"; then
    fail "an unknown account was accepted"
fi
grep -q "no-such-account-x" "$dir/err" || fail "no message for an unknown account"
echo ok
