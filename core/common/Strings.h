#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Small string helpers shared across core (ASCII only; Docker identifiers are ASCII).
std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);
bool startsWith(std::string_view text, std::string_view prefix);
bool endsWith(std::string_view text, std::string_view suffix);
bool contains(std::string_view text, std::string_view needle);
bool containsIgnoreCase(std::string_view text, std::string_view needle);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string trim(std::string_view text);
std::string replaceAll(std::string text, std::string_view from, std::string_view to);
// Cuts text to at most maxBytes on a UTF-8 boundary and appends an ellipsis when cut.
std::string truncateUtf8(std::string_view text, std::size_t maxBytes);
// Text safe for a terminal: control characters, bidirectional controls and invalid UTF-8 become visible
// escapes (visibleText: \u001b, \xff), then the text is cut.
std::string terminalText(std::string_view text, std::size_t maxBytes);

} // namespace drydock
