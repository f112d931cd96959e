#include "core/hardening/probe/LeastPrivilegeProbe.h"

#include "core/common/Strings.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/probe/ProbeCandidates.h"
#include "core/model/CapabilitySpelling.h"

#include <algorithm>
#include <chrono>
#include <deque>

namespace drydock {

namespace {

constexpr const char* kBaselineLabel = "baseline";
constexpr std::size_t kSplitParts = 4; // groups a failing group of capabilities is split into

// Finds which capabilities of a universe a configuration needs, by group tests: a trial without a group G
// (the rest of the universe kept) that behaves like the baseline shows nothing in G is needed; one that does
// not splits G in quarters, all tested in the next batch, down to single capabilities. Assumes needs are
// monotone (a capability needed with more granted is needed with less); the last trial, with only what was
// found, checks that.
struct Bisection
{
    enum class State
    {
        Idle,
        Running,
        Verifying,
        Done
    };
    StringList universe;
    StringList alwaysKept; // known to be needed already: kept in every trial, not bisected
    std::function<std::vector<RunEdit>(const StringList& without)> editsWithout;
    std::function<std::string(const StringList& without)> labelWithout;
    std::string verifyLabel; // followed by what was found: "cap-drop ALL + "
    State state = State::Idle;
    int open = 0; // group trials in flight
    bool quartersWithWhole = false; // the whole group's quarters were tested beside it
    StringList needed;
    std::optional<TrialComparison> wholeGroup; // the trial without the whole universe, when it ran
    std::optional<TrialComparison> verified;   // the trial with only what was found added back
};

StringList without(const StringList& all, const StringList& removed)
{
    StringList out;
    for (const auto& item : all) {
        if (std::find(removed.begin(), removed.end(), item) == removed.end()) {
            out.push_back(item);
        }
    }
    return out;
}

std::string listText(const StringList& caps)
{
    return caps.empty() ? std::string("none") : join(caps, ", ");
}

// One probe of one plan: a queue of trials run a few at a time, whose results start the next steps.
class ProbeRun
{
public:
    ProbeRun(const HardeningPlan& plan, const LeastPrivilegeProbe::RunTrials& runTrials,
             const LeastPrivilegeProbe::Progress& progress, int atOnce, const CancelToken& cancel)
        : m_plan(plan), m_runTrials(runTrials), m_progress(progress), m_atOnce(std::max(1, atOnce)),
          m_cancel(cancel), m_candidates(probeCandidates(plan))
    {
    }

    Result<ProbeResult> run()
    {
        const auto started = std::chrono::steady_clock::now();
        enqueue({kBaselineLabel, {}}, [this](const TrialObservation& o) { takeBaseline(o); });
        // The non-root user and the dropped capabilities come first: the capability bisection waits for them.
        for (const ProbeKind first : {ProbeKind::User, ProbeKind::DropAdded, ProbeKind::Privileged}) {
            for (auto& c : m_candidates) {
                if (c.kind == first) {
                    enqueueOwnTrial(c);
                }
            }
        }
        enqueueSinglesTogether();
        while (!m_queue.empty()) {
            if (m_cancel.isCancelled()) {
                m_result.cancelled = true;
                break;
            }
            std::vector<Pending> batch;
            while (!m_queue.empty() && std::ssize(batch) < m_atOnce) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            std::vector<TrialSpec> specs;
            StringList labels;
            for (const auto& p : batch) {
                specs.push_back(p.spec);
                labels.push_back(p.spec.label);
            }
            report(join(labels, "; "), static_cast<int>(batch.size()));
            auto observed = m_runTrials(specs, m_cancel);
            m_result.trials += static_cast<int>(specs.size());
            if (m_cancel.isCancelled()) {
                m_result.cancelled = true; // what an interrupted batch saw proves nothing
                break;
            }
            if (!observed) {
                return Error::make(observed.error().code, "The probe stopped after " +
                                                              std::to_string(m_result.trials) +
                                                              " trials: " + observed.error().message);
            }
            if (observed->size() != batch.size()) {
                return Error::make(ErrorCode::Internal, "The trials of a batch came back incomplete (" +
                                                            std::to_string(observed->size()) + " of " +
                                                            std::to_string(batch.size()) + ").");
            }
            for (std::size_t i = 0; i < batch.size(); ++i) {
                batch[i].done((*observed)[i]);
                if (m_failure) {
                    return *m_failure;
                }
            }
            advance();
        }
        report({}, 0);
        finish();
        m_result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return std::move(m_result);
    }

private:
    using Done = std::function<void(const TrialObservation&)>;
    // A trial waiting for its batch, and what to do with what it shows.
    struct Pending
    {
        TrialSpec spec;
        Done done;
    };

    void enqueue(TrialSpec spec, Done done, bool urgent = false)
    {
        Pending p{std::move(spec), std::move(done)};
        if (urgent) {
            m_queue.push_front(std::move(p));
        } else {
            m_queue.push_back(std::move(p));
        }
    }

    void report(const std::string& current, int starting)
    {
        if (!m_progress) {
            return;
        }
        int estimate = m_result.trials + static_cast<int>(m_queue.size()) + starting;
        estimate += m_caps.state == Bisection::State::Idle && m_capsWanted ? 2 : 0;
        estimate += m_combinedQueued ? 0 : 1;
        m_progress({m_result.trials, std::max(estimate, m_result.trials), current});
    }

    void takeBaseline(const TrialObservation& o)
    {
        m_result.baseline = o;
        if (!o.started) {
            m_failure = Error::make(
                ErrorCode::InvalidArgument,
                "The unchanged configuration did not start as a trial container (" + o.startError +
                    "), so no change can be verified by trial. Run drydock harden --trial "
                    "to see what the daemon says.");
        } else if (m_plan.running && !o.running) {
            m_failure = Error::make(
                ErrorCode::InvalidArgument,
                "The unchanged configuration stopped in its trial (" + o.state + ", exit code " +
                    std::to_string(o.exitCode) +
                    ") while the container itself runs, so no change can be "
                    "verified by trial: it needs something a trial container does not get (published ports, "
                    "writable volumes, its restart policy)." +
                    (o.logTail.empty() ? std::string() : " Its last log lines: " + o.logTail));
        }
        if (m_failure) {
            m_queue.clear();
            return;
        }
        m_baselineSeen = true;
        for (auto& c : m_candidates) {
            if (c.kind == ProbeKind::ReadOnly) {
                startReadOnly(c);
            }
        }
    }

    TrialComparison compare(const TrialObservation& o) const { return compareTrial(m_result.baseline, o); }

    void enqueueOwnTrial(ProbeCandidate& c)
    {
        if (c.kind == ProbeKind::Capabilities || c.kind == ProbeKind::ReadOnly) {
            return; // the bisection and the baseline's writes decide these
        }
        enqueue({c.label, c.trialEdits}, [this, &c](const TrialObservation& o) {
            c.own = compare(o);
            if (c.kind == ProbeKind::Privileged && !c.own->sameBehaviour) {
                startPrivilegedReplacement(c);
                return;
            }
            c.settled = true;
        });
    }

    // The other changes (limits, log options, no-new-privileges, …) rarely break anything: one trial with all of
    // them first, and only when that one behaves differently a trial of each — a round of trials costs a whole
    // watch window.
    void enqueueSinglesTogether()
    {
        std::vector<ProbeCandidate*> singles;
        std::vector<RunEdit> edits;
        for (auto& c : m_candidates) {
            if (c.kind == ProbeKind::Single) {
                singles.push_back(&c);
                edits.insert(edits.end(), c.trialEdits.begin(), c.trialEdits.end());
            }
        }
        if (singles.size() < 2) {
            for (ProbeCandidate* c : singles) {
                enqueueOwnTrial(*c);
            }
            return;
        }
        enqueue({std::to_string(singles.size()) + " other changes together", edits},
                [this, singles](const TrialObservation& o) {
                    const TrialComparison together = compare(o);
                    for (ProbeCandidate* c : singles) {
                        if (together.sameBehaviour) {
                            c->own = TrialComparison{true, "tried together with the " +
                                                               std::to_string(singles.size() - 1) +
                                                               " other simple changes: " + together.evidence};
                            c->settled = true;
                        } else {
                            enqueueOwnTrial(*c);
                        }
                    }
                });
    }

    // Read-only root: a tmpfs for every directory the baseline wrote to, unless it wrote into system paths.
    void startReadOnly(ProbeCandidate& c)
    {
        std::vector<FileChange> written;
        for (const auto& path : m_result.baseline.writtenPaths) {
            written.push_back({path, 0});
        }
        const WritableDirectories dirs = writableDirectoriesFor(written, mountTargetsOf(m_plan.before));
        if (!dirs.systemWrites.empty()) {
            c.own = TrialComparison{
                false, "not tried: in its baseline trial the container wrote to system paths (" +
                           join(dirs.systemWrites, ", ") + "), where a tmpfs would hide the image's files"};
            c.settled = true;
            return;
        }
        c.verdict.tmpfsDirectories = dirs.directories;
        std::vector<RunEdit> edits = c.trialEdits;
        for (const auto& d : dirs.directories) {
            edits.push_back(keepWritableEdit(d));
        }
        const std::string label =
            c.label + (dirs.directories.empty() ? "" : " with tmpfs on " + join(dirs.directories, ", "));
        enqueue({label, edits}, [this, &c](const TrialObservation& o) {
            c.own = compare(o);
            c.settled = true;
        });
    }

    // --privileged broke: first every capability added in its place; when that behaves, find the few it uses.
    void startPrivilegedReplacement(ProbeCandidate& c)
    {
        const StringList universe = privilegedReplacementUniverse(m_plan.before);
        enqueue(
            {c.label + ", every capability added", withCapabilities(c.trialEdits, universe)},
            [this, &c, universe](const TrialObservation& o) {
                const TrialComparison all = compare(o);
                if (!all.sameBehaviour) {
                    c.own = TrialComparison{
                        false, "without --privileged: " + c.own->evidence +
                                   "; even with every capability added back: " + all.evidence +
                                   " (it uses something else privileged mode gives: devices, which were not "
                                   "probed, or an unconfined seccomp, AppArmor or /sys)"};
                    c.settled = true;
                    return;
                }
                m_privileged = std::make_unique<Bisection>();
                m_privileged->universe = universe;
                m_privileged->editsWithout = [edits = c.trialEdits, universe](const StringList& out) {
                    return withCapabilities(edits, without(universe, out));
                };
                m_privileged->labelWithout = [label = c.label](const StringList& out) {
                    return label + ", every capability added except " + listText(out);
                };
                m_privileged->verifyLabel = c.label + " + ";
                startBisection(*m_privileged, true, [this, &c] { settlePrivileged(c); });
            },
            true);
    }

    void settlePrivileged(ProbeCandidate& c)
    {
        const Bisection& b = *m_privileged;
        c.verdict.addedBack = b.needed;
        const std::string with = "without --privileged, with " + listText(b.needed) + " added";
        c.own = TrialComparison{b.verified->sameBehaviour,
                                with + ": " + b.verified->evidence +
                                    " (devices were not probed: the container keeps none of the host's)"};
        c.settled = true;
    }

    // Starts what waited for other results: the capability bisection needs the non-root user's verdict (it
    // runs as that user when tolerated) and which added capabilities stay.
    void advance()
    {
        if (!m_baselineSeen) {
            return;
        }
        if (m_capsWanted && m_caps.state == Bisection::State::Idle) {
            const bool ready =
                std::all_of(m_candidates.begin(), m_candidates.end(), [](const ProbeCandidate& c) {
                    return (c.kind != ProbeKind::User && c.kind != ProbeKind::DropAdded) || c.own.has_value();
                });
            if (ready) {
                startCapabilities();
            }
        }
        const bool allSettled =
            std::all_of(m_candidates.begin(), m_candidates.end(), [this](const ProbeCandidate& c) {
                return c.settled || c.kind == ProbeKind::Capabilities;
            });
        const bool capsDone = !m_capsWanted || m_caps.state == Bisection::State::Done;
        if (m_queue.empty() && allSettled && capsDone && !m_combinedQueued) {
            m_combinedQueued = true;
            settleCapabilityVerdicts();
            queueCombined();
        }
    }

    void startCapabilities()
    {
        const RunCommand& before = m_plan.before;
        std::vector<RunEdit> context;
        for (const auto& c : m_candidates) {
            if (c.kind == ProbeKind::User && c.own && c.own->sameBehaviour) {
                context = c.trialEdits; // the bisection runs as the user the plan will use
            }
        }
        // An added capability whose removal alone broke the container is needed with fewer granted too.
        StringList removable;
        for (const auto& c : m_candidates) {
            if (c.kind == ProbeKind::DropAdded && c.own) {
                (c.own->sameBehaviour ? removable : m_caps.alwaysKept).push_back(c.capability);
            }
        }
        m_caps.universe = without(capabilityUniverse(before, removable), m_caps.alwaysKept);
        m_caps.editsWithout = [context, before, universe = m_caps.universe,
                               kept = m_caps.alwaysKept](const StringList& out) {
            StringList keep = kept;
            for (const auto& cap : without(universe, out)) {
                keep.push_back(cap);
            }
            return dropAllExcept(context, before, keep);
        };
        const std::size_t total = m_caps.universe.size();
        const std::string kept = m_caps.alwaysKept.empty() ? "" : " + " + join(m_caps.alwaysKept, ", ");
        m_caps.labelWithout = [total, kept](const StringList& out) {
            return out.size() == total ? "cap-drop ALL" + kept
                                       : "cap-drop ALL" + kept + ", testing without " + listText(out) +
                                             " (bisecting " + std::to_string(total) + " capabilities)";
        };
        m_caps.verifyLabel = "cap-drop ALL + ";
        startBisection(m_caps, false, [] {});
    }

    // Group tests of b; done runs once the trial with only what was found has been compared.
    void startBisection(Bisection& b, bool wholeKnownToDiffer, std::function<void()> done)
    {
        b.state = Bisection::State::Running;
        m_onDone[&b] = std::move(done);
        if (wholeKnownToDiffer) {
            split(b, b.universe);
            return;
        }
        // The whole group and its quarters in the same round: when dropping everything works the quarters were
        // spare trials, but when it does not (the common case for a real service) a whole watch window is saved.
        testGroup(b, b.universe);
        if (b.universe.size() > 1) {
            b.quartersWithWhole = true;
            split(b, b.universe);
        }
    }

    void testGroup(Bisection& b, const StringList& group)
    {
        ++b.open;
        enqueue(
            {b.labelWithout(group), b.editsWithout(group)},
            [this, &b, group](const TrialObservation& o) {
                --b.open;
                const TrialComparison seen = compare(o);
                if (group.size() == b.universe.size()) {
                    b.wholeGroup = seen;
                }
                if (!seen.sameBehaviour) {
                    if (group.size() == 1) {
                        b.needed.push_back(group.front());
                    } else if (!(b.quartersWithWhole && group.size() == b.universe.size())) {
                        split(b, group); // (the whole group's quarters run beside it already)
                    }
                }
                if (b.open == 0) {
                    verify(b);
                }
            },
            true);
    }

    void split(Bisection& b, const StringList& group)
    {
        if (group.size() <= 1) {
            b.needed.insert(b.needed.end(), group.begin(), group.end());
            if (b.open == 0) {
                verify(b);
            }
            return;
        }
        // Quarters, not halves: each round of trials costs a whole watch window, and four groups find one
        // needed capability of 14 in three rounds (all, quarters, singles) instead of five.
        const std::size_t parts = std::min<std::size_t>(kSplitParts, group.size());
        std::size_t begin = 0;
        for (std::size_t i = 0; i < parts; ++i) {
            const std::size_t end = begin + (group.size() - begin) / (parts - i);
            testGroup(b, StringList(group.begin() + static_cast<std::ptrdiff_t>(begin),
                                    group.begin() + static_cast<std::ptrdiff_t>(end)));
            begin = end;
        }
    }

    // The configuration with only what was found added back; already seen when nothing is needed.
    void verify(Bisection& b)
    {
        std::sort(b.needed.begin(), b.needed.end(), [&b](const std::string& x, const std::string& y) {
            return std::find(b.universe.begin(), b.universe.end(), x) <
                   std::find(b.universe.begin(), b.universe.end(), y);
        });
        const StringList rest = without(b.universe, b.needed);
        if (b.needed.empty() && b.wholeGroup) {
            b.verified = b.wholeGroup;
            finishBisection(b);
            return;
        }
        b.state = Bisection::State::Verifying;
        StringList found = b.alwaysKept;
        found.insert(found.end(), b.needed.begin(), b.needed.end());
        enqueue(
            {b.verifyLabel + listText(found), b.editsWithout(rest)},
            [this, &b](const TrialObservation& o) {
                b.verified = compare(o);
                finishBisection(b);
            },
            true);
    }

    void finishBisection(Bisection& b)
    {
        b.needed.insert(b.needed.begin(), b.alwaysKept.begin(), b.alwaysKept.end());
        b.state = Bisection::State::Done;
        if (auto done = m_onDone[&b]) {
            done();
        }
    }

    void settleCapabilityVerdicts()
    {
        if (!m_capsWanted || !m_caps.verified) {
            return;
        }
        const TrialComparison& v = *m_caps.verified;
        const std::string with =
            "with --cap-drop ALL and " +
            (m_caps.needed.empty() ? std::string("no capability") : listText(m_caps.needed)) + " added back";
        for (auto& c : m_candidates) {
            if (c.kind == ProbeKind::Capabilities) {
                c.verdict.addedBack = m_caps.needed;
                c.own = TrialComparison{v.sameBehaviour, with + ": " + v.evidence + " (" +
                                                             std::to_string(m_caps.universe.size()) +
                                                             " capabilities tried)"};
                c.settled = true;
            } else if (c.kind == ProbeKind::DropAdded && c.alsoDropsAll && c.own && c.own->sameBehaviour) {
                c.verdict.addedBack = m_caps.needed;
                if (!v.sameBehaviour) {
                    c.own = TrialComparison{false, "dropping " + c.capability + " alone: " + c.own->evidence +
                                                       "; but this change also drops every other capability, "
                                                       "and " +
                                                       with + ": " + v.evidence};
                }
            }
        }
    }

    void queueCombined()
    {
        std::vector<RunEdit> edits;
        int tolerated = 0;
        for (auto& c : m_candidates) {
            if (verdictReady(c) && c.own->sameBehaviour) {
                ++tolerated;
                c.verdict.changeId = c.change->id;
                for (auto& e : probedEdits(*c.change, c.verdict)) {
                    edits.push_back(std::move(e));
                }
            }
        }
        if (tolerated < 2) {
            return; // one tolerated change's own trial was the combined trial
        }
        enqueue({"every tolerated change together", edits}, [this](const TrialObservation& o) {
            m_result.combinedChecked = true;
            m_result.combined = compare(o);
        });
    }

    bool verdictReady(const ProbeCandidate& c) const
    {
        if (!c.settled || !c.own) {
            return false;
        }
        // A change that also drops every capability is verified only once the bisection has a result.
        return !(c.kind == ProbeKind::DropAdded && c.alsoDropsAll && c.own->sameBehaviour &&
                 !m_caps.verified);
    }

    void finish()
    {
        for (auto& c : m_candidates) {
            if (!verdictReady(c)) {
                continue;
            }
            ProbeVerdict v = c.verdict;
            v.changeId = c.change->id;
            v.tolerated = c.own->sameBehaviour;
            v.evidence = c.own->evidence;
            if (!v.tolerated) {
                v.tmpfsDirectories.clear();
            }
            m_result.verdicts.push_back(std::move(v));
        }
    }

    const HardeningPlan& m_plan;
    const LeastPrivilegeProbe::RunTrials& m_runTrials;
    const LeastPrivilegeProbe::Progress& m_progress;
    int m_atOnce;
    CancelToken m_cancel;
    std::vector<ProbeCandidate> m_candidates;
    std::deque<Pending> m_queue;
    ProbeResult m_result;
    std::optional<Error> m_failure;
    bool m_baselineSeen = false;
    bool m_capsWanted = std::any_of(m_candidates.begin(), m_candidates.end(), [](const ProbeCandidate& c) {
        return c.kind == ProbeKind::Capabilities || c.alsoDropsAll;
    });
    Bisection m_caps;
    std::unique_ptr<Bisection> m_privileged;
    std::map<const Bisection*, std::function<void()>> m_onDone;
    bool m_combinedQueued = false;
};

} // namespace

LeastPrivilegeProbe::LeastPrivilegeProbe(RunTrials runTrials) : m_runTrials(std::move(runTrials)) {}

void LeastPrivilegeProbe::setProgress(Progress progress)
{
    m_progress = std::move(progress);
}

void LeastPrivilegeProbe::setTrialsAtOnce(int count)
{
    m_trialsAtOnce = std::max(1, count);
}

Result<ProbeResult> LeastPrivilegeProbe::probe(const HardeningPlan& plan, const CancelToken& cancel)
{
    if (!plan.isContainer()) {
        return Error::make(ErrorCode::InvalidArgument,
                           "Only a container can be probed: an image is hardened in its Dockerfile.");
    }
    if (!m_runTrials) {
        return Error::make(ErrorCode::Internal, "The probe was given no way to run trials.");
    }
    ProbeRun run(plan, m_runTrials, m_progress, m_trialsAtOnce, cancel);
    return run.run();
}

void applyProbeResult(HardeningPlan& plan, const ProbeResult& result)
{
    for (const auto& v : result.verdicts) {
        HardeningChange* change = plan.find(v.changeId);
        if (change == nullptr) {
            continue;
        }
        change->trialEvidence = v.evidence;
        if (v.tolerated) {
            change->edits = probedEdits(*change, v);
            change->choice = ChangeChoice::Apply;
            change->trial = TrialVerdict::Tolerated;
            const std::string mark = " (verified by trial)";
            if (!endsWith(change->title, mark)) {
                change->title += mark;
            }
        } else {
            change->choice = ChangeChoice::Skip;
            change->trial = TrialVerdict::Broke;
        }
    }
    if (result.combinedChecked && !result.combined.sameBehaviour) {
        plan.notes.push_back(
            "Each change marked \"verified by trial\" behaved like the container on its own, "
            "but all of them together did not (" +
            result.combined.evidence +
            "): apply them a few at a time, or run --trial on the plan you choose.");
    }
    if (result.cancelled) {
        plan.notes.push_back("The probe was cancelled: only the changes with a trial verdict were verified.");
    }
}

} // namespace drydock
