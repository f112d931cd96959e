#pragma once
#include "core/model/Common.h"

namespace drydock {

// One address range of a network.
struct IpamConfig
{
    std::string subnet;
    std::string gateway;
    std::string ipRange;
};

// A container attached to a network, and its addresses there.
struct NetworkMember
{
    std::string containerId;
    std::string name;
    std::string ipv4Address;
    std::string ipv6Address;
};

// A network as `GET /networks/{id}` describes it.
struct Network
{
    std::string id;
    std::string name;
    std::string created;
    std::string driver;
    std::string scope;
    bool internal = false;
    bool attachable = false;
    bool ingress = false;
    bool enableIPv6 = false;
    StringMap options;
    StringMap labels;
    std::vector<IpamConfig> ipam;
    std::vector<NetworkMember> containers;

    // True for docker0: Options["com.docker.network.bridge.default_bridge"] == "true".
    bool isDefaultBridge() const
    {
        const auto it = options.find("com.docker.network.bridge.default_bridge");
        return it != options.end() && it->second == "true";
    }
};

} // namespace drydock
