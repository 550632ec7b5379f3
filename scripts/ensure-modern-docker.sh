#!/usr/bin/env bash
# ensure-modern-docker.sh: Docker 28 from Debian sid beside the 20.10 engine, as users run it (GitHub's
# hosted runners, a current laptop), in two instances, plus a non-docker buildx builder:
#   overlay    dockerd 28.5 + its own containerd 2.1, overlay2 image store
#   containerd dockerd 28.5 + its own containerd 2.1, the containerd image store (Docker 29's default)
#   remote     a buildx `remote` driver builder on the containerd engine's own BuildKit (dockerd serves
#              its gRPC API at POST /grpc; scripts/buildkit-proxy.mjs turns that into a unix socket)
# Each engine is isolated: its own sockets, data, bridge and cgroup parent; no iptables changes.
# Clients: buildx 0.29 from sid in a DOCKER_CONFIG of their own. Base images come from the 20.10 engine.
# runc 1.3 needs glibc 2.38: it runs on bookworm with sid's libc in a private folder (patchelf).
#
# Idempotent: when everything answers it prints one line per engine and exits in about a second.
# Downloads are kept under the cache folder. No mirror host is written anywhere (read from apt sources).
#
#   bash scripts/ensure-modern-docker.sh            set up (root, Debian)
#   bash scripts/ensure-modern-docker.sh env NAME   print the environment that points a client at NAME
#   bash scripts/ensure-modern-docker.sh stop       stop the modern engines (their data stays)
set -euo pipefail

BASE=/opt/repro-ci/docker28
STATE=/var/lib/repro-ci-engines
RUN=/run/repro-ci-engines
CACHE_DIR="${REPRO_CI_CACHE_DIR:-/var/cache/repro-ci}/docker28"
LOG=/tmp/repro-ci-ensure-modern.log
PACKAGES=(docker.io docker-cli docker-buildx containerd runc libc6 libseccomp2 tini-static)
ENGINES=(overlay containerd)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROXY_SOCK="$RUN/remote/buildkit.sock"
BUILDER=repro-ci-remote

say() { echo "ensure-modern-docker: $*"; }
die() {
  say "ERROR: $*" >&2
  [[ -f "$LOG" ]] && tail -n 30 "$LOG" | sed 's/^/ensure-modern-docker:   | /' >&2
  exit 1
}

bridge_of() { [[ "$1" == overlay ]] && echo rci28o0 || echo rci28c0; }
subnet_of() { [[ "$1" == overlay ]] && echo 10.228.1.1/24 || echo 10.228.2.1/24; }
sock_of() { echo "$RUN/$1/docker.sock"; }
config_dir() { echo "$STATE/docker-config"; }

# The environment for a docker client of engine NAME (overlay, containerd, remote).
print_env() {
  case "$1" in
    overlay | containerd) echo "DOCKER_HOST=unix://$(sock_of "$1") DOCKER_CONFIG=$(config_dir)" ;;
    remote) echo "DOCKER_HOST=unix://$(sock_of containerd) DOCKER_CONFIG=$(config_dir) BUILDX_BUILDER=$BUILDER" ;;
    *) die "unknown engine $1 (overlay, containerd, remote)" ;;
  esac
}

if [[ "${1:-}" == env ]]; then
  print_env "${2:?engine name}"
  exit 0
fi

client() { # NAME ARGS...: the 28 client (with buildx 0.29) against engine NAME, 60 s at most
  local name="$1"
  shift
  DOCKER_HOST="unix://$(sock_of "$name")" DOCKER_CONFIG="$(config_dir)" timeout 60 "$BASE/bin/docker" "$@"
}
engine_up() { [[ -S "$(sock_of "$1")" && -x "$BASE/bin/docker" ]] && client "$1" info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
# The whole answer is read before it is matched: `| grep -q` stops reading at the match, buildx then dies of
# SIGPIPE while it prints the GC policies, and under pipefail a running builder read as down now and then.
remote_up() { [[ -S "$PROXY_SOCK" ]] && [[ "$(client containerd buildx inspect "$BUILDER" 2>&1)" =~ Status:\ *running ]]; }
images_in() { client "$1" image inspect python:3.11-slim busybox:latest busybox:1.36 >/dev/null 2>&1; }

spawn() { # LOGFILE CMD...: a daemon that outlives this script
  local logfile="$1"
  shift
  setsid nohup "$@" >"$logfile" 2>&1 </dev/null 9>&- &
  disown 2>/dev/null || true
}

stop_all() {
  local name pidfile
  for pidfile in "$RUN"/*/*.pid; do
    [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 2
}

if [[ "${1:-}" == stop ]]; then
  stop_all
  exit 0
fi

all_up() {
  local n
  for n in "${ENGINES[@]}"; do engine_up "$n" && images_in "$n" || return 1; done
  remote_up
}
summary() {
  local n
  for n in "${ENGINES[@]}"; do say "$n: engine $(client "$n" version --format '{{.Server.Version}}'), $(client "$n" info --format '{{.Driver}}') store, buildx $(client "$n" buildx version | awk '{print $2}'), $(print_env "$n")"; done
  say "remote: buildx builder $BUILDER (driver remote) on the containerd engine's BuildKit, $(print_env remote)"
}
if all_up; then
  summary
  exit 0
fi

[[ "$(id -u)" == 0 ]] || die "needs root (it starts daemons and creates bridges)"
grep -qx 'ID=debian' /etc/os-release 2>/dev/null || die "needs Debian (it fetches Debian's packages)"
START=$SECONDS
: >"$LOG"
exec 9>/tmp/repro-ci-ensure-modern.lock
flock -w 900 9 || die "another run holds the lock"
# shellcheck source=lib/debian-apt.sh
source "$HERE/lib/debian-apt.sh"

# --- 1. binaries ------------------------------------------------------------------------------
STAMP="$BASE/.installed-$(printf '%s\n' "${PACKAGES[@]}" | sha256sum | cut -c1-12)"
if [[ ! -f "$STAMP" ]]; then
  mkdir -p "$CACHE_DIR"
  missing=0
  for p in "${PACKAGES[@]}"; do ls "$CACHE_DIR/${p}"_*.deb >/dev/null 2>&1 || missing=1; done
  if ((missing)); then
    say "fetching ${PACKAGES[*]} from Debian sid (private apt config)"
    rm -f "$CACHE_DIR"/*.deb
    apt_download sid "$CACHE_DIR" "${PACKAGES[@]}" >>"$LOG" 2>&1 || die "apt-get download from sid failed"
  fi
  command -v patchelf >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends patchelf >>"$LOG" 2>&1 || { apt-get update -q >>"$LOG" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends patchelf >>"$LOG" 2>&1; } || die "cannot install patchelf"; }
  rm -rf "$BASE"
  mkdir -p "$BASE/root" "$BASE/bin" "$BASE/glibc"
  for d in "$CACHE_DIR"/*.deb; do dpkg-deb -x "$d" "$BASE/root"; done
  r="$BASE/root"
  for f in usr/sbin/dockerd usr/bin/docker usr/bin/containerd usr/bin/containerd-shim-runc-v2 usr/sbin/docker-proxy; do
    [[ -f "$r/$f" ]] && cp "$r/$f" "$BASE/bin/"
  done
  cp "$r/usr/bin/tini-static" "$BASE/bin/docker-init"
  # runc: sid's libc and libseccomp in a private folder, named as its interpreter and rpath.
  cp -a "$r"/usr/lib/x86_64-linux-gnu/. "$BASE/glibc/"
  cp -a "$r"/lib64/ld-linux-x86-64.so.2 "$BASE/glibc/" 2>/dev/null || cp -aL "$r/usr/lib64/ld-linux-x86-64.so.2" "$BASE/glibc/"
  cp "$r/usr/sbin/runc" "$BASE/bin/runc"
  patchelf --set-interpreter "$BASE/glibc/ld-linux-x86-64.so.2" --set-rpath "$BASE/glibc" "$BASE/bin/runc"
  mkdir -p "$(config_dir)/cli-plugins"
  install -m 0755 "$r/usr/libexec/docker/cli-plugins/docker-buildx" "$(config_dir)/cli-plugins/docker-buildx"
  "$BASE/bin/runc" --version >>"$LOG" 2>&1 || die "the patched runc does not start"
  touch "$STAMP"
  say "installed dockerd $("$BASE/bin/dockerd" --version | awk '{print $3}' | tr -d ,), containerd, runc $("$BASE/bin/runc" --version | awk 'NR==1{print $3}') into $BASE"
fi
mkdir -p "$(config_dir)/cli-plugins"
[[ -x "$(config_dir)/cli-plugins/docker-buildx" ]] || install -m 0755 "$BASE/root/usr/libexec/docker/cli-plugins/docker-buildx" "$(config_dir)/cli-plugins/docker-buildx"

# --- 2. engines -------------------------------------------------------------------------------
start_engine() {
  local name="$1" dir="$STATE/$1" run="$RUN/$1" br snap
  br="$(bridge_of "$name")"
  [[ "$name" == containerd ]] && snap=true || snap=false
  mkdir -p "$dir" "$run"
  pkill -f -- "--config $dir/containerd.toml" 2>/dev/null || true
  pkill -f -- "--config-file $dir/daemon.json" 2>/dev/null || true
  sleep 0.5
  rm -f "$run"/*.sock "$run"/*.pid
  if ! ip link show "$br" >/dev/null 2>&1; then
    ip link add "$br" type bridge
    ip addr add "$(subnet_of "$name")" dev "$br"
  fi
  ip link set "$br" up
  cat >"$dir/containerd.toml" <<EOF
version = 3
root = "$dir/containerd"
state = "$run/containerd"
temp = "$dir/containerd-tmp"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.images", "io.containerd.cri.v1.runtime", "io.containerd.nri.v1.nri", "io.containerd.podsandbox.controller.v1.podsandbox"]
[grpc]
  address = "$run/containerd.sock"
[ttrpc]
  address = "$run/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
EOF
  printf '{"features":{"containerd-snapshotter":%s},"init-path":"%s"}\n' "$snap" "$BASE/bin/docker-init" >"$dir/daemon.json"
  local path="$BASE/bin:$PATH"
  spawn "$dir/containerd.log" env PATH="$path" sh -c "echo \$\$ > $run/containerd.pid; exec $BASE/bin/containerd --config $dir/containerd.toml"
  for _ in $(seq 1 30); do [[ -S "$run/containerd.sock" ]] && break; sleep 0.5; done
  [[ -S "$run/containerd.sock" ]] || { tail -n 20 "$dir/containerd.log" >>"$LOG"; die "containerd ($name) did not start (log $dir/containerd.log)"; }
  spawn "$dir/dockerd.log" env PATH="$path" "$BASE/bin/dockerd" --config-file "$dir/daemon.json" -H "unix://$run/docker.sock" \
    --data-root "$dir/docker" --exec-root "$run/exec" --pidfile "$run/dockerd.pid" --containerd "$run/containerd.sock" \
    --bridge "$br" --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --userland-proxy=false --cgroup-parent "/repro-ci-$name"
  for _ in $(seq 1 60); do engine_up "$name" && break; sleep 1; done
  engine_up "$name" || { tail -n 30 "$dir/dockerd.log" >>"$LOG"; die "dockerd 28 ($name) did not answer within 60 s (log $dir/dockerd.log)"; }
  say "started $name engine ($(client "$name" info --format '{{.Driver}}'), socket $(sock_of "$name"))"
}

for name in "${ENGINES[@]}"; do
  engine_up "$name" || start_engine "$name"
  if ! images_in "$name"; then
    docker image inspect python:3.11-slim busybox:latest busybox:1.36 >/dev/null 2>&1 || die "the 20.10 engine lacks the base images: run scripts/ensure-docker.sh first"
    docker save python:3.11-slim busybox:latest busybox:1.36 | client "$name" load >>"$LOG" 2>&1 || die "loading base images into $name failed"
    say "loaded python:3.11-slim and busybox into $name"
  fi
done

# --- 3. the remote-driver builder -------------------------------------------------------------
if ! remote_up; then
  mkdir -p "$RUN/remote"
  pkill -f -- "buildkit-proxy.mjs $PROXY_SOCK" 2>/dev/null || true
  rm -f "$PROXY_SOCK"
  spawn "$STATE/buildkit-proxy.log" sh -c "echo \$\$ > $RUN/remote/proxy.pid; exec node $HERE/buildkit-proxy.mjs $PROXY_SOCK $(sock_of containerd)"
  for _ in $(seq 1 20); do [[ -S "$PROXY_SOCK" ]] && break; sleep 0.25; done
  client containerd buildx rm "$BUILDER" >>"$LOG" 2>&1 || true
  client containerd buildx create --name "$BUILDER" --driver remote "unix://$PROXY_SOCK" >>"$LOG" 2>&1 || die "buildx create --driver remote failed"
  for _ in $(seq 1 20); do remote_up && break; sleep 0.5; done
  remote_up || {
    { client containerd buildx inspect "$BUILDER" 2>&1 || true; tail -n 5 "$STATE/buildkit-proxy.log"; } >>"$LOG"
    die "the remote builder does not answer (log $STATE/buildkit-proxy.log)"
  }
fi
summary
say "ready in $((SECONDS - ${START:-$SECONDS})) s"
