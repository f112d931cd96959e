#!/usr/bin/env bash
# Starts or stops a private Docker daemon for the test suite, fully isolated from any other daemon:
# its own socket, data root, exec root and pidfile under STATE_DIR, no bridge, no iptables, so it never
# touches the host's network. Test images are built locally (no registry): a busybox-static rootfs via
# `docker import`. Usage: private-dockerd.sh start|stop|env STATE_DIR
#
# Second-daemon mode, for the remote-endpoint tests: `start-tls STATE_DIR` starts another private dockerd
# that listens only on tcp://127.0.0.1:<free port> with --tlsverify, using certificates generated here with
# openssl (a CA, a server certificate for IP 127.0.0.1, a client certificate). STATE_DIR/client is a
# DOCKER_CERT_PATH that works; STATE_DIR/wrong-ca trusts another CA (the daemon must be refused);
# STATE_DIR/rogue-client presents a client certificate the daemon does not trust. `env-tls` prints the
# variables for the docker CLI. Keep STATE_DIR outside the first daemon's directory (stop unmounts by prefix).
set -euo pipefail

cmd=${1:?start|stop|env|start-tls|env-tls}
state=${2:?state dir}
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=$(command -v docker)
sock="$state/docker.sock"
export DOCKER_HOST="unix://$sock"
if [ "$cmd" = start-tls ] || [ "$cmd" = env-tls ]; then
  if [ -f "$state/port" ]; then
    export DOCKER_HOST="tcp://127.0.0.1:$(cat "$state/port")" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$state/client"
  fi
fi

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

# busybox-static rootfs -> drydock-test/busybox:1 (busybox has no `true`: always give a command)
import_busybox() {
  local rootfs
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
}

# minbase_is_valid FILE: a regular, non-empty file that tar can list and that holds a shell and dpkg's status.
minbase_is_valid() {
  local f=$1 listing
  [ -f "$f" ] && [ ! -L "$f" ] && [ -s "$f" ] || return 1
  listing=$(tar -tf "$f" 2>/dev/null) || return 1
  grep -qxE '\./(usr/)?bin/bash' <<<"$listing" && grep -qx './var/lib/dpkg/status' <<<"$listing"
}

# build_minbase FILE: mmdebstrap writes a tarball (--format=tar: it would otherwise guess the format from the
# name, and "x.part" made it write a directory) to FILE.part, which becomes FILE only once it is valid.
build_minbase() {
  local f=$1
  command -v mmdebstrap >/dev/null || { echo "warning: mmdebstrap is not installed (installer/install-deps.sh --with-tests installs it)" >&2; return 1; }
  [ -f /etc/apt/sources.list.d/debian.sources ] || [ -f /etc/apt/sources.list ] || {
    echo "warning: no apt sources to build the Debian minbase image from" >&2; return 1; }
  mkdir -p "$(dirname "$f")"
  rm -rf "$f.part"
  echo "private-dockerd: building the Debian minbase image with mmdebstrap (about a minute; cached in $f)" >&2
  local sources=/etc/apt/sources.list.d/debian.sources
  [ -f "$sources" ] || sources=/etc/apt/sources.list
  if mmdebstrap --variant=minbase --format=tar --quiet bookworm "$f.part" "$sources" >"$state/mmdebstrap.log" 2>&1 &&
     minbase_is_valid "$f.part"; then
    mv -f "$f.part" "$f"
    return 0
  fi
  rm -rf "$f.part"
  echo "warning: mmdebstrap did not produce a valid tarball, see $state/mmdebstrap.log" >&2
  return 1
}

# sign NAME CN EXTENSIONS CA_DIR: a key and a certificate signed by the CA in CA_DIR.
sign() {
  local name=$1 cn=$2 ext=$3 ca=$4
  openssl req -newkey rsa:2048 -nodes -keyout "$name-key.pem" -out "$name.csr" -subj "/CN=$cn" 2>/dev/null
  printf '%s\n' "$ext" >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" -CAcreateserial \
    -out "$name-cert.pem" -days 2 -extfile "$name.ext" 2>/dev/null
}

make_certs() {
  local pki="$state/pki"
  mkdir -p "$pki/ca" "$pki/other-ca" "$state/client" "$state/wrong-ca" "$state/rogue-client"
  for ca in ca other-ca; do
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/$ca/ca-key.pem" -out "$pki/$ca/ca.pem" -days 2 \
      -subj "/CN=drydock test $ca" 2>/dev/null
  done
  (cd "$pki" &&
    sign server 127.0.0.1 "$(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth')" ca &&
    sign client drydock-test-client 'extendedKeyUsage=clientAuth' ca &&
    sign rogue drydock-rogue-client 'extendedKeyUsage=clientAuth' other-ca)
  cp "$pki/ca/ca.pem" "$state/client/ca.pem"
  cp "$pki/client-cert.pem" "$state/client/cert.pem"
  cp "$pki/client-key.pem" "$state/client/key.pem"
  cp "$pki/other-ca/ca.pem" "$state/wrong-ca/ca.pem"
  cp "$pki/client-cert.pem" "$state/wrong-ca/cert.pem"
  cp "$pki/client-key.pem" "$state/wrong-ca/key.pem"
  cp "$pki/ca/ca.pem" "$state/rogue-client/ca.pem"
  cp "$pki/rogue-cert.pem" "$state/rogue-client/cert.pem"
  cp "$pki/rogue-key.pem" "$state/rogue-client/key.pem"
  chmod 600 "$state"/*/key.pem "$pki"/*-key.pem "$pki"/*/ca-key.pem
}

case "$cmd" in
start-tls)
  stop_daemon
  rm -rf "$state"
  mkdir -p "$state"
  make_certs
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$port" >"$state/port"
  dockerd --host "tcp://127.0.0.1:$port" --tlsverify --tlscacert "$state/pki/ca/ca.pem" \
          --tlscert "$state/pki/server-cert.pem" --tlskey "$state/pki/server-key.pem" \
          --data-root "$state/data" --exec-root "$state/exec" \
          --pidfile "$state/docker.pid" --bridge none --iptables=false --ip6tables=false \
          --ip-masq=false --userland-proxy=false \
          >"$state/dockerd.log" 2>&1 &
  export DOCKER_HOST="tcp://127.0.0.1:$port" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$state/client"
  for _ in $(seq 1 150); do
    if "$DOCKER" version >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  if ! "$DOCKER" version >/dev/null 2>&1; then
    echo "private TLS dockerd did not come up; log follows" >&2
    tail -n 40 "$state/dockerd.log" >&2
    exit 1
  fi
  import_busybox
  "$DOCKER" create --name dd-tls-privileged --privileged drydock-test/busybox:1 sleep 1 >/dev/null
  echo "tcp://127.0.0.1:$port" >"$state/host"
  echo "private TLS dockerd ready on tcp://127.0.0.1:$port (DOCKER_CERT_PATH=$state/client)"
  ;;
env-tls)
  echo "export DOCKER_HOST=$DOCKER_HOST DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$state/client"
  ;;
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
  import_busybox
  # A real Debian minbase (mmdebstrap from the machine's own apt sources), cached between runs because it
  # takes a minute to build. Without mmdebstrap or apt sources the suite goes on; the tests that need the
  # image say so. A cache entry that is not a tarball docker can import is removed and built again.
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/drydock-tests"
  minbase="$cache/debian-minbase.tar"
  for attempt in 1 2; do
    if [ -e "$minbase" ] && ! minbase_is_valid "$minbase"; then
      echo "private-dockerd: the cached $minbase is not a Debian root file system tarball; removing it and building it again" >&2
      rm -rf "$minbase"
    fi
    [ -e "$minbase" ] || build_minbase "$minbase" || break
    if "$DOCKER" import -c 'CMD ["bash"]' "$minbase" drydock-test/debian:bookworm >"$state/import.log" 2>&1; then
      break
    fi
    echo "private-dockerd: docker import of $minbase failed ($(tail -n 1 "$state/import.log")); removing the cache entry" >&2
    rm -rf "$minbase"
  done
  if ! "$DOCKER" image inspect drydock-test/debian:bookworm >/dev/null 2>&1; then
    echo "warning: drydock-test/debian:bookworm is not available; the tests that need it will say so" >&2
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
  echo "usage: $0 start|stop|env|start-tls|env-tls STATE_DIR" >&2
  exit 2
  ;;
esac
