#!/bin/sh
# The Debian package (issue 11): built by dpkg-buildpackage from a copy of the source tree,
# installed into an empty root, and the unit's ExecStart command line - as deploy/tcxd.service
# has it, with the root's paths - started without systemd and asked over HTTPS for the web UI
# and the API, with a self-signed certificate made here; then, as root, really installed
# (dpkg -i, maintainer scripts and all) on this machine seen through an overlay in a private
# mount namespace, served by the unit's command line as its User=, and purged.
#   tests/deb/package.sh [SOURCE_ROOT]
# Needs dpkg-dev, debhelper, fakeroot, openssl, curl (scripts/install-deps.sh). The web UI is
# built first in the source tree when web/dist is missing (scripts/web.sh build).
set -eu
src=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-deb-XXXXXX")
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "package.sh: FAIL: $*" >&2
    exit 1
}
for t in dpkg-buildpackage dh fakeroot openssl curl; do
    command -v "$t" >/dev/null || fail "$t is missing (scripts/install-deps.sh)"
done

# 1. the source: what git knows (committed or not), and the built web UI
[ -f "$src/web/dist/index.html" ] || "$src/scripts/web.sh" build >&2
mkdir "$work/tcxd"
(cd "$src" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf - --no-recursion) |
    (cd "$work/tcxd" && tar xf -)
mkdir -p "$work/tcxd/web"
cp -r "$src/web/dist" "$work/tcxd/web/dist"

# 2. dpkg-buildpackage (binary only, unsigned; no optimisation and no test programs: quick)
(cd "$work/tcxd" && DEB_BUILD_OPTIONS="nocheck noopt nostrip parallel=2" \
    dpkg-buildpackage -b -us -uc) > "$work/build.log" 2>&1 || {
    tail -40 "$work/build.log" >&2
    fail "dpkg-buildpackage failed"
}
deb=$(ls "$work"/tcxd_*.deb)
dpkg-deb -c "$deb" > "$work/contents"
for f in ./usr/bin/tcxd ./usr/share/man/man1/tcxd.1.gz ./usr/share/tcxd/web/index.html \
    tcxd.service ./DEBIAN/postinst; do
    case $f in
    ./DEBIAN/*) dpkg-deb -I "$deb" postinst >/dev/null || fail "no postinst in the package" ;;
    *) grep -q " $f\$\| [^ ]*/$f\$" "$work/contents" || fail "the package lacks $f" ;;
    esac
done
dpkg-deb -f "$deb" Depends | grep -q libsqlite3 || fail "Depends lacks the shared libraries"

# 3. installed into an empty root
root=$work/root
mkdir "$root"
dpkg -x "$deb" "$root"
unit=$(find "$root" -name tcxd.service | head -1)
[ -n "$unit" ] || fail "no unit installed"
grep -q '^NoNewPrivileges=yes' "$unit" && grep -q '^ProtectSystem=strict' "$unit" &&
    grep -q '^User=tcxd' "$unit" && grep -q '^StateDirectory=tcxd' "$unit" ||
    fail "the unit is not the hardened one"
man -l "$root/usr/share/man/man1/tcxd.1.gz" 2>/dev/null | grep -q 'serve' || fail "man tcxd does not render"
"$root/usr/bin/tcxd" --version >/dev/null 2>&1 || "$root/usr/bin/tcxd" help >/dev/null ||
    fail "the installed tcxd does not run"

# 4. the unit's command line, its paths moved into the root and the work directory
exec_start=$(sed -n '/^ExecStart=/,/[^\\]$/p' "$unit" | sed 's/^ExecStart=//; s/\\$//' | tr '\n' ' ')
db_env=$(sed -n 's/^Environment=TCXD_DB=//p' "$unit")
[ -n "$exec_start" ] && [ -n "$db_env" ] || fail "no ExecStart or TCXD_DB in the unit"
mkdir -p "$work/etc" "$work/state"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -keyout "$work/etc/key.pem" -out "$work/etc/cert.pem" 2>/dev/null || fail "openssl req"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cmd=$(echo "$exec_start" | sed "s|/usr/bin/tcxd|$root/usr/bin/tcxd|; s|/usr/share/tcxd/web|$root/usr/share/tcxd/web|;
    s|/etc/tcxd/|$work/etc/|g; s|--listen [^ ]*|--listen 127.0.0.1:$port|")
db="$work/state/$(basename "$db_env")"
TCXD_DB=$db "$root/usr/bin/tcxd" init >/dev/null || fail "tcxd init"
# shellcheck disable=SC2086
TCXD_DB=$db $cmd --quiet > "$work/serve.log" 2>&1 &
pid=$!
ok=
for _ in $(seq 1 100); do
    if curl -s -k -o /dev/null "https://127.0.0.1:$port/"; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$ok" ] || { cat "$work/serve.log" >&2; fail "the unit's command line does not serve HTTPS"; }
page=$(curl -s -k "https://127.0.0.1:$port/")
echo "$page" | grep -qi '<!doctype html' || fail "GET / over TLS is not the web UI"
asset=$(echo "$page" | sed -n 's/.*src="\(\/assets\/[^"]*\.js\)".*/\1/p' | head -1)
[ -n "$asset" ] || fail "the web UI names no script"
[ "$(curl -s -k -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port$asset")" = 200 ] ||
    fail "the web UI's script $asset is not served"
[ "$(curl -s -k -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/api/me")" = 401 ] ||
    fail "GET /api/me without a session is not 401 over TLS"
# the certificate is the one made here, and plain HTTP is not served on the port
curl -s --cacert "$work/etc/cert.pem" -o /dev/null --resolve "localhost:$port:127.0.0.1" \
    "https://localhost:$port/" || fail "the server does not present the certificate given"
if curl -s -o /dev/null --max-time 3 "http://127.0.0.1:$port/api/me" -w '%{http_code}' | grep -q '^[2-4]'; then
    fail "plain HTTP answered on the TLS port"
fi
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
pid=

# 5. a real install (dpkg -i: the maintainer scripts run) on a machine without tcxd: this one
# seen through an overlay in a private mount namespace, so nothing of it changes. The account
# and /etc/tcxd come from postinst; the unit's command line runs as its User= with the state
# directory systemd would make, and serves the UI over TLS; then dpkg --purge removes it all.
installed=
overlay_works() { # root, a private mount namespace, an overlay of / (not in every container)
    [ "$(id -u)" = 0 ] || return 1
    mkdir -p "$work/probe"
    unshare -m sh -c "mount -t tmpfs tmpfs '$work/probe' && mkdir '$work/probe/u' '$work/probe/w' \
        '$work/probe/m' && mount -t overlay overlay \
        -o 'lowerdir=/,upperdir=$work/probe/u,workdir=$work/probe/w' '$work/probe/m' &&
        [ -x '$work/probe/m/usr/bin/dpkg' ]" 2>/dev/null
}
if overlay_works && ! dpkg -s tcxd >/dev/null 2>&1; then
    port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    cp "$deb" "$work/tcxd.deb"
    cat > "$work/install.sh" <<EOF2
set -eu
spid=
trap '[ -n "\$spid" ] && kill "\$spid" 2>/dev/null || true' EXIT
m=$work/ovl/m
mkdir -p $work/ovl/t "\$m"
mount -t tmpfs tmpfs $work/ovl/t
mkdir $work/ovl/t/u $work/ovl/t/w
mount -t overlay overlay -o lowerdir=/,upperdir=$work/ovl/t/u,workdir=$work/ovl/t/w "\$m"
mount -t proc proc "\$m/proc"
mount --rbind /dev "\$m/dev"
mkdir -p "\$m/root/deb"
cp $work/tcxd.deb "\$m/root/deb/"
inroot() { chroot "\$m" "\$@"; }
inroot dpkg -i /root/deb/tcxd.deb > $work/dpkg-i.log 2>&1 || { cat $work/dpkg-i.log; echo "FAIL: dpkg -i"; exit 1; }
[ "\$(inroot dpkg-query -W -f '\${Status}' tcxd)" = "install ok installed" ] || { echo "FAIL: not installed"; exit 1; }
inroot getent passwd tcxd > $work/passwd || { echo "FAIL: postinst made no tcxd account"; exit 1; }
[ "\$(inroot stat -c '%U:%G %a' /etc/tcxd)" = "root:tcxd 750" ] || { echo "FAIL: /etc/tcxd is \$(inroot stat -c '%U:%G %a' /etc/tcxd)"; exit 1; }
inroot man -w tcxd | grep -q '/usr/share/man/man1/tcxd.1' || { echo "FAIL: man tcxd finds no page"; exit 1; }
# what systemd does before ExecStart: the state directory, the service's user
mkdir -p "\$m/var/lib/tcxd"
inroot chown tcxd:tcxd /var/lib/tcxd
inroot chmod 0750 /var/lib/tcxd
cp $work/etc/cert.pem $work/etc/key.pem "\$m/etc/tcxd/"
inroot chown root:tcxd /etc/tcxd/cert.pem /etc/tcxd/key.pem
inroot chmod 0640 /etc/tcxd/cert.pem /etc/tcxd/key.pem
chroot --userspec=tcxd:tcxd "\$m" env TCXD_DB=$db_env /usr/bin/tcxd init > /dev/null
cmd2=\$(echo "$exec_start" | sed "s|--listen [^ ]*|--listen 127.0.0.1:$port2|")
chroot --userspec=tcxd:tcxd "\$m" env TCXD_DB=$db_env \$cmd2 --quiet > $work/serve2.log 2>&1 &
spid=\$!
ok=
for _ in \$(seq 1 100); do
    if curl -s -k -o /dev/null "https://127.0.0.1:$port2/"; then ok=1; break; fi
    kill -0 "\$spid" 2>/dev/null || break
    sleep 0.1
done
[ -n "\$ok" ] || { cat $work/serve2.log; echo "FAIL: the installed unit's command line does not serve HTTPS"; exit 1; }
curl -s -k "https://127.0.0.1:$port2/" | grep -qi '<!doctype html' || { echo "FAIL: no web UI over TLS"; exit 1; }
[ "\$(curl -s -k -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port2/api/me")" = 401 ] || { echo "FAIL: /api/me"; exit 1; }
u=\$(awk '/^Uid:/ {print \$2}' /proc/\$spid/status)
[ "\$u" = "\$(cut -d: -f3 $work/passwd)" ] || { echo "FAIL: the server runs as uid \$u, not tcxd's"; exit 1; }
[ "\$(inroot stat -c %U $db_env)" = tcxd ] || { echo "FAIL: the database is not the service's"; exit 1; }
kill "\$spid"
wait "\$spid" 2>/dev/null || true
inroot dpkg --purge tcxd > $work/dpkg-purge.log 2>&1 || { cat $work/dpkg-purge.log; echo "FAIL: dpkg --purge"; exit 1; }
[ ! -e "\$m/usr/bin/tcxd" ] || { echo "FAIL: /usr/bin/tcxd left after purge"; exit 1; }
echo installed-ok
EOF2
    out=$(unshare -m sh "$work/install.sh" 2>&1) || true
    echo "$out" | grep -q '^installed-ok$' || { echo "$out" >&2; fail "the package does not install and serve (dpkg -i in an overlay)"; }
    installed=", dpkg -i/--purge in an overlay: ok"
else
    echo "package.sh: the real install is skipped (needs root, mount namespaces, no tcxd installed)" >&2
fi
echo "package.sh: ok ($(basename "$deb"), $(du -k "$deb" | cut -f1) KiB$installed)"
