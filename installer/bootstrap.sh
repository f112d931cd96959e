#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run from the repository root):
#   installer/bootstrap.sh run    install dependencies, build, and open Drydock
#   installer/bootstrap.sh test   install dependencies (with test tools), build with -Werror, run every test
#   installer/bootstrap.sh asan   as test, under AddressSanitizer + UBSan (separate build directory)
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
test|asan)
  bash installer/install-deps.sh --with-tests
  dir=build-test
  extra=()
  if [ "$mode" = asan ]; then
    dir=build-asan
    extra=(-DDRYDOCK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  fi
  cmake -S . -B "$dir" -G Ninja -DDRYDOCK_WERROR=ON "${extra[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs"
  cd "$dir"
  exec ctest --output-on-failure -j "$jobs" "${@:2}"
  ;;
*)
  echo "usage: installer/bootstrap.sh run|test|asan [extra args]" >&2
  exit 2
  ;;
esac
