#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace drydock {

// One strict UTF-8 decoder for every writer that must emit valid Unicode (HTML, CSV, YAML, JSON input):
// RFC 3629, so overlong forms, UTF-16 surrogates (U+D800…U+DFFF) and code points past U+10FFFF are invalid.

// Length of the valid sequence at text[i] (1 to 4), or 0 when the bytes there are not valid UTF-8; the code
// point it encodes goes to *codePoint when given.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i, std::uint32_t* codePoint = nullptr);
bool isValidUtf8(std::string_view text);
// Every byte that does not start a valid sequence becomes U+FFFD; valid text comes back unchanged.
std::string replaceInvalidUtf8(std::string_view text);

} // namespace drydock
