#!/bin/sh
# `make install` installs the man page: meson install into a staging directory (DESTDIR, as
# `make install DESTDIR=...` does) puts tcxd and man1/tcxd.1 there, and `man tcxd` finds and
# renders it (every command's section, as docs/tcxd.1 has them).
set -eu
BUILD=$1
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-install-XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
meson install -C "$BUILD" --no-rebuild --quiet --destdir "$dir/stage" >"$dir/log" 2>&1 ||
    fail "meson install: $(cat "$dir/log")"
page=$(find "$dir/stage" -path '*/man1/tcxd.1*' | head -1)
[ -n "$page" ] || fail "no man1/tcxd.1 installed: $(find "$dir/stage" -type f | head)"
bin=$(find "$dir/stage" -path '*/bin/tcxd' | head -1)
[ -n "$bin" ] || fail "no bin/tcxd installed"
man=${page%/man1/*}
MANPATH=$man MANWIDTH=100 man tcxd >"$dir/page" 2>"$dir/err" || fail "man tcxd: $(cat "$dir/err")"
for c in $("$bin" help --list); do
    grep -q "^   $c\$" "$dir/page" || fail "man tcxd has no section $c"
done
echo "ok: $page"
