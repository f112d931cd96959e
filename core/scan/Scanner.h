#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/common/Result.h"
#include "core/contents/ContentScanOptions.h"
#include "core/docker/DockerClient.h"
#include "core/host/SshHostReader.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"
#include "core/scan/ScanBatch.h"

#include <functional>
#include <memory>

namespace drydock {

// Whether and where a scan reads the daemon's own host (core/host): off unless a front end asks, and then
// for a local unix socket whose dockerd this machine's /proc shows (or a rootless daemon), or for an ssh://
// endpoint through SshHostReader's fixed read-only commands. TCP endpoints are never read.
struct HostScanOptions
{
    bool enabled = false;
    std::string root = "/"; // another directory only in tests (DRYDOCK_HOST_ROOT, read in app/)
    // The session to an ssh:// endpoint's host; unset: SshRemoteShell with DRYDOCK_SSH_OPTIONS (tests swap it).
    std::function<std::unique_ptr<RemoteShell>(const DockerEndpoint&)> remoteShell;
};

// Endpoint -> Inventory -> FindingSet, with progress and cancel. The one engine behind GUI and CLI.
class Scanner
{
public:
    Scanner(DockerClient& client, const RuleCatalogue& catalogue, const Clock& clock);
    // The scanner keeps a reference to the clock: a temporary one would dangle.
    Scanner(DockerClient& client, const RuleCatalogue& catalogue, const Clock&& clock) = delete;
    // With batches, findings are also handed over as they are final (ScanBatch), for a front end that shows
    // them while the scan runs; the result is the same either way.
    Result<ScanResult> scan(const ScanSettings& settings, ProgressSink& progress, const CancelToken& cancel,
                            ScanBatchSink* batches = nullptr);
    // Content analysis (layers, packages, vulnerabilities) for the next scans: off unless asked for, because
    // it reads every layer of every chosen image.
    void setContentOptions(ContentScanOptions options) { m_contentOptions = std::move(options); }
    void setHostOptions(HostScanOptions options) { m_hostOptions = std::move(options); }

private:
    // Host facts for the endpoint (local unix socket or ssh://), or why they could not be read.
    void readHost(Inventory& inventory, ProgressSink& progress) const;
    Result<void> analyseContents(ScanResult& result, const ScanSettings& settings, ProgressSink& progress,
                                 const CancelToken& cancel, ScanBatchSink* batches);

    DockerClient& m_client;
    const RuleCatalogue& m_catalogue;
    const Clock& m_clock;
    ContentScanOptions m_contentOptions;
    HostScanOptions m_hostOptions;
};

} // namespace drydock
