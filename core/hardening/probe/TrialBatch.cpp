#include "core/hardening/probe/TrialBatch.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/docker/UrlEncoding.h"
#include "core/hardening/RunnerSupport.h"
#include "core/hardening/probe/TrialSignals.h"
#include "core/json/ModelParser.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace drydock {

namespace {

constexpr int kPollMs = 500;
// Lines read from the end of a trial's log to look for permission errors; the last few are kept for people.
constexpr int kLogLinesRead = 100;
constexpr std::size_t kLogTailLines = 20;

// One trial container of a batch: what it was made from, its container once created, and what was seen of it.
struct Trial
{
    runner::PreparedContainer prepared;
    std::string name;
    std::string id;
    bool ended = false; // exited or gone: nothing more to watch
    TrialObservation seen;
};

// Removes every container the batch created, or may have created, when it goes out of scope — after the
// observation, on cancel, on an error and on an exception — so that no trial outlives its batch.
class CreatedTrials
{
public:
    CreatedTrials(DockerWriter& writer, runner::StepFn step) : m_writer(writer), m_step(std::move(step)) {}
    CreatedTrials(const CreatedTrials&) = delete;
    CreatedTrials& operator=(const CreatedTrials&) = delete;
    ~CreatedTrials()
    {
        try {
            removeAll();
        } catch (...) { // a destructor must not throw; whatever is left, removeLeftoverTrials finds
        }
    }

    void add(const std::string& idOrName, const std::string& name) { m_left.push_back({idOrName, name}); }

    // Removes what is left; says for each container that could not be removed its name and why.
    StringList removeAll()
    {
        StringList failed;
        std::vector<Entry> still;
        for (const auto& e : m_left) {
            auto r = m_writer.removeContainer(e.idOrName);
            const bool gone = r || runner::isNotFound(r.error());
            m_step("remove trial container", gone ? "ok" : "failed",
                   e.name + (r ? "" : ": " + r.error().message));
            if (!gone) {
                failed.push_back(e.name + " (" + r.error().message + ")");
                still.push_back(e);
            }
        }
        m_left = std::move(still);
        return failed;
    }

private:
    // A container to remove: its id, or its name when the create's answer was lost.
    struct Entry
    {
        std::string idOrName;
        std::string name;
    };
    DockerWriter& m_writer;
    runner::StepFn m_step;
    std::vector<Entry> m_left;
};

// Creates, readies and starts one trial; what went wrong goes into its startError.
void startTrial(DockerWriter& writer, const runner::OriginalContainer& original, const HardeningPlan& plan,
                const TrialSpec& spec, Trial& t, CreatedTrials& created, const runner::StepFn& step)
{
    auto prepared = runner::prepareContainer(original, plan, spec.edits, true);
    if (!prepared) {
        t.seen.startError = prepared.error().message;
        step("prepare trial", "failed", spec.label + ": " + prepared.error().message);
        return;
    }
    t.prepared = std::move(prepared.value());
    auto id = writer.createContainer(t.name, t.prepared.body.json);
    step("create trial container", id ? "ok" : "failed",
         t.name + " (" + spec.label + ")" + (id ? "" : ": " + id.error().message));
    if (!id) {
        if (!runner::refusedByDaemon(id.error())) {
            created.add(t.name, t.name); // the answer was lost: the container may exist
        }
        t.seen.startError = id.error().message;
        return;
    }
    t.id = id.value();
    created.add(t.id, t.name);
    auto ready = runner::readyToStart(writer, t.id, t.prepared, step);
    if (ready) {
        ready = writer.startContainer(t.id);
        step("start trial container", ready ? "ok" : "failed",
             t.name + (ready ? "" : ": " + ready.error().message));
    }
    if (!ready) {
        t.seen.startError = ready.error().message;
        return;
    }
    t.seen.started = true;
    t.seen.state = "running";
    t.seen.running = true;
}

void record(Trial& t, const Result<Container>& c)
{
    if (!c) {
        t.ended = true;
        t.seen.running = false;
        t.seen.state = runner::isNotFound(c.error()) ? "removed" : "unknown";
        t.seen.logTail = "Could not inspect the trial container: " + c.error().message;
        return;
    }
    const ContainerState& s = c->state;
    t.seen.state = s.status;
    t.seen.running = s.running && !s.restarting;
    t.seen.exitCode = s.exitCode;
    t.seen.restartCount = c->restartCount;
    t.seen.health = s.health ? s.health->status : std::string();
    t.ended = !s.running && !s.restarting;
}

// One polling loop over every started trial for the watch window, or until every one has ended or cancel
// fires. Returns the milliseconds watched.
int watchAll(DockerClient& client, std::vector<Trial>& trials, int watchSeconds,
             const HardeningRunner::Sleep& sleep, const CancelToken& cancel)
{
    const int rounds = std::max(1, watchSeconds * 1000 / kPollMs);
    int round = 0;
    for (; round < rounds && !cancel.isCancelled(); ++round) {
        StringList ids;
        std::vector<Trial*> watched;
        for (auto& t : trials) {
            if (t.seen.started && !t.ended) {
                ids.push_back(t.id);
                watched.push_back(&t);
            }
        }
        if (ids.empty()) {
            break;
        }
        sleep(kPollMs);
        const auto states = client.inspectContainers(ids);
        for (std::size_t i = 0; i < watched.size() && i < states.size(); ++i) {
            record(*watched[i], states[i]);
        }
    }
    return round * kPollMs;
}

std::string portsWords(const std::set<int>& ports)
{
    StringList words;
    for (const int p : ports) {
        words.push_back(std::to_string(p));
    }
    return words.empty() ? "none" : join(words, ", ");
}

// What a watched trial shows afterwards: its listening ports (while it runs), its log and what it wrote.
void observe(DockerClient& client, DockerWriter& writer, Trial& t, const runner::StepFn& step)
{
    if (t.seen.running) {
        auto out = writer.execInTrial(t.id, {"cat", "/proc/net/tcp", "/proc/net/tcp6"});
        // An image without cat answers with the runtime's error text instead of the table.
        if (out && contains(out.value(), "local_address")) {
            t.seen.listeningPorts = parseListeningPorts(out.value());
            step("read listening ports", "ok", t.name + ": " + portsWords(*t.seen.listeningPorts));
        } else {
            step("read listening ports", "failed",
                 t.name + ": " + (out ? "no /proc/net/tcp table in the answer" : out.error().message));
        }
    }
    auto logs = client.get("/containers/" + urlEncode(t.id) +
                           "/logs?stdout=1&stderr=1&tail=" + std::to_string(kLogLinesRead));
    if (logs) {
        StringList lines = runner::readableLogLines(logs.value(), t.prepared);
        t.seen.permissionErrors = permissionErrorLines(lines);
        if (lines.size() > kLogTailLines) {
            lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(kLogTailLines));
        }
        t.seen.logTail = join(lines, "\n");
    }
    step("read trial log", logs ? "ok" : "failed",
         t.name + ": " +
             (logs ? std::to_string(t.seen.permissionErrors.size()) + " permission error line(s)"
                   : logs.error().message));
    auto changes = client.containerChanges(t.id);
    if (changes) {
        for (const auto& c : changes.value()) {
            if (c.kind != 2) { // deletions need no writable directory
                t.seen.writtenPaths.push_back(c.path);
            }
        }
        // A directory sorts before what lies in it.
        std::sort(t.seen.writtenPaths.begin(), t.seen.writtenPaths.end());
    }
    step("read trial changes", changes ? "ok" : "failed",
         t.name + ": " +
             (changes ? std::to_string(t.seen.writtenPaths.size()) + " path(s) written"
                      : changes.error().message));
}

std::vector<TrialObservation> observations(std::vector<Trial>& trials)
{
    std::vector<TrialObservation> out;
    out.reserve(trials.size());
    for (auto& t : trials) {
        out.push_back(std::move(t.seen));
    }
    return out;
}

} // namespace

TrialBatch::TrialBatch(DockerClient& client, DockerWriter& writer, const Clock& clock,
                       HardeningRunner::StepLog log, HardeningRunner::Sleep sleep)
    : m_client(client), m_writer(writer), m_clock(clock), m_log(std::move(log)), m_sleep(std::move(sleep))
{
    if (!m_sleep) {
        m_sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    }
}

void TrialBatch::setWatchSeconds(int seconds)
{
    m_watchSeconds = seconds;
}

void TrialBatch::step(const std::string& what, const std::string& outcome, const std::string& details) const
{
    if (m_log) {
        m_log({what, outcome, details});
    }
}

Result<std::vector<TrialObservation>>
TrialBatch::run(const HardeningPlan& plan, const std::vector<TrialSpec>& specs, const CancelToken& cancel)
{
    std::vector<Trial> trials(specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        trials[i].seen.label = specs[i].label;
        trials[i].seen.startError = "the trials were cancelled before this one was created";
    }
    if (cancel.isCancelled() || specs.empty()) {
        return observations(trials);
    }
    auto original = runner::readOriginal(m_client, plan);
    if (!original) {
        return original.error();
    }
    const runner::StepFn logStep = [this](const std::string& what, const std::string& outcome,
                                          const std::string& details) { step(what, outcome, details); };
    CreatedTrials created(m_writer, logStep);
    const std::string stamp = runner::timeStamp(m_clock.nowUnix());
    for (std::size_t i = 0; i < specs.size() && !cancel.isCancelled(); ++i) {
        Trial& t = trials[i];
        t.seen.startError.clear();
        t.name = original->container.name + std::string(runner::kTrialMarker) + stamp + "-" +
                 std::to_string(i + 1);
        startTrial(m_writer, original.value(), plan, specs[i], t, created, logStep);
    }

    const int watchedMs = watchAll(m_client, trials, m_watchSeconds, m_sleep, cancel);
    const int running = static_cast<int>(std::count_if(
        trials.begin(), trials.end(), [](const Trial& t) { return t.seen.started && t.seen.running; }));
    step("watch trials", cancel.isCancelled() ? "interrupted" : "ok",
         std::to_string(specs.size()) + " trial(s) watched for " + std::to_string(watchedMs / 1000) + " s; " +
             std::to_string(running) + " still running");
    for (auto& t : trials) {
        if (t.seen.started) {
            t.seen.watchedSeconds = (watchedMs + kPollMs / 2) / 1000;
            if (!cancel.isCancelled()) {
                observe(m_client, m_writer, t, logStep);
            }
        }
    }

    const StringList left = created.removeAll();
    if (!left.empty()) {
        StringList names;
        for (const auto& t : trials) {
            if (!t.name.empty()) {
                names.push_back(shellQuote(t.name));
            }
        }
        return Error::make(ErrorCode::HttpError,
                           "The trials ran but these trial containers could not be removed: " +
                               join(left, "; ") + ". Remove them with: docker rm -f " + join(names, " "));
    }
    return observations(trials);
}

Result<StringList> TrialBatch::removeLeftoverTrials(const std::string& name)
{
    // The daemon's name filter narrows the list; the names are checked here exactly.
    const std::string filter = "{\"name\":[\"" + std::string(runner::kTrialMarker) + "\"]}";
    auto list = m_client.get("/containers/json?all=1&filters=" + urlEncode(filter));
    if (!list) {
        return list.error();
    }
    auto ids = json::parseContainerIds(list.value());
    if (!ids) {
        return ids.error();
    }
    const std::string prefix = name.empty() ? std::string() : name + std::string(runner::kTrialMarker);
    StringList removed;
    StringList failed;
    for (const auto& c : m_client.inspectContainers(ids.value())) {
        if (!c || c->name.find(runner::kTrialMarker) == std::string::npos || !startsWith(c->name, prefix)) {
            continue;
        }
        auto r = m_writer.removeContainer(c->id);
        const bool gone = r || runner::isNotFound(r.error());
        step("remove left-over trial container", gone ? "ok" : "failed",
             c->name + (r ? "" : ": " + r.error().message));
        if (gone) {
            removed.push_back(c->name);
        } else {
            failed.push_back(c->name + " (" + r.error().message + "); remove it with: docker rm -f " +
                             shellQuote(c->name));
        }
    }
    if (!failed.empty()) {
        return Error::make(ErrorCode::HttpError,
                           "These left-over trial containers could not be removed: " + join(failed, "; "));
    }
    return removed;
}

} // namespace drydock
