#include "core/hardening/HardeningLoader.h"

#include "core/common/Strings.h"
#include "core/common/TarArchive.h"
#include "core/docker/UrlEncoding.h"
#include "core/hardening/HardeningPlanner.h"
#include "core/hardening/LimitsFromUsage.h"
#include "core/scan/Scanner.h"

#include <algorithm>

namespace drydock {

Result<const Image*> HardeningLoader::findImage(const Inventory& inventory, const std::string& refOrId)
{
    for (const auto& i : inventory.images) {
        const bool tagged =
            std::find(i.repoTags.begin(), i.repoTags.end(), refOrId) != i.repoTags.end() ||
            std::find(i.repoTags.begin(), i.repoTags.end(), refOrId + ":latest") != i.repoTags.end();
        if (tagged || i.id == refOrId || i.id == "sha256:" + refOrId) {
            return &i;
        }
    }
    const Image* found = nullptr;
    if (refOrId.size() >= 4) {
        for (const auto& i : inventory.images) {
            if (startsWith(i.id, "sha256:" + refOrId) || startsWith(i.id, refOrId)) {
                if (found != nullptr) {
                    return Error::make(ErrorCode::InvalidArgument,
                                       "'" + terminalText(refOrId, 100) +
                                           "' is the start of more than one image id; give more of it.");
                }
                found = &i;
            }
        }
    }
    return found;
}

std::string HardeningLoader::readPasswd(DockerClient& client, const std::string& containerId)
{
    auto tar =
        client.get("/containers/" + urlEncode(containerId) + "/archive?path=" + urlEncode("/etc/passwd"));
    if (!tar) {
        return {};
    }
    return readTarFile(tar.value(), "passwd").value_or(std::string());
}

Result<HardeningTarget> HardeningLoader::load(DockerClient& client, const RuleCatalogue& catalogue,
                                              const Clock& clock, const ScanSettings& settings,
                                              const std::string& nameOrId, ProgressSink& progress,
                                              const CancelToken& cancel, const UsageSampling& sampling)
{
    Scanner scanner(client, catalogue, clock);
    auto scan = scanner.scan(settings, progress, cancel);
    if (!scan) {
        return scan.error();
    }
    HardeningTarget target;
    target.scan = std::move(scan.value());
    const Inventory& inv = target.scan.inventory;
    const auto& findings = target.scan.findings.all();
    auto match = ContainerResolver::resolve(inv.containers, nameOrId);
    if (!match) {
        return match.error();
    }
    if (match.value()) {
        const Container* c = match.value()->container;
        target.matchedBy = match.value()->kind;
        const Image* image = inv.findImage(c->imageId);
        std::vector<FileChange> changes = c->changes.value_or(std::vector<FileChange>{});
        if (!c->changes && c->state.running) {
            auto fetched = client.containerChanges(c->id);
            if (fetched) {
                changes = std::move(fetched.value());
            }
        }
        target.plan =
            HardeningPlanner().planContainer(*c, image, findings, changes, readPasswd(client, c->id));
        std::optional<ObservedUsage> observed;
        std::string whyNot = "not running: fixed default";
        // Sampling takes seconds: only when a limit is to be sized (a container with all three has none to size).
        if (c->state.running && sampling.samples > 0 && plansLimitsFromUsage(target.plan)) {
            auto usage = ResourceObserver::forContainer(client, c->id, sampling.sleep)
                             .observe(sampling.samples, sampling.intervalMs, cancel);
            if (usage) {
                observed = usage.value();
                target.plan.notes.push_back(
                    "Observed over " + std::to_string(observed->samples) +
                    " reading(s) of docker stats: peak memory " +
                    LimitsFromUsage::mebibytes(observed->peakMemoryBytes) + ", " +
                    std::to_string(observed->peakPids) + " processes" +
                    (observed->peakCpuCores
                         ? ", " + LimitsFromUsage::coresText(*observed->peakCpuCores) + " CPUs"
                         : std::string()) +
                    ". Limits are sized from these peaks; a busier hour may need more.");
            } else {
                whyNot = "usage could not be read (" + usage.error().message + "): fixed default";
            }
        }
        applyObservedLimits(target.plan, observed, whyNot);
        return target;
    }
    auto image = findImage(inv, nameOrId);
    if (!image) {
        return image.error();
    }
    if (image.value() != nullptr) {
        target.plan = HardeningPlanner().planImage(*image.value(), findings);
        return target;
    }
    return Error::make(ErrorCode::NotFound,
                       "There is no container or image called '" + terminalText(nameOrId, 100) + "' on " +
                           client.endpoint().display() + ". `drydock inventory` lists what is there.");
}

} // namespace drydock
