#pragma once
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"
#include "core/findings/Finding.h"
#include "core/model/Inventory.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"

#include <string>
#include <vector>

namespace drydock {

// What changed about one object, as the live view needs it.
struct Reevaluation
{
    ObjectRef object;              // type and id (a volume's id is its name); name from the daemon or the old snapshot
    bool removed = false;          // the daemon no longer has it
    bool added = false;            // it was not in the previous snapshot
    Inventory inventory;           // the snapshot with this object replaced, added or removed
    std::vector<Finding> findings; // the object's findings now (empty when removed), with remediation
};

// Live updates: re-reads ONE container, image, network or volume with read-only GETs, puts it into a copy of
// the current snapshot and runs the catalogue for that object alone, so its findings change without a full
// rescan. Findings that depend on other objects' state (an image that became unused, say) wait for the
// next full scan.
class ObjectReevaluator
{
public:
    ObjectReevaluator(DockerClient& client, const RuleCatalogue& catalogue);

    // id: the id the event carried (a name works too). Errors: the daemon could not be read, or the type is
    // not one of container, image, network, volume (InvalidArgument).
    Result<Reevaluation> reevaluate(const Inventory& current, ObjectType type, const std::string& id,
                                    const ScanSettings& settings, std::int64_t nowUnix);

    // The pure half, for tests and for callers that already hold the new object: replaces (or adds) the
    // object in a copy of the snapshot and evaluates it.
    static Reevaluation replaceContainer(const Inventory& current, Container container);
    static Reevaluation replaceImage(const Inventory& current, Image image);
    static Reevaluation replaceNetwork(const Inventory& current, Network network);
    static Reevaluation replaceVolume(const Inventory& current, Volume volume);
    static Reevaluation remove(const Inventory& current, ObjectType type, const std::string& idOrName);
    void evaluate(Reevaluation& change, const ScanSettings& settings, std::int64_t nowUnix) const;

private:
    DockerClient& m_client;
    const RuleCatalogue& m_catalogue;
};

} // namespace drydock
