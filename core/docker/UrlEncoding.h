#pragma once
#include <string>
#include <string_view>

namespace drydock {

// Percent-encodes one path segment or query value (RFC 3986): everything but A-Z a-z 0-9 - . _ ~ is
// encoded, "/" included, so an id or name can never add a path segment or a query of its own.
std::string urlEncode(std::string_view text);

} // namespace drydock
