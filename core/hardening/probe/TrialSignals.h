#pragma once
#include "core/model/Common.h"

#include <set>
#include <string>
#include <string_view>

// What a trial container's own output says: log lines that name a permission problem, and the TCP ports it
// listens on. Read by TrialBatch, compared by compareTrial.
namespace drydock {

// Whether a log line names a permission problem: Permission denied, Operation not permitted, Read-only file
// system, EACCES/EPERM/EROFS, cannot/failed to/unable to bind, "bind: …", must be root — any case.
bool isPermissionErrorLine(std::string_view line);
// The lines of a log that name a permission problem, in order.
StringList permissionErrorLines(const StringList& lines);
// The local ports in LISTEN state (st 0A) of /proc/net/tcp and /proc/net/tcp6 text (both may be
// concatenated); header lines and anything that is not a socket line are skipped.
std::set<int> parseListeningPorts(std::string_view procNetTcpText);

} // namespace drydock
