#include "app/cli/HardenProbe.h"

#include "app/cli/ExitCode.h"
#include "app/cli/InterruptGuard.h"
#include "core/common/Strings.h"
#include "core/hardening/probe/ProbeHistory.h"
#include "core/hardening/probe/TrialBatch.h"

#include <cmath>

namespace drydock::app {

namespace {

// "running for 5 s, listening on 80, 443, healthy" — what the unchanged container did in its trial.
std::string baselineText(const TrialObservation& b)
{
    std::string out = b.running ? "kept running for " + std::to_string(b.watchedSeconds) + " s"
                                : "exited with code " + std::to_string(b.exitCode);
    if (b.listeningPorts) {
        StringList ports;
        for (const int p : *b.listeningPorts) {
            ports.push_back(std::to_string(p));
        }
        out += ports.empty() ? ", listening on no TCP port" : ", listening on " + join(ports, ", ");
    }
    if (!b.health.empty()) {
        out += ", " + b.health;
    }
    if (!b.writtenPaths.empty()) {
        out += ", wrote " + std::to_string(b.writtenPaths.size()) + " path" +
               (b.writtenPaths.size() == 1 ? "" : "s");
    }
    return out;
}

void sayVerdicts(const HardenProbeContext& ctx, const HardeningPlan& plan, const ProbeResult& r)
{
    ctx.say("Probe of " + plan.object.name + ": " + std::to_string(r.trials) + " trials in " +
            std::to_string(r.rounds) + (r.rounds == 1 ? " round, " : " rounds, ") +
            std::to_string(static_cast<int>(std::lround(r.seconds))) + " s; unchanged, it " +
            baselineText(r.baseline) + ".");
    for (const auto& v : r.verdicts) {
        const HardeningChange* c = plan.find(v.changeId);
        ctx.say(std::string(v.tolerated ? "  apply (verified by trial)  " : "  skip                       ") +
                v.changeId + (c != nullptr ? ": " + c->title : std::string()));
        ctx.say("      " + v.evidence);
        if (v.tolerated && !v.addedBack.empty()) {
            ctx.say("      adds back: " + join(v.addedBack, ", "));
        }
        if (v.tolerated && !v.tmpfsDirectories.empty()) {
            ctx.say("      keeps writable (tmpfs): " + join(v.tmpfsDirectories, ", "));
        }
    }
    if (r.combinedChecked) {
        ctx.say(std::string(r.combined.sameBehaviour ? "All verified changes together behaved like the "
                                                       "original: "
                                                     : "All verified changes together did NOT behave like "
                                                       "the original: ") +
                r.combined.evidence);
    }
    if (r.cancelled) {
        ctx.say("The probe was cancelled: only the changes listed were verified.");
    }
}

} // namespace

std::variant<ProbeResult, int> runHardenProbe(const HardenProbeContext& ctx, HardeningPlan& plan)
{
    TrialBatch batch(ctx.docker, ctx.writer, ctx.clock, ctx.log);
    batch.setWatchSeconds(ctx.watchSeconds);
    // An earlier run that was killed outright (a second signal, SIGKILL) may have left trial containers.
    if (auto left = batch.removeLeftoverTrials(plan.object.name); !left) {
        ctx.say("drydock: could not remove the trial containers an earlier run left: " +
                left.error().message);
    } else if (!left->empty()) {
        ctx.addAction("probe: remove leftover trials", "ok", join(*left, ", "));
        ctx.say("Removed the trial containers an interrupted earlier run left: " + join(*left, ", ") + ".");
    }
    LeastPrivilegeProbe probe([&](const std::vector<TrialSpec>& specs, const CancelToken& cancel) {
        return batch.run(plan, specs, cancel);
    });
    probe.setProgress([&](const ProbeProgress& p) {
        if (!p.current.empty()) {
            ctx.say("trial " + std::to_string(p.done + 1) + "/" + std::to_string(p.total) + ": " + p.current);
        }
    });
    ctx.addAction("probe: start", "ok", "watch window " + std::to_string(ctx.watchSeconds) + " s");
    auto result = probe.probe(plan, ctx.cancel);
    if (const int signal = ctx.signalNumber(); signal != 0) {
        const std::string what = "every trial container was removed; nothing existing was touched";
        ctx.addAction("probe: interrupted", "interrupted", InterruptGuard::signalName(signal) + ": " + what);
        ctx.say("Probe interrupted (" + InterruptGuard::signalName(signal) + "): " + what + ".");
        return 128 + signal;
    }
    if (!result) {
        ctx.addAction("probe: failed", "failed", result.error().message);
        ctx.say("drydock: " + result.error().message);
        // The unchanged configuration not staying up is the container's behaviour, not a daemon failure.
        return result.error().code == ErrorCode::InvalidArgument ? static_cast<int>(ExitFindings)
                                                                 : static_cast<int>(ExitDaemon);
    }
    for (const auto& row : probeHistoryRows(*result)) {
        ctx.addAction(row.step, row.outcome, row.details);
    }
    sayVerdicts(ctx, plan, *result);
    applyProbeResult(plan, *result);
    return std::move(result.value());
}

} // namespace drydock::app
