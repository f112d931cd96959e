#pragma once
// Internal to ComposePatcher: how compose values are read (a volume's target, a port's key, an environment
// entry) and how new ones are written (quoted where a YAML 1.1 reader would misread them).
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::composepatch {

// Whether a value can be written without quotes and still be read back as the same string by YAML 1.2 and
// YAML 1.1 readers (docker-compose 1.x reads yes/no/on/off as booleans and 1:30 as a number).
bool plainSafe(std::string_view s);
// A double-quoted YAML scalar; a dollar is doubled so compose does not interpolate it.
std::string quoted(std::string_view s);
// Plain where that is safe, else quoted.
std::string scalarText(std::string_view s);
bool isNumber(std::string_view s);
// The new text of a replaced scalar in the quoting of the one it replaces ('"', '\'' or 0 for plain);
// quotePlain quotes it even where the old one was plain.
std::string styled(char quote, std::string_view s, bool quotePlain);
// The same for a scalar rewritten from the file's own text: its dollars stay as written, so that
// "${DATA_DIR}:/data" is still a variable and "$$HOME" still a literal dollar after the edit.
std::string restyled(char quote, std::string_view fileText, bool quotePlain);

// A short-syntax value with each ${…} (compose interpolates it) replaced by a marker without colons, so that
// "${PORT:-8080}:80" splits into two fields, not three; restore() puts the variables back.
struct MaskedVariables
{
    std::string text;
    std::vector<std::string> variables;
    static MaskedVariables of(std::string_view value);
    std::string restore(std::string_view masked) const;
};
bool isTrue(const YAML::Node& n);
// The scalars of a sequence (a non-scalar item as ""), or the one scalar.
std::vector<std::string> scalars(const YAML::Node& n);
// Whether two list items mean the same for the compose key (capabilities and security options have
// spellings).
bool sameItem(const std::string& key, std::string_view a, std::string_view b);

// A volume of the service: its container path and whether it is read-only.
struct VolumeItem
{
    std::string target;
    bool readOnly = false;
};
VolumeItem volumeItem(const YAML::Node& n);

// A published port of the service: "80/tcp" and the host address.
struct PortItem
{
    std::string key;
    std::string hostIp;
    std::string hostPort; // "" when docker picks one
};
PortItem portItem(const YAML::Node& n);
bool isLoopback(std::string_view ip);
// Whether a published item's key ("9000-9002/tcp" or "80/tcp") holds the container port of an edit
// ("9001/tcp"): a port range is one item that publishes every port in it.
bool publishesPort(std::string_view itemKey, std::string_view port);

// The environment entry that sets `name`: its index in a list, or its position in a mapping.
std::optional<std::size_t> envIndex(const YAML::Node& env, const std::string& name);
// The value of `key` in a mapping, or an undefined node.
YAML::Node entryOr(const YAML::Node& map, std::string_view key);

} // namespace drydock::composepatch
