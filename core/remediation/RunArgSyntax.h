#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// The value of a --volume option, split the way the daemon's Linux parser reads it: "target" alone (an
// anonymous volume), "source:target" or "source:target:mode" (mode: comma list such as "ro,Z").
struct VolumeArg
{
    std::string source;
    std::string target;
    std::string mode;

    static VolumeArg parse(std::string_view text);
    std::string text() const;
    bool isReadOnly() const;
    void setReadOnly(); // drops "rw", adds "ro", keeps the other mode words
};

// The value of a --mount option: comma-separated key[=value] fields, CSV-quoted when a value holds a comma
// or a quote (the docker CLI reads the option with a CSV reader).
struct MountArg
{
    // One key[=value] of the option, as written.
    struct Field
    {
        std::string key; // as written; compared case-insensitively
        std::string value;
        bool hasValue = false; // "readonly" vs "readonly=true"
    };
    std::vector<Field> fields;

    static MountArg parse(std::string_view text);
    std::string text() const;
    // The first value of any of the keys (case-insensitive), e.g. value({"target", "dst", "destination"}).
    std::string value(std::initializer_list<std::string_view> keys) const;
    bool has(std::initializer_list<std::string_view> keys) const;
    std::string target() const { return value({"target", "dst", "destination"}); }
    std::string source() const { return value({"source", "src"}); }
    bool isReadOnly() const;
    void setReadOnly();
    void add(std::string key, std::string value);
    void addBare(std::string key);
};

// The value of a --publish option: [ip:][hostPort:]containerPort[/protocol].
struct PublishArg
{
    std::string hostIp; // without brackets
    std::string hostPort;
    std::string containerPort;
    std::string protocol; // "" means tcp

    static PublishArg parse(std::string_view text);
    std::string text() const;
    // "80/tcp", the key Docker uses in ExposedPorts and PortBindings.
    std::string portKey() const;
    bool isWildcard() const { return hostIp.empty() || hostIp == "0.0.0.0" || hostIp == "::"; }
};

// The builder's note for an inlined seccomp profile starts with this; the hardener drops the note when the
// profile option goes.
inline constexpr std::string_view kSeccompNotePrefix = "Write the container's seccomp profile";

// Position of a flag in the order RunCommandBuilder writes options (RunFlagTable.h; flags it never writes
// sort last), so that flags added later land where a reader expects them.
int canonicalFlagRank(std::string_view flag);

// "80/tcp" and "80" name the same port; "53/udp" does not.
std::string normalisePortKey(std::string_view port);
// Compares container paths the way the daemon does: "/data/" and "/data" are the same mount point.
bool sameContainerPath(std::string_view a, std::string_view b);
// Sizes as the CLI reads them ("512m", "1g", "1048576"; binary units, an optional trailing b); -1 stays -1
// (unlimited), an empty text is 0.
std::int64_t parseByteSize(std::string_view text);

} // namespace drydock
