#include "core/files/compose/detail/ComposePatcherValues.h"

#include "core/common/Strings.h"
#include "core/files/compose/detail/ComposePatcherText.h"
#include "core/model/CapabilitySpelling.h"
#include "core/model/SecurityOptSpelling.h"
#include "core/remediation/RunArgSyntax.h"

#include <algorithm>

namespace drydock::composepatch {

// A YAML 1.1 reader (docker-compose 1.x uses one) takes yes/no/on/off as booleans and 1:30 as a number.
bool plainSafe(std::string_view s)
{
    if (s.empty() || s.back() == ':') {
        return false;
    }
    bool numeric = true;
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        std::string_view("_./:=@+-").find(c) != std::string_view::npos;
        if (!ok) {
            return false;
        }
        numeric = numeric && std::string_view("0123456789:._+-").find(c) != std::string_view::npos;
    }
    const std::string lower = toLower(s);
    for (const char* word : {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}) {
        if (lower == word) {
            return false;
        }
    }
    return !numeric && std::string_view("-:.").find(s[0]) == std::string_view::npos;
}

namespace {

std::string doubleQuoted(std::string_view s, bool escapeDollars)
{
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '$' && escapeDollars) {
            out += "$$";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// Markers are control characters: a compose value read from YAML has none where a marker could be mistaken.
constexpr char kMarkOpen = '\x01';
constexpr char kMarkClose = '\x02';

} // namespace

// A double-quoted YAML scalar; a dollar is doubled so compose does not interpolate it.
std::string quoted(std::string_view s)
{
    return doubleQuoted(s, true);
}

std::string restyled(char quote, std::string_view fileText, bool quotePlain)
{
    if (quote == '\'') {
        return "'" + replaceAll(std::string(fileText), "'", "''") + "'";
    }
    if (quote != '"' && !quotePlain && plainSafe(fileText)) {
        return std::string(fileText);
    }
    return doubleQuoted(fileText, false);
}

MaskedVariables MaskedVariables::of(std::string_view value)
{
    MaskedVariables m;
    for (std::size_t i = 0; i < value.size();) {
        if (value[i] == '$' && i + 1 < value.size() && value[i + 1] == '$') {
            m.text.append("$$");
            i += 2;
            continue;
        }
        if (value[i] != '$' || i + 1 >= value.size() || value[i + 1] != '{') {
            m.text += value[i++];
            continue;
        }
        std::size_t end = i + 2;
        for (int depth = 1; end < value.size() && depth > 0; ++end) {
            depth += value[end] == '{' ? 1 : value[end] == '}' ? -1 : 0;
        }
        m.text += kMarkOpen + std::to_string(m.variables.size()) + kMarkClose;
        m.variables.emplace_back(value.substr(i, end - i));
        i = end;
    }
    return m;
}

std::string MaskedVariables::restore(std::string_view masked) const
{
    std::string out;
    for (std::size_t i = 0; i < masked.size();) {
        const std::size_t close =
            masked[i] == kMarkOpen ? masked.find(kMarkClose, i) : std::string_view::npos;
        std::size_t n = 0;
        bool marker = close != std::string_view::npos && close > i + 1 && close - i < 8;
        for (std::size_t d = i + 1; marker && d < close; ++d) {
            marker = masked[d] >= '0' && masked[d] <= '9';
            n = n * 10 + static_cast<std::size_t>(masked[d] - '0');
        }
        if (!marker || n >= variables.size()) {
            out += masked[i++];
            continue;
        }
        out += variables[n];
        i = close + 1;
    }
    return out;
}

std::string scalarText(std::string_view s)
{
    return plainSafe(s) ? std::string(s) : quoted(s);
}

bool isNumber(std::string_view s)
{
    const std::size_t start = !s.empty() && s[0] == '-' ? 1 : 0;
    return s.size() > start && s.find_first_not_of("0123456789.", start) == std::string_view::npos &&
           std::count(s.begin(), s.end(), '.') <= 1 && s.back() != '.';
}

// The new text of a replaced scalar in the quoting of the one it replaces ('"' or '\'' or plain).
std::string styled(char quote, std::string_view s, bool quotePlain)
{
    if (quote == '\'') {
        return "'" + replaceAll(std::string(s), "'", "''") + "'";
    }
    return quote == '"' || quotePlain ? quoted(s) : scalarText(s);
}

bool isTrue(const YAML::Node& n)
{
    const std::string v = n.IsScalar() ? toLower(n.Scalar()) : std::string();
    return v == "true" || v == "yes" || v == "on";
}

std::vector<std::string> scalars(const YAML::Node& n)
{
    std::vector<std::string> out;
    if (n.IsScalar()) {
        out.push_back(n.Scalar());
    } else if (n.IsSequence()) {
        for (const auto& i : n) {
            out.push_back(i.IsScalar() ? i.Scalar() : std::string());
        }
    }
    return out;
}

bool sameItem(const std::string& key, std::string_view a, std::string_view b)
{
    if (key == "cap_add" || key == "cap_drop") {
        return sameCapability(a, b);
    }
    if (key == "security_opt") {
        return canonicalSecurityOpt(a) == canonicalSecurityOpt(b);
    }
    return a == b;
}

VolumeItem volumeItem(const YAML::Node& n)
{
    VolumeItem v;
    if (n.IsScalar()) {
        const MaskedVariables m = MaskedVariables::of(n.Scalar());
        const VolumeArg arg = VolumeArg::parse(m.text);
        v.target = m.restore(arg.target);
        v.readOnly = arg.isReadOnly();
    } else if (n.IsMap()) {
        if (const auto t = findEntry(n, "target")) {
            v.target = t->second.IsScalar() ? t->second.Scalar() : std::string();
        }
        if (const auto ro = findEntry(n, "read_only")) {
            v.readOnly = isTrue(ro->second);
        }
    }
    return v;
}

PortItem portItem(const YAML::Node& n)
{
    PortItem p;
    if (n.IsScalar()) {
        const MaskedVariables m = MaskedVariables::of(n.Scalar());
        const PublishArg arg = PublishArg::parse(m.text);
        p.key = m.restore(arg.portKey());
        p.hostIp = m.restore(arg.hostIp);
        p.hostPort = m.restore(arg.hostPort);
    } else if (n.IsMap()) {
        const auto target = findEntry(n, "target");
        const auto protocol = findEntry(n, "protocol");
        p.key = normalisePortKey(
            (target && target->second.IsScalar() ? target->second.Scalar() : "") +
            (protocol && protocol->second.IsScalar() ? "/" + protocol->second.Scalar() : ""));
        if (const auto ip = findEntry(n, "host_ip")) {
            p.hostIp = ip->second.IsScalar() ? ip->second.Scalar() : std::string();
        }
        if (const auto published = findEntry(n, "published")) {
            p.hostPort = published->second.IsScalar() ? published->second.Scalar() : std::string();
        }
    }
    return p;
}

bool publishesPort(std::string_view itemKey, std::string_view port)
{
    const std::string item = normalisePortKey(itemKey);
    const std::string wanted = normalisePortKey(port);
    if (item == wanted) {
        return true;
    }
    const std::size_t slash = item.find('/');
    const std::size_t wantedSlash = wanted.find('/');
    if (item.substr(slash) != wanted.substr(wantedSlash)) {
        return false;
    }
    const std::string range = item.substr(0, slash);
    const std::size_t dash = range.find('-');
    const auto number = [](std::string_view digits) -> long {
        if (digits.empty() || digits.size() > 5 ||
            digits.find_first_not_of("0123456789") != std::string_view::npos) {
            return -1;
        }
        return std::stol(std::string(digits));
    };
    if (dash == std::string::npos) {
        return false;
    }
    const long first = number(std::string_view(range).substr(0, dash));
    const long last = number(std::string_view(range).substr(dash + 1));
    const long n = number(std::string_view(wanted).substr(0, wantedSlash));
    return first >= 0 && last >= first && n >= first && n <= last;
}

bool isLoopback(std::string_view ip)
{
    return startsWith(ip, "127.") || ip == "::1";
}

// The environment entry that sets `name`: its index in a list, or its key in a mapping.
std::optional<std::size_t> envIndex(const YAML::Node& env, const std::string& name)
{
    std::size_t i = 0;
    if (env.IsSequence()) {
        for (const auto& item : env) {
            const std::string s = item.IsScalar() ? item.Scalar() : std::string();
            if (s == name || startsWith(s, name + "=")) {
                return i;
            }
            ++i;
        }
    } else if (env.IsMap()) {
        for (auto it = env.begin(); it != env.end(); ++it, ++i) {
            if (it->first.IsScalar() && it->first.Scalar() == name) {
                return i;
            }
        }
    }
    return std::nullopt;
}

YAML::Node entryOr(const YAML::Node& map, std::string_view key)
{
    const auto e = findEntry(map, key);
    return e ? e->second : YAML::Node();
}

} // namespace drydock::composepatch
