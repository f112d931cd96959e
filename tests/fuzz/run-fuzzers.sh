#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) and runs each for a while.
#   tests/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET=60] [TARGET…]
# Seeds: the recorded daemon answers in tests/data plus the saved regressions. A crash is copied to
# tests/fuzz/regressions/<target>/ — commit it with the fix: the normal test suite replays that folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_model_json fuzz_event_stream fuzz_shell_round_trip fuzz_scan_reports fuzz_layer_reader
  fuzz_dockerfile_parser fuzz_compose_mapper)

command -v clang++ >/dev/null || { echo "clang++ is missing: apt-get install clang libclang-rt-dev" >&2; exit 2; }
build=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DDRYDOCK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  mkdir -p "$work/corpus" "$work/crashes"
  cp tests/data/api-1.41/* tests/data/hostile/* "$work/corpus/" 2>/dev/null || true
  if [ "$t" = fuzz_compose_mapper ]; then # the compose corpus, one file per project and name
    for f in tests/data/files/compose/*/*.y*ml; do cp "$f" "$work/corpus/$(basename "$(dirname "$f")")-$(basename "$f")"; done
  fi
  find "tests/fuzz/regressions/$t" -type f ! -name .keep -exec cp {} "$work/corpus/" \;
  echo "== $t for ${seconds}s"
  if ! "$build/tests/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$work/crashes/" -print_final_stats=1 "$work/corpus" 2>"$work/log"; then
    status=1
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)" "$work/log" || tail -5 "$work/log"
  for crash in "$work"/crashes/*; do
    [ -e "$crash" ] || continue
    cp "$crash" "tests/fuzz/regressions/$t/"
    echo "   crash saved: tests/fuzz/regressions/$t/$(basename "$crash")"
    grep -m3 -E "ERROR|invariant|runtime error" "$work/log" || true
    status=1
  done
  rm -rf "$work"
done
exit $status
