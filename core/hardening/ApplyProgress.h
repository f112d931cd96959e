#pragma once
#include "core/model/Common.h"
#include "core/model/Container.h"

#include <string>

namespace drydock {

// What a trial or an apply has done on the daemon so far, so that an interruption or a failed rollback can
// say exactly what is left and how to bring the original back. A forward step is marked when its request
// is sent (a request in flight counts as possibly done) and cleared when the daemon refused it; a rollback
// step is marked when the daemon confirmed it. The restore commands are right whether or not a request
// in flight took effect: each of them is harmless when its step is already undone.
struct ApplyProgress
{
    bool trial = false;      // a trial touches nothing existing: only its own container is left
    std::string endpoint;    // where the containers are, for the words
    std::string name;        // the original's name (for a trial: the trial container's name)
    std::string originalId;  // empty for a trial
    std::string backupName;  // the name the original gets while the hardened container runs
    bool wasRunning = false; // the original was running before the apply
    RestartPolicy originalPolicy;

    std::string lastRequest; // the last request sent, in words ("stop the original", …)
    bool stopSent = false;
    bool policyChangeSent = false;
    bool renameSent = false;
    bool hardenedMayExist = false; // the create was sent and its container is not known to be removed
    std::string newId;             // known once the create answered
    bool renameBackSent = false; // from then on the name may be the original's again
    bool renamedBack = false;    // confirmed
    bool policyRestored = false;
    bool originalStarted = false;
    bool finished = false; // the trial or apply returned: nothing is left half done

    // Nothing on the daemon differs from before the apply (or the trial left nothing behind).
    bool nothingToRestore() const;
};

// "on-failure:3", "always", "unless-stopped"; "no" for an empty policy.
std::string restartPolicyText(const RestartPolicy& policy);
// The daemon restarts a container with this policy on its own (so a backup must not keep it).
bool restartsByItself(const RestartPolicy& policy);

// What is left on the daemon, one sentence per object.
StringList describeLeftState(const ApplyProgress& progress);
// The docker commands, in order, that restore the original exactly (names and ids shell-quoted).
StringList restoreCommands(const ApplyProgress& progress);
// Both, as the text printed when an apply is aborted or its rollback fails.
std::string leftStateText(const ApplyProgress& progress);

} // namespace drydock
