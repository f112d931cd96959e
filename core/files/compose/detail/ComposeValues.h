#pragma once
#include "core/files/compose/YamlTree.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Readers of Compose's value spellings (sizes, durations, ports, volumes); not for use outside
// core/files/compose.
namespace drydock::compose::detail {

// "512m", "1g", "1.5gb", "2048" (bytes); nullopt when it is none of these.
std::optional<std::int64_t> parseBytes(std::string_view text);
// "1m30s", "10s", "500ms", "1h"; nullopt when it is none of these.
std::optional<std::int64_t> parseDurationNs(std::string_view text);
// A whole number; nullopt otherwise.
std::optional<std::int64_t> parseInteger(std::string_view text);

// One published port after parsing a short or long entry (ranges expanded).
struct ParsedPort
{
    std::string hostIp;
    std::string hostPort;      // "" = Docker picks one
    std::string containerPort; // "80/tcp"
};
// "[ip:][host[-range]:]container[-range][/proto]" (IPv6 addresses in brackets); empty when unreadable.
// At most maxPorts entries come back.
std::vector<ParsedPort> parseShortPort(std::string_view text, std::size_t maxPorts);

// One mount after parsing a short volume entry.
struct ParsedVolume
{
    std::string type;   // "bind", "volume"
    std::string source; // a host path (not yet resolved), a volume name, or "" for an anonymous volume
    std::string target;
    bool readOnly = false;
    std::string propagation;
    std::string mode; // the options as written ("ro,z")
};
// "src:dst[:opts]" or "dst"; a source starting with '/', '.' or '~' is a host path, else a volume name.
std::optional<ParsedVolume> parseShortVolume(std::string_view text);

// A scalar or the items of a sequence of scalars, as strings.
std::vector<std::string> scalarList(const YamlNode* node);

} // namespace drydock::compose::detail
