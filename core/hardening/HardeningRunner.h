#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/ApplyProgress.h"
#include "core/hardening/HardeningPlan.h"

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

// How an apply ended: applied or rolled back, the backup it kept, and what the watch saw.
struct ApplyOutcome
{
    bool applied = false;    // the hardened container runs under the original name
    bool rolledBack = false; // it did not stay up (or the apply was interrupted) and the original is back
    bool interrupted = false; // the cancel token stopped the apply (and whatever it had done was undone)
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

// Data an apply left only in a backup: what its container wrote in its own layer in a directory that is a
// tmpfs in the hardened container (or anywhere, once no container of that name exists).
struct BackupOnlyData
{
    std::string directory;
    StringList paths;
};

// Runs a plan against the daemon: a trial beside the original (nothing existing is touched), or an apply
// that keeps the original as a backup and rolls back automatically when the hardened container does not
// start or does not stay up (exits, restarts or turns unhealthy) within the watch window, or when the
// cancel token fires. Reads through the GET-only DockerClient; every change goes through the DockerWriter.
// What it has done so far is kept as an ApplyProgress and handed to a listener after every change, so
// that a front end that must quit at once can say what is left and how to restore it.
class HardeningRunner
{
public:
    using Sleep = std::function<void(int milliseconds)>;
    using StepLog = std::function<void(const HardeningAction&)>;
    using ProgressListener = std::function<void(const ApplyProgress&)>;

    HardeningRunner(DockerClient& client, DockerWriter& writer, const Clock& clock, StepLog log,
                    Sleep sleep = {});
    HardeningRunner(DockerClient&, DockerWriter&, const Clock&&, StepLog, Sleep = {}) = delete;

    void setWatchSeconds(int seconds) { m_watchSeconds = seconds; }
    // Called on the runner's thread after every change of the progress.
    void setProgressListener(ProgressListener listener) { m_listener = std::move(listener); }

    // Creates the hardened container under a temporary name (no ports, read-only data), starts it, watches
    // it, and removes it again.
    Result<WatchReport> trial(const HardeningPlan& plan, const CancelToken& cancel);
    // Stops the original, checks it still exists, sets its restart policy to "no", renames it to
    // NAME-drydock-backup-TIMESTAMP, creates and starts the hardened one as NAME, watches it, and rolls back
    // everything it did when the container does not stay up or cancel fires. Refuses a container started
    // with --rm (stopping it would delete it). An Error means the apply was refused before any change, or
    // the rollback failed: its message then says what is left and how to restore by hand.
    Result<ApplyOutcome> apply(const HardeningPlan& plan, const CancelToken& cancel);
    // What the backup's own layer holds that exists nowhere else (see BackupOnlyData).
    Result<std::vector<BackupOnlyData>> dataOnlyInBackup(const std::string& backupName);
    // Removes a backup the apply kept (only names with "-drydock-backup-"), never its volumes. Refuses while
    // the backup holds data that exists only there, unless force.
    Result<void> removeBackup(const std::string& backupName, bool force = false);

    static std::string backupNameFor(const std::string& name, std::int64_t nowUnix);
    static bool isBackupName(const std::string& name);
    // The name of the container a backup was kept for ("web" for "web-drydock-backup-20261129T051500").
    static std::string originalNameOf(const std::string& backupName);

private:
    struct Prepared;
    Result<Prepared> prepare(const HardeningPlan& plan, bool trial);
    Result<void> makeReady(const std::string& id, const Prepared& prepared);
    WatchReport watch(const std::string& id, const Prepared& prepared, const CancelToken& cancel);
    void step(const std::string& what, const std::string& outcome, const std::string& details = {});
    void update(const std::function<void(ApplyProgress&)>& change);

    DockerClient& m_client;
    DockerWriter& m_writer;
    const Clock& m_clock;
    StepLog m_log;
    Sleep m_sleep;
    int m_watchSeconds = 5;
    ProgressListener m_listener;
    ApplyProgress m_progress;
    std::string m_lastStep;
};

} // namespace drydock
