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

// Finds which capabilities of a universe a configuration needs, by group tests: the universe's quarters are
// tested at once (a trial without a quarter Q, the rest kept, that behaves like the baseline shows nothing in
// Q is needed); a quarter that does not behave is split the same way in the next batch, down to single
// capabilities. Assumes needs are monotone (a capability needed with more granted is needed with less); the
// last trial, with only what was found (nothing at all when every quarter behaved), checks that.
struct Bisection
{
    enum class State
    {
        Running,
        Verifying,
        Done
    };
    StringList universe;
    std::function<std::vector<RunEdit>(const StringList& without)> editsWithout;
    std::function<std::string(const StringList& without)> labelWithout;
    std::string verifyLabel; // followed by what was found: "cap-drop ALL + "
    State state = State::Running;
    int open = 0; // group trials in flight
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
        // Every round of trials costs a whole watch window, so the first round holds everything that needs no
        // other result: the baseline, each change's own trial, and the capability search — as the plan's
        // non-root user, guessing it is tolerated (it usually is; when not, the search starts again as root).
        // In that order: the trials other trials wait for first, should a round not hold them all.
        enqueue({{kBaselineLabel, {}}, [this](const TrialObservation& o) { takeBaseline(o); }});
        enqueueOwnTrials(ProbeKind::User);
        enqueueOwnTrials(ProbeKind::Privileged);
        if (m_capsWanted) {
            startCapabilities(userCandidate());
        }
        enqueueOwnTrials(ProbeKind::DropAdded);
        enqueueSinglesTogether();
        m_settingUp = false;
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
            guessCombined(batch);
            std::vector<TrialSpec> specs;
            StringList labels;
            for (const auto& p : batch) {
                specs.push_back(p.spec);
                labels.push_back(p.spec.label);
            }
            report(join(labels, "; "), static_cast<int>(batch.size()));
            auto observed = m_runTrials(specs, m_cancel);
            m_result.trials += static_cast<int>(specs.size());
            ++m_result.rounds;
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
        bool finalIfTolerated = false;     // behaving like the baseline settles its change: no trial follows
        const Bisection* search = nullptr; // the capability search it belongs to
        bool urgent = false;               // goes before the others (the searches' next steps)
    };

    void enqueue(Pending p)
    {
        if (p.urgent && !m_settingUp) {
            m_queue.push_front(std::move(p));
        } else {
            m_queue.push_back(std::move(p));
        }
    }

    // The combined trial of every tolerated change, whose result the probe waits for at the end — a round of
    // its own. When the last trials of a probe run and each of them would settle its change by behaving, the
    // combined trial runs beside them as though they all behave; it counts when they did (the same edits).
    void guessCombined(std::vector<Pending>& batch)
    {
        const bool last =
            std::all_of(batch.begin(), batch.end(), [](const Pending& p) { return p.finalIfTolerated; });
        const bool searching = (m_caps && m_caps->state == Bisection::State::Running) ||
                               (m_privileged && m_privileged->state == Bisection::State::Running);
        if (!m_queue.empty() || std::ssize(batch) >= m_atOnce || batch.empty() || !last || searching ||
            !m_baselineSeen || m_combinedQueued) {
            return;
        }
        auto [tolerated, edits] = combinedEdits(true);
        if (tolerated < 2) {
            return;
        }
        m_guessedEdits = edits;
        batch.push_back({{"every tolerated change together", std::move(edits)},
                         [this](const TrialObservation& o) { m_guess = compare(o); }});
    }

    void report(const std::string& current, int starting)
    {
        if (!m_progress) {
            return;
        }
        int estimate = m_result.trials + static_cast<int>(m_queue.size()) + starting;
        estimate += m_combinedQueued || m_guess ? 0 : 1;
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

    ProbeCandidate* userCandidate()
    {
        for (auto& c : m_candidates) {
            if (c.kind == ProbeKind::User) {
                return &c;
            }
        }
        return nullptr;
    }

    void enqueueOwnTrials(ProbeKind kind)
    {
        for (auto& c : m_candidates) {
            if (c.kind == kind) {
                enqueueOwnTrial(c);
            }
        }
    }

    void enqueueOwnTrial(ProbeCandidate& c)
    {
        if (c.kind == ProbeKind::Capabilities || c.kind == ProbeKind::ReadOnly) {
            return; // the bisection and the baseline's writes decide these
        }
        enqueue({{c.label, c.trialEdits},
                 [this, &c](const TrialObservation& o) {
                     c.own = compare(o);
                     c.settled = true;
                     if (c.kind == ProbeKind::Privileged && !c.own->sameBehaviour) {
                         c.settled = false;
                         startPrivilegedReplacement(c);
                     } else if (c.kind == ProbeKind::User && !c.own->sameBehaviour && m_caps &&
                                m_capsAsUser) {
                         // The capability search guessed wrong: it runs as root after all.
                         const Bisection* guessed = m_caps.get();
                         std::erase_if(m_queue, [guessed](const Pending& p) { return p.search == guessed; });
                         startCapabilities(nullptr);
                     }
                 },
                 true});
    }

    // The other changes (limits, log options, no-new-privileges, …) rarely break anything: one trial with all
    // of them first, and only when that one behaves differently a trial of each — a round of trials costs a
    // whole watch window.
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
        enqueue({{std::to_string(singles.size()) + " other changes together", edits},
                 [this, singles](const TrialObservation& o) {
                     const TrialComparison together = compare(o);
                     for (ProbeCandidate* c : singles) {
                         if (together.sameBehaviour) {
                             c->own = TrialComparison{
                                 true, "tried together with the " + std::to_string(singles.size() - 1) +
                                           " other simple changes: " + together.evidence};
                             c->settled = true;
                         } else {
                             enqueueOwnTrial(*c);
                         }
                     }
                 },
                 true});
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
        enqueue({{label, edits},
                 [this, &c](const TrialObservation& o) {
                     c.own = compare(o);
                     c.settled = true;
                 },
                 true});
    }

    // --privileged broke: first every capability added in its place; when that behaves, find the few it uses.
    void startPrivilegedReplacement(ProbeCandidate& c)
    {
        const StringList universe = privilegedReplacementUniverse(m_plan.before);
        enqueue({{c.label + ", every capability added", withCapabilities(c.trialEdits, universe)},
                 [this, &c, universe](const TrialObservation& o) {
                     const TrialComparison all = compare(o);
                     if (!all.sameBehaviour) {
                         c.own = TrialComparison{
                             false,
                             "without --privileged: " + c.own->evidence +
                                 "; even with every capability added back: " + all.evidence +
                                 " (it uses something else privileged mode gives: devices, which were not "
                                 "probed, or an unconfined seccomp, AppArmor or /sys)"};
                         c.settled = true;
                         return;
                     }
                     m_privileged = std::make_shared<Bisection>();
                     m_privileged->universe = universe;
                     m_privileged->editsWithout = [edits = c.trialEdits, universe](const StringList& out) {
                         return withCapabilities(edits, without(universe, out));
                     };
                     m_privileged->labelWithout = [label = c.label](const StringList& out) {
                         return label + ", every capability added except " + listText(out);
                     };
                     m_privileged->verifyLabel = c.label + " + ";
                     startBisection(m_privileged, true, [this, &c] { settlePrivileged(c); });
                 },
                 false,
                 nullptr,
                 true});
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

    // Queues the combined trial once every verdict is in — unless the guess beside the last trials was it.
    void advance()
    {
        if (!m_baselineSeen || m_combinedQueued) {
            return;
        }
        const bool allSettled =
            std::all_of(m_candidates.begin(), m_candidates.end(), [](const ProbeCandidate& c) {
                return c.settled || c.kind == ProbeKind::Capabilities;
            });
        const bool capsDone = !m_capsWanted || (m_caps && m_caps->state == Bisection::State::Done);
        if (!m_queue.empty() || !allSettled || !capsDone) {
            return;
        }
        m_combinedQueued = true;
        settleCapabilityVerdicts();
        auto [tolerated, edits] = combinedEdits(false);
        if (tolerated < 2) {
            return; // one tolerated change's own trial was the combined trial
        }
        if (m_guess && edits == m_guessedEdits) {
            m_result.combinedChecked = true;
            m_result.combined = *m_guess;
            return;
        }
        enqueue({{"every tolerated change together", std::move(edits)}, [this](const TrialObservation& o) {
                     m_result.combinedChecked = true;
                     m_result.combined = compare(o);
                 }});
    }

    // The capability search: --cap-drop ALL, as user (the plan's non-root user) or as the command's user.
    void startCapabilities(const ProbeCandidate* user)
    {
        const RunCommand& before = m_plan.before;
        const std::vector<RunEdit> context = user ? user->trialEdits : std::vector<RunEdit>();
        m_capsAsUser = user != nullptr;
        m_caps = std::make_shared<Bisection>();
        m_caps->universe = capabilityUniverse(before, {});
        m_caps->editsWithout = [context, before, universe = m_caps->universe](const StringList& out) {
            return dropAllExcept(context, before, without(universe, out));
        };
        const std::size_t total = m_caps->universe.size();
        std::string as;
        for (const auto& e : context) {
            as = e.flag == "--user" && e.op == RunEdit::Op::AddFlag ? " as " + e.value : as;
        }
        m_caps->labelWithout = [total, as](const StringList& out) {
            return out.size() == total ? "cap-drop ALL" + as
                                       : "cap-drop ALL" + as + ", testing without " + listText(out) +
                                             " (bisecting " + std::to_string(total) + " capabilities)";
        };
        m_caps->verifyLabel = "cap-drop ALL" + as + " + ";
        startBisection(m_caps, false, [] {});
    }

    // Group tests of b; done runs once the trial with only what was found has been compared.
    void startBisection(const std::shared_ptr<Bisection>& b, bool wholeKnownToDiffer,
                        std::function<void()> done)
    {
        b->state = Bisection::State::Running;
        m_onDone[b.get()] = std::move(done);
        if (b->universe.size() == 1 && !wholeKnownToDiffer) {
            testGroup(b, b->universe);
        } else {
            split(b, b->universe);
        }
    }

    // A search that was started again (as root) leaves the old one's results unused.
    bool current(const Bisection* b) const { return b == m_caps.get() || b == m_privileged.get(); }

    void testGroup(const std::shared_ptr<Bisection>& b, const StringList& group)
    {
        ++b->open;
        enqueue({{b->labelWithout(group), b->editsWithout(group)},
                 [this, b, group](const TrialObservation& o) {
                     if (!current(b.get())) {
                         return;
                     }
                     --b->open;
                     const TrialComparison seen = compare(o);
                     if (group.size() == b->universe.size()) {
                         b->wholeGroup = seen;
                     }
                     if (!seen.sameBehaviour) {
                         if (group.size() == 1) {
                             b->needed.push_back(group.front());
                         } else {
                             split(b, group);
                         }
                     }
                     if (b->open == 0) {
                         verify(b);
                     }
                 },
                 false,
                 b.get(),
                 true});
    }

    void split(const std::shared_ptr<Bisection>& b, const StringList& group)
    {
        if (group.size() <= 1) {
            b->needed.insert(b->needed.end(), group.begin(), group.end());
            if (b->open == 0) {
                verify(b);
            }
            return;
        }
        // Quarters, not halves: each round of trials costs a whole watch window, and four groups find one
        // needed capability of 14 in two rounds (quarters, singles) instead of four.
        const std::size_t parts = std::min<std::size_t>(kSplitParts, group.size());
        std::size_t begin = 0;
        for (std::size_t i = 0; i < parts; ++i) {
            const std::size_t end = begin + (group.size() - begin) / (parts - i);
            testGroup(b, StringList(group.begin() + static_cast<std::ptrdiff_t>(begin),
                                    group.begin() + static_cast<std::ptrdiff_t>(end)));
            begin = end;
        }
    }

    // The configuration with only what was found added back; already seen when nothing is needed and the
    // whole universe was one group.
    void verify(const std::shared_ptr<Bisection>& b)
    {
        std::sort(b->needed.begin(), b->needed.end(), [&b](const std::string& x, const std::string& y) {
            return std::find(b->universe.begin(), b->universe.end(), x) <
                   std::find(b->universe.begin(), b->universe.end(), y);
        });
        if (b->needed.empty() && b->wholeGroup) {
            b->verified = b->wholeGroup;
            finishBisection(*b);
            return;
        }
        b->state = Bisection::State::Verifying;
        enqueue({{b->verifyLabel + listText(b->needed), b->editsWithout(without(b->universe, b->needed))},
                 [this, b](const TrialObservation& o) {
                     if (!current(b.get())) {
                         return;
                     }
                     b->verified = compare(o);
                     finishBisection(*b);
                 },
                 true,
                 b.get(),
                 true});
    }

    void finishBisection(Bisection& b)
    {
        b.state = Bisection::State::Done;
        if (auto done = m_onDone[&b]) {
            done();
        }
    }

    void settleCapabilityVerdicts()
    {
        if (!m_capsWanted || !m_caps || !m_caps->verified) {
            return;
        }
        const TrialComparison& v = *m_caps->verified;
        const std::string with =
            "with --cap-drop ALL and " +
            (m_caps->needed.empty() ? std::string("no capability") : listText(m_caps->needed)) +
            " added back";
        for (auto& c : m_candidates) {
            if (c.kind == ProbeKind::Capabilities) {
                c.verdict.addedBack = m_caps->needed;
                c.own = TrialComparison{v.sameBehaviour, with + ": " + v.evidence + " (" +
                                                             std::to_string(m_caps->universe.size()) +
                                                             " capabilities tried)"};
                c.settled = true;
            } else if (c.kind == ProbeKind::DropAdded && c.alsoDropsAll && c.own && c.own->sameBehaviour) {
                c.verdict.addedBack = m_caps->needed;
                if (!v.sameBehaviour) {
                    c.own = TrialComparison{false, "dropping " + c.capability + " alone: " + c.own->evidence +
                                                       "; but this change also drops every other capability, "
                                                       "and " +
                                                       with + ": " + v.evidence};
                }
            }
        }
    }

    // The edits of every tolerated change together, and how many changes they are. hypothetical: the changes
    // whose last trials are still to come count as tolerated, with what their searches found so far.
    std::pair<int, std::vector<RunEdit>> combinedEdits(bool hypothetical)
    {
        std::vector<RunEdit> edits;
        int tolerated = 0;
        for (auto& c : m_candidates) {
            ProbeVerdict verdict = c.verdict;
            if (verdictReady(c)) {
                if (!c.own->sameBehaviour) {
                    continue;
                }
            } else if (!hypothetical || (c.own && !c.own->sameBehaviour)) {
                continue;
            } else if (c.kind == ProbeKind::Capabilities || c.alsoDropsAll) {
                verdict.addedBack = m_caps ? m_caps->needed : StringList();
            } else if (c.kind == ProbeKind::Privileged) {
                verdict.addedBack = m_privileged ? m_privileged->needed : StringList();
            }
            ++tolerated;
            for (auto& e : probedEdits(*c.change, verdict)) {
                edits.push_back(std::move(e));
            }
        }
        return {tolerated, std::move(edits)};
    }

    bool verdictReady(const ProbeCandidate& c) const
    {
        if (!c.settled || !c.own) {
            return false;
        }
        // A change that also drops every capability is verified only once the bisection has a result.
        return !(c.kind == ProbeKind::DropAdded && c.alsoDropsAll && c.own->sameBehaviour &&
                 !(m_caps && m_caps->verified));
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
    std::shared_ptr<Bisection> m_caps;
    bool m_capsAsUser = false; // m_caps runs as the plan's non-root user, whose own verdict may not be in yet
    std::shared_ptr<Bisection> m_privileged;
    std::map<const Bisection*, std::function<void()>> m_onDone;
    bool m_combinedQueued = false;
    bool m_settingUp = true;                // the first round is queued in order, urgent or not
    std::optional<TrialComparison> m_guess; // the combined trial run beside the last trials, and its edits
    std::vector<RunEdit> m_guessedEdits;
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
