#include "core/rules/network/ContainerNetworking.h"

#include "core/common/Strings.h"

namespace drydock {

bool usesDefaultBridgeMode(const Container& container)
{
    const std::string& mode = container.hostConfig.networkMode;
    return mode.empty() || mode == "default" || mode == "bridge";
}

bool bypassesDockerNetworks(const Container& container)
{
    const std::string& mode = container.hostConfig.networkMode;
    return mode == "host" || mode == "none" || startsWith(mode, "container:");
}

std::string dedicatedNetworkName(const Container& container)
{
    return (container.name.empty() ? std::string("app") : container.name) + "-net";
}

std::vector<RunEdit> moveToNetwork(const Container& container, const std::string& network)
{
    std::vector<RunEdit> edits;
    const std::string& mode = container.hostConfig.networkMode;
    if (!mode.empty() && mode != "default") {
        edits.push_back({RunEdit::Op::RemoveFlag, "--network", ""});
    }
    edits.push_back({RunEdit::Op::AddFlag, "--network", network});
    return edits;
}

RunEdit publishOnLoopback(const std::string& containerPort, const std::string& hostPort)
{
    const auto slash = containerPort.find('/');
    const std::string port = containerPort.substr(0, slash);
    const std::string proto = slash == std::string::npos ? "tcp" : containerPort.substr(slash + 1);
    return {RunEdit::Op::AddFlag, "--publish",
            "127.0.0.1:" + hostPort + ":" + port + (proto == "tcp" ? "" : "/" + proto)};
}

} // namespace drydock
