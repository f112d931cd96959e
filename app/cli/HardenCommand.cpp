#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HardenProbe.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/InterruptGuard.h"
#include "app/cli/OutputFile.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningLoader.h"
#include "core/hardening/HardeningRunner.h"
#include "core/hardening/PlanWaivers.h"
#include "core/json/ModelParser.h"
#include "core/report/HardeningJson.h"
#include "core/scan/Scanner.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>

namespace drydock::app {

namespace {

// Exit code when the hardened container did not stay up: the trial failed, or apply rolled back.
constexpr int kExitDidNotStayUp = ExitFindings;

// Exit code after SIGINT, SIGTERM or SIGHUP, as a shell reports a command the signal ended.
int exitInterrupted(int signalNumber)
{
    return 128 + signalNumber;
}

// The latest progress of a trial or apply, shared with the thread that takes a second signal, and how that
// thread records the abort (set only while the history and the plan it uses exist).
struct SharedProgress
{
    std::mutex mutex;
    std::optional<ApplyProgress> progress;
    std::string probeLeft; // during a probe: what a quit at once may leave behind
    std::function<void(const std::string& details)> recordAbort;
};

// Clears SharedProgress::recordAbort when what it refers to goes away.
struct AbortRecorderScope
{
    SharedProgress& shared;
    ~AbortRecorderScope()
    {
        const std::lock_guard<std::mutex> lock(shared.mutex);
        shared.recordAbort = nullptr;
    }
};

// Text from the daemon (log tails, names) may hold escape sequences: each line is made terminal-safe.
std::string safeLines(const std::string& text)
{
    StringList lines = split(text, '\n');
    for (auto& line : lines) {
        line = terminalText(line, 4000);
    }
    return join(lines, "\n");
}

void say(const std::string& text)
{
    std::fputs(safeLines(text).c_str(), stderr);
    std::fputc('\n', stderr);
}

bool applyChoices(const ParsedArgs& args, HardeningPlan& plan, std::string& error)
{
    std::set<Area> only;
    for (const auto& list : args.all("--only")) {
        for (const auto& word : split(list, ',')) {
            const auto area = areaFromString(trim(word));
            if (!area) {
                error = "unknown area '" + word + "' (use image, container, runtime, network, secrets)";
                return false;
            }
            only.insert(*area);
        }
    }
    if (!only.empty()) {
        std::vector<HardeningChange> kept;
        for (auto& c : plan.changes) {
            if (only.count(c.area) > 0) {
                kept.push_back(std::move(c));
            }
        }
        plan.changes = std::move(kept);
    }
    for (const auto& spec : args.all("--choose")) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos || eq == 0) {
            error = "--choose wants ID=apply|skip|waive:REASON, e.g. CTR-001=skip (got '" + spec + "')";
            return false;
        }
        const std::string id = trim(spec.substr(0, eq));
        std::string value = trim(spec.substr(eq + 1));
        std::string reason;
        if (startsWith(value, "waive:")) {
            reason = trim(value.substr(6));
            value = "waive";
        }
        const auto choice = changeChoiceFromString(value);
        if (!choice || (*choice == ChangeChoice::Waive && reason.empty())) {
            error = "--choose " + id + "= wants apply, skip or waive:REASON (got '" + spec + "')";
            return false;
        }
        if (id == "all") {
            for (auto& c : plan.changes) {
                if (c.automatic || *choice != ChangeChoice::Apply) {
                    c.choice = *choice;
                    c.waiveReason = reason;
                }
            }
            continue;
        }
        HardeningChange* change = plan.find(id);
        if (change == nullptr) {
            error = "the plan has no change '" + id + "' (the plan lists the ids in brackets)";
            return false;
        }
        change->choice = *choice;
        change->waiveReason = reason;
    }
    return true;
}

std::string watchText(const WatchReport& w)
{
    std::string out = w.summary;
    if (!w.logTail.empty()) {
        out += "\nLast log lines:\n" + w.logTail;
    }
    return out;
}

int removeBackups(DockerClient& client, const std::string& target, bool force, HistoryStore* history,
                  const Clock& clock)
{
    StringList names;
    if (HardeningRunner::isBackupName(target)) {
        names.push_back(target);
    } else {
        auto ids = client.listContainerIds();
        if (!ids) {
            say("drydock: " + ids.error().message);
            return ExitDaemon;
        }
        for (auto& c : client.inspectContainers(ids.value())) {
            if (c && startsWith(c->name, target + "-drydock-backup-")) {
                names.push_back(c->name);
            }
        }
    }
    if (names.empty()) {
        say("drydock: no Drydock backup of '" + target + "' was found; nothing was removed.");
        return ExitOk;
    }
    int code = ExitOk;
    DockerWriter writer(client.transport(), client.apiVersion(), {});
    HardeningRunner runner(client, writer, clock, [&](const HardeningAction& a) {
        if (history != nullptr) {
            (void)history->actions().add({0,
                                          client.endpoint().display(),
                                          "container",
                                          {},
                                          target,
                                          "remove backup: " + a.step,
                                          a.outcome,
                                          a.details,
                                          clock.nowUnix()});
        }
    });
    for (const auto& n : names) {
        auto r = runner.removeBackup(n, force);
        say(r ? "Removed the backup " + n + " (its volumes are kept)." : "drydock: " + r.error().message);
        if (!r) {
            // A refusal (data only in the backup) is the user's call, like --apply without --yes.
            code = r.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitDaemon;
        }
    }
    return code;
}

} // namespace

int runHarden(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(hardenSpec(), words, error);
    if (!args) {
        std::fprintf(stderr, "drydock harden: %s\n", error.c_str());
        return ExitUsage;
    }
    if (args->wantsHelp()) {
        std::fputs(hardenHelp().c_str(), stdout);
        return ExitOk;
    }
    if (args->positionals.empty()) {
        std::fprintf(stderr, "drydock harden: name a container or an image (see drydock harden --help)\n");
        return ExitUsage;
    }
    const std::string target = args->positionals.front();
    const std::string format = args->last("--format").value_or("text");
    if (format != "text" && format != "json" && format != "script" && format != "markdown") {
        std::fprintf(stderr, "drydock harden: unknown format '%s' (use text, json, script or markdown)\n",
                     format.c_str());
        return ExitUsage;
    }
    if (args->has("--apply") && !args->has("--yes")) {
        std::fprintf(stderr,
                     "drydock harden: --apply changes the container (stop, keep as backup, recreate); "
                     "add --yes to confirm\n");
        return ExitUsage;
    }
    if (args->has("--force") && !args->has("--remove-backup")) {
        std::fprintf(stderr, "drydock harden: --force goes with --remove-backup only\n");
        return ExitUsage;
    }
    int watchSeconds = 5;
    if (const auto w = args->last("--watch")) {
        watchSeconds = std::atoi(w->c_str());
        if (watchSeconds < 1 || watchSeconds > 600) {
            std::fprintf(stderr, "drydock harden: --watch wants seconds between 1 and 600\n");
            return ExitUsage;
        }
    }

    // A trial or apply is cancelled and rolled back on SIGINT, SIGTERM or SIGHUP. The guard comes before the
    // connection so that every thread started later inherits the blocked signals.
    const CancelToken cancel;
    SharedProgress shared;
    std::optional<InterruptGuard> guard;
    if (args->has("--apply") || args->has("--trial") || args->has("--probe")) {
        guard.emplace(
            cancel,
            [](int signalNumber) {
                say("drydock: " + InterruptGuard::signalName(signalNumber) +
                    " received: stopping and undoing what was changed (a second signal quits at once and "
                    "prints how to restore by hand).");
            },
            [&shared](int signalNumber) {
                const std::lock_guard<std::mutex> lock(shared.mutex);
                const std::string text = !shared.probeLeft.empty() ? shared.probeLeft
                                         : shared.progress        ? leftStateText(*shared.progress)
                                                                  : "Nothing had been changed.";
                say("drydock: " + InterruptGuard::signalName(signalNumber) + " again: quitting at once.\n" +
                    text);
                if (shared.recordAbort) {
                    shared.recordAbort(InterruptGuard::signalName(signalNumber) + ": " + text);
                }
            });
    }

    std::unique_ptr<HistoryStore> history;
    const bool changes = args->has("--apply") || args->has("--trial") || args->has("--probe") ||
                         args->has("--remove-backup") || !args->all("--choose").empty();
    if (changes && !args->has("--no-history")) {
        auto store = openHistory(*args);
        if (!store) {
            say("drydock: " + store.error().message);
            return ExitLocalError;
        }
        history = std::move(store.value());
    }
    auto client = connectFromArgs(*args);
    if (!client) {
        say("drydock: " + client.error().message);
        return ExitDaemon;
    }
    DockerClient& docker = *client.value();
    const SystemClock clock;
    if (args->has("--remove-backup")) {
        return removeBackups(docker, target, args->has("--force"), history.get(), clock);
    }

    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    NullProgressSink progress;
    auto loaded = HardeningLoader::load(docker, catalogue, clock, ScanSettings{}, target, progress, cancel);
    if (guard && guard->signalNumber() != 0) {
        say("drydock: interrupted before anything was changed.");
        return exitInterrupted(guard->signalNumber());
    }
    if (!loaded) {
        say("drydock: " + loaded.error().message);
        const ErrorCode why = loaded.error().code;
        return why == ErrorCode::NotFound || why == ErrorCode::InvalidArgument ? ExitUsage : ExitDaemon;
    }
    // An apply replaces what the word names: an id prefix might name another container than meant.
    if (args->has("--apply") && loaded->matchedBy &&
        !ContainerResolver::isExactEnoughToChange(*loaded->matchedBy)) {
        say("drydock: '" + target + "' is only the start of the id of container " + loaded->plan.object.name +
            " (" + loaded->plan.object.id +
            "); --apply changes what it names, so give its exact name or its "
            "full id. Nothing was changed.");
        return ExitUsage;
    }
    HardeningPlan& plan = loaded->plan;
    if (!applyChoices(*args, plan, error)) {
        std::fprintf(stderr, "drydock harden: %s\n", error.c_str());
        return ExitUsage;
    }
    attachComposeFile(plan, composeFileReaderFor(docker.endpoint().kind == DockerEndpoint::Kind::Unix));
    if ((args->has("--apply") || args->has("--trial") || args->has("--probe")) && !plan.isContainer()) {
        std::fprintf(stderr,
                     "drydock harden: an image is hardened in its Dockerfile; --probe, --trial and --apply work "
                     "on containers\n");
        return ExitUsage;
    }

    const std::string endpoint = docker.endpoint().display();
    std::mutex historyMutex; // the signal thread may record an abort while the runner records a step
    const auto addAction = [&](const std::string& step, const std::string& outcome,
                               const std::string& details) {
        if (history) {
            const std::lock_guard<std::mutex> lock(historyMutex);
            auto r = history->actions().add({0, endpoint, toString(plan.object.type), plan.object.id,
                                             plan.object.name, step, outcome, details, clock.nowUnix()});
            if (!r) {
                say("drydock: could not record the action in the history: " + r.error().message);
            }
        }
    };
    const auto listen = [&shared](const ApplyProgress& p) {
        const std::lock_guard<std::mutex> lock(shared.mutex);
        shared.progress = p;
    };
    const auto record = [&](const std::string& phase) {
        return
            [&, phase](const HardeningAction& a) { addAction(phase + ": " + a.step, a.outcome, a.details); };
    };
    // The signal thread calls this under shared.mutex: the phase changes under it too.
    std::string phaseNow;
    const auto enterPhase = [&](const std::string& phase) {
        const std::lock_guard<std::mutex> lock(shared.mutex);
        phaseNow = phase;
        shared.recordAbort = [&](const std::string& details) {
            addAction(phaseNow + ": aborted", "aborted", details);
        };
    };
    const AbortRecorderScope abortRecorderScope{shared};
    // Waivers chosen in the plan are stored like `history waivers add` would.
    if (history) {
        for (const auto& w : planWaivers(plan, endpoint, clock.nowUnix())) {
            if (auto r = history->waivers().add(w); !r) {
                say("drydock: could not store the waiver for " + w.ruleId + ": " + r.error().message);
                return ExitLocalError;
            }
        }
    }

    std::optional<WatchReport> trial;
    std::optional<ApplyOutcome> applied;
    std::optional<ProbeResult> probed;
    int code = ExitOk;
    DockerWriter writer(docker.transport(), docker.apiVersion(), {});
    if (args->has("--probe")) {
        enterPhase("probe");
        {
            const std::lock_guard<std::mutex> lock(shared.mutex);
            shared.probeLeft = "Trial containers named " + plan.object.name +
                               "-drydock-trial-… may be left on the daemon; nothing existing was changed. The "
                               "next drydock harden " + plan.object.name + " --probe removes them.";
        }
        const HardenProbeContext context{docker,
                                         writer,
                                         clock,
                                         watchSeconds,
                                         cancel,
                                         [&guard] { return guard->signalNumber(); },
                                         record("probe"),
                                         addAction,
                                         [](const std::string& text) { say(text); }};
        auto outcome = runHardenProbe(context, plan);
        {
            const std::lock_guard<std::mutex> lock(shared.mutex);
            shared.probeLeft.clear();
        }
        if (const int* exit = std::get_if<int>(&outcome)) {
            return *exit;
        }
        probed = std::move(std::get<ProbeResult>(outcome));
        // What the user chose on the command line wins over what the probe found.
        if (!applyChoices(*args, plan, error)) {
            std::fprintf(stderr, "drydock harden: %s\n", error.c_str());
            return ExitUsage;
        }
        attachComposeFile(plan, composeFileReaderFor(docker.endpoint().kind == DockerEndpoint::Kind::Unix));
    }
    if (args->has("--trial")) {
        enterPhase("trial");
        HardeningRunner runner(docker, writer, clock, record("trial"));
        runner.setWatchSeconds(watchSeconds);
        runner.setProgressListener(listen);
        auto r = runner.trial(plan, cancel);
        if (!r) {
            say("drydock: the trial failed: " + r.error().message);
            return ExitDaemon;
        }
        trial = r.value();
        if (guard->signalNumber() != 0) {
            addAction("trial: interrupted", "interrupted",
                      InterruptGuard::signalName(guard->signalNumber()) +
                          ": the trial container was removed; nothing existing was touched");
            say("Trial interrupted: its container was removed; nothing existing was touched.");
            return exitInterrupted(guard->signalNumber());
        }
        say(std::string(trial->stayedUp ? "Trial passed: " : "Trial FAILED: ") + watchText(*trial));
        if (!trial->stayedUp) {
            code = kExitDidNotStayUp;
        }
    }
    if (args->has("--apply") && code == ExitOk) {
        if (history) {
            if (auto saved = history->scans().save(loaded->scan); !saved) {
                say("drydock: could not store the scan before applying: " + saved.error().message);
                return ExitLocalError;
            }
        }
        enterPhase("apply");
        const auto recordApply = record("apply");
        HardeningRunner runner(docker, writer, clock, [&](const HardeningAction& a) {
            recordApply(a);
            if (a.step == "start hardened container" && a.outcome == "ok") {
                say("Started the hardened " + plan.object.name + "; watching it for " +
                    std::to_string(watchSeconds) + " s (Ctrl-C stops and rolls back).");
            }
        });
        runner.setWatchSeconds(watchSeconds);
        runner.setProgressListener(listen);
        auto r = runner.apply(plan, cancel);
        if (!r) {
            say("drydock: " + r.error().message);
            return r.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitDaemon;
        }
        applied = r.value();
        if (applied->interrupted) {
            const std::string signal = InterruptGuard::signalName(guard->signalNumber());
            const std::string what = applied->rolledBack
                                         ? "rolled back: " + plan.object.name + " runs as before"
                                         : "nothing had been changed";
            addAction("apply: interrupted", "interrupted", signal + ": " + what);
            say("Interrupted (" + signal + "): " + what + ".");
            return exitInterrupted(guard->signalNumber());
        }
        if (applied->applied) {
            say("Applied: " + plan.object.name + " runs hardened. " + applied->watch.summary +
                (applied->backupName.empty()
                     ? std::string("\nNo backup of the original could be confirmed (see the note below).")
                     : "\nThe original is kept, stopped, as " + applied->backupName + " (drydock harden " +
                           plan.object.name + " --remove-backup removes it; volumes are kept)."));
            // A rescan closes what the apply resolved.
            Scanner scanner(docker, catalogue, clock);
            auto rescan = scanner.scan(ScanSettings{}, progress, cancel);
            if (rescan) {
                StringList still;
                for (const auto& f : rescan->findings.all()) {
                    if (f.object.type == ObjectType::Container && f.object.name == plan.object.name) {
                        for (const auto& rule : plan.resolvedRuleIds()) {
                            if (f.ruleId == rule) {
                                still.push_back(rule);
                            }
                        }
                    }
                }
                say("Rescan: " + std::to_string(plan.resolvedRuleIds().size() - still.size()) + " of " +
                    std::to_string(plan.resolvedRuleIds().size()) + " targeted rules no longer fire" +
                    (still.empty() ? "." : "; still open: " + join(still, ", ") + "."));
                if (history) {
                    if (auto saved = history->scans().save(rescan.value()); !saved) {
                        say("drydock: could not store the rescan: " + saved.error().message);
                    }
                }
            } else if (cancel.isCancelled()) {
                say("Rescan skipped: interrupted after the apply had finished.");
            } else {
                say("drydock: the rescan after applying failed: " + rescan.error().message);
            }
        } else {
            say("Rolled back: " + plan.object.name + " runs as before. " + watchText(applied->watch));
            code = kExitDidNotStayUp;
        }
        for (const auto& n : applied->notes) {
            say("Note: " + n);
        }
    }

    std::string text;
    if (format == "json") {
        text = json::hardeningPlanToJson(plan, trial, applied, probed);
    } else if (format == "script") {
        text = renderPlanScript(plan);
    } else if (format == "markdown") {
        text = renderPlanMarkdown(plan);
    } else {
        text = safeLines(renderPlanText(plan));
    }
    const std::string output = args->last("--output").value_or("-");
    if (output != "-" || !(args->has("--apply") || args->has("--trial")) || args->has("--format")) {
        if (auto w = writeOutput(output, text); !w) {
            say("drydock: " + w.error().message);
            return ExitLocalError;
        }
    }
    return code;
}

} // namespace drydock::app
