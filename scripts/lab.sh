#!/usr/bin/env bash
# Lotse lab: a real Docker engine, two local registries and fixture images for tests and benchmarks.
# How and why it works on the development/CI machines: see the lab notes (Debian 12, root, no Docker Hub).
#
#   bash scripts/lab.sh up               install what is missing, start engine + registries, build fixtures
#   bash scripts/lab.sh status           one line per part: up/down
#   bash scripts/lab.sh bigimage         build lotse-lab/big:1.0 (1 GiB, for benchmarks)
#   bash scripts/lab.sh down             remove what the lab made, and nothing else
#   bash scripts/lab.sh engine-start DIR a second, private dockerd on DIR/docker.sock (prints the socket)
#   bash scripts/lab.sh engine-stop DIR  stop that private dockerd
#   bash scripts/lab.sh swarm-up         a two-node swarm: the main engine as manager, a worker engine in a netns
#   bash scripts/lab.sh swarm-down       the worker gone, the swarm left (if the lab made it), the netns removed
#
# Facts the tests need (registry addresses, credentials, fixture names and sizes) live in scripts/lab/lab.env.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB_ENV="$ROOT/scripts/lab/lab.env"
FIXTURE_DIR="$ROOT/tests/fixtures/images"
# shellcheck source=lab/lab.env
source "$LAB_ENV"

STATE="${LOTSE_LAB_DIR:-/var/lib/lotse-lab}"
SOCK=/var/run/docker.sock
# The lab always talks to the engine on the standard socket, whatever DOCKER_HOST/context the caller has.
export DOCKER_HOST="unix://$SOCK"
unset DOCKER_CONTEXT
BUSYBOX="${LOTSE_LAB_BUSYBOX:-/bin/busybox}"
# Bump when the build recipe in this script changes, so every fixture is rebuilt once.
RECIPE_VERSION=1
# curl is not in the brief's list but the lab needs it for health checks, and a minimal Debian lacks it.
PACKAGES=(docker.io docker-registry docker-compose busybox-static chromium apache2-utils curl)
read -r -a FIXTURES <<<"$LOTSE_LAB_FIXTURES"
BIG="$LOTSE_LAB_BIG_IMAGE"
FIXTURE_LABEL_KEY="${LOTSE_LAB_FIXTURE_LABEL%%=*}"
FIXTURE_LABEL_VALUE="${LOTSE_LAB_FIXTURE_LABEL#*=}"
HASH_LABEL="$LOTSE_LAB_HASH_LABEL"
HTTPD_CHECK_NAME=lotse-lab-httpd-check

# Messages go to fd 3 (stdout by default) so engine-start can keep stdout for the socket path alone.
exec 3>&1
say() { printf 'lab: %s\n' "$*" >&3; }
warn() { printf 'lab: WARNING: %s\n' "$*" >&2; }
die() { printf 'lab: ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
is_debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }
now() { date +%s.%N; }

# ---------------------------------------------------------------------------------------------------------
# small helpers

# GET /_ping on a unix socket: the cheapest "does an engine answer here" check.
engine_ping() { curl -fsS --max-time 3 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1; }

# HTTP status of a registry's /v2/ (200 plain, 401 with auth); 000 when nothing answers.
registry_code() { curl -s -o /dev/null --max-time 3 -w '%{http_code}' "http://$1/v2/" 2>/dev/null || true; }
registry_answers() { [ "$(registry_code "$1")" != 000 ]; }

# A pid from a pid file that is alive and runs the expected program (guards against reused pids).
live_pid() { # PIDFILE COMM
  local pid
  [ -f "$1" ] || return 1
  pid="$(tr -dc '0-9' <"$1")"
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
  printf '%s\n' "$pid"
}

# Poll a command until it succeeds; 1 on timeout or when the watched pid dies first.
wait_until() { # TIMEOUT_S WATCH_PID(or '') CMD...
  local deadline watch="$2"
  deadline=$(($(date +%s) + $1))
  shift 2
  until "$@"; do
    [ -z "$watch" ] || kill -0 "$watch" 2>/dev/null || return 1
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# SIGTERM a process, wait for it to be gone, then SIGKILL; used for dockerd and the registries.
stop_pid() { # PID WHAT TIMEOUT_S
  local pid="$1" what="$2" timeout="$3" deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$(($(date +%s) + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      warn "$what (pid $pid) still running after ${timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      # A killed Go daemon takes a moment to exit and be reaped; give it up to 10 s.
      deadline=$(($(date +%s) + 10))
      while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
      break
    fi
    sleep 0.2
  done
}

show_log_tail() { [ -f "$1" ] && { echo "---- last lines of $1 ----" >&2; tail -n "${2:-25}" "$1" >&2; echo "----" >&2; } || true; }

# Daemons must not inherit fd 3 (our stdout, maybe a caller's pipe) or fd 9 (the lock): close both.
spawn_daemon() { # LOGFILE CMD...
  local log="$1"
  shift
  printf '\n==== %s: %s\n' "$(date -Is)" "$*" >>"$log"
  setsid "$@" >>"$log" 2>&1 </dev/null 3>&- 9>&- &
  SPAWNED_PID=$!
}

ensure_state() {
  mkdir -p "$STATE" "$STATE/logs" 2>/dev/null && [ -w "$STATE" ] ||
    die "cannot write the lab state dir $STATE; run as root or set LOTSE_LAB_DIR to a writable directory"
}

# One lab command at a time: parallel test runs calling `lab:up` must not start two registries.
take_lock() {
  ensure_state
  exec 9>"$STATE/lab.lock"
  flock -w 900 9 || die "another scripts/lab.sh is still running (lock $STATE/lab.lock)"
}

# ---------------------------------------------------------------------------------------------------------
# packages

missing_packages() {
  if is_debian; then
    local installed
    installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null | awk '/ install ok installed$/{print $1}' || true)"
    local p
    for p in "${PACKAGES[@]}"; do grep -qxF "$p" <<<"$installed" || echo "$p"; done
  else
    # Without dpkg, check the commands the lab needs instead of packages.
    command -v dockerd >/dev/null 2>&1 || echo "docker engine (dockerd)"
    command -v docker-registry >/dev/null 2>&1 || echo "docker-registry (CNCF distribution 2.x, 'docker-registry serve')"
    command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || echo "docker-compose"
    [ -x "$BUSYBOX" ] || echo "static busybox at $BUSYBOX (or set LOTSE_LAB_BUSYBOX)"
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || echo "chromium"
    command -v htpasswd >/dev/null 2>&1 || echo "htpasswd (apache2-utils)"
    command -v curl >/dev/null 2>&1 || echo "curl"
  fi
}

ensure_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  [ "${#missing[@]}" -gt 0 ] || return 0
  set -- "${missing[@]}"
  if ! is_debian || ! is_root; then
    echo "lab: missing: $(printf '%s, ' "$@" | sed 's/, $//')" >&2
    if is_debian; then
      echo "lab: install them as root:  sudo apt-get update && sudo apt-get install -y $*" >&2
    else
      echo "lab: install them with your system's package manager (the lab is made for Debian 12)." >&2
    fi
    exit 1
  fi
  say "installing missing Debian packages: $*"
  apt-get update
  # Debian 12 and 13 differ (docker.io 20.10 vs 26, Compose v1 vs v2 in docker-compose): name what the archive lacks.
  local p none=()
  for p in "$@"; do
    apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]' || none+=("$p")
  done
  [ "${#none[@]}" -eq 0 ] || die "Debian $(cat /etc/debian_version) has no installable package for: ${none[*]}"
  # needrestart (pulled in by docker.io) would otherwise scan and list services after the install.
  DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y "$@"
  mapfile -t missing < <(missing_packages)
  [ "${#missing[@]}" -eq 0 ] || die "still missing after apt-get install: ${missing[*]}"
}

check_busybox() {
  [ -x "$BUSYBOX" ] || die "$BUSYBOX not found (Debian package busybox-static)"
  # A dynamically linked busybox would not run FROM scratch (no libc in the image).
  if command -v ldd >/dev/null 2>&1 && ldd "$BUSYBOX" >/dev/null 2>&1; then
    die "$BUSYBOX is dynamically linked; the lab needs busybox-static"
  fi
}

# ---------------------------------------------------------------------------------------------------------
# main engine

ensure_engine() {
  local br
  if engine_ping "$SOCK"; then
    if br="$(bridge_missing)"; then
      warn "the engine's default bridge interface $br is gone: containers on the default network cannot start; restart dockerd (bash scripts/lab.sh down && bash scripts/lab.sh up, if the lab started it)"
    fi
    return 0
  fi
  if [ -S "$SOCK" ] && ! [ -w "$SOCK" ]; then
    die "no access to $SOCK (permission denied): use sudo, or add your user to the docker group"
  fi
  is_root || die "no Docker engine answers on $SOCK and only root can start dockerd: sudo bash scripts/lab.sh up"
  ensure_state
  local log="$STATE/logs/dockerd.log" pid
  # A dockerd that is still starting owns /var/run/docker.pid: wait for it instead of starting a second one.
  if pid="$(live_pid /var/run/docker.pid dockerd)"; then
    say "engine: dockerd (pid $pid) is starting, waiting for $SOCK ..."
    wait_until 60 "$pid" engine_ping "$SOCK" ||
      die "dockerd (pid $pid, not started by the lab) does not answer on $SOCK after 60s"
    return 0
  fi
  say "engine: starting dockerd on $SOCK (log: $log)"
  spawn_daemon "$log" dockerd --host "unix://$SOCK"
  if ! wait_until 60 "$SPAWNED_PID" engine_ping "$SOCK"; then
    show_log_tail "$log" 30
    kill -0 "$SPAWNED_PID" 2>/dev/null && die "dockerd (pid $SPAWNED_PID) does not answer on $SOCK after 60s" ||
      die "dockerd exited during start-up (see the log above)"
  fi
  # dockerd writes its own pid file; the copy in the state dir says "the lab started this one".
  pid="$(live_pid /var/run/docker.pid dockerd || echo "$SPAWNED_PID")"
  echo "$pid" >"$STATE/dockerd.pid"
  say "engine: up (pid $pid, $(engine_desc))"
}

# The default bridge network's interface must exist, or every `docker run` on the default network fails
# (seen here when another dockerd with --bridge=none ran in the host's network namespace and deleted docker0).
bridge_missing() {
  local json name
  json="$(curl -fsS --max-time 3 --unix-socket "$SOCK" http://localhost/networks/bridge 2>/dev/null)" || return 1
  name="$(grep -o '"com.docker.network.bridge.name":"[^"]*"' <<<"$json" | cut -d'"' -f4)"
  [ -n "$name" ] && [ -d /sys/class/net ] && [ ! -e "/sys/class/net/$name" ] && echo "$name"
}

engine_desc() {
  docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null || echo "version unknown"
}

# ---------------------------------------------------------------------------------------------------------
# registries

ensure_htpasswd() {
  local file="$STATE/htpasswd"
  # bcrypt (-B) is the only hash the registry's htpasswd auth accepts; rewrite only when the password differs.
  if [ -f "$file" ] && htpasswd -vb "$file" "$LOTSE_LAB_AUTH_USER" "$LOTSE_LAB_AUTH_PASS" >/dev/null 2>&1; then
    return 0
  fi
  htpasswd -Bbn "$LOTSE_LAB_AUTH_USER" "$LOTSE_LAB_AUTH_PASS" >"$file.tmp"
  mv "$file.tmp" "$file"
}

ensure_registry() { # ADDR auth|plain
  local addr="$1" mode="$2" port name dir log code
  port="${addr##*:}"
  name="registry-$port"
  code="$(registry_code "$addr")"
  if [ "$code" != 000 ]; then
    case "$mode:$code" in
      plain:200 | auth:401) ;;
      *) warn "$addr answers /v2/ with HTTP $code (expected $([ "$mode" = plain ] && echo 200 || echo 401)); is something else on port $port?" ;;
    esac
    return 0
  fi
  ensure_state
  dir="$STATE/$name"
  log="$STATE/logs/$name.log"
  mkdir -p "$dir/data"
  {
    echo "# Written by scripts/lab.sh: the Lotse lab's $mode registry on $addr."
    echo "version: 0.1"
    echo "log: { level: info, formatter: text }"
    echo "storage:"
    echo "  filesystem: { rootdirectory: $dir/data }"
    echo "  delete: { enabled: true }"
    echo "  maintenance: { uploadpurging: { enabled: false } }"
    echo "http:"
    echo "  addr: $addr"
    echo "  secret: lotse-lab-$name"
    if [ "$mode" = auth ]; then
      ensure_htpasswd
      echo "auth:"
      echo "  htpasswd: { realm: lotse-lab, path: $STATE/htpasswd }"
    fi
  } >"$dir/config.yml"
  say "registry $addr: starting ($mode, storage $dir/data, log $log)"
  spawn_daemon "$log" docker-registry serve "$dir/config.yml"
  if ! wait_until 20 "$SPAWNED_PID" registry_answers "$addr"; then
    show_log_tail "$log" 20
    die "registry on $addr did not come up"
  fi
  echo "$SPAWNED_PID" >"$STATE/$name.pid"
}

# ---------------------------------------------------------------------------------------------------------
# fixture images

short_name() { local n="${1#*/}"; echo "${n%%:*}"; }   # lotse-lab/family-a:1.0 -> family-a
context_dir() { echo "$FIXTURE_DIR/$(short_name "$1")"; }
needs_busybox() { grep -qE '^[[:space:]]*COPY[[:space:]]+busybox[[:space:]]' "$1/Dockerfile"; }
parents_of() { awk 'toupper($1)=="FROM" && tolower($2)!="scratch" {print $2}' "$1/Dockerfile"; }

declare -A IMG_ID=() IMG_HASH=()

# One `docker image inspect` for all lab images keeps `up` fast when everything is built already.
load_images() {
  IMG_ID=() IMG_HASH=()
  local out line n
  out="$(docker image inspect --format "{{json .RepoTags}} {{.Id}} {{index .Config.Labels \"$FIXTURE_LABEL_KEY\"}} {{index .Config.Labels \"$HASH_LABEL\"}}" "$@" 2>/dev/null || true)"
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    read -r -a f <<<"$line"
    [ "${f[2]:-}" = "$FIXTURE_LABEL_VALUE" ] || continue
    for n in "$@"; do
      if [[ "${f[0]}" == *"\"$n\""* ]]; then
        IMG_ID[$n]="${f[1]}"
        IMG_HASH[$n]="${f[3]:-}"
      fi
    done
  done <<<"$out"
}

# Hash of everything that goes into an image: context files, busybox, parent image ids, recipe version.
context_hash() { # IMAGE
  local ctx p pid
  ctx="$(context_dir "$1")"
  {
    echo "recipe $RECIPE_VERSION"
    (cd "$ctx" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
    (cd "$ctx" && find . -print0 | LC_ALL=C sort -z | xargs -0 -r stat -c '%n %a')
    if needs_busybox "$ctx"; then sha256sum <"$BUSYBOX"; fi
    for p in $(parents_of "$ctx"); do
      pid="${IMG_ID[$p]:-$(docker image inspect --format '{{.Id}}' "$p" 2>/dev/null || echo missing)}"
      echo "parent $p $pid"
    done
  } | sha256sum | cut -d' ' -f1
}

build_image() { # IMAGE HASH
  local img="$1" hash="$2" ctx tmp log old t0
  ctx="$(context_dir "$img")"
  [ -f "$ctx/Dockerfile" ] || die "no build context for $img: $ctx/Dockerfile is missing"
  ensure_state
  log="$STATE/logs/build-$(short_name "$img").log"
  old="${IMG_ID[$img]:-}"
  # Build from a temporary copy: generated files (busybox) must never land in the committed context.
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/lotse-lab-build.XXXXXX")"
  cp -a "$ctx/." "$tmp/"
  if needs_busybox "$ctx"; then cp "$BUSYBOX" "$tmp/busybox"; fi
  say "image $img: building (log: $log)"
  t0="$(now)"
  # The legacy builder gives one `docker image history` row per Dockerfile step, as the course shows.
  if ! DOCKER_BUILDKIT=0 docker build --force-rm \
    --label "$FIXTURE_LABEL_KEY=$FIXTURE_LABEL_VALUE" --label "$HASH_LABEL=$hash" \
    -t "$img" "$tmp" >"$log" 2>&1; then
    rm -rf "$tmp"
    show_log_tail "$log" 30
    die "building $img failed"
  fi
  rm -rf "$tmp"
  IMG_ID[$img]="$(docker image inspect --format '{{.Id}}' "$img")"
  IMG_HASH[$img]="$hash"
  say "image $img: built in $(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')s (${IMG_ID[$img]:7:12})"
  # The replaced image is now untagged: remove it unless something (a container, a child) still needs it.
  if [ -n "$old" ] && [ "$old" != "${IMG_ID[$img]}" ]; then
    docker rmi "$old" >/dev/null 2>&1 || true
  fi
}

# Build IMAGE unless it exists with a hash label equal to its context's hash. Prints nothing when fresh.
ensure_image() { # IMAGE -> sets BUILT=1 when it (re)built
  local img="$1" hash
  BUILT=0
  hash="$(context_hash "$img")"
  if [ -n "${IMG_ID[$img]:-}" ] && [ "${IMG_HASH[$img]:-}" = "$hash" ]; then
    return 0
  fi
  [ -z "${IMG_ID[$img]:-}" ] || say "image $img: build context changed, rebuilding"
  build_image "$img" "$hash"
  BUILT=1
}

# Prove the httpd fixture serves its page through a published port, then clean up the container.
verify_httpd() {
  local port="$LOTSE_LAB_HTTPD_CHECK_PORT" url body=""
  url="http://127.0.0.1:$port/"
  docker rm -f "$HTTPD_CHECK_NAME" >/dev/null 2>&1 || true
  if curl -s -o /dev/null --max-time 2 "$url" 2>/dev/null; then
    warn "port $port is already in use; skipping the httpd check"
    return 0
  fi
  docker run -d --name "$HTTPD_CHECK_NAME" --label "$FIXTURE_LABEL_KEY.check=httpd" -p "$port:80" "$LOTSE_LAB_IMAGE_HTTPD" >/dev/null
  local i
  for i in $(seq 1 50); do
    body="$(curl -fsS --max-time 2 "$url" 2>/dev/null || true)"
    [ -z "$body" ] || break
    sleep 0.2
  done
  docker rm -f "$HTTPD_CHECK_NAME" >/dev/null 2>&1 || true
  grep -qF "$LOTSE_LAB_HTTPD_TEXT" <<<"$body" ||
    die "$LOTSE_LAB_IMAGE_HTTPD did not serve \"$LOTSE_LAB_HTTPD_TEXT\" on $url (got: ${body:-nothing})"
  say "image $LOTSE_LAB_IMAGE_HTTPD: serves \"$LOTSE_LAB_HTTPD_TEXT\" on a published port (checked on :$port)"
}

ensure_fixtures() {
  local img built=0
  load_images "${FIXTURES[@]}" "$BIG"
  # FIXTURES is in dependency order (lab.env), so parents are fresh before their children are hashed.
  for img in "${FIXTURES[@]}"; do
    ensure_image "$img"
    built=$((built + BUILT))
    if [ "$BUILT" = 1 ] && [ "$img" = "$LOTSE_LAB_IMAGE_HTTPD" ]; then verify_httpd; fi
  done
  [ "$built" -gt 0 ] || say "images: all ${#FIXTURES[@]} fixtures up to date"
}

# ---------------------------------------------------------------------------------------------------------
# subcommands

cmd_up() {
  local t0
  t0="$(now)"
  ensure_packages
  check_busybox
  # Without a writable state dir (non-root, all up) there is nothing to lock; anything to start needs it anyway.
  if mkdir -p "$STATE" 2>/dev/null && [ -w "$STATE" ]; then take_lock; fi
  ensure_engine
  ensure_registry "$LOTSE_LAB_REGISTRY" plain
  ensure_registry "$LOTSE_LAB_AUTH_REGISTRY" auth
  ensure_fixtures
  # The Kubernetes practice cluster's lab parts: stand-ins for the course's images, a kubectl where none is.
  bash "$ROOT/scripts/lab/k8s.sh" up
  say "up: engine $(engine_desc); registries $LOTSE_LAB_REGISTRY and $LOTSE_LAB_AUTH_REGISTRY ($LOTSE_LAB_AUTH_USER); ${#FIXTURES[@]} fixture images ($(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')s)"
}

cmd_bigimage() {
  cmd_up
  ensure_image "$BIG"
  [ "$BUILT" = 1 ] || say "image $BIG: up to date"
}

cmd_status() {
  local all_up=0 state who img h br
  line() { printf '%-34s %s\n' "$1" "$2"; }
  if engine_ping "$SOCK"; then
    who="$(live_pid "$STATE/dockerd.pid" dockerd >/dev/null && echo "started by the lab" || echo "not started by the lab")"
    line engine "up ($(engine_desc), $SOCK, $who)"
    if br="$(bridge_missing)"; then line "engine bridge $br" "down (interface missing: restart dockerd)"; all_up=1; fi
  elif [ -S "$SOCK" ] && ! [ -w "$SOCK" ]; then
    line engine "unknown (no access to $SOCK: use sudo or the docker group)"
    all_up=1
  else
    line engine "down ($SOCK)"
    all_up=1
  fi
  for spec in "$LOTSE_LAB_REGISTRY:plain" "$LOTSE_LAB_AUTH_REGISTRY:auth"; do
    local addr="${spec%:*}" code
    code="$(registry_code "$addr")"
    who="$(live_pid "$STATE/registry-${addr##*:}.pid" docker-registry >/dev/null && echo "started by the lab" || echo "not started by the lab")"
    if [ "$code" = 000 ]; then line "registry ${addr##*:}" "down ($addr)"; all_up=1; else line "registry ${addr##*:}" "up ($addr, ${spec##*:}, HTTP $code on /v2/, $who)"; fi
  done
  if engine_ping "$SOCK"; then load_images "${FIXTURES[@]}" "$BIG"; fi
  for img in "${FIXTURES[@]}" "$BIG"; do
    if [ -z "${IMG_ID[$img]:-}" ]; then
      state=down
      [ "$img" = "$BIG" ] && state="down (optional: bash scripts/lab.sh bigimage)" || all_up=1
    else
      h="$(context_hash "$img")"
      if [ "${IMG_HASH[$img]:-}" = "$h" ]; then state="up (${IMG_ID[$img]:7:12})"; else state="stale (build context changed; run up)"; [ "$img" = "$BIG" ] || all_up=1; fi
    fi
    line "image $img" "$state"
  done
  return "$all_up"
}

cmd_down() {
  if ip netns list 2>/dev/null | grep -qw "$LOTSE_LAB_SWARM_NETNS" || [ -e "$LOTSE_LAB_SWARM_WORKER_SOCK" ]; then cmd_swarm_down; fi
  if engine_ping "$SOCK"; then bash "$ROOT/scripts/lab/k8s.sh" down; fi
  take_lock
  local img pid left
  if engine_ping "$SOCK"; then
    docker rm -f "$HTTPD_CHECK_NAME" >/dev/null 2>&1 || true
    load_images "${FIXTURES[@]}" "$BIG"
    # Children first, so each parent is free to go when its turn comes.
    for ((i = ${#FIXTURES[@]}; i >= 0; i--)); do
      if ((i == ${#FIXTURES[@]})); then img="$BIG"; else img="${FIXTURES[$i]}"; fi
      [ -n "${IMG_ID[$img]:-}" ] || continue
      # No -f: an image that a user's container still uses stays, and we say so.
      if out="$(docker rmi "$img" 2>&1)"; then
        grep -q '^Deleted:' <<<"$out" && say "image $img: removed" ||
          say "image $img: untagged (its layers stay: other images are built on it)"
      else
        warn "image $img: not removed: $out"
      fi
    done
    # Images built FROM a fixture inherit its label; they belong to whoever built them.
    left="$(docker images --filter "label=$LOTSE_LAB_FIXTURE_LABEL" --format '{{.Repository}}:{{.Tag}} ({{.ID}})' 2>/dev/null || true)"
    if [ -n "$left" ]; then
      say "left alone (not made by the lab, but built on lab fixtures or tagged from them):"
      sed 's/^/lab:   /' <<<"$left" >&3
    fi
  else
    say "engine: not answering on $SOCK; no images to remove"
  fi
  local port
  for port in "${LOTSE_LAB_REGISTRY##*:}" "${LOTSE_LAB_AUTH_REGISTRY##*:}"; do
    if pid="$(live_pid "$STATE/registry-$port.pid" docker-registry)"; then
      stop_pid "$pid" "registry :$port" 15
      say "registry :$port: stopped (pid $pid)"
    elif registry_answers "127.0.0.1:$port"; then
      say "registry :$port: not started by the lab, left running"
    fi
    rm -f "$STATE/registry-$port.pid"
    rm -rf "${STATE:?}/registry-$port"
  done
  rm -f "$STATE/htpasswd"
  if pid="$(live_pid "$STATE/dockerd.pid" dockerd)"; then
    say "engine: stopping dockerd (pid $pid, started by the lab)"
    stop_pid "$pid" dockerd 60
    say "engine: stopped"
  elif engine_ping "$SOCK"; then
    say "engine: not started by the lab, left running"
  fi
  rm -f "$STATE/dockerd.pid"
  say "down: done"
}

# A second engine for tests that must stop an engine without disturbing the main one.
private_paths() { # DIR
  [ -n "${1:-}" ] || die "usage: lab.sh engine-start|engine-stop DIR"
  PDIR="$(realpath -m "$1")"
  PSOCK="$PDIR/docker.sock"
  PPID_FILE="$PDIR/docker.pid"
  PLOG="$PDIR/dockerd.log"
  # Unix socket paths are limited to 107 bytes; containerd's debug socket is the longest under DIR.
  local longest="$PDIR/exec/containerd/containerd-debug.sock"
  [ "${#longest}" -le 107 ] || die "DIR is too long (${#PDIR} chars): $longest must fit in 107 bytes; use a shorter DIR (e.g. under /tmp)"
}

cmd_engine_start() {
  exec 3>&2   # stdout carries only the socket path
  private_paths "${1:-}"
  local pid
  if engine_ping "$PSOCK"; then
    say "private engine already answers on $PSOCK"
    echo "$PSOCK"
    return 0
  fi
  is_root || die "only root can start dockerd"
  if pid="$(live_pid "$PPID_FILE" dockerd)"; then
    die "dockerd (pid $pid) from $PPID_FILE is running but does not answer on $PSOCK; stop it with: bash scripts/lab.sh engine-stop $PDIR"
  fi
  [ "$PSOCK" != "$SOCK" ] || die "the private engine must not use the main socket $SOCK"
  mkdir -p "$PDIR/data" "$PDIR/exec"
  rm -f "$PSOCK"
  say "private engine: starting dockerd on $PSOCK (log: $PLOG)"
  # No bridge and no iptables: the main engine owns docker0 and the iptables chains.
  # Own network namespace (unshare --net, not `ip netns exec`, which remounts /sys): dockerd with
  # --bridge=none DELETES any interface named docker0 it sees, which would cut off the main engine's containers.
  # Its own containerd namespace, in case both engines end up on a shared system containerd.
  spawn_daemon "$PLOG" unshare --net sh -c 'ip link set lo up 2>/dev/null || true; exec "$@"' sh dockerd \
    --host "unix://$PSOCK" --data-root "$PDIR/data" --exec-root "$PDIR/exec" --pidfile "$PPID_FILE" \
    --bridge=none --iptables=false --ip6tables=false \
    --containerd-namespace "lotse-$(echo "$PDIR" | sha256sum | cut -c1-8)" \
    --containerd-plugins-namespace "lotse-$(echo "$PDIR" | sha256sum | cut -c1-8)-plugins"
  if ! wait_until 60 "$SPAWNED_PID" engine_ping "$PSOCK"; then
    show_log_tail "$PLOG" 30
    kill -0 "$SPAWNED_PID" 2>/dev/null && die "private dockerd (pid $SPAWNED_PID) does not answer on $PSOCK after 60s" ||
      die "private dockerd exited during start-up (see the log above)"
  fi
  say "private engine: up (pid $(cat "$PPID_FILE" 2>/dev/null || echo "$SPAWNED_PID"))"
  echo "$PSOCK"
}

cmd_engine_stop() {
  private_paths "${1:-}"
  local pid cpid
  if ! pid="$(live_pid "$PPID_FILE" dockerd)"; then
    say "private engine in $PDIR: not running"
    rm -f "$PPID_FILE" "$PSOCK"
    return 0
  fi
  say "private engine: stopping dockerd (pid $pid)"
  cpid="$(live_pid "$PDIR/exec/containerd/containerd.pid" containerd || true)"
  stop_pid "$pid" "private dockerd" 30
  kill -0 "$pid" 2>/dev/null && die "private dockerd (pid $pid) did not exit even after SIGKILL"
  # After a SIGKILL its managed containerd would be orphaned: stop it too.
  if [ -n "$cpid" ] && kill -0 "$cpid" 2>/dev/null; then stop_pid "$cpid" "private containerd" 10; fi
  # A killed dockerd leaves its mounts (data root bind mount, overlays) behind; DIR could not be removed.
  local m
  for m in $(awk -v d="$PDIR/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo 2>/dev/null | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || warn "could not unmount $m"
  done
  rm -f "$PPID_FILE" "$PSOCK"
  say "private engine: stopped"
}

# ---------------------------------------------------------------------------------------------------------
# two-node swarm: the main engine is the manager; a worker dockerd runs in its own network namespace
# (nsenter, not `ip netns exec`, which remounts /sys and breaks dockerd's cgroups) and UTS namespace.

SW_NS="$LOTSE_LAB_SWARM_NETNS"
SW_SOCK="$LOTSE_LAB_SWARM_WORKER_SOCK"
SW_DIR() { echo "$STATE/swarm-worker"; }
SW_EXEC=/var/run/lotse-sw1
SW_PIDFILE=/var/run/lotse-sw1.pid
SW_HOST_IF=lotse-swh0
SW_NS_IF=lotse-swn0
wdocker() { DOCKER_HOST="unix://$SW_SOCK" docker "$@"; }
swarm_state() { docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

ensure_netns() {
  ip netns list 2>/dev/null | grep -qw "$SW_NS" || ip netns add "$SW_NS"
  if ! ip link show "$SW_HOST_IF" >/dev/null 2>&1; then
    ip link add "$SW_HOST_IF" type veth peer name "$SW_NS_IF"
    ip link set "$SW_NS_IF" netns "$SW_NS"
  fi
  ip addr replace "$LOTSE_LAB_SWARM_MANAGER_ADDR/24" dev "$SW_HOST_IF"
  ip link set "$SW_HOST_IF" up
  ip netns exec "$SW_NS" ip addr replace "$LOTSE_LAB_SWARM_WORKER_ADDR/24" dev "$SW_NS_IF"
  ip netns exec "$SW_NS" ip link set "$SW_NS_IF" up
  ip netns exec "$SW_NS" ip link set lo up
}

ensure_worker_engine() {
  local dir pid
  dir="$(SW_DIR)"
  if engine_ping "$SW_SOCK"; then return 0; fi
  if pid="$(live_pid "$SW_PIDFILE" dockerd)"; then
    die "worker dockerd (pid $pid) runs but does not answer on $SW_SOCK; run: bash scripts/lab.sh swarm-down"
  fi
  mkdir -p "$dir/data" "$SW_EXEC"
  rm -f "$SW_SOCK"
  say "swarm: starting the worker engine in netns $SW_NS as $LOTSE_LAB_SWARM_WORKER_HOSTNAME (log: $dir/dockerd.log)"
  spawn_daemon "$dir/dockerd.log" nsenter --net="/var/run/netns/$SW_NS" unshare --uts sh -c 'hostname "$0" && exec "$@"' \
    "$LOTSE_LAB_SWARM_WORKER_HOSTNAME" dockerd --host "unix://$SW_SOCK" --data-root "$dir/data" --exec-root "$SW_EXEC" \
    --pidfile "$SW_PIDFILE" --containerd-namespace lotse-sw1 --containerd-plugins-namespace lotse-sw1-plugins
  if ! wait_until 60 "$SPAWNED_PID" engine_ping "$SW_SOCK"; then
    show_log_tail "$dir/dockerd.log" 30
    die "the worker dockerd did not answer on $SW_SOCK"
  fi
}

cmd_swarm_up() {
  local t0 state token img
  t0="$(now)"
  cmd_up
  is_root || die "only root can create network namespaces"
  command -v ip >/dev/null 2>&1 || die "the lab's swarm needs iproute2 (ip)"
  take_lock
  ensure_netns
  ensure_worker_engine
  state="$(swarm_state)"
  case "$state" in
    inactive)
      docker swarm init --advertise-addr "$LOTSE_LAB_SWARM_MANAGER_ADDR" --listen-addr "$LOTSE_LAB_SWARM_MANAGER_ADDR:2377" >/dev/null
      touch "$STATE/swarm-made-by-lab"
      say "swarm: the main engine is now a manager ($LOTSE_LAB_SWARM_MANAGER_ADDR:2377)" ;;
    active) say "swarm: the main engine is already in a swarm" ;;
    *) die "the main engine's swarm state is '$state'; leave or repair it first (docker swarm leave --force)" ;;
  esac
  if [ "$(wdocker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" != active ]; then
    token="$(docker swarm join-token -q worker)"
    wdocker swarm join --token "$token" --advertise-addr "$LOTSE_LAB_SWARM_WORKER_ADDR" "$LOTSE_LAB_SWARM_MANAGER_ADDR:2377" >/dev/null
    say "swarm: $LOTSE_LAB_SWARM_WORKER_HOSTNAME joined as a worker"
  fi
  # The worker cannot pull from Docker Hub: it gets the fixtures from the manager.
  for img in "${FIXTURES[@]}"; do
    if [ "$(wdocker image inspect --format '{{.Id}}' "$img" 2>/dev/null)" != "$(docker image inspect --format '{{.Id}}' "$img")" ]; then
      docker save "$img" | wdocker load >/dev/null
    fi
  done
  say "swarm: up: $(docker node ls --format '{{.Hostname}} {{.Status}}' | paste -sd, -) ($(awk -v a="$t0" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}')s)"
}

cmd_swarm_down() {
  take_lock
  local pid node
  if engine_ping "$SW_SOCK"; then
    wdocker swarm leave --force >/dev/null 2>&1 || true
  fi
  if pid="$(live_pid "$SW_PIDFILE" dockerd)"; then
    stop_pid "$pid" "worker dockerd" 30
    say "swarm: worker engine stopped"
  fi
  local m
  for m in $(awk -v d="$(SW_DIR)/" -v e="$SW_EXEC/" 'index($5, d) == 1 || index($5, e) == 1 {print $5}' /proc/self/mountinfo 2>/dev/null | sort -r); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || warn "could not unmount $m"
  done
  rm -rf "$(SW_DIR)" "$SW_EXEC" "$SW_SOCK" "$SW_PIDFILE"
  if [ -f "$STATE/swarm-made-by-lab" ] && engine_ping "$SOCK"; then
    docker swarm leave --force >/dev/null 2>&1 || true
    rm -f "$STATE/swarm-made-by-lab"
    say "swarm: the main engine left the swarm the lab made"
  elif engine_ping "$SOCK" && [ "$(swarm_state)" = active ]; then
    # The worker is gone: drop its node entry from a swarm the lab did not make.
    for node in $(docker node ls --filter "name=$LOTSE_LAB_SWARM_WORKER_HOSTNAME" -q 2>/dev/null); do docker node rm --force "$node" >/dev/null 2>&1 || true; done
  fi
  ip link del "$SW_HOST_IF" 2>/dev/null || true
  ip netns del "$SW_NS" 2>/dev/null || true
  say "swarm: down"
}

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  bigimage) cmd_bigimage ;;
  engine-start) cmd_engine_start "${2:-}" ;;
  engine-stop) cmd_engine_stop "${2:-}" ;;
  swarm-up) cmd_swarm_up ;;
  swarm-down) cmd_swarm_down ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
