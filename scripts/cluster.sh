#!/usr/bin/env bash
# `npm run cluster`: the Kubernetes practice cluster in the foreground (see electron/practice-cluster/README.md).
# Prints KUBECONFIG=<path> once it serves; Ctrl-C (SIGINT) or SIGTERM stops it and removes its containers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh >&2
# exec: node itself receives the signals (no npx or shell in between).
exec node --import tsx electron/practice-cluster/main.ts "$@"
