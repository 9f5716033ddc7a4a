#!/bin/sh
# tcxd serve --tls-cert/--tls-key: HTTPS in the server itself (libmicrohttpd's GnuTLS). A
# self-signed certificate made here with openssl; curl talks TLS to it (the API answers, the
# cookie is Secure), plain HTTP to the same port gets no HTTP answer, a missing key is refused.
set -eu
TCXD=$1
for tool in openssl curl; do
    command -v $tool >/dev/null || { echo "tls.sh: $tool is needed" >&2; exit 1; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-tls-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TCXD_DB="$dir/t.db" TCXD_PWHASH_FAST=1
"$TCXD" init >/dev/null
"$TCXD" org add T "Đảng bộ Thử" --tier above_base --form dang_bo >/dev/null
echo "Matkhau-tls-2024" | "$TCXD" user add u --role viewer --scope T --password-stdin >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
"$TCXD" serve --listen 127.0.0.1:0 --port-file "$dir/port" --quiet --tls-cert "$dir/cert.pem" \
    --tls-key "$dir/key.pem" &
pid=$!
for i in $(seq 1 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
[ -s "$dir/port" ] || fail "the TLS server did not start"
port=$(cat "$dir/port")
code=$(curl -s --cacert "$dir/cert.pem" -o "$dir/me" -w '%{http_code}' "https://127.0.0.1:$port/api/me")
[ "$code" = 401 ] || fail "GET /api/me over TLS: $code"
grep -q unauthorized "$dir/me" || fail "no JSON error body over TLS"
curl -s --cacert "$dir/cert.pem" -D "$dir/h" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username":"u","password":"Matkhau-tls-2024"}' "https://127.0.0.1:$port/api/login"
grep -qi '^HTTP/.* 200' "$dir/h" || fail "login over TLS"
grep -qi '^set-cookie:.*Secure' "$dir/h" || fail "the session cookie is not Secure over TLS"
if curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/me" | grep -q '^[1-5]'; then
    fail "plain HTTP answered on the TLS port"
fi
kill $pid; wait $pid 2>/dev/null || true; pid=
if "$TCXD" serve --listen 127.0.0.1:0 --tls-cert "$dir/cert.pem" --quiet 2>"$dir/err"; then
    fail "a certificate without its key was accepted"
fi
grep -q "tls" "$dir/err" || fail "no message for a missing key"
echo ok
