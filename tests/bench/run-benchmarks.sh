#!/usr/bin/env bash
# Runs the benchmarks against a private dockerd it starts and stops itself. Usage (from the repo root):
#   tests/bench/run-benchmarks.sh [BUILD_DIR [BENCH_NAME…]]      (default build-test, every bench_*)
# DRYDOCK_BINARY picks another drydock for the end-to-end benches (bench_scan_vs_inspect), e.g. a release
# build: DRYDOCK_BINARY=build-rel/app/drydock tests/bench/run-benchmarks.sh build-test bench_scan_vs_inspect
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-test}
shift || true
state=/tmp/drydock-bench-$$
trap 'bash "$root/tests/support/private-dockerd.sh" stop "$state" >/dev/null' EXIT
bash "$root/tests/support/private-dockerd.sh" start "$state" >/dev/null
export DRYDOCK_BENCH_SOCKET="$state/docker.sock" DRYDOCK_TEST_STATE_DIR="$state"
DRYDOCK_BINARY=$(realpath -m "${DRYDOCK_BINARY:-$build/app/drydock}")
export DRYDOCK_BINARY
for b in "$build"/tests/bench/bench_*; do
  [ -x "$b" ] || continue
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$(basename "$b")"; then
    continue
  fi
  echo "== $(basename "$b")"
  "$b"
done
