#include "core/rules/network/PublishedPorts.h"

#include "core/common/Strings.h"
#include "core/rules/network/ContainerNetworking.h"

#include <charconv>

namespace drydock {

namespace {

constexpr const char* kHostBindingOption = "com.docker.network.bridge.host_binding_ipv4";

// The address a binding with HostIp "" gets: the host_binding_ipv4 option of the network the container
// starts on (docker0 for "default"/"bridge"), and 0.0.0.0 when that option is not set.
std::string defaultBindingAddress(const Inventory& inventory, const Container& container)
{
    const std::string& mode = container.hostConfig.networkMode;
    const Network* network = nullptr;
    if (usesDefaultBridgeMode(container)) {
        network = inventory.defaultBridge();
    } else {
        for (const auto& n : inventory.networks) {
            if (n.name == mode || n.id == mode) {
                network = &n;
                break;
            }
        }
    }
    if (network) {
        const auto it = network->options.find(kHostBindingOption);
        if (it != network->options.end() && !it->second.empty()) {
            return it->second;
        }
    }
    return "0.0.0.0";
}

std::string hostPortOf(const PortBinding& binding) { return binding.hostPort == "0" ? "" : binding.hostPort; }

void addBinding(std::vector<PublishedPort>& ports, const std::string& containerPort, const std::string& hostPort,
                const std::string& address, bool effective, bool defaultAddress)
{
    for (auto& p : ports) {
        if (p.containerPort == containerPort && p.hostPort == hostPort) {
            p.addresses.push_back(address);
            p.defaultAddress = p.defaultAddress || defaultAddress;
            return;
        }
    }
    ports.push_back({containerPort, hostPort, {address}, effective, defaultAddress});
}

} // namespace

std::string PublishedPort::label() const { return (hostPort.empty() ? "random" : hostPort) + "->" + containerPort; }

bool PublishedPort::onAllInterfaces() const
{
    for (const auto& a : addresses) {
        if (isWildcardAddress(a)) {
            return true;
        }
    }
    return false;
}

std::string PublishedPort::evidence() const
{
    StringList shown;
    for (const auto& a : addresses) {
        const std::string host = contains(a, ":") ? "[" + a + "]" : a;
        shown.push_back(host + ":" + (hostPort.empty() ? "(random)" : hostPort));
    }
    std::string text = (effective ? "NetworkSettings.Ports[" : "HostConfig.PortBindings[") + containerPort +
                       "] = " + join(shown, ", ");
    if (defaultAddress) {
        text += " (HostIp \"\": the network's default address)";
    }
    return text;
}

std::vector<PublishedPort> publishedPorts(const Inventory& inventory, const Container& container)
{
    std::vector<PublishedPort> ports;
    if (bypassesDockerNetworks(container)) {
        return ports;
    }
    // A running container's live bindings are the truth when there are any. A running container with none
    // although it asked for some sits on a network that could not publish (e.g. a daemon started with
    // --bridge none): its request is judged instead, since it takes effect as soon as that network can.
    bool anyEffective = false;
    for (const auto& mapping : container.effectivePorts) {
        anyEffective = anyEffective || !mapping.bindings.empty();
    }
    if (container.state.running && anyEffective) {
        for (const auto& mapping : container.effectivePorts) {
            for (const auto& binding : mapping.bindings) {
                const std::string address = binding.hostIp.empty() ? "0.0.0.0" : binding.hostIp;
                addBinding(ports, mapping.containerPort, hostPortOf(binding), address, true, false);
            }
        }
        return ports;
    }
    std::string fallback; // looked up once, only when a binding needs it
    for (const auto& mapping : container.hostConfig.portBindings) {
        for (const auto& binding : mapping.bindings) {
            const bool useDefault = binding.hostIp.empty();
            if (useDefault && fallback.empty()) {
                fallback = defaultBindingAddress(inventory, container);
            }
            addBinding(ports, mapping.containerPort, hostPortOf(binding), useDefault ? fallback : binding.hostIp,
                       false, useDefault);
        }
    }
    return ports;
}

bool isWildcardAddress(std::string_view address)
{
    return address.empty() || address == "0.0.0.0" || address == "::" || address == "[::]";
}

int portNumber(std::string_view port)
{
    const std::string_view digits = port.substr(0, port.find('/'));
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return ec == std::errc() && end == digits.data() + digits.size() ? value : 0;
}

} // namespace drydock
