#!/usr/bin/env bash
# Takes the README's picture of "Find what it tolerates" in the hardening wizard: TestHardeningWizardProbe probes
# its fake chowner container (no daemon needed) and, with DRYDOCK_SCREENSHOT set, saves the wizard's Container
# page with the verdicts under xvfb-run:
#   tests/support/screenshot-harden-probe.sh [BUILD_DIR] [OUT_DIR]   (default build, resources/screenshots)
# Needs xvfb-run and a build with the test (cmake --build BUILD_DIR --target TestHardeningWizardProbe).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
outdir=${2:-$root/resources/screenshots}
mkdir -p "$outdir"
test=$(find "$build" -name TestHardeningWizardProbe -type f -perm -u+x | head -1)
[ -n "$test" ] || { echo "TestHardeningWizardProbe is not built in $build" >&2; exit 1; }
DRYDOCK_SCREENSHOT="$outdir/harden-probe.png" QT_QPA_PLATFORM=xcb \
  xvfb-run -a -s "-screen 0 1300x820x24" "$test" eachChangeShowsItsVerdictAndEvidenceAndTheChoicesFollowIt
echo "wrote $outdir/harden-probe.png"
