#!/bin/sh
# Fails when docs/tcxd.1 and the command table differ: every command has a ".SS name" section and
# every section names a command (git t0450 style).
set -eu
TCXD=$1
MAN=$2
cmds=$("$TCXD" help --list | sort)
documented=$(sed -n 's/^\.SS \([a-z-]*\).*/\1/p' "$MAN" | sort)
if [ "$cmds" != "$documented" ]; then
    echo "docs/tcxd.1 and the command table differ:"
    echo "commands:   $(echo $cmds)"
    echo "documented: $(echo $documented)"
    exit 1
fi
echo "docs: $(echo "$cmds" | wc -l) commands documented"
