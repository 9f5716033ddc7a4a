#!/bin/sh
# Fails when a banned call (see src/util/banned.h) appears in tcxd's C sources.
set -eu
cd "$(dirname "$0")/.."
bad=$(grep -rnE '\b(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|atoi|gmtime|localtime)\s*\(' src tests \
      --include='*.c' --include='*.h' | grep -v 'src/util/banned.h' | grep -vE '\b(snprintf|vsnprintf)\b' || true)
if [ -n "$bad" ]; then
    echo "lint: banned calls found:"; echo "$bad"; exit 1
fi
echo "lint: no banned calls"
# The store reads the member tables through views that hide an import being written
# (store_sqlite.c): a write must name the table itself, main.member ...
bad=$(grep -rnE '(INSERT( OR [A-Z]+)? INTO|UPDATE|DELETE FROM) +(member|member_event|member_stint|member_gap)\b' \
      src --include='*.c' --include='*.h' || true)
if [ -n "$bad" ]; then
    echo "lint: a write to a member table without main. (the name is a view):"; echo "$bad"; exit 1
fi
echo "lint: member tables written as main.*"
