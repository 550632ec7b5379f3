#!/usr/bin/env bash
# ensure-docker.sh: make sure a real Docker engine, a local registry on 127.0.0.1:5000,
# the buildx plugin (when obtainable) and the base images the tests use are available.
#
# Idempotent: when everything is already up it prints one line and exits in well under 2 s.
# On a Debian machine as root it installs and starts what is missing, offline except for
# Debian's own apt mirror (read from the machine's apt sources, never hard-coded here).
#
# Environment:
#   REPRO_CI_SKIP_ENSURE_DOCKER=1   do nothing (you manage docker yourself)
#   REPRO_CI_CACHE_DIR              where saved base images / .debs are kept
#                                   (default /var/cache/repro-ci as root, else ~/.cache/repro-ci)
#   REPRO_CI_DOCKER_DATA_ROOT       dockerd --data-root (default /var/lib/docker)
#
#   bash scripts/ensure-docker.sh env classic   print the environment that gives the product the classic
#                                               20.10 client alone (no buildx) and the tests a full client
set -euo pipefail

if [[ "${REPRO_CI_SKIP_ENSURE_DOCKER:-}" == "1" ]]; then
  echo "ensure-docker: skipped (REPRO_CI_SKIP_ENSURE_DOCKER=1)"
  exit 0
fi

REGISTRY_ADDR="127.0.0.1:5000"
REGISTRY_URL="http://${REGISTRY_ADDR}/v2/"
REGISTRY_ROOT="/var/lib/repro-ci-registry"
REGISTRY_CONFIG="/etc/repro-ci/registry.yml"
REGISTRY_LOG="/var/log/repro-ci-registry.log"
DATA_ROOT="${REPRO_CI_DOCKER_DATA_ROOT:-/var/lib/docker}"
DOCKERD_LOG="/var/log/repro-ci-dockerd.log"
if [[ "$(id -u)" == "0" ]]; then
  CACHE_DIR="${REPRO_CI_CACHE_DIR:-/var/cache/repro-ci}"
  LOG="/tmp/repro-ci-ensure-docker.log"
  LOCK="/tmp/repro-ci-ensure-docker.lock"
else
  CACHE_DIR="${REPRO_CI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/repro-ci}"
  LOG="/tmp/repro-ci-ensure-docker.$(id -u).log"
  LOCK="/tmp/repro-ci-ensure-docker.$(id -u).lock"
fi
PLUGIN_DIR="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
CLASSIC_DOCKER="/usr/bin/docker" # docker.io's 20.10 client: BuildKit without buildx
PY_IMAGE="python:3.11-slim"

BB_IMAGE="busybox:latest"
BB_TAGS=("busybox:latest" "busybox:1.36")
IMAGE_RECIPE="v1" # bump when the way base images are made changes (invalidates the cache)
PACKAGES=(docker.io docker-registry busybox-static debootstrap zstd)

say() { echo "ensure-docker: $*"; }
log_tail() { [[ -f "$LOG" ]] && tail -n "${1:-30}" "$LOG" | sed 's/^/ensure-docker:   | /' >&2 || true; }
die() {
  say "ERROR: $*" >&2
  exit 1
}
# The product sees `docker` = the 20.10 client and a config folder without the buildx plugin; the tests keep
# the client they found (REPRO_CI_TEST_DOCKER*, tests/support/docker.ts) to inspect and clean up.
if [[ "${1:-}" == env ]]; then
  [[ "${2:-}" == classic ]] || die "unknown client ${2:-} (classic)"
  [[ -x "$CLASSIC_DOCKER" ]] || die "$CLASSIC_DOCKER not found: run bash scripts/ensure-docker.sh first"
  dir="${TMPDIR:-/tmp}/docker-classic-client"
  mkdir -p "$dir/bin" "$dir/config"
  ln -sf "$CLASSIC_DOCKER" "$dir/bin/docker"
  # The tests' client must know `builder du --verbose`: where `docker` is the 20.10 one, the 28 client.
  tests="$(command -v docker)"
  [[ "$(readlink -f "$tests")" != "$(readlink -f "$CLASSIC_DOCKER")" ]] || tests=/opt/repro-ci/docker28/bin/docker
  echo "PATH=$dir/bin:$PATH DOCKER_CONFIG=$dir/config REPRO_CI_TEST_DOCKER=$tests REPRO_CI_TEST_DOCKER_CONFIG=${DOCKER_CONFIG:-$HOME/.docker}"
  exit 0
fi

# run DESCRIPTION CMD...: run with output to $LOG; on failure print the log tail and exit.
run() {
  local desc="$1"
  shift
  echo "### $(date +%T) $desc: $*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    say "FAILED: $desc (log: $LOG)" >&2
    log_tail 30
    exit 1
  fi
}

have() { command -v "$1" >/dev/null 2>&1; }
engine_up() { have docker && timeout 10 docker info >/dev/null 2>&1; }
registry_up() {
  if have curl; then
    curl -fsS -m 2 -o /dev/null "$REGISTRY_URL" 2>/dev/null
  else
    # bash-only fallback: a 200 on GET /v2/
    (
      exec 3<>"/dev/tcp/${REGISTRY_ADDR%:*}/${REGISTRY_ADDR#*:}" || exit 1
      printf 'GET /v2/ HTTP/1.0\r\nHost: %s\r\n\r\n' "$REGISTRY_ADDR" >&3
      timeout 2 head -n1 <&3 | grep -q ' 200 '
    ) 2>/dev/null
  fi
}
image_exists() { docker image inspect "$@" >/dev/null 2>&1; }
images_present() { image_exists "$PY_IMAGE" "${BB_TAGS[@]}"; }
buildx_version() { timeout 10 docker buildx version 2>/dev/null | head -n1 | awk '{print $2}'; }
# buildx is "settled" when it works, or when fetching it already failed on this machine.
buildx_settled() { [[ -n "$(buildx_version)" || -f "$CACHE_DIR/buildx-unavailable" ]]; }
is_root() { [[ "$(id -u)" == "0" ]]; }
is_debian() { [[ -r /etc/os-release ]] && grep -qx 'ID=debian' /etc/os-release && have apt-get && have dpkg; }

summary() {
  local versions engine client bx
  versions="$(docker version --format '{{.Server.Version}} {{.Client.Version}}' 2>/dev/null || true)"
  engine="${versions%% *}"
  client="${versions##* }"
  bx="$(buildx_version)"
  echo "engine ${engine:-?}, client ${client:-?}, buildx ${bx:-none}, registry ${REGISTRY_ADDR} up"
}

# --- 1. fast path ----------------------------------------------------------------------------
fast_ok() { engine_up && registry_up && images_present && buildx_settled; }
if fast_ok; then
  say "docker: ready ($(summary))"
  exit 0
fi

# Slow path from here on: serialize concurrent runs, then re-check.
exec 9>"$LOCK"
if ! flock -w 1200 9; then die "another ensure-docker run holds $LOCK for too long"; fi
if fast_ok; then
  say "docker: ready ($(summary))"
  exit 0
fi
: >"$LOG"
START=$SECONDS
CAN_MANAGE=0
if is_root && is_debian; then CAN_MANAGE=1; fi

# shellcheck source=lib/debian-apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/debian-apt.sh"

# --- 2. packages -----------------------------------------------------------------------------
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  say "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  local apt_opts=(-y -q -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  local need_update=0
  for p in "${missing[@]}"; do
    apt-cache show "$p" >/dev/null 2>&1 || need_update=1
  done
  if ((need_update)); then run "apt-get update" apt-get -q -o DPkg::Lock::Timeout=300 update; fi
  # Keep package scripts from starting services: we start dockerd / the registry ourselves.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local ok=1
  if ! apt-get install "${apt_opts[@]}" --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1; then
    if ((need_update == 0)); then
      # stale lists: refresh once and retry
      apt-get -q -o DPkg::Lock::Timeout=300 update >>"$LOG" 2>&1 || true
      apt-get install "${apt_opts[@]}" --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1 || ok=0
    else
      ok=0
    fi
  fi
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  if ((ok == 0)); then
    say "FAILED: apt-get install ${missing[*]} (log: $LOG)" >&2
    log_tail 30
    exit 1
  fi
  hash -r
}

explain_unmanaged() {
  local what="$1"
  say "ERROR: $what" >&2
  cat >&2 <<EOF
ensure-docker: this script can only install and start Docker itself as root on Debian
ensure-docker: (it uses apt: docker.io docker-registry busybox-static debootstrap zstd).
ensure-docker: To fix, either:
ensure-docker:   - run it as root on Debian (e.g. sudo bash scripts/ensure-docker.sh), or
ensure-docker:   - start a Docker engine yourself (docker info must answer), a registry on
ensure-docker:     ${REGISTRY_ADDR} (e.g. docker run -d -p ${REGISTRY_ADDR}:5000 registry:2), and provide
ensure-docker:     the images ${PY_IMAGE} and ${BB_TAGS[*]} (docker pull), or
ensure-docker:   - set REPRO_CI_SKIP_ENSURE_DOCKER=1 if you manage all of this yourself.
EOF
  exit 1
}

if ((CAN_MANAGE)); then
  ensure_packages
elif ! engine_up; then
  if [[ -S /var/run/docker.sock && ! -w /var/run/docker.sock ]]; then
    say "hint: /var/run/docker.sock exists but $(id -un) cannot write it (add the user to group docker)" >&2
  fi
  if ! is_root; then explain_unmanaged "no Docker engine answers 'docker info' and this is not root"; fi
  explain_unmanaged "no Docker engine answers 'docker info' and this is not Debian"
fi

# Start a detached background process that outlives this script.
spawn() {
  local logfile="$1"
  shift
  # 9>&-: the daemon must not inherit (and so hold forever) our lock file descriptor
  setsid nohup "$@" >"$logfile" 2>&1 </dev/null 9>&- &
  disown 2>/dev/null || true
}

# --- 3. dockerd ------------------------------------------------------------------------------
if ! engine_up; then
  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "unix:///var/run/docker.sock" ]]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local dockerd for it"
  fi
  have dockerd || die "dockerd not found even after installing docker.io"
  if pgrep -x dockerd >/dev/null 2>&1; then
    say "dockerd is running but not answering yet; waiting"
  else
    say "starting dockerd (data root $DATA_ROOT, log $DOCKERD_LOG)"
    mkdir -p "$DATA_ROOT"
    spawn "$DOCKERD_LOG" dockerd --data-root "$DATA_ROOT"
  fi
  for _ in $(seq 1 60); do
    engine_up && break
    sleep 1
  done
  if ! engine_up; then
    say "FAILED: dockerd did not answer 'docker info' within 60 s; last lines of $DOCKERD_LOG:" >&2
    tail -n 30 "$DOCKERD_LOG" 2>/dev/null | sed 's/^/ensure-docker:   | /' >&2 || true
    exit 1
  fi
fi

# --- 4. registry -----------------------------------------------------------------------------
if ! registry_up; then
  if have docker-registry && is_root; then
    say "starting registry on $REGISTRY_ADDR (storage $REGISTRY_ROOT, log $REGISTRY_LOG)"
    mkdir -p "$REGISTRY_ROOT" "$(dirname "$REGISTRY_CONFIG")"
    cat >"$REGISTRY_CONFIG" <<EOF
version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: ${REGISTRY_ROOT}
  delete:
    enabled: true
http:
  addr: ${REGISTRY_ADDR}
EOF
    spawn "$REGISTRY_LOG" docker-registry serve "$REGISTRY_CONFIG"
  elif ! ((CAN_MANAGE)); then
    # e.g. a developer machine or hosted runner with a working engine and internet
    say "no docker-registry binary; trying a registry:2 container on $REGISTRY_ADDR"
    docker rm -f repro-ci-registry >>"$LOG" 2>&1 || true
    timeout 180 docker run -d --restart unless-stopped --name repro-ci-registry \
      -e REGISTRY_STORAGE_DELETE_ENABLED=true -p "${REGISTRY_ADDR}:5000" registry:2 >>"$LOG" 2>&1 ||
      explain_unmanaged "no registry answers at $REGISTRY_URL and none could be started"
  else
    die "docker-registry not found even after installing docker-registry"
  fi
  for _ in $(seq 1 30); do
    registry_up && break
    sleep 1
  done
  if ! registry_up; then
    say "FAILED: registry did not answer at $REGISTRY_URL within 30 s; last lines of $REGISTRY_LOG:" >&2
    tail -n 30 "$REGISTRY_LOG" 2>/dev/null | sed 's/^/ensure-docker:   | /' >&2 || true
    exit 1
  fi
fi

# --- 5. buildx plugin ------------------------------------------------------------------------
install_buildx() {
  [[ -n "$(buildx_version)" ]] && return 0
  if ! is_debian; then
    say "WARNING: no buildx plugin and no way to fetch one here; using the classic builder" >&2
    return 0
  fi
  mkdir -p "$CACHE_DIR"
  local deb
  deb="$(ls -1 "$CACHE_DIR"/docker-buildx_*.deb 2>/dev/null | tail -n1 || true)"
  if [[ -z "$deb" ]]; then
    say "fetching docker-buildx from Debian trixie (private apt config)"
    local tmp
    tmp="$(mktemp -d /tmp/repro-ci-dl.XXXXXX)"
    echo "### $(date +%T) apt-get download docker-buildx (trixie)" >>"$LOG"
    if apt_download trixie "$tmp" docker-buildx >>"$LOG" 2>&1; then
      deb="$(ls -1 "$tmp"/docker-buildx_*.deb 2>/dev/null | head -n1 || true)"
      [[ -n "$deb" ]] && cp "$deb" "$CACHE_DIR/" && deb="$CACHE_DIR/$(basename "$deb")"
    fi
    rm -rf "$tmp"
  fi
  if [[ -z "$deb" ]]; then
    say "WARNING: could not fetch trixie's docker-buildx (log: $LOG); continuing without buildx" >&2
    say "WARNING: BuildKit still works through $CLASSIC_DOCKER with DOCKER_BUILDKIT=1" >&2
    touch "$CACHE_DIR/buildx-unavailable"
    return 0
  fi
  local x
  x="$(mktemp -d /tmp/repro-ci-buildx.XXXXXX)"
  if dpkg-deb -x "$deb" "$x" >>"$LOG" 2>&1 && [[ -f "$x/usr/libexec/docker/cli-plugins/docker-buildx" ]]; then
    mkdir -p "$PLUGIN_DIR"
    install -m 0755 "$x/usr/libexec/docker/cli-plugins/docker-buildx" "$PLUGIN_DIR/docker-buildx"
  fi
  rm -rf "$x"
  if [[ -n "$(buildx_version)" ]]; then
    rm -f "$CACHE_DIR/buildx-unavailable"
    say "installed buildx $(buildx_version) to $PLUGIN_DIR"
  else
    say "WARNING: docker buildx version fails after installing the plugin (log: $LOG); continuing" >&2
    timeout 10 docker buildx version >>"$LOG" 2>&1 || true
    touch "$CACHE_DIR/buildx-unavailable"
  fi
}
install_buildx

# --- 6. base images --------------------------------------------------------------------------
COMPRESS=(gzip -1)
DECOMPRESS=(gzip -dc)
EXT="tar.gz"
if have zstd; then
  COMPRESS=(zstd -q -T0 -3)
  DECOMPRESS=(zstd -q -dc)
  EXT="tar.zst"
fi

cache_file() { echo "$CACHE_DIR/$(echo "$1" | tr ':/' '__').${IMAGE_RECIPE}.${EXT}"; }

load_cached() { # IMAGE: load from the cache folder if a saved copy exists
  local f
  f="$(cache_file "$1")"
  [[ -s "$f" ]] || return 1
  say "loading $1 from $f"
  if "${DECOMPRESS[@]}" "$f" | docker load >>"$LOG" 2>&1 && image_exists "$1"; then return 0; fi
  say "WARNING: cached $f is unusable; rebuilding" >&2
  rm -f "$f"
  return 1
}

save_cached() { # IMAGE...: save (all tags) to the cache folder of the first one
  local f
  f="$(cache_file "$1")"
  mkdir -p "$CACHE_DIR"
  if docker save "$@" 2>>"$LOG" | "${COMPRESS[@]}" >"$f.tmp" 2>>"$LOG"; then
    mv -f "$f.tmp" "$f"
  else
    rm -f "$f.tmp"
    say "WARNING: could not cache $1 under $CACHE_DIR" >&2
  fi
}

ROOTFS=""
cleanup_rootfs() {
  [[ -n "$ROOTFS" && -d "$ROOTFS" ]] || return 0
  # debootstrap mounts proc/sys inside the target; never rm -rf through a live mount
  local m
  for m in $(awk -v r="$ROOTFS" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  if awk -v r="$ROOTFS" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
    say "WARNING: $ROOTFS still has mounts; leaving it in place" >&2
  else
    rm -rf "$ROOTFS"
  fi
  ROOTFS=""
}
trap cleanup_rootfs EXIT

build_python() {
  if ! ((CAN_MANAGE)) || ! have debootstrap; then
    say "pulling $PY_IMAGE (cannot debootstrap here)"
    timeout 600 docker pull "$PY_IMAGE" >>"$LOG" 2>&1 ||
      explain_unmanaged "image $PY_IMAGE is missing and could neither be built nor pulled"
    return 0
  fi
  local mirror
  mirror="$(debian_mirror)"
  [[ -n "$mirror" ]] || die "cannot read a Debian mirror from /etc/apt/sources.list.d/debian.sources"
  say "building $PY_IMAGE with debootstrap (bookworm; about a minute)"
  ROOTFS="$(mktemp -d /var/tmp/repro-ci-rootfs.XXXXXX)"
  run "debootstrap bookworm" debootstrap --variant=minbase \
    --include=python3,python3-pip,python3-numpy,python-is-python3 bookworm "$ROOTFS" "$mirror"
  rm -f "$ROOTFS/usr/lib/python3.11/EXTERNALLY-MANAGED"
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/log/bootstrap.log
  echo "### $(date +%T) docker import $PY_IMAGE" >>"$LOG"
  if ! tar -C "$ROOTFS" --numeric-owner -c . 2>>"$LOG" |
    docker import \
      -c 'CMD ["python3"]' \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'ENV LANG=C.UTF-8' \
      - "$PY_IMAGE" >>"$LOG" 2>&1; then
    say "FAILED: docker import $PY_IMAGE (log: $LOG)" >&2
    log_tail 20
    exit 1
  fi
  cleanup_rootfs
  save_cached "$PY_IMAGE"
}

build_busybox() {
  local bb=""
  for bb in /bin/busybox /usr/bin/busybox; do [[ -x "$bb" ]] && break; done
  if ! ((CAN_MANAGE)) || [[ ! -x "$bb" ]]; then
    say "pulling busybox (cannot build it here)"
    timeout 300 docker pull busybox:1.36 >>"$LOG" 2>&1 ||
      explain_unmanaged "image busybox is missing and could neither be built nor pulled"
    docker tag busybox:1.36 busybox:latest
    return 0
  fi
  say "building ${BB_TAGS[*]} from busybox-static"
  local ctx
  ctx="$(mktemp -d /tmp/repro-ci-busybox.XXXXXX)"
  cp "$bb" "$ctx/busybox"
  printf '%s\n' 'FROM scratch' 'COPY busybox /bin/busybox' 'RUN ["/bin/busybox","--install","-s","/bin"]' \
    'CMD ["sh"]' >"$ctx/Dockerfile"
  local tags=() t
  for t in "${BB_TAGS[@]}"; do tags+=(-t "$t"); done
  if [[ -x "$CLASSIC_DOCKER" ]]; then
    run "build busybox" env DOCKER_BUILDKIT=1 "$CLASSIC_DOCKER" build -q "${tags[@]}" "$ctx"
  else
    run "build busybox" docker build -q "${tags[@]}" "$ctx"
  fi
  rm -rf "$ctx"
  save_cached "${BB_TAGS[@]}"
}

if ! image_exists "$PY_IMAGE"; then
  load_cached "$PY_IMAGE" || build_python
  # verify once: numpy importable offline (so `pip install numpy` is already satisfied)
  if ! out="$(docker run --rm --network none "$PY_IMAGE" python -c 'import numpy; print(numpy.__version__)' 2>&1)"; then
    say "FAILED: $PY_IMAGE cannot import numpy offline:" >&2
    echo "$out" | tail -n 10 | sed 's/^/ensure-docker:   | /' >&2
    exit 1
  fi
  say "$PY_IMAGE ready (numpy $out)"
fi
if ! image_exists "${BB_TAGS[@]}"; then
  if ! load_cached "$BB_IMAGE" || ! image_exists "${BB_TAGS[@]}"; then build_busybox; fi
  say "${BB_TAGS[*]} ready"
fi

# --- 7. summary ------------------------------------------------------------------------------
say "docker: ready ($(summary)) in $((SECONDS - START)) s"
