#include "core/scan/ObjectReevaluator.h"

#include "core/rules/RuleSupport.h"
#include "core/scan/RuleEngine.h"

#include <algorithm>

namespace drydock {

namespace {

bool isGone(const Error& e)
{
    return (e.code == ErrorCode::HttpError && e.httpStatus == 404) || e.code == ErrorCode::NotFound;
}

// Puts value in place of the element matching `same`, or appends it; returns true when it was added.
template <typename T, typename Same> bool upsert(std::vector<T>& items, T value, Same same)
{
    const auto it = std::find_if(items.begin(), items.end(), same);
    if (it == items.end()) {
        items.push_back(std::move(value));
        return true;
    }
    *it = std::move(value);
    return false;
}

template <typename T, typename Same> std::optional<T> erase(std::vector<T>& items, Same same)
{
    const auto it = std::find_if(items.begin(), items.end(), same);
    if (it == items.end()) {
        return std::nullopt;
    }
    T old = std::move(*it);
    items.erase(it);
    return old;
}

bool matches(const std::string& id, const std::string& name, const std::string& key)
{
    // Events carry full ids; a name or a unique id prefix is accepted too.
    return id == key || name == key || (key.size() >= 12 && id.rfind(key, 0) == 0);
}

} // namespace

ObjectReevaluator::ObjectReevaluator(DockerClient& client, const RuleCatalogue& catalogue)
    : m_client(client), m_catalogue(catalogue)
{
}

Reevaluation ObjectReevaluator::replaceContainer(const Inventory& current, Container container)
{
    Reevaluation r;
    r.object = refOf(container);
    r.inventory = current;
    const std::string id = container.id;
    r.added = upsert(r.inventory.containers, std::move(container), [&](const Container& c) { return c.id == id; });
    return r;
}

Reevaluation ObjectReevaluator::replaceImage(const Inventory& current, Image image)
{
    Reevaluation r;
    r.object = refOf(image);
    r.inventory = current;
    const std::string id = image.id;
    r.added = upsert(r.inventory.images, std::move(image), [&](const Image& i) { return i.id == id; });
    return r;
}

Reevaluation ObjectReevaluator::replaceNetwork(const Inventory& current, Network network)
{
    Reevaluation r;
    r.object = refOf(network);
    r.inventory = current;
    const std::string id = network.id;
    r.added = upsert(r.inventory.networks, std::move(network), [&](const Network& n) { return n.id == id; });
    return r;
}

Reevaluation ObjectReevaluator::replaceVolume(const Inventory& current, Volume volume)
{
    Reevaluation r;
    r.object = refOf(volume);
    r.inventory = current;
    const std::string name = volume.name;
    r.added = upsert(r.inventory.volumes, std::move(volume), [&](const Volume& v) { return v.name == name; });
    return r;
}

Reevaluation ObjectReevaluator::remove(const Inventory& current, ObjectType type, const std::string& key)
{
    Reevaluation r;
    r.removed = true;
    r.object = {type, key, key};
    r.inventory = current;
    Inventory& inv = r.inventory;
    switch (type) {
    case ObjectType::Container:
        if (auto old = erase(inv.containers, [&](const Container& c) { return matches(c.id, c.name, key); })) {
            r.object = refOf(*old);
        }
        break;
    case ObjectType::Image:
        if (auto old = erase(inv.images, [&](const Image& i) { return matches(i.id, i.displayName(), key); })) {
            r.object = refOf(*old);
        }
        break;
    case ObjectType::Network:
        if (auto old = erase(inv.networks, [&](const Network& n) { return matches(n.id, n.name, key); })) {
            r.object = refOf(*old);
        }
        break;
    case ObjectType::Volume:
        if (auto old = erase(inv.volumes, [&](const Volume& v) { return v.name == key; })) {
            r.object = refOf(*old);
        }
        break;
    default: break;
    }
    return r;
}

void ObjectReevaluator::evaluate(Reevaluation& change, const ScanSettings& settings, std::int64_t nowUnix) const
{
    change.findings.clear();
    if (change.removed) {
        return;
    }
    change.findings =
        RuleEngine(m_catalogue).evaluateObject(change.inventory, settings, nowUnix, change.object.type, change.object.id);
}

Result<Reevaluation> ObjectReevaluator::reevaluate(const Inventory& current, ObjectType type, const std::string& id,
                                                   const ScanSettings& settings, std::int64_t nowUnix)
{
    ScanSettings effective = settings;
    if (effective.ownSocketPath.empty() && m_client.endpoint().kind == DockerEndpoint::Kind::Unix) {
        effective.ownSocketPath = m_client.endpoint().socketPath;
    }
    std::optional<Reevaluation> change;
    switch (type) {
    case ObjectType::Container: {
        auto container = m_client.inspectContainer(id);
        if (!container) {
            if (!isGone(container.error())) {
                return container.error();
            }
            change = remove(current, type, id);
            break;
        }
        Container& c = container.value();
        // The same details a full scan reads: changes of a running container, its exec sessions.
        if (c.state.running) {
            if (auto changes = m_client.containerChanges(c.id)) {
                c.changes = std::move(changes.value());
            }
        }
        for (auto& exec : m_client.inspectExecs(c.execIds)) {
            if (exec) {
                c.execSessions.push_back(std::move(exec.value()));
            }
        }
        // A container of an image the snapshot has not seen (imported or built since the scan).
        std::optional<Image> newImage;
        if (!c.imageId.empty() && !current.findImage(c.imageId)) {
            if (auto image = m_client.inspectImage(c.imageId)) {
                newImage = std::move(image.value());
            }
        }
        change = replaceContainer(current, std::move(c));
        if (newImage) {
            change->inventory.images.push_back(std::move(*newImage));
        }
        break;
    }
    case ObjectType::Image: {
        auto image = m_client.inspectImage(id);
        if (!image) {
            if (!isGone(image.error())) {
                return image.error();
            }
            change = remove(current, type, id);
            break;
        }
        change = replaceImage(current, std::move(image.value()));
        break;
    }
    case ObjectType::Network: {
        auto network = m_client.inspectNetwork(id);
        if (!network) {
            if (!isGone(network.error())) {
                return network.error();
            }
            change = remove(current, type, id);
            break;
        }
        change = replaceNetwork(current, std::move(network.value()));
        break;
    }
    case ObjectType::Volume: {
        auto volume = m_client.inspectVolume(id);
        if (!volume) {
            if (!isGone(volume.error())) {
                return volume.error();
            }
            change = remove(current, type, id);
            break;
        }
        change = replaceVolume(current, std::move(volume.value()));
        break;
    }
    default:
        return Error::make(ErrorCode::InvalidArgument,
                           std::string("Live updates re-evaluate containers, images, networks and volumes, not ") +
                               toString(type) + " objects; rescan (F5) to refresh it.");
    }
    change->inventory.capturedAtUnix = nowUnix;
    evaluate(*change, effective, nowUnix);
    return std::move(*change);
}

} // namespace drydock
