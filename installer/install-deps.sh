#!/usr/bin/env bash
# Installs everything Drydock needs to build, run and test on Debian 12 (bookworm).
# Idempotent: on a machine that already has every package it prints nothing and changes nothing.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
  libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
)
RUNTIME_PKGS=(
  fonts-dejavu-core fontconfig
  qt6-qpa-plugins libqt6svg6
)
TEST_PKGS=(
  docker.io busybox-static mmdebstrap socat openssl openssh-server openssh-client
  poppler-utils xvfb xauth curl ca-certificates python3 procps
)

wanted=("${BUILD_PKGS[@]}" "${RUNTIME_PKGS[@]}")
if [[ "${1:-}" == "--with-tests" ]]; then
  wanted+=("${TEST_PKGS[@]}")
fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The ssh:// tests start their own sshd on 127.0.0.1; they need only the binary. When this script is what
# installed openssh-server, the system-wide ssh service Debian starts with it is stopped and disabled again.
if [[ " ${missing[*]} " == *" openssh-server "* ]] && command -v systemctl >/dev/null; then
  $SUDO systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
  echo "openssh-server was installed for the tests; its system ssh service is left disabled" >&2
fi
