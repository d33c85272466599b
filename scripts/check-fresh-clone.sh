#!/usr/bin/env bash
# Proves the README's path from a brand-new clone: a folder no earlier run touched, a bare
# environment, and the Node bootstrap taken even where the machine's own node is new enough.
# It clones the committed HEAD, brings Node and the dependencies the way `npm test` does, and
# runs the type checker and one unit test file there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(mktemp -d /tmp/lotse-fresh.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
git clone -q "$ROOT" "$dir/lotse"
cd "$dir/lotse"
# Node first, from an empty npm cache: the download itself must work in a bare environment.
env -i HOME="$dir" PATH=/usr/local/bin:/usr/bin:/bin LOTSE_FETCH_NODE=1 npm_config_cache="$dir/empty-cache" \
  bash -c 'source scripts/node-env.sh && node -p "process.versions.node.split(\".\")[0] >= 22 || process.exit(1)" >/dev/null'
rm -rf "$dir/empty-cache"
# Then the rest with nothing from the caller's environment but a plain PATH and the npm cache
# (downloads, not installs).
env -i HOME="$dir" PATH=/usr/local/bin:/usr/bin:/bin LOTSE_FETCH_NODE=1 \
  npm_config_cache="${npm_config_cache:-$HOME/.npm}" bash -c '
  set -euo pipefail
  source scripts/deps.sh
  major=$(node -p "process.versions.node.split(\".\")[0]")
  [ "$major" -ge 22 ] || { echo "fresh clone: node $major on PATH, expected >= 22" >&2; exit 1; }
  case "$(command -v node)" in "$PWD"/.tools/*) ;; *) echo "fresh clone: node not from .tools/ ($(command -v node))" >&2; exit 1 ;; esac
  npx tsc -b
  npx vitest run --project unit tests/unit/shared >/dev/null
  echo "fresh clone: Node $(node --version) from .tools/, npm ci, type check and a unit test passed"
'
