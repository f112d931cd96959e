#include "core/rules/RuleSupport.h"
#include "core/rules/RuleContext.h"

namespace drydock {

ObjectRef refOf(const Container& c) { return {ObjectType::Container, c.id, c.name}; }
ObjectRef refOf(const Image& i) { return {ObjectType::Image, i.id, i.displayName()}; }
ObjectRef refOf(const Network& n) { return {ObjectType::Network, n.id, n.name}; }
ObjectRef refOf(const Volume& v) { return {ObjectType::Volume, v.name, v.name}; }
ObjectRef refOf(const Plugin& p) { return {ObjectType::Plugin, p.id, p.name}; }
ObjectRef refOf(const SwarmService& s) { return {ObjectType::SwarmService, s.id, s.name}; }
ObjectRef refOf(const SwarmNode& n) { return {ObjectType::SwarmNode, n.id, n.hostname}; }
ObjectRef refOf(const SwarmSecret& s) { return {ObjectType::SwarmSecret, s.id, s.name}; }
ObjectRef refOf(const SwarmConfig& c) { return {ObjectType::SwarmConfig, c.id, c.name}; }

ObjectRef daemonRef(const Inventory& inventory)
{
    const std::string name = inventory.daemon.name.empty() ? inventory.endpoint : inventory.daemon.name;
    return {ObjectType::Daemon, inventory.daemon.id.empty() ? inventory.endpoint : inventory.daemon.id, name};
}

ObjectRef swarmRef(const Inventory& inventory)
{
    const std::string id = inventory.swarm ? inventory.swarm->cluster.id : std::string();
    return {ObjectType::SwarmCluster, id.empty() ? inventory.daemon.swarm.nodeId : id, "swarm"};
}

void ContainerRule::evaluate(const RuleContext& context, FindingCollector& out) const
{
    for (const auto& c : context.inventory().containers) {
        if (context.inFocus(ObjectType::Container, c.id)) {
            check(context, c, out);
        }
    }
}

void ImageRule::evaluate(const RuleContext& context, FindingCollector& out) const
{
    for (const auto& i : context.inventory().images) {
        if (context.inFocus(ObjectType::Image, i.id)) {
            check(context, i, out);
        }
    }
}

void NetworkRule::evaluate(const RuleContext& context, FindingCollector& out) const
{
    for (const auto& n : context.inventory().networks) {
        if (context.inFocus(ObjectType::Network, n.id)) {
            check(context, n, out);
        }
    }
}

} // namespace drydock
