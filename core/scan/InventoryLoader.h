#pragma once
#include "core/common/CancelToken.h"
#include "core/common/ProgressSink.h"
#include "core/common/Result.h"
#include "core/docker/DockerClient.h"
#include "core/model/Inventory.h"

namespace drydock {

// Which optional, slower reads an inventory includes.
struct InventoryOptions
{
    bool containerChanges = true; // GET /containers/{id}/changes for running containers (RUN-014)
    bool execSessions = true;     // GET /exec/{id}/json for running exec sessions (CTR-021)
    bool swarm = true;
};

// Reads everything one endpoint knows into an Inventory, many requests in flight, read-only.
// A failure of the whole endpoint is an Error; one object that vanished mid-read becomes an InventoryProblem.
class InventoryLoader
{
public:
    explicit InventoryLoader(DockerClient& client, InventoryOptions options = {});
    Result<Inventory> load(std::int64_t nowUnix, ProgressSink& progress, const CancelToken& cancel);

private:
    DockerClient& m_client;
    InventoryOptions m_options;
};

} // namespace drydock
