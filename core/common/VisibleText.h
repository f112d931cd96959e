#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace drydock {

// Text that reaches a person (a terminal, the clipboard, a report) must show what it holds. These characters
// can move the cursor, recolour or erase the screen, end a line, or reorder what is displayed, so every
// output spells them as visible escapes: C0 controls (newline and tab included), DEL, C1 controls (U+0080 to
// U+009F), the Unicode line and paragraph separators, the byte-order mark and the bidirectional controls
// (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069). Bytes that are not valid UTF-8 are escaped
// too: a terminal may read a lone 0x9B as CSI.

bool isHiddenCodePoint(std::uint32_t codePoint);
// Number of bytes at text[i] that must be shown escaped (an invalid byte counts alone), or 0 when the
// character there is printable valid UTF-8.
std::size_t hiddenSequenceLength(std::string_view text, std::size_t i);
bool hasHiddenCharacters(std::string_view text);
// Each hidden character as \u001b (\u202e for the longer ones), each invalid byte as \xff; the rest
// unchanged.
std::string visibleText(std::string_view text);

} // namespace drydock
