#include "core/docker/ContextResolver.h"
// STUB: replaced by the transport work.
namespace drydock {
ResolverEnvironment ResolverEnvironment::fromProcess() { return {}; }
ContextResolver::ContextResolver(ResolverEnvironment environment) : m_env(std::move(environment)) {}
Result<DockerEndpoint> ContextResolver::resolve(const std::string&, const std::string&) const { return Error::make(ErrorCode::Internal, "not implemented"); }
std::vector<DockerContextInfo> ContextResolver::listContexts() const { return {}; }
Result<DockerEndpoint> ContextResolver::parseHost(const std::string&) { return Error::make(ErrorCode::Internal, "not implemented"); }
} // namespace drydock
