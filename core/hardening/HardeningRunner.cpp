#include "core/hardening/HardeningRunner.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "core/docker/UrlEncoding.h"
#include "core/hardening/CreateBody.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/RunnerSupport.h"

#include <chrono>
#include <thread>

namespace drydock {

namespace {

constexpr int kPollMs = 500;
constexpr int kStopTimeoutSeconds = 10;

std::string autoRemoveRefusal(const Container& c)
{
    return c.name +
           " was started with --rm (AutoRemove): stopping it makes the daemon delete it together with its "
           "anonymous volumes, so no backup could be kept and its data would be lost. Nothing was changed. "
           "Recreate it without --rm first (the same docker run command without --rm, with named volumes "
           "for the data it keeps: docker volume create NAME and -v NAME:/path), then harden that container.";
}

} // namespace

// A trial's or apply's prepared container and the name the new container gets.
struct HardeningRunner::Prepared : runner::PreparedContainer
{
    std::string name;
};

HardeningRunner::HardeningRunner(DockerClient& client, DockerWriter& writer, const Clock& clock, StepLog log,
                                 Sleep sleep)
    : m_client(client), m_writer(writer), m_clock(clock), m_log(std::move(log)), m_sleep(std::move(sleep))
{
    if (!m_sleep) {
        m_sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    }
}

void HardeningRunner::update(const std::function<void(ApplyProgress&)>& change)
{
    change(m_progress);
    if (m_listener) {
        m_listener(m_progress);
    }
}

void HardeningRunner::step(const std::string& what, const std::string& outcome, const std::string& details)
{
    m_lastStep = what;
    if (m_log) {
        m_log({what, outcome, details});
    }
}

Result<HardeningRunner::Prepared> HardeningRunner::prepare(const HardeningPlan& plan, bool trial)
{
    auto original = runner::readOriginal(m_client, plan);
    if (!original) {
        return original.error();
    }
    auto prepared = runner::prepareContainer(original.value(), plan, plan.chosenEdits(), trial);
    if (!prepared) {
        return prepared.error();
    }
    Prepared p{std::move(prepared.value()), {}};
    p.name = trial ? p.original.name + std::string(runner::kTrialMarker) + runner::timeStamp(m_clock.nowUnix())
                   : p.original.name;
    return p;
}

// Networks first, then the secret files: what a created container needs before it starts.
Result<void> HardeningRunner::makeReady(const std::string& id, const Prepared& p)
{
    const runner::StepFn logStep = [this](const std::string& what, const std::string& outcome,
                                          const std::string& details) { step(what, outcome, details); };
    return runner::readyToStart(m_writer, id, p, logStep);
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
        report.logTail = join(runner::readableLogLines(logs.value(), p), "\n");
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
    WatchReport report;
    if (cancel.isCancelled()) {
        report.summary = "The trial was interrupted before its container was created.";
        step("interrupted", "interrupted", report.summary);
        return report;
    }
    auto prepared = prepare(plan, true);
    if (!prepared) {
        return prepared.error();
    }
    const Prepared& p = prepared.value();
    update([&](ApplyProgress& s) {
        s = ApplyProgress{};
        s.trial = true;
        s.endpoint = m_client.endpoint().display();
        s.name = p.name;
        s.hardenedMayExist = true;
        s.lastRequest = "create the trial container";
    });
    auto id = m_writer.createContainer(p.name, p.body.json);
    step("create trial container", id ? "ok" : "failed", p.name + (id ? "" : ": " + id.error().message));
    update([&](ApplyProgress& s) {
        s.lastRequest.clear();
        if (id) {
            s.newId = id.value();
        } else if (runner::refusedByDaemon(id.error())) {
            s.hardenedMayExist = false;
        }
    });
    if (!id) {
        return id.error();
    }
    auto ready = makeReady(id.value(), p);
    if (ready && !cancel.isCancelled()) {
        ready = m_writer.startContainer(id.value());
        step("start trial container", ready ? "ok" : "failed", ready ? p.name : ready.error().message);
    }
    if (ready) {
        report = watch(id.value(), p, cancel);
    } else {
        report.summary = "The trial container did not start: " + ready.error().message;
        report.state = "created";
    }
    if (cancel.isCancelled()) {
        step("interrupted", "interrupted", "the trial was cancelled; removing its container");
    }
    step("watch trial container", report.stayedUp ? "ok" : "failed", report.summary);
    update([](ApplyProgress& s) { s.lastRequest = "remove the trial container"; });
    auto removed = m_writer.removeContainer(id.value());
    step("remove trial container", removed ? "ok" : "failed", removed ? p.name : removed.error().message);
    update([&](ApplyProgress& s) {
        s.lastRequest.clear();
        s.hardenedMayExist = !removed;
        s.finished = bool(removed);
    });
    if (!removed) {
        return Error::make(removed.error().code, "The trial ran (" + report.summary + ") but its container " +
                                                     p.name +
                                                     " could not be removed: " + removed.error().message +
                                                     " Remove it with: docker rm -f " + shellQuote(p.name));
    }
    return report;
}

Result<ApplyOutcome> HardeningRunner::apply(const HardeningPlan& plan, const CancelToken& cancel)
{
    ApplyOutcome outcome;
    if (cancel.isCancelled()) {
        outcome.interrupted = true;
        outcome.watch.summary = "The apply was interrupted before anything was changed.";
        step("interrupted", "interrupted", outcome.watch.summary);
        return outcome;
    }
    auto prepared = prepare(plan, false);
    if (!prepared) {
        return prepared.error();
    }
    const Prepared& p = prepared.value();
    const Container& original = p.original;
    if (original.hostConfig.autoRemove) {
        step("check original", "refused", original.name + " was started with --rm (AutoRemove)");
        return Error::make(ErrorCode::InvalidArgument, autoRemoveRefusal(original));
    }
    const bool wasRunning = original.state.running;
    const RestartPolicy policy = original.hostConfig.restartPolicy;
    outcome.notes = p.body.notes;
    const std::string backup = backupNameFor(original.name, m_clock.nowUnix());
    update([&](ApplyProgress& s) {
        s = ApplyProgress{};
        s.endpoint = m_client.endpoint().display();
        s.name = original.name;
        s.originalId = original.id;
        s.backupName = backup;
        s.wasRunning = wasRunning;
        s.originalPolicy = policy;
    });
    // Marks a request as sent before it goes out, and clears it afterwards when the daemon refused it.
    const auto sending = [&](const std::string& words, const std::function<void(ApplyProgress&)>& mark) {
        update([&](ApplyProgress& s) {
            s.lastRequest = words;
            mark(s);
        });
    };
    const auto answered = [&](const Result<void>& r, const std::function<void(ApplyProgress&)>& unmark) {
        update([&](ApplyProgress& s) {
            s.lastRequest.clear();
            if (!r && runner::refusedByDaemon(r.error())) {
                unmark(s);
            }
        });
    };

    // Every failure and every interruption from here on undoes what the progress says was done, in reverse.
    const auto rollback = [&](const std::string& why, bool interrupted) -> Result<ApplyOutcome> {
        if (interrupted) {
            outcome.interrupted = true;
            step("interrupted", "interrupted", "cancelled after \"" + m_lastStep + "\"; rolling back");
        }
        step("roll back", "started", why);
        const auto failed = [&](const std::string& what, const Error& e) -> Result<ApplyOutcome> {
            step("roll back", "failed", what + ": " + e.message);
            return Error::make(e.code, "The apply stopped (" + why + ") and the rollback failed: " + what +
                                           ": " + e.message + "\n" + leftStateText(m_progress));
        };
        if (m_progress.hardenedMayExist) {
            std::string id = m_progress.newId;
            if (id.empty()) {
                // The create's answer was lost: whatever now carries the name is not the original (renamed).
                auto named = m_client.inspectContainer(original.name);
                if (named && named->id != original.id) {
                    id = named->id;
                } else if (!named && !runner::isNotFound(named.error())) {
                    return failed("could not look for the hardened container", named.error());
                }
            }
            if (!id.empty()) {
                sending("remove the hardened container", [](ApplyProgress&) {});
                auto r = m_writer.removeContainer(id);
                step("remove hardened container", r ? "ok" : "failed", r ? original.name : r.error().message);
                update([&](ApplyProgress& s) { s.lastRequest.clear(); });
                if (!r && !runner::isNotFound(r.error())) {
                    return failed("the hardened container could not be removed", r.error());
                }
            }
            update([](ApplyProgress& s) { s.hardenedMayExist = false; });
        }
        if (m_progress.renameSent && !m_progress.renamedBack) {
            sending("rename the original back to " + original.name,
                    [](ApplyProgress& s) { s.renameBackSent = true; });
            auto back = m_writer.renameContainer(original.id, original.name);
            update([&](ApplyProgress& s) { s.lastRequest.clear(); });
            if (!back) {
                // A lost forward rename leaves the name in place: that is the state we want.
                auto now = m_client.inspectContainer(original.id);
                if (!now || now->name != original.name) {
                    step("rename original back", "failed",
                         backup + " -> " + original.name + ": " + back.error().message);
                    if (now) {
                        update([](ApplyProgress& s) { s.renameBackSent = false; }); // confirmed not renamed
                    }
                    return failed("the original could not be renamed back to " + original.name, back.error());
                }
            }
            update([](ApplyProgress& s) { s.renamedBack = true; });
            step("rename original back", "ok", backup + " -> " + original.name);
        }
        std::string policyProblem;
        if (m_progress.policyChangeSent && !m_progress.policyRestored) {
            sending("restore the original's restart policy", [](ApplyProgress&) {});
            auto r = m_writer.setRestartPolicy(original.id, policy.name, policy.maximumRetryCount);
            step("restore restart policy", r ? "ok" : "failed",
                 original.name + ": no -> " + restartPolicyText(policy) +
                     (r ? "" : ": " + r.error().message));
            update([&](ApplyProgress& s) {
                s.lastRequest.clear();
                s.policyRestored = bool(r);
            });
            if (!r) {
                policyProblem = r.error().message; // still start the original first
            }
        }
        if (wasRunning && m_progress.stopSent && !m_progress.originalStarted) {
            sending("start the original", [](ApplyProgress&) {});
            auto started = m_writer.startContainer(original.id);
            step("start original", started ? "ok" : "failed",
                 original.name + (started ? "" : ": " + started.error().message));
            update([&](ApplyProgress& s) {
                s.lastRequest.clear();
                s.originalStarted = bool(started);
            });
            if (!started) {
                return failed("the original, back under its name, did not start", started.error());
            }
        }
        if (!policyProblem.empty()) {
            return failed("its restart policy could not be set back",
                          Error::make(ErrorCode::HttpError, policyProblem));
        }
        update([](ApplyProgress& s) { s.finished = true; });
        outcome.rolledBack = true;
        outcome.applied = false;
        outcome.backupName.clear();
        outcome.watch.summary = outcome.watch.summary.empty() ? why : outcome.watch.summary;
        step("roll back", "rolled back",
             original.name + (wasRunning ? " runs as before" : " is as before") +
                 (interrupted ? " (the apply was interrupted)" : ""));
        return outcome;
    };
    const std::string kInterrupted = "the apply was interrupted";

    if (wasRunning) {
        sending("stop the original", [](ApplyProgress& s) { s.stopSent = true; });
        auto stopped = m_writer.stopContainer(original.id, kStopTimeoutSeconds);
        step("stop original", stopped ? "ok" : "failed",
             original.name + (stopped ? "" : ": " + stopped.error().message));
        answered(stopped, [](ApplyProgress& s) { s.stopSent = false; });
        if (!stopped) {
            if (m_progress.nothingToRestore()) {
                return stopped.error();
            }
            return rollback("the original could not be stopped: " + stopped.error().message, false);
        }
    }
    // A stop can delete the container (AutoRemove set meanwhile, or someone else removed it): never go on,
    // and never claim a backup, without the original.
    auto still = m_client.inspectContainer(original.id);
    step("check original still exists", still ? "ok" : "failed",
         original.name + (still ? "" : ": " + still.error().message));
    if (!still && runner::isNotFound(still.error())) {
        update([](ApplyProgress& s) { s.finished = true; });
        return Error::make(ErrorCode::NotFound,
                           original.name + " (" + original.id.substr(0, 12) +
                               ") no longer exists after it was stopped: the daemon removed it (a container "
                               "started with --rm is deleted with its anonymous volumes when it stops), or "
                               "someone else did. Drydock created nothing and there is no backup of it; its "
                               "named volumes are kept (docker volume ls).");
    }
    if (!still) {
        return rollback("could not check that the original still exists: " + still.error().message, false);
    }
    if (still->hostConfig.autoRemove) {
        return rollback("the original was switched to --rm (AutoRemove) meanwhile; " +
                            autoRemoveRefusal(original),
                        false);
    }
    if (cancel.isCancelled()) {
        return rollback(kInterrupted, true);
    }

    // A backup that restarts by itself would run beside the hardened container, on the same volumes, the next
    // time the daemon starts.
    if (restartsByItself(policy)) {
        sending("set the original's restart policy to no",
                [](ApplyProgress& s) { s.policyChangeSent = true; });
        auto r = m_writer.setRestartPolicy(original.id, "no", 0);
        step("set backup restart policy", r ? "ok" : "failed",
             original.name + ": " + restartPolicyText(policy) + " -> no" +
                 (r ? "" : ": " + r.error().message));
        answered(r, [](ApplyProgress& s) { s.policyChangeSent = false; });
        if (!r) {
            return rollback(
                "the original's restart policy could not be set to 'no', and a backup that starts by "
                "itself would share the volumes: " +
                    r.error().message,
                false);
        }
        if (cancel.isCancelled()) {
            return rollback(kInterrupted, true);
        }
    }

    sending("rename the original to " + backup, [](ApplyProgress& s) { s.renameSent = true; });
    auto renamed = m_writer.renameContainer(original.id, backup);
    step("rename original", renamed ? "ok" : "failed",
         original.name + " -> " + backup + (renamed ? "" : ": " + renamed.error().message));
    answered(renamed, [](ApplyProgress& s) { s.renameSent = false; });
    if (!renamed) {
        return rollback("the original could not be renamed: " + renamed.error().message, false);
    }
    if (cancel.isCancelled()) {
        return rollback(kInterrupted, true);
    }

    sending("create the hardened container", [](ApplyProgress& s) { s.hardenedMayExist = true; });
    auto created = m_writer.createContainer(original.name, p.body.json);
    step("create hardened container", created ? "ok" : "failed",
         original.name + (created ? "" : ": " + created.error().message));
    update([&](ApplyProgress& s) {
        s.lastRequest.clear();
        if (created) {
            s.newId = created.value();
        } else if (runner::refusedByDaemon(created.error())) {
            s.hardenedMayExist = false;
        }
    });
    if (!created) {
        return rollback("the daemon refused to create it: " + created.error().message, false);
    }
    const std::string newId = created.value();
    outcome.newId = newId;
    if (cancel.isCancelled()) {
        return rollback(kInterrupted, true);
    }
    if (auto r = makeReady(newId, p); !r) {
        return rollback("a network or secret file could not be put in place: " + r.error().message, false);
    }
    if (cancel.isCancelled()) {
        return rollback(kInterrupted, true);
    }
    if (wasRunning) {
        sending("start the hardened container", [](ApplyProgress&) {});
        auto started = m_writer.startContainer(newId);
        step("start hardened container", started ? "ok" : "failed",
             original.name + (started ? "" : ": " + started.error().message));
        update([](ApplyProgress& s) { s.lastRequest.clear(); });
        if (!started) {
            outcome.watch.summary = "It did not start: " + started.error().message;
            return rollback(outcome.watch.summary, false);
        }
        outcome.watch = watch(newId, p, cancel);
        step("watch hardened container", outcome.watch.stayedUp ? "ok" : "failed", outcome.watch.summary);
        if (cancel.isCancelled()) {
            return rollback(kInterrupted, true);
        }
        if (!outcome.watch.stayedUp) {
            return rollback(outcome.watch.summary, false);
        }
    } else {
        outcome.watch.summary =
            "The original was not running, so the hardened container was created but not started.";
    }
    update([](ApplyProgress& s) { s.finished = true; });
    outcome.applied = true;
    // Only a backup that is really there is announced.
    auto kept = m_client.inspectContainer(original.id);
    if (kept && kept->name == backup) {
        outcome.backupName = backup;
        step("check backup", "ok", backup);
    } else {
        const std::string why = kept ? "it is named " + kept->name + " now" : kept.error().message;
        step("check backup", "failed", backup + ": " + why);
        outcome.notes.push_back("The original " + original.id.substr(0, 12) + " could not be found as " +
                                backup + " after the apply (" + why + "): there may be no backup of it.");
    }
    if (m_progress.policyChangeSent) {
        outcome.notes.push_back(
            "The backup's restart policy was set to 'no' (it was '" + restartPolicyText(policy) +
            "') so that it never starts beside the hardened container when the daemon "
            "restarts; restoring it by hand, give it back with: docker update --restart " +
            restartPolicyText(policy) + " " + backup);
    }
    return outcome;
}

} // namespace drydock
