#include "core/remediation/RunArgSyntax.h"

#include "core/common/Strings.h"
#include "core/remediation/RunFlagTable.h"

#include <algorithm>
#include <cstdlib>

namespace drydock {

namespace {

std::string_view stripTrailingSlashes(std::string_view path)
{
    while (path.size() > 1 && path.back() == '/') {
        path.remove_suffix(1);
    }
    return path;
}

bool isTrueWord(std::string_view value)
{
    const std::string v = toLower(value);
    return v == "1" || v == "true";
}

std::string csvField(const std::string& field)
{
    if (field.find_first_of(",\"\n\r") == std::string::npos) {
        return field;
    }
    return "\"" + replaceAll(field, "\"", "\"\"") + "\"";
}

} // namespace

VolumeArg VolumeArg::parse(std::string_view text)
{
    const std::vector<std::string> parts = split(text, ':');
    VolumeArg v;
    if (parts.size() == 1) {
        v.target = parts[0];
    } else {
        v.source = parts[0];
        v.target = parts[1];
        for (std::size_t i = 2; i < parts.size(); ++i) {
            v.mode += (i > 2 ? ":" : "") + parts[i];
        }
    }
    return v;
}

std::string VolumeArg::text() const
{
    std::string out;
    if (!source.empty()) {
        out = source + ":";
    }
    out += target;
    if (!mode.empty()) {
        out += ":" + mode;
    }
    return out;
}

bool VolumeArg::isReadOnly() const
{
    const auto words = split(mode, ',');
    return std::find(words.begin(), words.end(), "ro") != words.end();
}

void VolumeArg::setReadOnly()
{
    std::vector<std::string> words;
    if (!mode.empty()) {
        for (auto& w : split(mode, ',')) {
            if (w != "rw" && w != "ro" && !w.empty()) {
                words.push_back(std::move(w));
            }
        }
    }
    words.insert(words.begin(), "ro");
    mode = join(words, ",");
}

MountArg MountArg::parse(std::string_view text)
{
    MountArg m;
    std::vector<std::string> raw;
    std::string current;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                current += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                current += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            raw.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    raw.push_back(std::move(current));
    for (auto& f : raw) {
        if (f.empty()) {
            continue;
        }
        const std::size_t eq = f.find('=');
        if (eq == std::string::npos) {
            m.addBare(std::move(f));
        } else {
            m.add(f.substr(0, eq), f.substr(eq + 1));
        }
    }
    return m;
}

std::string MountArg::text() const
{
    std::vector<std::string> out;
    for (const auto& f : fields) {
        out.push_back(csvField(f.hasValue ? f.key + "=" + f.value : f.key));
    }
    return join(out, ",");
}

std::string MountArg::value(std::initializer_list<std::string_view> keys) const
{
    for (const auto& f : fields) {
        const std::string lower = toLower(f.key);
        for (const auto key : keys) {
            if (lower == key) {
                return f.value;
            }
        }
    }
    return {};
}

bool MountArg::has(std::initializer_list<std::string_view> keys) const
{
    for (const auto& f : fields) {
        const std::string lower = toLower(f.key);
        for (const auto key : keys) {
            if (lower == key) {
                return true;
            }
        }
    }
    return false;
}

bool MountArg::isReadOnly() const
{
    for (const auto& f : fields) {
        const std::string lower = toLower(f.key);
        if ((lower == "readonly" || lower == "ro") && (!f.hasValue || isTrueWord(f.value))) {
            return true;
        }
    }
    return false;
}

void MountArg::setReadOnly()
{
    fields.erase(std::remove_if(fields.begin(), fields.end(),
                                [](const Field& f) {
                                    const std::string lower = toLower(f.key);
                                    return lower == "readonly" || lower == "ro";
                                }),
                 fields.end());
    addBare("readonly");
}

void MountArg::add(std::string key, std::string val)
{
    fields.push_back({std::move(key), std::move(val), true});
}

void MountArg::addBare(std::string key)
{
    fields.push_back({std::move(key), std::string(), false});
}

PublishArg PublishArg::parse(std::string_view text)
{
    PublishArg p;
    std::string rest(text);
    // The protocol follows the container port, the last part.
    const std::size_t slash = rest.rfind('/');
    if (slash != std::string::npos && rest.find(':', slash) == std::string::npos) {
        p.protocol = toLower(rest.substr(slash + 1));
        rest.resize(slash);
    }
    if (p.protocol == "tcp") {
        p.protocol.clear();
    }
    if (!rest.empty() && rest.front() == '[') {
        const std::size_t close = rest.find(']');
        if (close != std::string::npos) {
            p.hostIp = rest.substr(1, close - 1);
            rest = rest.substr(std::min(close + 2, rest.size()));
            const std::size_t colon = rest.rfind(':');
            if (colon == std::string::npos) {
                p.containerPort = rest;
            } else {
                p.hostPort = rest.substr(0, colon);
                p.containerPort = rest.substr(colon + 1);
            }
            return p;
        }
    }
    // Same splitting as the CLI's nat.ParsePortSpec: the last part is the container port, the one before
    // it the host port, and everything before that the address.
    const std::vector<std::string> parts = split(rest, ':');
    const std::size_t n = parts.size();
    p.containerPort = parts[n - 1];
    if (n >= 2) {
        p.hostPort = parts[n - 2];
    }
    if (n >= 3) {
        p.hostIp = join(std::vector<std::string>(parts.begin(), parts.end() - 2), ":");
    }
    return p;
}

std::string PublishArg::text() const
{
    std::string out;
    if (!hostIp.empty()) {
        out = (hostIp.find(':') != std::string::npos ? "[" + hostIp + "]" : hostIp) + ":" + hostPort + ":";
    } else if (!hostPort.empty()) {
        out = hostPort + ":";
    }
    out += containerPort;
    if (!protocol.empty() && protocol != "tcp") {
        out += "/" + protocol;
    }
    return out;
}

std::string PublishArg::portKey() const
{
    return containerPort + "/" + (protocol.empty() ? "tcp" : protocol);
}

int canonicalFlagRank(std::string_view flag)
{
    int rank = 0;
    for (const RunFlag& row : runFlags()) {
        if (!row.builderWrites) {
            continue;
        }
        if (row.name == flag) {
            return rank;
        }
        ++rank;
    }
    return rank; // after every flag the builder writes
}

std::string normalisePortKey(std::string_view port)
{
    std::string p = toLower(trim(port));
    if (p.find('/') == std::string::npos) {
        p += "/tcp";
    }
    return p;
}

bool sameContainerPath(std::string_view a, std::string_view b)
{
    return stripTrailingSlashes(a) == stripTrailingSlashes(b);
}

std::int64_t parseByteSize(std::string_view text)
{
    const std::string t = toLower(trim(text));
    if (t.empty()) {
        return 0;
    }
    char* end = nullptr;
    const double number = std::strtod(t.c_str(), &end);
    std::string unit(end);
    if (!unit.empty() && unit.back() == 'b') {
        unit.pop_back();
    }
    double factor = 1;
    if (unit == "k") {
        factor = 1024.0;
    } else if (unit == "m") {
        factor = 1024.0 * 1024;
    } else if (unit == "g") {
        factor = 1024.0 * 1024 * 1024;
    } else if (unit == "t") {
        factor = 1024.0 * 1024 * 1024 * 1024;
    }
    return static_cast<std::int64_t>(number * factor);
}

} // namespace drydock
