#include "core/scan/InventoryLoader.h"

#include "core/rules/daemon/DaemonFacts.h"

#include <set>

namespace drydock {

namespace {

Error cancelled() { return Error::make(ErrorCode::Cancelled, "The scan was cancelled; nothing was changed."); }

// A failure that ends the whole read: the daemon is gone or refuses us. Anything else (one object that
// vanished between list and inspect) is recorded as a problem and the snapshot carries on.
bool isEndpointFailure(const Error& e)
{
    switch (e.code) {
    case ErrorCode::DaemonUnreachable:
    case ErrorCode::PermissionDenied:
    case ErrorCode::TlsFailure:
    case ErrorCode::Timeout:
    case ErrorCode::UnsupportedApiVersion:
    case ErrorCode::Cancelled:
        return true;
    default:
        return false;
    }
}

} // namespace

InventoryLoader::InventoryLoader(DockerClient& client, InventoryOptions options)
    : m_client(client), m_options(options)
{
}

Result<Inventory> InventoryLoader::load(std::int64_t nowUnix, ProgressSink& progress, const CancelToken& cancel)
{
    Inventory inv;
    inv.endpoint = m_client.endpoint().display();
    inv.apiVersion = m_client.apiVersion().toString();
    inv.capturedAtUnix = nowUnix;
    constexpr int phases = 7;
    int phase = 0;
    auto step = [&](const char* name) { progress.progress(name, phase++, phases); };

    // Two rounds of waiting for the whole snapshot: every list at once, then every inspect at once. Errors are
    // still taken in the order a reader expects (the daemon, containers, images, networks, volumes, plugins).
    step("daemon");
    DaemonListing lists = m_client.listEverything();
    if (!lists.info) {
        return lists.info.error();
    }
    inv.daemon = std::move(lists.info.value());
    inv.engineVersion = inv.daemon.serverVersion;
    // Podman's compatible API has its own version numbers: "Docker 4.3.1" would name no Docker release.
    inv.engineName = daemonfacts::productName(inv.daemon);
    if (cancel.isCancelled()) {
        return cancelled();
    }

    step("containers");
    if (!lists.containerIds) {
        return lists.containerIds.error();
    }
    if (!lists.imageIds) {
        return lists.imageIds.error();
    }
    const StringList& ids = lists.containerIds.value();
    const std::vector<Network> noNetworks;
    InspectedObjects objects = m_client.inspectEverything(ids, lists.imageIds.value(),
                                                          lists.networks ? lists.networks.value() : noNetworks);
    auto& inspected = objects.containers;
    for (std::size_t i = 0; i < inspected.size(); ++i) {
        if (inspected[i]) {
            inv.containers.push_back(std::move(inspected[i].value()));
        } else if (isEndpointFailure(inspected[i].error())) {
            return inspected[i].error();
        } else {
            inv.problems.push_back({"container", ids[i], inspected[i].error().message});
        }
    }
    if (cancel.isCancelled()) {
        return cancelled();
    }

    step("container details");
    if (m_options.containerChanges) {
        StringList running;
        std::vector<Container*> targets;
        for (auto& c : inv.containers) {
            if (c.state.running) {
                running.push_back(c.id);
                targets.push_back(&c);
            }
        }
        auto changes = m_client.containerChanges(running);
        for (std::size_t i = 0; i < changes.size() && i < targets.size(); ++i) {
            if (changes[i]) {
                targets[i]->changes = std::move(changes[i].value());
            } else {
                inv.problems.push_back({"container", targets[i]->id, changes[i].error().message});
            }
        }
    }
    if (m_options.execSessions) {
        StringList execIds;
        std::vector<Container*> owners;
        for (auto& c : inv.containers) {
            for (const auto& e : c.execIds) {
                execIds.push_back(e);
                owners.push_back(&c);
            }
        }
        auto execs = m_client.inspectExecs(execIds);
        for (std::size_t i = 0; i < execs.size() && i < owners.size(); ++i) {
            if (execs[i]) {
                owners[i]->execSessions.push_back(std::move(execs[i].value()));
            }
        }
    }
    if (cancel.isCancelled()) {
        return cancelled();
    }

    step("images");
    // Images used by containers but not listed (e.g. untagged parents) are inspected too, so every
    // container can be compared with its image; they are rare, so they cost a round only when present.
    StringList allImageIds = lists.imageIds.value();
    std::set<std::string> wanted(allImageIds.begin(), allImageIds.end());
    StringList unlisted;
    for (const auto& c : inv.containers) {
        if (!c.imageId.empty() && wanted.insert(c.imageId).second) {
            unlisted.push_back(c.imageId);
        }
    }
    auto& images = objects.images;
    if (!unlisted.empty()) {
        auto more = m_client.inspectImages(unlisted);
        allImageIds.insert(allImageIds.end(), unlisted.begin(), unlisted.end());
        images.insert(images.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (images[i]) {
            inv.images.push_back(std::move(images[i].value()));
        } else if (isEndpointFailure(images[i].error())) {
            return images[i].error();
        } else {
            inv.problems.push_back({"image", allImageIds[i], images[i].error().message});
        }
    }
    if (cancel.isCancelled()) {
        return cancelled();
    }

    step("networks and volumes");
    auto& networks = lists.networks;
    for (auto& network : objects.networks) {
        if (!network) {
            networks = network.error(); // as one failed read of the networks
            break;
        }
    }
    if (!networks) {
        if (isEndpointFailure(networks.error())) {
            return networks.error();
        }
        inv.problems.push_back({"network", "", networks.error().message});
    } else {
        for (auto& network : objects.networks) {
            inv.networks.push_back(std::move(network.value()));
        }
    }
    auto& volumes = lists.volumes;
    if (!volumes) {
        if (isEndpointFailure(volumes.error())) {
            return volumes.error();
        }
        inv.problems.push_back({"volume", "", volumes.error().message});
    } else {
        inv.volumes = std::move(volumes.value());
    }
    auto& plugins = lists.plugins;
    if (plugins) {
        inv.plugins = std::move(plugins.value());
    } else if (isEndpointFailure(plugins.error())) {
        return plugins.error();
    } else {
        inv.problems.push_back({"plugin", "", plugins.error().message});
    }
    if (cancel.isCancelled()) {
        return cancelled();
    }

    step("swarm");
    if (m_options.swarm) {
        auto swarm = m_client.swarmState(inv.daemon);
        if (swarm) {
            inv.swarm = std::move(swarm.value());
        } else if (isEndpointFailure(swarm.error())) {
            return swarm.error();
        } else {
            inv.problems.push_back({"swarm", "", swarm.error().message});
        }
    }
    step("done");
    return inv;
}

} // namespace drydock
