#pragma once
#include "core/files/ComposeOrigin.h"
#include "core/findings/Finding.h"
#include "core/remediation/RunCommand.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// What the user decided about one proposed change.
enum class ChangeChoice
{
    Apply,
    Skip,
    Waive // accepted as a risk, with a reason (stored as a waiver of the findings it would resolve)
};
const char* toString(ChangeChoice choice); // "apply", "skip", "waive"
std::optional<ChangeChoice> changeChoiceFromString(std::string_view text);

// What a least-privilege probe (drydock harden --probe) found out about one change.
enum class TrialVerdict
{
    NotTried,
    Tolerated, // its trial behaved like the unchanged container: apply (verified by trial)
    Broke      // its trial behaved differently: skip, with the evidence
};

// One proposed change of the walkthrough: why, what could break, and what the user chose.
struct HardeningChange
{
    std::string id; // stable within a plan: "CTR-001", "SEC-001:DB_PASSWORD", "tmpfs:/var/cache"
    Area area = Area::Container;
    std::string title;  // what changes, in words
    std::string reason; // why (the finding and what an attacker gains)
    std::string risk;   // what could break, in plain words
    std::vector<RunEdit> edits;
    std::string dockerfile; // for image changes: the Dockerfile lines
    StringList ruleIds;     // the findings this change resolves
    // Apply can make this change itself. Otherwise a person must (rebuild an image, create a network); the
    // plan still lists it, with the words of what to do.
    bool automatic = true;
    ChangeChoice defaultChoice = ChangeChoice::Apply;
    ChangeChoice choice = ChangeChoice::Apply;
    std::string waiveReason;
    // For a change that puts a tmpfs on a directory: what the container already wrote there in its own
    // layer. The tmpfs starts empty, so after an apply this exists only in the backup.
    StringList onlyInBackup;
    // Set by applyProbeResult: what the trial of this change showed ("trial kept port 8080 and stayed healthy
    // for 5 s" / "trial logged `chown: Operation not permitted`").
    TrialVerdict trial = TrialVerdict::NotTried;
    std::string trialEvidence;
};

// The guide's five areas the walkthrough goes through, in order.
inline constexpr std::array<Area, 5> kHardeningAreas{Area::Image, Area::Container, Area::Runtime,
                                                     Area::Network, Area::Secrets};

// What one area (container, runtime, network, secrets) of the target has open today, for the plan's
// first page.
struct AreaOverview
{
    Area area = Area::Container;
    StringList findings;       // "high CTR-001 Container runs as root"
    std::string attackerToday; // what an attacker could do today, in words
};

// Ordered steps that take one container (or image) from its findings to a hardened configuration.
struct HardeningPlan
{
    ObjectRef object;
    std::string imageRef;
    bool running = false;
    std::vector<AreaOverview> overview; // areas with findings only
    std::vector<HardeningChange> changes;
    StringList notes;
    RunCommand before; // the container's own command; empty for an image plan
    // The UID:GID the hardened container runs as (secret files are owned by it).
    int runAsUid = 0;
    int runAsGid = 0;
    // Filled by the planner for CTR-001: the UID:GID chosen when the change is applied.
    int chosenUid = -1;
    int chosenGid = -1;
    // Set by the planner when docker compose created the container (its labels say where the service is written).
    std::optional<ComposeOrigin> composeOrigin;
    // The chosen edits made to that service in its compose file, set by attachComposeFile once choices are made:
    // a container-only fix is undone by the next `docker compose up`.
    std::optional<ComposeOriginFix> composeFile;

    bool isContainer() const { return object.type == ObjectType::Container; }
    HardeningChange* find(const std::string& id);
    const HardeningChange* find(const std::string& id) const;
    std::vector<const HardeningChange*> changesIn(Area area) const;
    // Edits of the automatic changes chosen for apply, in plan order.
    std::vector<RunEdit> chosenEdits() const;
    // The owner of secret files: the chosen user when the non-root change is applied, else today's user.
    std::pair<int, int> secretOwner() const;
    // Rule ids the chosen changes resolve (what a rescan should no longer show).
    StringList resolvedRuleIds() const;
    // Sets every automatic change (or, with onlyAreas, those areas) to choice.
    void chooseAll(ChangeChoice choice);
};

// Before/after and the copyable texts of a plan with its current choices.
struct HardeningPreview
{
    std::string beforeCommand;
    std::string afterCommand;
    std::string diff;       // unified-style: "  same", "- removed", "+ added", one option per line
    std::string compose;    // compose service of the hardened command
    std::string dockerfile; // Dockerfile changes chosen for the image
    StringList manualSteps; // chosen changes a person must make
};

HardeningPreview makePreview(const HardeningPlan& plan);

// Fills plan.composeFile from the plan's compose origin and its current choices (nothing without an origin).
void attachComposeFile(HardeningPlan& plan, const OriginFileReader& readFile);

// Exports of a plan: a readable text, Markdown, and a POSIX shell script that applies it with the docker
// CLI (stop, rename to a backup, run hardened, roll back when it does not stay up).
std::string renderPlanText(const HardeningPlan& plan);
std::string renderPlanMarkdown(const HardeningPlan& plan);
std::string renderPlanScript(const HardeningPlan& plan);

} // namespace drydock
