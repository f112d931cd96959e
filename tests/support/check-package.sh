#!/usr/bin/env bash
# Builds the Debian package and the .tar.gz from the already built tree (cpack packs, it does not
# compile), installs the .deb with dpkg into a private staging root without touching the system, and
# checks it as a user would meet it: package metadata and dependencies, the files and where they land,
# the installed `drydock --version` and `drydock scan --format json` against the private test daemon, the
# desktop entry, the AppStream metadata, the man page, the completion, and a clean purge.
# Usage: check-package.sh BUILD_DIR STATE_DIR WITH_GUI(ON|OFF) VERSION
set -euo pipefail
build=${1:?build dir}
state=${2:?private dockerd state dir}
with_gui=${3:?ON|OFF}
version=${4:?version}

work=$(mktemp -d "${TMPDIR:-/tmp}/drydock-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
step() { echo "== $*"; }

step "cpack -G DEB;TGZ from $build"
if ! (cd "$build" && cpack -G "DEB;TGZ" -B "$work/out") >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  echo "FAIL: cpack could not build the packages" >&2
  exit 1
fi
deb=$(find "$work/out" -maxdepth 1 -name "drydock_${version}_*.deb")
tgz=$(find "$work/out" -maxdepth 1 -name "drydock-${version}-*.tar.gz")
[ -f "$deb" ] || { cat "$work/cpack.log" >&2; echo "FAIL: no drydock_${version}_*.deb" >&2; exit 1; }
[ -f "$tgz" ] || fail "no drydock-${version}-*.tar.gz"

step "metadata of $(basename "$deb")"
dpkg-deb --info "$deb" >"$work/info" || fail "dpkg-deb cannot read the package"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = drydock ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', want $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
echo "Depends: $depends"
# libgvc6: the exposure map's Graphviz layout, whose dot plugin is loaded at run time.
wanted=(libc6 libstdc++6 libcurl4 libsqlite3-0 fonts-dejavu-core fontconfig libgvc6)
if [ "$with_gui" = ON ]; then
  # libqt6svg6 is not linked: its plugins draw the SVG icons, so it is named explicitly.
  wanted+=(libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6 qt6-qpa-plugins)
fi
depend_names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*//; s/ //g')
for p in "${wanted[@]}"; do
  grep -qxF "$p" <<<"$depend_names" || fail "Depends lacks $p"
done
# Every dependency is satisfiable here: each relation holds for an installed package (first alternative).
IFS=',' read -ra relations <<<"$depends"
for rel in "${relations[@]}"; do
  rel=${rel%%|*}
  rel=$(sed 's/^ *//; s/ *$//' <<<"$rel")
  name=${rel%% *}
  installed=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null | sed -n 's/^install ok installed //p')
  if [ -z "$installed" ]; then
    fail "dependency $name is not installed on this machine"
    continue
  fi
  if [[ $rel =~ \((..?)\ (.+)\) ]]; then
    op=${BASH_REMATCH[1]}
    want=${BASH_REMATCH[2]}
    case $op in '>=') op=ge ;; '<=') op=le ;; '>>') op=gt ;; '<<') op=lt ;; '=') op=eq ;; esac
    dpkg --compare-versions "$installed" "$op" "$want" || fail "dependency '$rel' not met by $name $installed"
  fi
done

step "contents"
dpkg-deb --contents "$deb" >"$work/contents"
appstream_id=$(sed -n 's/^DRYDOCK_APPSTREAM_ID:STRING=//p' "$build/CMakeCache.txt")
expected_files=(
  ./usr/bin/drydock
  ./usr/share/applications/drydock.desktop
  "./usr/share/metainfo/$appstream_id.metainfo.xml"
  ./usr/share/icons/hicolor/scalable/apps/drydock.svg
  ./usr/share/man/man1/drydock.1.gz
  ./usr/share/bash-completion/completions/drydock
  ./usr/share/doc/drydock/copyright
)
for size in 16 22 24 32 48 64 128 256; do
  expected_files+=("./usr/share/icons/hicolor/${size}x${size}/apps/drydock.png")
done
for f in "${expected_files[@]}"; do
  grep -q " $f\$" "$work/contents" || fail "package lacks $f"
done
awk '{print $2}' "$work/contents" | grep -v '^root/root$' && fail "files not owned by root/root"
awk '{print $6}' "$work/contents" | grep -v '^\./usr/' | grep -v '^\./$' && fail "files outside /usr"
grep ' ./usr/bin/drydock$' "$work/contents" | grep -q '^-rwxr-xr-x' || fail "/usr/bin/drydock is not mode 0755"

step "install with dpkg into a staging root (own --instdir and --admindir: the system is not touched)"
root=$work/root
admin=$work/dpkg
mkdir -p "$root" "$admin/updates" "$admin/info"
: >"$admin/status"
# Dependencies are not in the staging root; they were checked against this machine above.
staged_dpkg() {
  PATH=$PATH:/usr/sbin:/sbin dpkg --instdir="$root" --admindir="$admin" --log=/dev/null --force-not-root \
    --force-depends "$@" >>"$work/dpkg.log" 2>&1
}
staged_dpkg --install "$deb" || { cat "$work/dpkg.log" >&2; fail "dpkg --install into the staging root failed"; }
status=$(dpkg-query --admindir="$admin" -W -f='${Status}' drydock 2>/dev/null || true)
[ "$status" = "install ok installed" ] || fail "package status after install is '$status'"
drydock=$root/usr/bin/drydock
file -b "$drydock" | grep -q 'stripped' && ! file -b "$drydock" | grep -q 'not stripped' || fail "binary is not stripped"
if ldd "$drydock" | grep -q 'not found'; then
  fail "unresolved shared libraries: $(ldd "$drydock" | grep 'not found')"
fi
# A build with shared drydock_core/drydock_ui (the test build) ships them privately: the installed binary
# must load the packaged copies, never the build tree's.
ldd "$drydock" | grep 'libdrydock_' | grep -v "=> $root/usr/" && fail "Drydock's own libraries are not loaded from the package"

step "installed drydock --version"
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache HOME=$work/home
mkdir -p "$HOME"
"$drydock" --version >"$work/version" || fail "drydock --version exited $?"
cat "$work/version"
[ "$(head -n1 "$work/version")" = "drydock $version" ] || fail "--version first line is '$(head -n1 "$work/version")'"
grep -q '^  libcurl ' "$work/version" || fail "--version lacks libcurl"
grep -q '^  SQLite ' "$work/version" || fail "--version lacks SQLite"
[ "$with_gui" = OFF ] || grep -q '^  Qt ' "$work/version" || fail "--version lacks Qt"

step "installed drydock scan --format json against the private daemon"
sock=$state/docker.sock
[ -S "$sock" ] || { echo "FAIL: no private dockerd at $sock (run through ctest, fixture dockerd)" >&2; exit 1; }
rc=0
DOCKER_HOST="unix://$sock" "$drydock" scan --no-history --format json --output "$work/scan.json" 2>"$work/scan.err" || rc=$?
[ "$rc" -eq 0 ] || fail "scan exited $rc: $(cat "$work/scan.err")"
python3 - "$work/scan.json" "$sock" <<'PY' || fail "scan JSON is not the documented document"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["schemaVersion"] == 2, doc.get("schemaVersion")
assert sys.argv[2] in doc["scan"]["endpoint"], doc["scan"]["endpoint"]
assert doc["scan"]["engineVersion"], "no engine version"
assert isinstance(doc["findings"], list) and doc["summary"]["total"] == len(doc["findings"])
refs = {o["ref"] for o in doc["objects"]}
assert len(refs) == len(doc["objects"]), "an object is listed twice"
assert all(f["objectRef"] in refs for f in doc["findings"]), "a finding names an object that is not listed"
print("scan JSON: schemaVersion 2, engine", doc["scan"]["engineVersion"], "-", len(doc["findings"]), "findings")
PY

step "desktop entry"
desktop=$root/usr/share/applications/drydock.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$root/usr/bin/$exec_name" ] || fail "Exec=$exec_name is not the installed binary"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "Icon=$icon has no scalable icon"
for size in 16 22 24 32 48 64 128 256; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png
  [ "$(file -b "$png" | grep -o '[0-9]* x [0-9]*')" = "$size x $size" ] || fail "$png is not ${size}x${size}"
done

step "AppStream metadata"
metainfo=$root/usr/share/metainfo/$appstream_id.metainfo.xml
appstreamcli validate --no-net --pedantic "$metainfo" || fail "appstreamcli validate rejects the metainfo"
grep -q "<release version=\"$version\"" "$metainfo" || fail "metainfo has no release $version"
grep -q '<launchable type="desktop-id">drydock.desktop</launchable>' "$metainfo" || fail "metainfo does not launch drydock.desktop"
grep -q 'resources/screenshots/dashboard.png</image>' "$metainfo" || fail "metainfo screenshot does not point at resources/screenshots"

step "man page"
page=$root/usr/share/man/man1/drydock.1.gz
gzip -t "$page" || fail "man page is not gzip"
warnings=$(LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -E UTF-8 -l "$page" 2>&1 >"$work/man.txt")
[ -z "$warnings" ] || fail "man -l warns: $warnings"
grep -q "Drydock $version" "$work/man.txt" || fail "man page does not carry version $version"
grep -q '^EXIT STATUS' "$work/man.txt" || fail "man page has no EXIT STATUS"

step "bash completion"
bash -n "$root/usr/share/bash-completion/completions/drydock" || fail "completion is not valid bash"
got=$(bash -c '_init_completion() { words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; cur=${words[cword]}; prev=${words[cword-1]}; }
  source "$1"; COMP_WORDS=(drydock sc); COMP_CWORD=1; _drydock; echo "${COMPREPLY[*]}"' _ \
  "$root/usr/share/bash-completion/completions/drydock")
[ "$got" = scan ] || fail "completion of 'drydock sc' gives '$got'"

step "dpkg --purge leaves nothing behind"
staged_dpkg --purge drydock || { cat "$work/dpkg.log" >&2; fail "dpkg --purge failed"; }
left=$(find "$root" -type f -o -type l)
[ -z "$left" ] || fail "files left after purge: $left"

step "tarball"
if [ -f "$tgz" ]; then
  tar -tzf "$tgz" >"$work/tgz"
  top=$(basename "$tgz" .tar.gz)
  for f in bin/drydock share/applications/drydock.desktop share/man/man1/drydock.1.gz \
           share/icons/hicolor/scalable/apps/drydock.svg share/bash-completion/completions/drydock; do
    grep -qx "$top/$f" "$work/tgz" || fail "tarball lacks $top/$f"
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s) with the package" >&2
  exit 1
fi
echo "package OK: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
