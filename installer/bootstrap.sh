#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run from the repository root):
#   installer/bootstrap.sh run    install dependencies, build, and open Drydock
#   installer/bootstrap.sh test   install dependencies (with test tools), build with -Werror under AddressSanitizer
#                                 and UBSan, and run every test (what CI runs; `asan` is the same)
#   installer/bootstrap.sh plain  the same suite without sanitizers (separate build directory)
# `test --fresh-cache` (or `plain --fresh-cache`) runs as a new machine would: a throwaway HOME and XDG
# directories (so no cached Debian image, SARIF tool, ccache or docker CLI configuration from an earlier
# run), no DOCKER_* variables, and a new build directory. Other arguments go to ctest.
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
  ctest_args=()
  fresh=0
  for a in "${@:2}"; do
    if [ "$a" = --fresh-cache ]; then fresh=1; else ctest_args+=("$a"); fi
  done
  if [ "$fresh" = 1 ]; then
    fresh_root=$(mktemp -d /tmp/drydock-fresh-XXXXXX)
    mkdir -p "$fresh_root/home" "$fresh_root/cache" "$fresh_root/config" "$fresh_root/data"
    export HOME="$fresh_root/home" XDG_CACHE_HOME="$fresh_root/cache" XDG_CONFIG_HOME="$fresh_root/config" \
           XDG_DATA_HOME="$fresh_root/data"
    unset DOCKER_HOST DOCKER_CONTEXT DOCKER_CONFIG DOCKER_CERT_PATH DOCKER_TLS_VERIFY CCACHE_DIR
    echo "bootstrap: fresh state: HOME and XDG directories under $fresh_root, new build directory" >&2
  fi
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
  # Shared core and ui libraries: a statically linked suite under the sanitizers takes about 11 GB of disk.
  extra+=(-DDRYDOCK_SHARED_LIBS=ON)
  [ "$fresh" = 1 ] && rm -rf "$dir"
  echo "bootstrap: dependencies ready after ${SECONDS}s; building $dir" >&2
  cmake -S . -B "$dir" -G Ninja -DDRYDOCK_WERROR=ON "${extra[@]}" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "bootstrap: built after ${SECONDS}s ($(du -sh "$dir" 2>/dev/null | cut -f1) in $dir; $(df -h --output=avail . | tail -1 | tr -d ' ') free); running the tests" >&2
  cd "$dir"
  rc=0
  ctest --output-on-failure -j "$jobs" ${ctest_args[@]+"${ctest_args[@]}"} || rc=$?
  echo "bootstrap: finished after ${SECONDS}s (ctest exit code $rc)" >&2
  exit "$rc"
  ;;
*)
  echo "usage: installer/bootstrap.sh run|test|plain [extra args]" >&2
  exit 2
  ;;
esac
