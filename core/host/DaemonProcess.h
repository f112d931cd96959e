#pragma once
#include "core/host/HostReader.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// A dockerd process seen in the host's /proc: its argv and the unix sockets it serves.
struct DaemonProcess
{
    int pid = 0;
    unsigned uid = 0; // real uid (/proc/PID/status)
    std::vector<std::string> argv;
    std::vector<std::string> unixSockets; // normalised (see normalizeSocketPath)
    std::string parentName;               // comm of the parent, e.g. "rootlesskit"
    bool rootless = false;                // non-root uid or a rootlesskit parent
};

// "/var/run/x" and "/run/x" are one file on every current distribution (/var/run -> /run); compare as /run.
std::string normalizeSocketPath(std::string_view path);

// Every dockerd the host's /proc shows (comm "dockerd" or argv[0] ending in "/dockerd"), in pid order.
std::vector<DaemonProcess> listDaemonProcesses(const HostReader& view);

// The dockerd that serves socketPath: its -H/--host unix://PATH (or fd://, systemd's /run/docker.sock), or
// the default socket when it has no -H (/var/run/docker.sock; $XDG_RUNTIME_DIR/docker.sock when rootless).
// Never "the newest dockerd": with several daemons, the wrong one would be judged. nullopt when none matches.
std::optional<DaemonProcess> findDaemonProcess(const HostReader& view, std::string_view socketPath);

} // namespace drydock
