#!/usr/bin/env bash
# ThreadSanitizer pass over the tests that cross threads: the GUI bridge (scan/history/fleet/export
# controllers, live events), the transport's concurrent requests, the scanner and fleet scanner, and the PDF
# writer's parallel layout. Qt itself is not built with TSan, so reports
# inside Qt's own code are suppressed (tests/support/tsan.supp); anything in Drydock's code fails the run.
#   tests/support/run-tsan.sh [ctest -R regex]
set -euo pipefail
cd "$(dirname "$0")/../.."
pattern=${1:-"TestCurlTransport|TestDockerClientRaw|TestMisbehavingDaemon|TestScanIntegration|TestFleetScanner|TestMainWindowIntegration|TestMainWindowImageContents|TestMainWindowLiveUpdates|TestModels|TestFleetDialog|TestDashboardFleet|TestExportDialog|TestPdfExporter"}
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRYDOCK_TSAN=ON >/dev/null
# Only what the chosen tests need (and the drydock binary the fixtures and CLI tests run).
IFS='|' read -r -a targets <<<"$pattern"
cmake --build build-tsan -j "$(nproc)" --target drydock "${targets[@]}"
# die_after_fork=0: QProcess forks the multi-threaded test process; the child only execs.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 die_after_fork=0 suppressions=$PWD/tests/support/tsan.supp"
cd build-tsan
ctest --output-on-failure -R "$pattern|dockerd_start|dockerd_stop"
