#!/usr/bin/env bash
# Starts or stops a private sshd for the ssh:// endpoint tests: bound to 127.0.0.1 on a free port, its own
# generated host key and config, key-only login as the current user (root in CI), and `docker` on the
# remote side pointed at a private daemon through SetEnv DOCKER_HOST. Nothing under ~/.ssh or /etc/ssh is
# read or written: the client side gets its own ssh_config files and known_hosts here, which the tests pass
# to Drydock through DRYDOCK_SSH_OPTIONS="-F STATE_DIR/<config>".
#
#   ssh_config           good key, known host key                  -> works
#   ssh_config_wrongkey  a key that is not authorised              -> Permission denied (publickey)
#   ssh_config_unknown   empty known_hosts, strict checking        -> Host key verification failed
#   ssh_config_nodocker  a key whose forced command is a missing docker -> docker not found remotely
#
# Usage: private-sshd.sh start STATE_DIR DOCKER_SOCKET | stop STATE_DIR
set -euo pipefail

cmd=${1:?start|stop}
state=${2:?state dir}

stop_sshd() {
  if [ -f "$state/sshd.pid" ]; then
    local pid
    pid=$(cat "$state/sshd.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}

case "$cmd" in
start)
  socket=${3:?docker socket of the daemon the remote docker should use}
  stop_sshd
  rm -rf "$state"
  mkdir -p "$state"
  chmod 700 "$state"
  user=$(id -un)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ssh-keygen -q -t ed25519 -N '' -C drydock-test-host -f "$state/host_key"
  for k in good wrong nodocker; do
    ssh-keygen -q -t ed25519 -N '' -C "drydock-test-$k" -f "$state/id_$k"
  done
  {
    cat "$state/id_good.pub"
    printf 'command="/nonexistent/bin/docker system dial-stdio" %s\n' "$(cat "$state/id_nodocker.pub")"
  } >"$state/authorized_keys"
  cat >"$state/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $state/host_key
PidFile $state/sshd.pid
AuthorizedKeysFile $state/authorized_keys
AllowUsers $user
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowTcpForwarding no
PrintMotd no
SetEnv DOCKER_HOST=unix://$socket
LogLevel VERBOSE
CONF
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$state/host_key.pub")" >"$state/known_hosts"
  : >"$state/known_hosts_empty"
  client_config() { # NAME KEY KNOWN_HOSTS
    cat >"$state/$1" <<CONF
Host *
  IdentityFile $state/$2
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile $3
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  PasswordAuthentication no
  LogLevel ERROR
CONF
  }
  client_config ssh_config id_good "$state/known_hosts"
  client_config ssh_config_wrongkey id_wrong "$state/known_hosts"
  client_config ssh_config_unknown id_good "$state/known_hosts_empty"
  client_config ssh_config_nodocker id_nodocker "$state/known_hosts"
  # sshd insists on its privilege-separation directory.
  mkdir -p /run/sshd 2>/dev/null || true
  /usr/sbin/sshd -f "$state/sshd_config" -E "$state/sshd.log"
  for _ in $(seq 1 50); do
    if ssh -F "$state/ssh_config" -o BatchMode=yes -p "$port" "$user@127.0.0.1" docker version >/dev/null 2>&1; then
      break
    fi
    sleep 0.2
  done
  if ! ssh -F "$state/ssh_config" -o BatchMode=yes -p "$port" "$user@127.0.0.1" docker version >"$state/probe.log" 2>&1; then
    echo "private sshd did not come up or docker does not work through it; logs follow" >&2
    tail -n 20 "$state/probe.log" "$state/sshd.log" >&2
    exit 1
  fi
  echo "ssh://$user@127.0.0.1:$port" >"$state/host"
  echo "private sshd ready: ssh://$user@127.0.0.1:$port (DRYDOCK_SSH_OPTIONS=\"-F $state/ssh_config\")"
  ;;
stop)
  stop_sshd
  rm -rf "$state"
  echo "private sshd stopped"
  ;;
*)
  echo "usage: $0 start STATE_DIR DOCKER_SOCKET | stop STATE_DIR" >&2
  exit 2
  ;;
esac
