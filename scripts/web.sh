#!/usr/bin/env bash
# Web UI tasks (web/): build | test | e2e.
#   build  install the locked npm packages when needed (npm ci), type-check, then vite build → web/dist
#   test   Vitest unit tests (formatting, validation, i18n)
#   e2e    browser tests: playwright-core drives /usr/bin/chromium against a real `tcxd serve`;
#          needs TCXD_BIN (the tcxd binary). Screenshots go to $BUILD_DIR/screenshots (default build/).
#   e2e-hanoi  the browser tests on the Hà Nội demo only (web/e2e/hanoi.test.mjs), with the build's
#          shared hanoi-2020 copy (scripts/hanoi-db.sh: generated once per build directory)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEB="$ROOT/web"

die() { echo "web.sh: $*" >&2; exit 1; }

ensure_deps() {
    command -v npm >/dev/null 2>&1 || die "npm is missing (scripts/install-deps.sh installs nodejs and npm)"
    local stamp="$WEB/node_modules/.tcxd-lock.sha256"
    local want
    want="$(sha256sum "$WEB/package-lock.json" | cut -d' ' -f1)"
    if [[ ! -d "$WEB/node_modules" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        (cd "$WEB" && npm ci --no-audit --no-fund)
        echo "$want" > "$stamp"
    fi
}

build() {
    ensure_deps
    (cd "$WEB" && npx tsc --noEmit -p . && npx vite build)
}

cmd="${1:-}"
case "$cmd" in
build)
    build
    ;;
test)
    ensure_deps
    (cd "$WEB" && npx vitest run)
    ;;
e2e|e2e-hanoi)
    [[ -n "${TCXD_BIN:-}" ]] || die "set TCXD_BIN to the tcxd binary (e.g. build/src/cli/tcxd)"
    [[ -x "$TCXD_BIN" ]] || die "TCXD_BIN=$TCXD_BIN is not an executable"
    TCXD_BIN="$(cd "$(dirname "$TCXD_BIN")" && pwd)/$(basename "$TCXD_BIN")"
    # Until the binary has the commands the tests drive, report a skip (exit 77, as Meson counts it).
    for c in demo user serve; do
        if ! "$TCXD_BIN" help "$c" >/dev/null 2>&1; then
            echo "SKIP: $TCXD_BIN has no '$c' command yet; the browser tests need demo, user and serve"
            exit 77
        fi
    done
    CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
    [[ -x "$CHROMIUM" ]] || die "$CHROMIUM is missing (apt-get install -y chromium)"
    command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is missing (apt-get install -y sqlite3)"
    build
    BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
    mkdir -p "$BUILD_DIR"
    BUILD_DIR="$(cd "$BUILD_DIR" && pwd)"
    export TCXD_BIN CHROMIUM BUILD_DIR
    export WEB_DIST="$WEB/dist"
    if [[ "$cmd" == e2e-hanoi ]]; then
        TCXD_HANOI_DB="$("$ROOT/scripts/hanoi-db.sh" "$TCXD_BIN" "$BUILD_DIR")"
        export TCXD_HANOI_DB
        (cd "$WEB" && node --test --test-concurrency=1 e2e/hanoi.test.mjs)
    else
        (cd "$WEB" && node --test --test-concurrency=1 e2e/)
    fi
    ;;
*)
    echo "usage: scripts/web.sh build|test|e2e|e2e-hanoi" >&2
    exit 2
    ;;
esac
