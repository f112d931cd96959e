#pragma once
#include "core/common/Result.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace drydock::app {

// A throw-away Docker daemon for `drydock demo`, as isolated as the test fixture: its own socket, data root,
// exec root and pidfile under one temp dir, no bridge, no iptables. It is filled with a busybox-static image
// imported from the local file system (no registry) and a set of insecure containers plus one hardened one.
// The destructor (and stop()) stops the daemon, unmounts what it left and deletes the directory.
class DemoSandbox
{
public:
    DemoSandbox() = default;
    DemoSandbox(const DemoSandbox&) = delete;
    DemoSandbox& operator=(const DemoSandbox&) = delete;
    ~DemoSandbox() { stop(); }

    // Why the demo cannot run here (not root, dockerd or busybox-static missing), with what to do; empty when
    // it can.
    static std::string missingRequirement();

    // Starts the daemon and fills it; `interrupted` is polled so Ctrl+C during the set-up stops at once.
    Result<void> start(bool (*interrupted)());
    void stop();

    const std::string& directory() const { return m_dir; }
    std::string socketPath() const { return m_dir + "/docker.sock"; }
    std::string hostUri() const { return "unix://" + socketPath(); }

private:
    Result<void> waitForDaemon(bool (*interrupted)());
    Result<void> importImage();
    Result<void> createContainers();
    // Runs the docker CLI against the sandbox; output goes to the sandbox log.
    Result<void> docker(const std::vector<std::string>& args, const std::string& what);

    std::string m_dir;
    pid_t m_daemon = -1;
};

} // namespace drydock::app
