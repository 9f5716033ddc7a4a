#!/bin/sh
# Fails when docs/tcxd.1, the command table, the commands' option tables and their help differ
# (git t0450 style):
# - every command has a ".SS name" section and every section names a command;
# - every option of a command's own table (`tcxd help --options CMD`: what cli_parse accepts) is
#   written in the command's man page section as \-\-name, and in its help in English and in
#   Vietnamese (`tcxd help CMD` under TCXD_LANG=en and vi);
# - every --option a command's help names is one the command accepts (or a global option).
set -eu
TCXD=$1
MAN=$2
unset LC_ALL LC_MESSAGES LANG
cmds=$("$TCXD" help --list | sort)
documented=$(sed -n 's/^\.SS \([a-z-]*\).*/\1/p' "$MAN" | sort)
if [ "$cmds" != "$documented" ]; then
    echo "docs/tcxd.1 and the command table differ:"
    echo "commands:   $(echo $cmds)"
    echo "documented: $(echo $documented)"
    exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/tcxd-docs-XXXXXX")
trap 'rm -rf "$dir"' EXIT
bad=0
nopts=0
for c in $cmds; do
    "$TCXD" help --options "$c" >"$dir/opts" || { echo "$c: tcxd help --options failed"; exit 1; }
    # the man page section of c, groff's \- as -
    awk -v c="$c" '/^\.S[SH] /{on = ($1 == ".SS" && $2 == c); next} on' "$MAN" |
        sed 's/\\-/-/g; s/\\f[BIRP]//g' >"$dir/man"
    TCXD_LANG=en "$TCXD" help "$c" >"$dir/en" 2>&1 || true
    TCXD_LANG=vi "$TCXD" help "$c" >"$dir/vi" 2>&1 || true
    for o in $(cut -d' ' -f1 "$dir/opts"); do
        [ "$o" = --help ] && continue
        nopts=$((nopts + 1))
        for f in man en vi; do
            if ! grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$dir/$f"; then
                case $f in
                man) echo "docs/tcxd.1: .SS $c does not document $o" ;;
                *) echo "tcxd help $c (TCXD_LANG=$f) does not mention $o" ;;
                esac
                bad=1
            fi
        done
    done
    for f in en vi; do
        for o in $(grep -oE -- "(^|[^a-z-])--[a-z][a-z0-9-]*" "$dir/$f" | sed 's/^[^-]*//' | sort -u); do
            case $o in --db | --json | --help) continue ;; esac
            grep -qx -- "$o\( VALUE\)\?" "$dir/opts" || {
                echo "tcxd help $c (TCXD_LANG=$f) names $o, which $c does not accept"
                bad=1
            }
        done
    done
done
[ "$bad" = 0 ] || exit 1
echo "docs: $(echo "$cmds" | wc -l) commands, $nopts options documented"
