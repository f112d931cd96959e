#!/usr/bin/env bash
# Installs everything Drydock needs to build, run and test on Debian 12 (bookworm).
# Idempotent: on a machine that already has every package it prints nothing and changes nothing.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
  libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libarchive-dev libyaml-cpp-dev libgraphviz-dev ccache
)
RUNTIME_PKGS=(
  fonts-dejavu-core fontconfig
  qt6-qpa-plugins libqt6svg6
  libgvc6 # Graphviz: the exposure map's layout (its dot plugin is loaded at run time, not linked)
)
TEST_PKGS=(
  docker.io busybox-static mmdebstrap socat openssl openssh-server openssh-client
  poppler-utils xvfb xauth curl ca-certificates python3 procps
  dpkg-dev desktop-file-utils appstream man-db file xz-utils librsvg2-bin
  python3-jsonschema xdotool imagemagick util-linux cmark docker-compose
  dbus-daemon # a private session bus for the desktop notifications test
)

wanted=("${BUILD_PKGS[@]}" "${RUNTIME_PKGS[@]}")
if [[ "${1:-}" == "--with-tests" ]]; then
  wanted+=("${TEST_PKGS[@]}")
  # npm fetches Microsoft's SARIF validator below; Debian's npm only when there is no npm at all.
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
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
fi

# The official SARIF 2.1.0 schema and Microsoft's SARIF validator (a self-contained binary, ~43 MB), which
# the report tests validate Drydock's SARIF with. Fetched once into the user's cache, never committed.
SARIF_TOOL_VERSION=5.7.0
SARIF_DIR="$HOME/.cache/drydock-tests/sarif-multitool"
if [[ "${1:-}" == "--with-tests" && ! -x "$SARIF_DIR/package/Sarif.Multitool" ]]; then
  echo "Fetching @microsoft/sarif-multitool-linux@$SARIF_TOOL_VERSION into $SARIF_DIR" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "@microsoft/sarif-multitool-linux@$SARIF_TOOL_VERSION" >/dev/null)
  mkdir -p "$SARIF_DIR"
  tar -xzf "$tmp"/microsoft-sarif-multitool-linux-*.tgz -C "$tmp"
  rm -rf "$SARIF_DIR/package"
  mv "$tmp/package" "$SARIF_DIR/package"
  chmod +x "$SARIF_DIR/package/Sarif.Multitool"
fi
