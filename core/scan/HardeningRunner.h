#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/scan/HardeningPlan.h"

#include <functional>
#include <string>

namespace drydock {

// How a hardened container behaved in the watch window.
struct WatchReport
{
    bool stayedUp = false;
    std::string state; // running, exited, restarting, …
    int exitCode = 0;
    std::string health;  // healthy, unhealthy, starting; empty without a health check
    std::string logTail; // last log lines, secret values of the plan masked
    std::string summary; // one sentence for people
};

struct ApplyOutcome
{
    bool applied = false;    // the hardened container runs under the original name
    bool rolledBack = false; // it did not stay up and the original is back
    std::string backupName;  // the original, kept (empty after a rollback)
    std::string newId;
    WatchReport watch;
    StringList notes;
};

// One step of a trial or apply, for the history's action log. Details never hold a secret value.
struct HardeningAction
{
    std::string step;    // "stop original", "rename original", "create hardened", …
    std::string outcome; // "ok", "failed", "rolled back"
    std::string details;
};

// Runs a plan against the daemon: a trial beside the original (nothing existing is touched), or an apply
// that keeps the original as a backup and rolls back automatically when the hardened container does not
// start or does not stay up (exits, restarts or turns unhealthy) within the watch window. Reads through
// the GET-only DockerClient; every change goes through the DockerWriter.
class HardeningRunner
{
public:
    using Sleep = std::function<void(int milliseconds)>;
    using StepLog = std::function<void(const HardeningAction&)>;

    HardeningRunner(DockerClient& client, DockerWriter& writer, const Clock& clock, StepLog log,
                    Sleep sleep = {});
    HardeningRunner(DockerClient&, DockerWriter&, const Clock&&, StepLog, Sleep = {}) = delete;

    void setWatchSeconds(int seconds) { m_watchSeconds = seconds; }

    // Creates the hardened container under a temporary name (no ports, read-only data), starts it, watches
    // it, and removes it again.
    Result<WatchReport> trial(const HardeningPlan& plan, const CancelToken& cancel);
    // Stops the original, renames it to NAME-drydock-backup-TIMESTAMP, creates and starts the hardened one
    // as NAME, watches it, and rolls back if needed. An Error means even the rollback failed: its message
    // says how to restore by hand.
    Result<ApplyOutcome> apply(const HardeningPlan& plan, const CancelToken& cancel);
    // Removes a backup the apply kept (only names with "-drydock-backup-"), never its volumes.
    Result<void> removeBackup(const std::string& backupName);

    static std::string backupNameFor(const std::string& name, std::int64_t nowUnix);
    static bool isBackupName(const std::string& name);

private:
    struct Prepared;
    Result<Prepared> prepare(const HardeningPlan& plan, bool trial);
    Result<void> deliverSecrets(const std::string& id, const Prepared& prepared);
    Result<void> connectNetworks(const std::string& id, const Prepared& prepared);
    WatchReport watch(const std::string& id, const Prepared& prepared, const CancelToken& cancel);
    void step(const std::string& what, const std::string& outcome, const std::string& details = {});

    DockerClient& m_client;
    DockerWriter& m_writer;
    const Clock& m_clock;
    StepLog m_log;
    Sleep m_sleep;
    int m_watchSeconds = 5;
};

} // namespace drydock
