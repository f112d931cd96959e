#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/docker/DockerClient.h"
#include "core/hardening/ContainerResolver.h"
#include "core/hardening/HardeningPlan.h"
#include "core/hardening/ResourceObserver.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"

namespace drydock {

// A plan ready for the walkthrough: the scan it was made from, the plan, and how the container was named.
struct HardeningTarget
{
    ScanResult scan; // the scan the plan was made from (store it to history before an apply)
    HardeningPlan plan;
    // How the word named the container (empty for an image): an apply needs an exact name or the full id.
    std::optional<ContainerMatchKind> matchedBy;
};

// Everything the walkthrough reads before planning, shared by the CLI and the wizard: a scan, the named
// container (as the docker CLI finds it: full id, exact name or unique id prefix) or image (reference, id or
// unique id prefix), its changes and its image's /etc/passwd. A running container's usage is sampled
// (docker stats, `sampling`) so that its memory, CPU and PIDs limits are sized from what it uses.
class HardeningLoader
{
public:
    static Result<HardeningTarget> load(DockerClient& client, const RuleCatalogue& catalogue,
                                        const Clock& clock, const ScanSettings& settings,
                                        const std::string& nameOrId, ProgressSink& progress,
                                        const CancelToken& cancel, const UsageSampling& sampling = {});
    // The container's /etc/passwd (read-only: GET /containers/{id}/archive); empty when it has none.
    static std::string readPasswd(DockerClient& client, const std::string& containerId);
    // nullptr when nothing matches; an error when an id prefix is ambiguous.
    static Result<const Image*> findImage(const Inventory& inventory, const std::string& refOrId);
};

} // namespace drydock
