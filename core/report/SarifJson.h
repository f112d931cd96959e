#pragma once
#include "core/report/ReportData.h"

#include <string>

namespace drydock::json {

// SARIF 2.1.0 for code-scanning tools: one run, the catalogue's rules as reportingDescriptors (with CIS
// references and a security-severity), one result per finding located logically on its Docker object,
// a stable partial fingerprint, and waivers as accepted external suppressions.
std::string scanToSarif(const ReportData& data);

} // namespace drydock::json
