#!/usr/bin/env bash
# `npm run start:web [-- --port N]`: the UI in any browser, through the browser bridge.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
# Built only when the sources changed since the last build; a running instance keeps its own build.
build=$(node scripts/start-build.mjs)
exec node "$build/main/web.js" "$@"
