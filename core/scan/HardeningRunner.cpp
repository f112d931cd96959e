#include "core/scan/HardeningRunner.h"

#include "core/common/Strings.h"
#include "core/common/TarArchive.h"
#include "core/common/Time.h"
#include "core/docker/UrlEncoding.h"
#include "core/json/CreateBodyJson.h"
#include "core/json/ModelParser.h"
#include "core/secrets/SecretMask.h"

#include <chrono>
#include <thread>

namespace drydock {

namespace {

constexpr int kPollMs = 500;
constexpr int kStopTimeoutSeconds = 10;
constexpr std::string_view kBackupMarker = "-drydock-backup-";

// "20261129T051500" from a Unix time: sortable, and valid in a container name.
std::string stamp(std::int64_t unix)
{
    std::string t = formatRfc3339(unix); // 2026-11-29T05:15:00Z
    std::string out;
    for (const char c : t) {
        if ((c >= '0' && c <= '9') || c == 'T') {
            out += c;
        }
    }
    return out;
}

// Logs are multiplexed (8-byte frame headers) unless the container has a TTY.
std::string demuxLogs(const std::string& raw)
{
    std::string out;
    std::size_t pos = 0;
    while (pos + 8 <= raw.size()) {
        const auto b = [&](std::size_t i) { return static_cast<unsigned char>(raw[pos + i]); };
        if (b(0) > 2 || b(1) != 0 || b(2) != 0 || b(3) != 0) {
            return raw; // not framed: a TTY stream
        }
        const std::size_t size =
            (std::size_t{b(4)} << 24) | (std::size_t{b(5)} << 16) | (std::size_t{b(6)} << 8) | b(7);
        pos += 8;
        out.append(raw, pos, std::min(size, raw.size() - pos));
        pos += size;
    }
    return pos == 0 ? raw : out;
}

} // namespace

struct HardeningRunner::Prepared
{
    Container original;
    CreateBody body;
    std::string name; // the name the new container gets
    int secretUid = 0;
    int secretGid = 0;
};

HardeningRunner::HardeningRunner(DockerClient& client, DockerWriter& writer, const Clock& clock, StepLog log,
                                 Sleep sleep)
    : m_client(client), m_writer(writer), m_clock(clock), m_log(std::move(log)), m_sleep(std::move(sleep))
{
    if (!m_sleep) {
        m_sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    }
}

std::string HardeningRunner::backupNameFor(const std::string& name, std::int64_t nowUnix)
{
    return name + std::string(kBackupMarker) + stamp(nowUnix);
}

bool HardeningRunner::isBackupName(const std::string& name)
{
    return contains(name, kBackupMarker);
}

void HardeningRunner::step(const std::string& what, const std::string& outcome, const std::string& details)
{
    if (m_log) {
        m_log({what, outcome, details});
    }
}

Result<HardeningRunner::Prepared> HardeningRunner::prepare(const HardeningPlan& plan, bool trial)
{
    if (!plan.isContainer()) {
        return Error::make(
            ErrorCode::InvalidArgument,
            "An image cannot be hardened in place: put the Dockerfile changes into its build and "
            "recreate its containers.");
    }
    auto raw = m_client.get("/containers/" + urlEncode(plan.object.id) + "/json");
    if (!raw) {
        return raw.error();
    }
    auto container = json::parseContainer(raw.value());
    if (!container) {
        return container.error();
    }
    Prepared p;
    p.original = std::move(container.value());
    CreateBodyOptions options;
    options.trial = trial;
    // The tag may point elsewhere by now: the hardened container must run the very same image.
    auto image = m_client.inspectImage(p.original.config.image);
    if (!image || image->id != p.original.imageId) {
        options.imageOverride = p.original.imageId;
    }
    auto body = json::buildCreateBody(raw.value(), plan.chosenEdits(), options);
    if (!body) {
        return body.error();
    }
    p.body = std::move(body.value());
    std::tie(p.secretUid, p.secretGid) = plan.secretOwner();
    p.name = trial ? p.original.name + "-drydock-trial-" + stamp(m_clock.nowUnix()) : p.original.name;
    return p;
}

Result<void> HardeningRunner::deliverSecrets(const std::string& id, const Prepared& p)
{
    for (const auto& f : p.body.secretFiles) {
        std::vector<TarEntry> entries;
        std::string target = "/";
        if (f.intoVolume) {
            target = f.directory;
            entries.push_back({f.fileName, f.content, 0400, p.secretUid, p.secretGid});
        } else {
            // Directory entries keep /run as images have it (root, 0755).
            std::string dir;
            for (const auto& part : split(f.directory.substr(1), '/')) {
                dir += part + "/";
                entries.push_back({dir, {}, 0755, 0, 0});
            }
            entries.push_back({dir + f.fileName, f.content, 0400, p.secretUid, p.secretGid});
        }
        auto put = m_writer.putArchive(id, target, makeTar(entries));
        // Name and path only: the value never reaches a log.
        step("put secret file", put ? "ok" : "failed",
             f.envName + " -> " + f.directory + "/" + f.fileName + (put ? "" : ": " + put.error().message));
        if (!put) {
            return put.error();
        }
    }
    return success();
}

Result<void> HardeningRunner::connectNetworks(const std::string& id, const Prepared& p)
{
    for (const auto& [network, endpoint] : p.body.extraNetworks) {
        auto r = m_writer.connectNetwork(network, id, json::networkConnectBody(id, endpoint));
        step("connect network", r ? "ok" : "failed", network + (r ? "" : ": " + r.error().message));
        if (!r) {
            return r.error();
        }
    }
    return success();
}

WatchReport HardeningRunner::watch(const std::string& id, const Prepared& p, const CancelToken& cancel)
{
    WatchReport report;
    const int rounds = std::max(1, m_watchSeconds * 1000 / kPollMs);
    bool failed = false;
    for (int i = 0; i < rounds && !failed && !cancel.isCancelled(); ++i) {
        m_sleep(kPollMs);
        auto c = m_client.inspectContainer(id);
        if (!c) {
            report.summary = "Could not inspect the new container: " + c.error().message;
            failed = true;
            break;
        }
        report.state = c->state.status;
        report.exitCode = c->state.exitCode;
        report.health = c->state.health ? c->state.health->status : std::string();
        if (!c->state.running || c->state.restarting) {
            report.summary = "The container " +
                             std::string(c->state.restarting ? "keeps restarting" : "stopped") +
                             " with exit code " + std::to_string(c->state.exitCode) +
                             (c->state.error.empty() ? "" : " (" + c->state.error + ")") + ".";
            failed = true;
        } else if (report.health == "unhealthy") {
            report.summary = "The container's health check reports unhealthy.";
            failed = true;
        }
    }
    if (cancel.isCancelled() && !failed) {
        report.summary = "Watching was cancelled.";
        failed = true;
    }
    auto logs = m_client.get("/containers/" + urlEncode(id) + "/logs?stdout=1&stderr=1&tail=20");
    if (logs) {
        std::string tail = demuxLogs(logs.value());
        for (const auto& f : p.body.secretFiles) {
            if (f.content.size() >= 4) {
                tail = replaceAll(std::move(tail), f.content, maskSecret(f.content));
            }
        }
        StringList lines = split(trim(tail), '\n');
        for (auto& line : lines) {
            line = terminalText(line, 400);
        }
        report.logTail = join(lines, "\n");
    }
    report.stayedUp = !failed;
    if (report.stayedUp) {
        report.summary = "The container stayed up for " + std::to_string(m_watchSeconds) + " s" +
                         (report.health.empty() ? "" : " (health: " + report.health + ")") + ".";
    }
    return report;
}

Result<WatchReport> HardeningRunner::trial(const HardeningPlan& plan, const CancelToken& cancel)
{
    auto prepared = prepare(plan, true);
    if (!prepared) {
        return prepared.error();
    }
    const Prepared& p = prepared.value();
    auto id = m_writer.createContainer(p.name, p.body.json);
    step("create trial container", id ? "ok" : "failed", p.name + (id ? "" : ": " + id.error().message));
    if (!id) {
        return id.error();
    }
    WatchReport report;
    auto ready = connectNetworks(id.value(), p);
    if (ready) {
        ready = deliverSecrets(id.value(), p);
    }
    if (ready) {
        ready = m_writer.startContainer(id.value());
        step("start trial container", ready ? "ok" : "failed", ready ? p.name : ready.error().message);
    }
    if (ready) {
        report = watch(id.value(), p, cancel);
    } else {
        report.summary = "The trial container did not start: " + ready.error().message;
        report.state = "created";
    }
    step("watch trial container", report.stayedUp ? "ok" : "failed", report.summary);
    auto removed = m_writer.removeContainer(id.value());
    step("remove trial container", removed ? "ok" : "failed", removed ? p.name : removed.error().message);
    if (!removed) {
        return Error::make(removed.error().code, "The trial ran (" + report.summary + ") but its container " +
                                                     p.name +
                                                     " could not be removed: " + removed.error().message +
                                                     " Remove it with: docker rm -f " + p.name);
    }
    return report;
}

Result<ApplyOutcome> HardeningRunner::apply(const HardeningPlan& plan, const CancelToken& cancel)
{
    auto prepared = prepare(plan, false);
    if (!prepared) {
        return prepared.error();
    }
    const Prepared& p = prepared.value();
    const Container& original = p.original;
    const bool wasRunning = original.state.running;
    ApplyOutcome outcome;
    outcome.notes = p.body.notes;
    const std::string backup = backupNameFor(original.name, m_clock.nowUnix());

    if (wasRunning) {
        auto stopped = m_writer.stopContainer(original.id, kStopTimeoutSeconds);
        step("stop original", stopped ? "ok" : "failed",
             original.name + (stopped ? "" : ": " + stopped.error().message));
        if (!stopped) {
            return stopped.error();
        }
    }
    auto renamed = m_writer.renameContainer(original.id, backup);
    step("rename original", renamed ? "ok" : "failed",
         original.name + " -> " + backup + (renamed ? "" : ": " + renamed.error().message));
    if (!renamed) {
        if (wasRunning) {
            auto restarted = m_writer.startContainer(original.id);
            step("restart original", restarted ? "ok" : "failed", original.name);
        }
        return renamed.error();
    }

    // From here on, any failure restores the original under its own name.
    std::string newId;
    const auto rollback = [&](const std::string& why) -> Result<ApplyOutcome> {
        step("roll back", "started", why);
        bool ok = true;
        std::string problems;
        if (!newId.empty()) {
            auto r = m_writer.removeContainer(newId);
            step("remove hardened container", r ? "ok" : "failed", r ? original.name : r.error().message);
            if (!r) {
                ok = false;
                problems += " " + r.error().message;
            }
        }
        auto back = m_writer.renameContainer(original.id, original.name);
        step("rename original back", back ? "ok" : "failed", backup + " -> " + original.name);
        if (!back) {
            return Error::make(back.error().code, "The hardened container failed (" + why +
                                                      ") and the original could not be renamed "
                                                      "back: " +
                                                      back.error().message + " It is kept, stopped, as " +
                                                      backup + ". Restore it with: docker rm -f " +
                                                      original.name + "; docker rename " + backup + " " +
                                                      original.name + " && docker start " + original.name);
        }
        if (wasRunning) {
            auto started = m_writer.startContainer(original.id);
            step("start original", started ? "ok" : "failed", original.name);
            if (!started) {
                return Error::make(started.error().code,
                                   "The hardened container failed (" + why +
                                       ") and the original, back under its name, did not "
                                       "start: " +
                                       started.error().message);
            }
        }
        if (!ok) {
            outcome.notes.push_back("The failed hardened container could not be removed:" + problems);
        }
        outcome.rolledBack = true;
        outcome.backupName.clear();
        outcome.watch.summary = outcome.watch.summary.empty() ? why : outcome.watch.summary;
        step("roll back", "rolled back", original.name + " runs as before");
        return outcome;
    };

    auto created = m_writer.createContainer(original.name, p.body.json);
    step("create hardened container", created ? "ok" : "failed",
         original.name + (created ? "" : ": " + created.error().message));
    if (!created) {
        return rollback("the daemon refused to create it: " + created.error().message);
    }
    newId = created.value();
    outcome.newId = newId;
    if (auto r = connectNetworks(newId, p); !r) {
        return rollback("a network could not be connected: " + r.error().message);
    }
    if (auto r = deliverSecrets(newId, p); !r) {
        return rollback("a secret file could not be put in place: " + r.error().message);
    }
    if (wasRunning) {
        auto started = m_writer.startContainer(newId);
        step("start hardened container", started ? "ok" : "failed",
             original.name + (started ? "" : ": " + started.error().message));
        if (!started) {
            outcome.watch.summary = "It did not start: " + started.error().message;
            return rollback(outcome.watch.summary);
        }
        outcome.watch = watch(newId, p, cancel);
        step("watch hardened container", outcome.watch.stayedUp ? "ok" : "failed", outcome.watch.summary);
        if (!outcome.watch.stayedUp) {
            return rollback(outcome.watch.summary);
        }
    } else {
        outcome.watch.summary =
            "The original was not running, so the hardened container was created but not started.";
    }
    outcome.applied = true;
    outcome.backupName = backup;
    if (original.hostConfig.restartPolicy.name == "always") {
        outcome.notes.push_back("The backup " + backup +
                                " keeps restart policy 'always': the daemon starts it again "
                                "when it restarts. Remove the backup once you are satisfied.");
    }
    return outcome;
}

Result<void> HardeningRunner::removeBackup(const std::string& backupName)
{
    if (!isBackupName(backupName)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "'" + backupName +
                               "' is not a Drydock backup (its name has no -drydock-backup-); "
                               "nothing was removed.");
    }
    auto r = m_writer.removeContainer(backupName);
    step("remove backup", r ? "ok" : "failed", backupName + (r ? "" : ": " + r.error().message));
    return r;
}

} // namespace drydock
