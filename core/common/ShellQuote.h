#pragma once
#include "core/common/Result.h"

#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Quotes a word for a person to paste into an interactive shell (bash, zsh, ksh, BusyBox ash, POSIX.1-2024
// sh) so that it reaches the program unchanged; plain words stay bare. Every hidden character (see
// VisibleText.h: controls, bidirectional controls, invalid UTF-8) is spelt as ANSI-C escapes ($'\x1b',
// $'\n'), so the terminal and the clipboard never carry it raw and the shell still passes exactly these
// bytes. A shell without $'…' (dash 0.5.12) passes the escape text literally: a wrong word, never a command.
std::string shellQuote(std::string_view word);
std::string shellJoin(const std::vector<std::string>& argv);
// The same for text that any POSIX sh runs (the scripts Drydock writes, a CMD-SHELL inside a container): a
// hidden byte comes from "$(printf '\033')"; a newline stays a newline inside single quotes, because a
// command substitution would strip it.
std::string shellQuotePortable(std::string_view word);
std::string shellJoinPortable(const std::vector<std::string>& argv);
// Splits a POSIX shell command line into words (single/double quotes, backslashes, $'…' and the
// "$(printf '\NNN')" that shellQuotePortable writes; any other $ stays literal). Used by tests and the
// round-trip fuzzer; returns an error for unterminated quotes.
Result<std::vector<std::string>> shellSplit(std::string_view line);

} // namespace drydock
