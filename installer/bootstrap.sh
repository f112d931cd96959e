#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run from the repository root):
#   installer/bootstrap.sh run    install dependencies, build, and open Drydock
#   installer/bootstrap.sh test   install dependencies (with test tools), build with -Werror under AddressSanitizer
#                                 and UBSan, and run every test (what CI runs; `asan` is the same)
#   installer/bootstrap.sh plain  the same suite without sanitizers (separate build directory)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

case "$mode" in
run)
  bash installer/install-deps.sh
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRYDOCK_BUILD_TESTS=OFF >/dev/null
  cmake --build build -j "$jobs" --target drydock
  exec ./build/app/drydock "${@:2}"
  ;;
test|asan|plain)
  bash installer/install-deps.sh --with-tests
  dir=build-test
  # -O1 with line tables is what the sanitizers need for exact stack traces, and compiles about a fifth
  # faster than -O2 with full debug info on CI's two cores.
  extra=(-DDRYDOCK_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")
  # Qt's own allocations outlive main; leak reports from it would drown ours, so leaks are not checked here.
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  if [ "$mode" = plain ]; then
    dir=build-plain
    extra=()
  fi
  echo "bootstrap: dependencies ready after ${SECONDS}s; building $dir" >&2
  cmake -S . -B "$dir" -G Ninja -DDRYDOCK_WERROR=ON "${extra[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "bootstrap: built after ${SECONDS}s; running the tests" >&2
  cd "$dir"
  exec ctest --output-on-failure -j "$jobs" "${@:2}"
  ;;
*)
  echo "usage: installer/bootstrap.sh run|test|plain [extra args]" >&2
  exit 2
  ;;
esac
