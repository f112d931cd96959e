#pragma once
#include "core/common/Result.h"
#include "core/host/HostReader.h"
#include "core/model/DaemonInfo.h"
#include "core/model/HostFacts.h"

#include <string>

namespace drydock {

// Gathers HostFacts for the daemon behind a unix socket of the host a HostReader reads (this machine, or the
// far end of an ssh:// endpoint): reads only, never writes.
class HostInspector
{
public:
    explicit HostInspector(const HostReader& view) : m_view(view) {}
    // Facts about the dockerd serving socketPath (as on the host). NotFound when no such dockerd is visible
    // in /proc and the daemon is not rootless: then nothing on this machine is known to belong to it.
    Result<HostFacts> inspect(const std::string& socketPath, const DaemonInfo& daemon) const;

    // The CIS 1.6.0 ids of the daemon-setting items (2.3, 2.4, …) that need the command line and daemon.json.
    static const std::vector<std::string>& settingItems();

private:
    const HostReader& m_view;
};

} // namespace drydock
