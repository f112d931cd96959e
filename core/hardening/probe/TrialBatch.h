#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/HardeningRunner.h"
#include "core/hardening/probe/TrialObservation.h"

#include <functional>
#include <vector>

namespace drydock {

// Runs several trials of one container at once on one connection: creates each trial container
// (NAME-drydock-trial-<stamp>-<n>: no published ports, volumes read-only, no restart policy), starts them all,
// watches them together in one polling loop, observes each (inspect, logs, /proc/net/tcp by exec, changes), and
// removes every one it created — also on cancel and on errors. Nothing existing is touched.
class TrialBatch
{
public:
    TrialBatch(DockerClient& client, DockerWriter& writer, const Clock& clock, HardeningRunner::StepLog log,
               HardeningRunner::Sleep sleep = {});
    TrialBatch(DockerClient&, DockerWriter&, const Clock&&, HardeningRunner::StepLog,
               HardeningRunner::Sleep = {}) = delete;
    void setWatchSeconds(int seconds);
    // One result per spec, in order. A spec whose container could not be created or started gives an
    // observation with started=false and startError set (not an Error); an Error means the container itself
    // could not be read. The plan gives the container and the owner of secret files.
    Result<std::vector<TrialObservation>> run(const HardeningPlan& plan, const std::vector<TrialSpec>& specs,
                                              const CancelToken& cancel);
    // Removes trial containers an interrupted earlier run left behind (names with "-drydock-trial-"), for the
    // container named, or all when name is empty. Returns the names removed.
    Result<StringList> removeLeftoverTrials(const std::string& name = {});

private:
    void step(const std::string& what, const std::string& outcome, const std::string& details = {}) const;

    DockerClient& m_client;
    DockerWriter& m_writer;
    const Clock& m_clock;
    HardeningRunner::StepLog m_log;
    HardeningRunner::Sleep m_sleep;
    int m_watchSeconds = 5;
};

} // namespace drydock
