#!/usr/bin/env bash
# `npm run bench`: every tests/bench/*.bench.ts against the lab; tables on stdout, JSON in bench-results/,
# the summary table in the README's benchmark section. A suite that fails is marked and the others still run.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh || exit 1
bash scripts/lab.sh up || exit 1
# The layer-analysis case reads a 1 GiB image.
bash scripts/lab.sh bigimage || exit 1
npx electron-vite build >/dev/null || exit 1
failed=()
for bench in tests/bench/*.bench.ts; do
  [ -n "${LOTSE_BENCH:-}" ] && [[ "$bench" != *"$LOTSE_BENCH"* ]] && continue
  echo "--- $bench"
  npx tsx "$bench" || failed+=("$bench")
done
node scripts/bench-summary.mjs
if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nSuites that stopped with an error (their cases so far are in the tables above):\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
