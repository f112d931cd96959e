#include "core/docker/TransportFactory.h"
// STUB: replaced by the transport work.
namespace drydock {
Result<std::unique_ptr<Transport>> makeTransport(const DockerEndpoint&) { return Error::make(ErrorCode::Internal, "not implemented"); }
} // namespace drydock
