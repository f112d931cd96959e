#!/usr/bin/env bash
# Takes the README's screenshots of every page (dashboard, inventory, findings with the details panel,
# history, map, benchmark) against a private dockerd with a few insecure containers:
#   tests/support/screenshots.sh [BUILD_DIR] [OUT_DIR] [light|dark]   (default build, resources/screenshots, light)
# dark runs the application with DRYDOCK_COLOR_SCHEME=dark (Fusion and a dark palette) and names the files
# dashboard-dark.png, …
# Needs xvfb-run, xdotool and ImageMagick's import; runs as root (it starts its own private daemon).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
outdir=${2:-$root/resources/screenshots}
scheme=${3:-light}
case $scheme in
  light) suffix= ;;
  dark) suffix=-dark; export DRYDOCK_COLOR_SCHEME=dark ;;
  *) echo "usage: $0 [BUILD_DIR] [OUT_DIR] [light|dark]" >&2; exit 2 ;;
esac
state=/tmp/drydock-shots-$$
home=$(mktemp -d)
trap 'bash "$root/tests/support/private-dockerd.sh" stop "$state" >/dev/null; rm -rf "$home"' EXIT
bash "$root/tests/support/private-dockerd.sh" start "$state" >/dev/null
export DOCKER_HOST="unix://$state/docker.sock" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
d=/usr/bin/docker
$d run -d --name web -p 127.0.0.1:8080:80 -e DB_PASSWORD=hunter2hunter2 drydock-test/busybox:1 sleep 3600 >/dev/null
$d create --name legacy-admin --privileged -v /etc:/host/etc drydock-test/busybox:1 sleep 3600 >/dev/null
$d create --name cache --cap-add SYS_ADMIN --pid host drydock-test/busybox:1 sleep 3600 >/dev/null
$d network create appnet >/dev/null
$d create --name hardened --user 10001 --read-only --cap-drop ALL --security-opt no-new-privileges:true \
  --memory 64m --pids-limit 64 --network appnet drydock-test/busybox:1 sleep 3600 >/dev/null
# Started where the host allows it (some sandboxes refuse added capabilities or limits).
$d start cache hardened >/dev/null 2>&1 || true
mkdir -p "$outdir"
cat >"$home/shoot.sh" <<SHOOT
set -e
'$build/app/drydock' & app=\$!
sleep 10
win=\$(xdotool search --sync --name '^Drydock' | head -1)
xdotool windowmove "\$win" 0 0 windowsize "\$win" 1300 820 windowactivate --sync "\$win" || true
xdotool mousemove 700 700; sleep 2
import -window root '$outdir/dashboard$suffix.png'
xdotool mousemove 40 88 click 1; sleep 1.5   # the page navigator (no window manager: no key focus)
xdotool mousemove 500 136 click 1; sleep 1.5   # the first container: its hardened command below
import -window root '$outdir/inventory$suffix.png'
xdotool mousemove 40 102 click 1; sleep 1.5
xdotool mousemove 640 132 click 1; sleep 1.5   # the first finding: the details panel fills
import -window root '$outdir/findings$suffix.png'
xdotool mousemove 40 116 click 1; sleep 1.5
import -window root '$outdir/history$suffix.png'
xdotool mousemove 40 130 click 1; sleep 3     # Map, the fifth page (laid out on a worker)
import -window root '$outdir/map-daemon$suffix.png'
xdotool mousemove 40 158 click 1; sleep 1.5   # Benchmark, the seventh page
xdotool mousemove 300 602 click 1; sleep 1     # a failing row (1.2.2): the line below names its findings
import -window root '$outdir/benchmark$suffix.png'
kill \$app
SHOOT
xvfb-run -a -s "-screen 0 1300x820x24" bash "$home/shoot.sh"
echo "wrote $outdir/{dashboard,inventory,findings,history,map-daemon,benchmark}$suffix.png"
