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
