#!/usr/bin/env bash
# Runs every benchmark against a private dockerd it starts and stops itself. Usage (from the repo root):
#   tests/bench/run-benchmarks.sh [BUILD_DIR]      (default build-test)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-test}
state=/tmp/drydock-bench-$$
trap 'bash "$root/tests/support/private-dockerd.sh" stop "$state" >/dev/null' EXIT
bash "$root/tests/support/private-dockerd.sh" start "$state" >/dev/null
export DRYDOCK_BENCH_SOCKET="$state/docker.sock" DRYDOCK_TEST_STATE_DIR="$state" DRYDOCK_BINARY="$build/app/drydock"
for b in "$build"/tests/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b"
done
