#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/docker/DockerClient.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"
#include "core/scan/HardeningPlan.h"
#include "core/scan/Scanner.h"

namespace drydock {

struct HardeningTarget
{
    ScanResult scan; // the scan the plan was made from (store it to history before an apply)
    HardeningPlan plan;
};

// Everything the walkthrough reads before planning, shared by the CLI and the wizard: a scan, the named
// container (name, id or id prefix) or image (reference or id), its changes and its image's /etc/passwd.
class HardeningLoader
{
public:
    static Result<HardeningTarget> load(DockerClient& client, const RuleCatalogue& catalogue,
                                        const Clock& clock, const ScanSettings& settings,
                                        const std::string& nameOrId, ProgressSink& progress,
                                        const CancelToken& cancel);
    // The container's /etc/passwd (read-only: GET /containers/{id}/archive); empty when it has none.
    static std::string readPasswd(DockerClient& client, const std::string& containerId);
    static const Container* findContainer(const Inventory& inventory, const std::string& nameOrId);
    static const Image* findImage(const Inventory& inventory, const std::string& refOrId);
};

} // namespace drydock
