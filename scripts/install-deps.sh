#!/bin/sh
# Installs the Debian packages tcxd needs to build, test and run. Idempotent: it installs only
# what is missing and says what it installs. Uses apt-get; run as root (or with sudo available).
set -eu

PKGS="build-essential meson ninja-build pkg-config clang
libsqlite3-dev sqlite3 libmicrohttpd-dev libjansson-dev libsodium-dev libutf8proc-dev libicu-dev
libcsv-dev libxlsxwriter-dev libcmocka-dev libzip-dev libexpat1-dev libpq-dev
libcairo2-dev libpango1.0-dev poppler-utils fonts-liberation2 fonts-dejavu-core
chromium curl time
dpkg-dev debhelper fakeroot openssl man-db"
# Node.js: the machine image may carry its own build (not a Debian package); use Debian's only if none.
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"

[ "${TCXD_EXTRA_PKGS:-}" ] && PKGS="$PKGS $TCXD_EXTRA_PKGS"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
