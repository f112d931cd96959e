#pragma once
#include "app/cli/ArgParser.h"
#include "core/common/Severity.h"
#include "core/report/ReportFormat.h"
#include "core/rules/ScanSettings.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drydock::app {

// True when the scan command names several endpoints (--host/--context more than once) or --fleet.
bool isFleetScan(const ParsedArgs& args);

// `drydock scan` over several endpoints in parallel: progress per endpoint on stderr, one stored scan per
// reachable endpoint, a fleet view in text or JSON. Exit code: 3 when any endpoint was unreachable (the
// others are still written and stored), else 1 when a finding reaches --fail-on (or a new one reaches
// --fail-on-new), else 0.
int runFleetScan(const ParsedArgs& args, const ScanSettings& settings, std::optional<Severity> failOn,
                 std::optional<Severity> failOnNew,
                 const std::vector<std::pair<ReportFormat, std::string>>& outputs);

} // namespace drydock::app
