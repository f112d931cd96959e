#!/usr/bin/env bash
# Starts or stops a private Docker daemon for the test suite, fully isolated from any other daemon:
# its own socket, data root, exec root and pidfile under STATE_DIR, no bridge, no iptables, so it never
# touches the host's network. Test images are built locally (no registry): a busybox-static rootfs via
# `docker import`. Usage: private-dockerd.sh start|stop|env STATE_DIR
set -euo pipefail

cmd=${1:?start|stop|env}
state=${2:?state dir}
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=$(command -v docker)
sock="$state/docker.sock"
export DOCKER_HOST="unix://$sock"

stop_daemon() {
  if [ -f "$state/docker.pid" ]; then
    local pid
    pid=$(cat "$state/docker.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  # Shims and the managed containerd live under our exec root; take down any that survived.
  pkill -9 -f "$state/exec" 2>/dev/null || true
  # Unmount anything left under our roots (deepest first) before deleting them.
  if [ -d "$state" ]; then
    awk -v s="$state" '$2 ~ "^"s {print $2}' /proc/mounts | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
  fi
}

case "$cmd" in
start)
  stop_daemon
  rm -rf "$state"
  mkdir -p "$state"
  dockerd --host "unix://$sock" --data-root "$state/data" --exec-root "$state/exec" \
          --pidfile "$state/docker.pid" --bridge none --iptables=false --ip6tables=false \
          --ip-masq=false --userland-proxy=false \
          >"$state/dockerd.log" 2>&1 &
  for _ in $(seq 1 150); do
    if [ -S "$sock" ] && "$DOCKER" version >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  if ! "$DOCKER" version >/dev/null 2>&1; then
    echo "private dockerd did not come up; log follows" >&2
    tail -n 40 "$state/dockerd.log" >&2
    exit 1
  fi
  # busybox-static rootfs -> drydock-test/busybox:1 (busybox has no `true`: always give a command)
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/var/cache" "$rootfs/root"
  cp /bin/busybox "$rootfs/bin/busybox"
  for a in $("$rootfs/bin/busybox" --list); do
    [ "$a" = busybox ] || ln -sf busybox "$rootfs/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\napp:x:10001:10001:app:/home/app:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\napp:x:10001:\n' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  tar -C "$rootfs" -c . | "$DOCKER" import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' - drydock-test/busybox:1 >/dev/null
  rm -rf "$rootfs"
  # A real Debian minbase (mmdebstrap from the machine's own apt sources), cached between runs because it
  # takes a minute to build. Without mmdebstrap or apt sources the suite goes on; the tests that need the
  # image say so.
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/drydock-tests"
  minbase="$cache/debian-minbase.tar"
  if [ ! -s "$minbase" ] && command -v mmdebstrap >/dev/null && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    mkdir -p "$cache"
    mmdebstrap --variant=minbase --quiet bookworm "$minbase.part" /etc/apt/sources.list.d/debian.sources \
      >"$state/mmdebstrap.log" 2>&1 && mv "$minbase.part" "$minbase" || {
      rm -f "$minbase.part"; echo "warning: mmdebstrap failed, see $state/mmdebstrap.log" >&2; }
  fi
  if [ -s "$minbase" ]; then
    "$DOCKER" import -c 'CMD ["bash"]' "$minbase" drydock-test/debian:bookworm >/dev/null
  fi
  echo "$sock" >"$state/socket"
  echo "private dockerd ready on unix://$sock"
  ;;
stop)
  stop_daemon
  rm -rf "$state"
  echo "private dockerd stopped"
  ;;
env)
  echo "export DOCKER_HOST=unix://$sock"
  ;;
*)
  echo "usage: $0 start|stop|env STATE_DIR" >&2
  exit 2
  ;;
esac
