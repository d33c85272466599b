# Sourced: Node 22+ on PATH and node_modules in step with package-lock.json.
# shellcheck source=scripts/node-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh" || return 1
# The Electron binary cannot be downloaded everywhere; `npm start` fetches it when it can.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci) ..." >&2
  npm ci --no-audit --no-fund >&2 || return 1
fi
