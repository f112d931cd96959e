#include "app/cli/Connection.h"

#include "core/docker/ContextResolver.h"
#include "core/docker/TransportFactory.h"

namespace drydock::app {

Result<std::unique_ptr<DockerClient>> connectFromArgs(const ParsedArgs& args)
{
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    auto endpoint = resolver.resolve(args.last("--host").value_or(""), args.last("--context").value_or(""));
    if (!endpoint) {
        return endpoint.error();
    }
    auto transport = makeTransport(endpoint.value());
    if (!transport) {
        return transport.error();
    }
    auto client = std::make_unique<DockerClient>(std::move(transport.value()), endpoint.value());
    auto version = client->negotiate();
    if (!version) {
        return version.error();
    }
    return client;
}

} // namespace drydock::app
