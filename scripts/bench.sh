#!/usr/bin/env bash
# `npm run bench`: every tests/bench/*.bench.ts against the lab; tables on stdout, JSON in bench-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
bash scripts/lab.sh up
# The layer-analysis case reads a 1 GiB image.
bash scripts/lab.sh bigimage
npx electron-vite build >/dev/null
for bench in tests/bench/*.bench.ts; do
  [ -n "${LOTSE_BENCH:-}" ] && [[ "$bench" != *"$LOTSE_BENCH"* ]] && continue
  echo "--- $bench"
  npx tsx "$bench"
done
