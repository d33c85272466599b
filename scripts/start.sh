#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, opens the Electron window.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
# Built only when the sources changed since the last build; a running instance keeps its own build.
build=$(node scripts/start-build.mjs)

# Electron 45 fetches its binary on first use; where that is impossible, say what works instead.
if ! node -e 'const fs=require("fs"),p=require("path");const d="node_modules/electron";const t=p.join(d,"path.txt");process.exit(fs.existsSync(t)&&fs.existsSync(p.join(d,"dist",fs.readFileSync(t,"utf8")))?0:1)'; then
  echo "The Electron binary is not installed yet; downloading it ..." >&2
  if ! env -u ELECTRON_SKIP_BINARY_DOWNLOAD timeout 300 node node_modules/electron/install.js; then
    cat >&2 <<'MSG'

Lotse could not install the Electron binary (this machine cannot download it).
Use the browser version instead — the same app, served on 127.0.0.1 only:

    npm run start:web

MSG
    exit 1
  fi
fi
exec npx electron "$build"
