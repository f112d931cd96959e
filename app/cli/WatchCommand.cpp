// `drydock watch`: a baseline scan, then the daemon's event stream; each object an event touches is
// re-evaluated and the AlertEngine decides whether it is news. One line per alert on stdout, each stored in
// the history. Only reads from the daemon.
#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/Connection.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/InterruptGuard.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "core/docker/TransportFactory.h"
#include "core/findings/Waiver.h"
#include "core/scan/AlertEngine.h"
#include "core/scan/EventTargets.h"
#include "core/scan/ObjectReevaluator.h"
#include "core/scan/Scanner.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

namespace drydock::app {

namespace {

int fail(int code, const std::string& message)
{
    std::fprintf(stderr, "drydock: %s\n", message.c_str());
    return code;
}

// What the event thread hands the main thread: objects to re-check, or the end of the stream.
struct EventQueue
{
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<EventTarget> targets;
    bool ended = false;
    std::string endReason; // empty: ended by a cancel (a signal)
};

// Burst folding, as the GUI's EventWatcher does it: `docker run` is create, network connect and start
// within milliseconds; one look after the burst sees the container running.
constexpr auto kQuiet = std::chrono::milliseconds(300);

std::vector<EventTarget> nextBatch(EventQueue& queue, const CancelToken& cancel, bool& ended)
{
    std::unique_lock<std::mutex> lock(queue.mutex);
    queue.wake.wait(lock, [&] { return !queue.targets.empty() || queue.ended || cancel.isCancelled(); });
    if (!queue.targets.empty()) {
        // Take what came within a quiet spell, up to two seconds of a steady stream.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        std::size_t seen = queue.targets.size();
        while (!queue.ended && !cancel.isCancelled() && std::chrono::steady_clock::now() < deadline) {
            queue.wake.wait_for(lock, kQuiet);
            if (queue.targets.size() == seen) {
                break;
            }
            seen = queue.targets.size();
        }
    }
    std::vector<EventTarget> batch;
    for (auto& t : queue.targets) {
        if (std::find(batch.begin(), batch.end(), t) == batch.end()) {
            batch.push_back(std::move(t));
        }
    }
    queue.targets.clear();
    ended = queue.ended && batch.empty();
    return batch;
}

} // namespace

int runWatch(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(watchSpec(), words, error);
    if (!args) {
        return fail(ExitUsage, error);
    }
    if (args->wantsHelp()) {
        std::fputs(watchHelp().c_str(), stdout);
        return ExitOk;
    }
    Severity threshold = Severity::High;
    if (const auto t = args->last("--threshold")) {
        const auto s = severityFromString(*t);
        if (!s) {
            return fail(ExitUsage,
                        "--threshold wants critical, high, medium, low or info (got '" + *t + "')");
        }
        threshold = *s;
    }
    std::optional<Severity> failOn;
    if (const auto f = args->last("--fail-on")) {
        failOn = severityFromString(*f);
        if (!failOn) {
            return fail(ExitUsage, "--fail-on wants critical, high, medium, low or info (got '" + *f + "')");
        }
        threshold = std::min(threshold, *failOn); // an alert below the threshold could never fail the watch
    }

    // Signals are blocked before any other thread starts, so the guard's thread takes them all.
    const CancelToken cancel;
    InterruptGuard guard(
        cancel, [](int) {},
        [](int signalNumber) {
            std::fprintf(stderr, "drydock: %s again: quitting at once.\n",
                         InterruptGuard::signalName(signalNumber).c_str());
        });

    auto history = openHistory(*args);
    if (!history) {
        return fail(ExitLocalError, history.error().message);
    }
    auto client = connectFromArgs(*args);
    if (!client) {
        return fail(ExitDaemon, client.error().message);
    }
    client.value()->abortRequestsOn(cancel);
    const DockerEndpoint endpoint = client.value()->endpoint();
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const SystemClock clock;
    const ScanSettings settings;

    // The baseline: what is already there is not news. It is not stored as a scan (host checks are not run,
    // so it is not a full scan); the history gets the alerts.
    Scanner scanner(*client.value(), catalogue, clock);
    HostScanOptions hostOptions;
    hostOptions.enabled = false;
    scanner.setHostOptions(hostOptions);
    NullProgressSink progress;
    auto scan = scanner.scan(settings, progress, cancel);
    if (cancel.isCancelled()) {
        return ExitOk;
    }
    if (!scan) {
        return fail(ExitDaemon, scan.error().message);
    }
    const std::string endpointName = scan->inventory.endpoint;
    auto readWaivers = [&]() -> Result<std::vector<Waiver>> { return history.value()->waivers().list(); };
    auto waivers = readWaivers();
    if (!waivers) {
        return fail(ExitLocalError, waivers.error().message);
    }
    std::vector<Finding> findings = scan->findings.all();
    applyWaivers(findings, waivers.value(), endpointName, clock.nowUnix());
    Inventory inventory = std::move(scan->inventory);
    std::fprintf(stderr,
                 "Watching %s (%zu containers, %zu findings): one line per new finding at or above %s%s. "
                 "Ctrl+C stops.\n",
                 terminalText(endpointName, 200).c_str(), inventory.containers.size(), findings.size(),
                 toString(threshold),
                 failOn ? (std::string("; exits 1 on the first at or above ") + toString(*failOn)).c_str()
                        : "");

    // The stream has its own connection: the main thread reads the daemon while the stream stays open.
    EventQueue queue;
    std::thread stream([&queue, &cancel, endpoint, since = scan->startedAtUnix] {
        std::string reason;
        auto transport = makeTransport(endpoint);
        if (!transport) {
            reason = transport.error().message;
        } else {
            DockerClient events(std::move(transport.value()), endpoint);
            events.abortRequestsOn(cancel);
            if (auto v = events.negotiate(); !v) {
                reason = v.error().message;
            } else {
                auto streamed = events.streamEvents(
                    since,
                    [&](const DockerEvent& event) {
                        auto targets = eventTargets(event);
                        if (!targets.empty()) {
                            const std::lock_guard<std::mutex> lock(queue.mutex);
                            queue.targets.insert(queue.targets.end(), targets.begin(), targets.end());
                            queue.wake.notify_all();
                        }
                        return !cancel.isCancelled();
                    },
                    cancel);
                reason =
                    streamed ? std::string("the daemon closed the event stream") : streamed.error().message;
            }
        }
        const std::lock_guard<std::mutex> lock(queue.mutex);
        queue.ended = true;
        queue.endReason = cancel.isCancelled() ? std::string() : reason;
        queue.wake.notify_all();
    });

    AlertEngine engine(threshold);
    ObjectReevaluator reevaluator(*client.value(), catalogue);
    int exitCode = ExitOk;
    while (true) {
        bool ended = false;
        const auto batch = [&] {
            // Wake up now and then to notice a signal even when the daemon is quiet.
            std::unique_lock<std::mutex> lock(queue.mutex);
            while (queue.targets.empty() && !queue.ended && !cancel.isCancelled()) {
                queue.wake.wait_for(lock, std::chrono::milliseconds(100));
            }
            lock.unlock();
            return nextBatch(queue, cancel, ended);
        }();
        if (cancel.isCancelled()) {
            break;
        }
        if (ended) {
            exitCode = ExitDaemon;
            std::string reason;
            {
                const std::lock_guard<std::mutex> lock(queue.mutex);
                reason = queue.endReason;
            }
            while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) {
                reason.pop_back();
            }
            std::fprintf(stderr,
                         "drydock: lost the Docker daemon while watching %s: %s. Start it again, then "
                         "run drydock watch again.\n",
                         terminalText(endpointName, 200).c_str(), terminalText(reason, 400).c_str());
            break;
        }
        // Mutes made since (in the GUI, or with history waivers add) apply at once.
        if (auto fresh = readWaivers()) {
            waivers = std::move(fresh);
        }
        const std::int64_t now = clock.nowUnix();
        bool failed = false;
        for (const auto& target : batch) {
            auto change = reevaluator.reevaluate(inventory, target.type, target.id, settings, now);
            if (!change) {
                if (change.error().code == ErrorCode::InvalidArgument) {
                    continue;
                }
                exitCode = ExitDaemon;
                failed = true;
                std::fprintf(stderr, "drydock: cannot read %s from the Docker daemon: %s\n",
                             target.id.c_str(), terminalText(change.error().message, 400).c_str());
                break;
            }
            applyWaivers(change->findings, waivers.value(), endpointName, now);
            std::vector<Finding> previous;
            std::vector<Finding> kept;
            for (auto& f : findings) {
                const bool same = f.object.type == change->object.type && f.object.id == change->object.id;
                (same ? previous : kept).push_back(std::move(f));
            }
            auto alert = engine.consider(
                change->object, AlertEngine::happenedTo(change->inventory, change->object, change->added),
                previous, change->findings, endpointName, now, change->removed);
            kept.insert(kept.end(), change->findings.begin(), change->findings.end());
            findings = std::move(kept);
            inventory = std::move(change->inventory);
            if (!alert) {
                continue;
            }
            std::printf("%s  %-8s  %s\n", formatRfc3339(alert->atUnix).c_str(), toString(alert->severity),
                        terminalText(alert->sentence, 1000).c_str());
            std::fflush(stdout);
            if (auto stored = history.value()->alerts().add(*alert); !stored) {
                std::fprintf(stderr, "drydock: the alert was not stored in the history: %s\n",
                             stored.error().message.c_str());
            }
            if (failOn && alert->severity >= *failOn) {
                exitCode = ExitFindings;
                failed = true;
                break;
            }
        }
        if (failed) {
            break;
        }
    }
    cancel.cancel(); // ends the stream (its request is aborted)
    stream.join();
    return exitCode;
}

} // namespace drydock::app
