#!/usr/bin/env bash
# `npm run start:web [-- --port N]`: the UI in any browser, through the browser bridge.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
npx electron-vite build >&2
exec node out/main/web.js "$@"
