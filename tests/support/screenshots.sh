#!/usr/bin/env bash
# Takes a screenshot of the dashboard against a private dockerd with a few insecure containers, for the
# README: tests/support/screenshots.sh BUILD_DIR OUT.png (needs xvfb-run and imagemagick's import).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
out=${2:-$root/resources/screenshots/dashboard.png}
state=/tmp/drydock-shots-$$
home=$(mktemp -d)
trap 'bash "$root/tests/support/private-dockerd.sh" stop "$state" >/dev/null; rm -rf "$home"' EXIT
bash "$root/tests/support/private-dockerd.sh" start "$state" >/dev/null
export DOCKER_HOST="unix://$state/docker.sock" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
d=/usr/bin/docker
$d run -d --name web -p 8080:80 -e DB_PASSWORD=hunter2hunter2 drydock-test/busybox:1 sleep 3600 >/dev/null
$d create --name legacy-admin --privileged -v /etc:/host/etc drydock-test/busybox:1 sleep 3600 >/dev/null
$d run -d --name cache --cap-add SYS_ADMIN --pid host drydock-test/busybox:1 sleep 3600 >/dev/null
$d network create appnet >/dev/null
$d run -d --name hardened --user 10001 --read-only --cap-drop ALL --security-opt no-new-privileges:true \
  --memory 64m --pids-limit 64 --network appnet drydock-test/busybox:1 sleep 3600 >/dev/null
xvfb-run -a -s "-screen 0 1300x820x24" bash -c "'$build/app/drydock' & sleep 8; import -window root '$out'; kill %1"
echo "wrote $out"
