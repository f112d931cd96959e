#include "core/docker/ApiVersion.h"
// STUB: replaced by the transport work.
namespace drydock {
Result<ApiVersion> ApiVersion::parse(std::string_view) { return Error::make(ErrorCode::Internal, "not implemented"); }
Result<ApiVersion> ApiVersion::negotiate(std::string_view, ApiVersion, ApiVersion) { return Error::make(ErrorCode::Internal, "not implemented"); }
} // namespace drydock
