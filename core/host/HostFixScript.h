#pragma once
#include "core/results/ScanResult.h"

#include <string>

namespace drydock {

// A POSIX sh script with one commented block per open host finding of a scan: chown/chmod lines, audit
// watches appended to /etc/audit/rules.d/docker.rules, and daemon.json keys as instructions (JSON is not
// edited by shell). For a person to review and run as root; Drydock never runs it. Waived findings are left
// out.
std::string hostFixScript(const ScanResult& scan);

} // namespace drydock
