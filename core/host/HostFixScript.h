#pragma once
#include "core/results/ScanResult.h"

#include <string>

namespace drydock {

// A POSIX sh script with one commented block per open host finding of a scan: chown/chmod lines, audit
// watches appended to /etc/audit/rules.d/docker.rules, and daemon.json keys as instructions (JSON is not
// edited by shell). For a person to review and run as root; Drydock never runs it. Waived findings are left
// out. Comments never carry a secret value: the endpoint, titles and evidence are masked as every output masks
// them (a daemon flag's value may hold a password).
std::string hostFixScript(const ScanResult& scan);
// How many open host findings the script would act on (a chown/chmod or audit line, or a setting to change by
// hand): zero means there is nothing to export, and the GUI's Export host fix script… stays disabled.
int hostFixCount(const ScanResult& scan);

} // namespace drydock
