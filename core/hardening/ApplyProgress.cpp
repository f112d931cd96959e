#include "core/hardening/ApplyProgress.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"

namespace drydock {

namespace {

bool renamedAway(const ApplyProgress& p)
{
    return p.renameSent && !p.renamedBack;
}

bool policyChanged(const ApplyProgress& p)
{
    return p.policyChangeSent && !p.policyRestored;
}

bool originalStopped(const ApplyProgress& p)
{
    return p.wasRunning && p.stopSent && !p.originalStarted;
}

std::string shortId(const std::string& id)
{
    return id.substr(0, 12);
}

} // namespace

bool ApplyProgress::nothingToRestore() const
{
    if (finished) {
        return true;
    }
    return !hardenedMayExist && !renamedAway(*this) && !policyChanged(*this) && !originalStopped(*this);
}

std::string restartPolicyText(const RestartPolicy& policy)
{
    if (policy.name.empty()) {
        return "no";
    }
    if (policy.name == "on-failure" && policy.maximumRetryCount > 0) {
        return policy.name + ":" + std::to_string(policy.maximumRetryCount);
    }
    return policy.name;
}

bool restartsByItself(const RestartPolicy& policy)
{
    return !policy.name.empty() && policy.name != "no";
}

StringList describeLeftState(const ApplyProgress& p)
{
    StringList out;
    const std::string where = p.endpoint.empty() ? std::string() : " on " + p.endpoint;
    if (p.nothingToRestore()) {
        out.push_back(p.trial ? "Nothing is left" + where + ": the trial touched nothing existing."
                              : "Nothing is left to restore" + where + ": " + p.name + " is as before.");
        return out;
    }
    if (p.hardenedMayExist) {
        const std::string what = p.trial ? "The trial container" : "The hardened container";
        out.push_back(p.newId.empty()
                          ? what + " may exist as " + p.name + " (its create request was in flight)."
                          : what + " " + shortId(p.newId) + " exists as " + p.name + " and may be running.");
    }
    if (p.trial) {
        out.push_back("Nothing existing was touched.");
        return out;
    }
    std::string original = "The original " + shortId(p.originalId) + " is ";
    original += originalStopped(p) ? "stopped" : (p.wasRunning ? "running" : "not running, as before");
    if (!renamedAway(p)) {
        original += " under its name " + p.name;
    } else if (p.renameBackSent) {
        original += " and named " + p.backupName + " or, if its rename back went through, " + p.name;
    } else {
        original += " and named " + p.backupName;
    }
    out.push_back(original + ".");
    if (policyChanged(p)) {
        out.push_back("Its restart policy is 'no' (it was '" + restartPolicyText(p.originalPolicy) + "').");
    }
    if (!p.lastRequest.empty()) {
        out.push_back("The last request (" + p.lastRequest +
                      ") may or may not have taken effect; the commands below are right either way.");
    }
    return out;
}

StringList restoreCommands(const ApplyProgress& p)
{
    StringList out;
    if (p.nothingToRestore()) {
        return out;
    }
    if (p.hardenedMayExist) {
        // Without its id, the name is safe to remove only while the original does not carry it: the create
        // is sent after the original was renamed away, and the rename back only after this removal.
        if (!p.newId.empty()) {
            out.push_back("docker rm -f " + shellQuote(p.newId));
        } else if (p.trial || !p.renameBackSent) {
            out.push_back("docker rm -f " + shellQuote(p.name));
        }
    }
    if (p.trial) {
        return out;
    }
    // The original is named by its id: these work whether or not a rename went through.
    const std::string id = shellQuote(p.originalId);
    if (renamedAway(p)) {
        out.push_back("docker rename " + id + " " + shellQuote(p.name));
    }
    if (policyChanged(p)) {
        out.push_back("docker update --restart " + shellQuote(restartPolicyText(p.originalPolicy)) + " " +
                      id);
    }
    if (originalStopped(p)) {
        out.push_back("docker start " + id);
    }
    return out;
}

std::string leftStateText(const ApplyProgress& p)
{
    std::string text = join(describeLeftState(p), "\n");
    const StringList commands = restoreCommands(p);
    if (!commands.empty()) {
        text += "\nTo restore " + std::string(p.trial ? "the daemon as it was" : "the original") +
                ", run with docker pointed at " + (p.endpoint.empty() ? "the same daemon" : p.endpoint) +
                ":\n  " + join(commands, "\n  ");
    }
    return text;
}

} // namespace drydock
