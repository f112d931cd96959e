#include "core/remediation/ComposeSnippet.h"

#include "core/common/Strings.h"
#include "core/common/Utf8.h"
#include "core/common/VisibleText.h"
#include "core/model/SecurityOptSpelling.h"
#include "core/remediation/RunArgSyntax.h"
#include "core/remediation/RunFlagTable.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace drydock {

namespace {

// A YAML double-quoted scalar: the only style in which every string, whatever it holds, stays one line and
// one value. Quotes, backslashes and every hidden character (VisibleText.h) are escaped; invalid UTF-8
// becomes U+FFFD because a YAML document must be valid Unicode.
std::string yamlQuote(std::string_view text)
{
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (std::size_t i = 0; i < text.size();) {
        // Printable ASCII other than the quote and the backslash is written as it is, without decoding.
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = utf8SequenceLength(text, i, &cp);
        if (len == 0) {
            out += "\\uFFFD";
            ++i;
            continue;
        }
        char buf[16];
        switch (cp) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (isHiddenCodePoint(cp)) {
                std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
                out += buf;
            } else {
                out.append(text.substr(i, len));
            }
        }
        i += len;
    }
    out += '"';
    return out;
}

// Compose interpolates ${VAR} and $VAR in values; a literal dollar is written $$.
std::string value(std::string_view text)
{
    return yamlQuote(replaceAll(std::string(text), "$", "$$"));
}

// Plain numbers stay numbers (the compose schema wants integers for pids_limit, retries, …); anything else
// is quoted so that it cannot change the document.
std::string number(std::string_view text)
{
    const std::string t(text);
    std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
    bool digits = i < t.size();
    bool dot = false;
    for (; i < t.size(); ++i) {
        if (t[i] == '.' && !dot && i + 1 < t.size()) {
            dot = true;
        } else if (t[i] < '0' || t[i] > '9') {
            digits = false;
            break;
        }
    }
    return digits ? t : value(text);
}

std::string flowList(const StringList& items)
{
    std::vector<std::string> quoted;
    for (const auto& i : items) {
        quoted.push_back(value(i));
    }
    return "[" + join(quoted, ", ") + "]";
}

// Comments must not carry a line break (the rest would become YAML; YAML 1.1 also breaks lines at NEL, LS
// and PS) or anything unprintable, and must stay valid UTF-8.
std::string comment(std::string_view text)
{
    std::string out = "# ";
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8SequenceLength(text, i, &cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (isHiddenCodePoint(cp)) {
            out += ' ';
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string flagName(std::string_view flag)
{
    std::string out;
    for (const char c : flag) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
            out += c;
        }
    }
    return out;
}

// Accumulates indented YAML lines (two spaces per level).
class Writer
{
public:
    void line(int indent, const std::string& text)
    {
        m_out += std::string(static_cast<std::size_t>(indent) * 2, ' ') + text + "\n";
    }
    void scalar(int indent, const char* key, const std::string& quotedValue)
    {
        line(indent, std::string(key) + ": " + quotedValue);
    }
    void list(int indent, const char* key, const StringList& items)
    {
        if (items.empty()) {
            return;
        }
        line(indent, std::string(key) + ":");
        for (const auto& i : items) {
            line(indent + 1, "- " + value(i));
        }
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

// The command's options grouped by flag.
struct Options
{
    std::map<std::string, StringList> values;
    StringList order; // flags in first-seen order, for the "no compose equivalent" comments

    explicit Options(const RunCommand& command)
    {
        for (const auto& o : command.options) {
            if (!values.count(o.flag)) {
                order.push_back(o.flag);
            }
            values[o.flag].push_back(o.value);
        }
    }
    bool has(const std::string& flag) const { return values.count(flag) != 0; }
    const StringList& all(const std::string& flag) const
    {
        static const StringList none;
        const auto it = values.find(flag);
        return it == values.end() ? none : it->second;
    }
    std::string last(const std::string& flag) const
    {
        const StringList& v = all(flag);
        return v.empty() ? std::string() : v.back();
    }
};

// One network the service joins, with its aliases.
struct NetworkAttachment
{
    std::string name;
    StringList aliases;
};

// A top-level compose key names a volume or network only when it matches the schema's key pattern
// ^[a-zA-Z0-9._-]+$ (Docker's own names always do); another name gets a made-up key and a `name:`. Made-up
// keys start with '_', which no Docker name does.
bool isComposeKey(std::string_view name)
{
    if (name.empty()) {
        return false;
    }
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

// The named volumes and networks a service uses, in first-use order, each with its top-level key, and the
// Compose Specification features the service needs beyond what older implementations know.
struct Resources
{
    // One named volume or network and the key the document gives it.
    struct Named
    {
        std::string name;
        std::string key;
    };
    std::vector<Named> volumes;
    std::vector<Named> networks;
    StringList features;

    static std::string keyOf(std::vector<Named>& list, const std::string& name, const char* prefix)
    {
        for (const auto& n : list) {
            if (n.name == name) {
                return n.key;
            }
        }
        const std::string key = isComposeKey(name) ? name : prefix + std::to_string(list.size() + 1);
        list.push_back({name, key});
        return key;
    }
    std::string volume(const std::string& name) { return keyOf(volumes, name, "_volume-"); }
    std::string network(const std::string& name) { return keyOf(networks, name, "_network-"); }
    void feature(const std::string& name)
    {
        if (std::find(features.begin(), features.end(), name) == features.end()) {
            features.push_back(name);
        }
    }
};

// Service keys of the Compose Specification that docker-compose 1.x (its 1.29 schema) rejects. The snippet
// names the ones it uses, so a person on an older implementation knows why it refuses the file.
bool isNewerServiceKey(std::string_view key)
{
    return key == "cgroup" || key == "uts";
}

bool isSpecialNetworkMode(std::string_view mode)
{
    return mode == "host" || mode == "none" || mode == "bridge" || startsWith(mode, "container:");
}

void writeMount(Writer& w, const std::string& text, Resources& resources)
{
    const MountArg m = MountArg::parse(text);
    const std::string type = m.value({"type"}).empty() ? "volume" : m.value({"type"});
    w.line(3, "- type: " + value(type));
    if (!m.source().empty()) {
        // A named volume is referred to by its top-level key; a bind by its host path.
        w.line(4, "source: " + value(type == "volume" ? resources.volume(m.source()) : m.source()));
    }
    w.line(4, "target: " + value(m.target()));
    if (m.isReadOnly()) {
        w.line(4, "read_only: true");
    }
    if (m.has({"bind-propagation"})) {
        w.line(4, "bind:");
        w.line(5, "propagation: " + value(m.value({"bind-propagation"})));
    }
    if (m.has({"volume-nocopy"})) {
        w.line(4, "volume:");
        w.line(5, "nocopy: true");
    }
    if (m.has({"tmpfs-size"}) || m.has({"tmpfs-mode"})) {
        w.line(4, "tmpfs:");
        if (m.has({"tmpfs-size"})) {
            w.line(5, "size: " + number(m.value({"tmpfs-size"})));
        }
        if (m.has({"tmpfs-mode"})) {
            // The CLI takes octal; compose reads a YAML 1.2 integer, so the octal is converted to decimal.
            const std::string octal = m.value({"tmpfs-mode"});
            char* end = nullptr;
            const long mode = std::strtol(octal.c_str(), &end, 8);
            resources.feature("tmpfs mode of a volume");
            w.line(5,
                   "mode: " + (end && *end == '\0' && !octal.empty() ? std::to_string(mode) : value(octal)));
        }
    }
    if (m.has({"volume-driver", "volume-opt", "volume-label"})) {
        w.line(4, comment("volume-driver, volume-opt and volume-label belong in a top-level volumes: entry"));
    }
}

void writeGpus(Writer& w, int in, const StringList& gpus)
{
    if (gpus.empty()) {
        return;
    }
    w.line(in, "deploy:");
    w.line(in + 1, "resources:");
    w.line(in + 2, "reservations:");
    w.line(in + 3, "devices:");
    for (const auto& g : gpus) {
        const MountArg fields = MountArg::parse(g); // the same CSV key[=value] syntax
        w.line(in + 4, "- capabilities: " + flowList(fields.has({"capabilities"})
                                                         ? split(fields.value({"capabilities"}), ',')
                                                         : StringList{"gpu"}));
        if (fields.has({"driver"})) {
            w.line(in + 5, "driver: " + value(fields.value({"driver"})));
        }
        if (fields.has({"device"})) {
            w.line(in + 5, "device_ids: " + flowList(split(fields.value({"device"}), ',')));
        } else if (fields.has({"all"})) {
            w.line(in + 5, "count: all");
        } else {
            const std::string count = fields.has({"count"}) ? fields.value({"count"}) : g;
            w.line(in + 5, "count: " + (count == "all" ? std::string("all") : number(count)));
        }
    }
}

void writeLogging(Writer& w, int in, const Options& o)
{
    if (!o.has("--log-driver") && !o.has("--log-opt")) {
        return;
    }
    w.line(in, "logging:");
    if (o.has("--log-driver")) {
        w.scalar(in + 1, "driver", value(o.last("--log-driver")));
    }
    if (o.has("--log-opt")) {
        w.line(in + 1, "options:");
        for (const auto& opt : o.all("--log-opt")) {
            const std::size_t eq = opt.find('=');
            w.scalar(in + 2, yamlQuote(opt.substr(0, eq)).c_str(),
                     value(eq == std::string::npos ? std::string() : opt.substr(eq + 1)));
        }
    }
}

void writeHealthcheck(Writer& w, int in, const Options& o)
{
    if (o.has("--no-healthcheck")) {
        w.line(in, "healthcheck:");
        w.scalar(in + 1, "disable", "true");
        return;
    }
    if (!o.has("--health-cmd") && !o.has("--health-interval") && !o.has("--health-timeout") &&
        !o.has("--health-retries") && !o.has("--health-start-period")) {
        return;
    }
    w.line(in, "healthcheck:");
    if (o.has("--health-cmd")) {
        w.scalar(in + 1, "test", flowList({"CMD-SHELL", o.last("--health-cmd")}));
    }
    if (o.has("--health-interval")) {
        w.scalar(in + 1, "interval", value(o.last("--health-interval")));
    }
    if (o.has("--health-timeout")) {
        w.scalar(in + 1, "timeout", value(o.last("--health-timeout")));
    }
    if (o.has("--health-retries")) {
        w.scalar(in + 1, "retries", number(o.last("--health-retries")));
    }
    if (o.has("--health-start-period")) {
        w.scalar(in + 1, "start_period", value(o.last("--health-start-period")));
    }
}

// The compose blocks that do not map one flag to one key. A block that reads several flags is written at
// the first of them in the table; the others write nothing.
void writeBlock(Writer& w, int in, const std::string& flag, const Options& o, const RunCommand& command,
                Resources& resources)
{
    if (flag == "--entrypoint") {
        if (o.has("--entrypoint")) {
            const std::string ep = o.last("--entrypoint");
            w.scalar(in, "entrypoint", ep.empty() ? "[]" : flowList({ep}));
        }
        if (!command.command.empty()) {
            w.scalar(in, "command", flowList(command.command));
        }
    } else if (flag == "--network") {
        // The special modes map to network_mode; named networks are declared external (see render) because
        // `docker run` expects them to exist already.
        const std::string mode = o.last("--network");
        std::vector<NetworkAttachment> networks;
        const bool special = isSpecialNetworkMode(mode);
        if (special) {
            w.scalar(in, "network_mode", value(mode));
        } else if (!mode.empty()) {
            networks.push_back({mode, o.all("--network-alias")});
        }
        for (const auto& f : command.followUps) {
            if (!special) {
                if (networks.empty()) {
                    networks.push_back(
                        {"default", {}}); // keep the project network the service would have joined
                }
                networks.push_back({f.network, f.aliases});
            }
        }
        if (!networks.empty()) {
            w.line(in, "networks:");
            for (const auto& n : networks) {
                // "default" is the project network compose makes itself: it needs no declaration.
                const std::string key = n.name == "default" ? n.name : resources.network(n.name);
                if (n.aliases.empty()) {
                    w.line(in + 1, yamlQuote(key) + ": {}");
                } else {
                    w.line(in + 1, yamlQuote(key) + ":");
                    w.list(in + 2, "aliases", n.aliases);
                }
            }
        }
    } else if (flag == "--volume") {
        if (o.has("--volume") || o.has("--mount")) {
            w.line(in, "volumes:");
            for (const auto& v : o.all("--volume")) {
                // docker run takes only absolute bind sources, so any other source names a volume.
                VolumeArg arg = VolumeArg::parse(v);
                if (!arg.source.empty() && arg.source[0] != '/') {
                    const std::string key = resources.volume(arg.source);
                    if (key != arg.source) {
                        arg.source = key;
                        w.line(in + 1, "- " + value(arg.text()));
                        continue;
                    }
                }
                w.line(in + 1, "- " + value(v));
            }
            for (const auto& m : o.all("--mount")) {
                writeMount(w, m, resources);
            }
        }
    } else if (flag == "--volumes-from") {
        if (o.has("--volumes-from")) {
            StringList from;
            for (const auto& v : o.all("--volumes-from")) {
                from.push_back("container:" + v);
            }
            w.list(in, "volumes_from", from);
        }
    } else if (flag == "--gpus") {
        writeGpus(w, in, o.all("--gpus"));
    } else if (flag == "--blkio-weight") {
        if (o.has("--blkio-weight")) {
            w.line(in, "blkio_config:");
            w.scalar(in + 1, "weight", number(o.last("--blkio-weight")));
        }
    } else if (flag == "--ulimit") {
        if (o.has("--ulimit")) {
            w.line(in, "ulimits:");
            for (const auto& u : o.all("--ulimit")) {
                const std::size_t eq = u.find('=');
                const std::string limits = eq == std::string::npos ? std::string() : u.substr(eq + 1);
                const std::size_t colon = limits.find(':');
                w.line(in + 1, yamlQuote(u.substr(0, eq)) + ":");
                w.scalar(in + 2, "soft", number(limits.substr(0, colon)));
                w.scalar(in + 2, "hard",
                         number(colon == std::string::npos ? limits : limits.substr(colon + 1)));
            }
        }
    } else if (flag == "--log-driver") {
        writeLogging(w, in, o);
    } else if (flag == "--stop-timeout") {
        if (o.has("--stop-timeout")) {
            w.scalar(in, "stop_grace_period", value(o.last("--stop-timeout") + "s"));
        }
    } else if (flag == "--no-healthcheck") {
        writeHealthcheck(w, in, o);
    }
}

// Top-level declarations of the named volumes or networks the service uses: compose refuses a service that
// names one it does not declare.
void writeDeclarations(Writer& w, const char* section, const std::vector<Resources::Named>& named,
                       const StringList& existing)
{
    if (named.empty()) {
        return;
    }
    w.line(0, std::string(section) + ":");
    for (const auto& n : named) {
        const bool exists = std::find(existing.begin(), existing.end(), n.name) != existing.end();
        const bool renamed = n.key != n.name;
        if (!exists && !renamed) {
            w.line(1, yamlQuote(n.key) + ": {}");
            continue;
        }
        w.line(1, yamlQuote(n.key) + ":");
        if (exists) {
            w.line(2, "external: true");
        }
        if (renamed) {
            w.line(2, "name: " + value(n.name));
        }
    }
}

} // namespace

ComposeSnippetOptions ComposeSnippetOptions::asOnTheDaemon(const RunCommand& asItRuns)
{
    ComposeSnippetOptions out;
    const auto add = [](StringList& list, const std::string& name) {
        if (!name.empty() && std::find(list.begin(), list.end(), name) == list.end()) {
            list.push_back(name);
        }
    };
    for (const auto& o : asItRuns.options) {
        if (o.flag == "--volume") {
            const VolumeArg v = VolumeArg::parse(o.value);
            if (!v.source.empty() && v.source[0] != '/') {
                add(out.existingVolumes, v.source);
            }
        } else if (o.flag == "--mount") {
            const MountArg m = MountArg::parse(o.value);
            const std::string type = m.value({"type"});
            if (type.empty() || type == "volume") {
                add(out.existingVolumes, m.source());
            }
        } else if (o.flag == "--network" && !isSpecialNetworkMode(o.value)) {
            add(out.existingNetworks, o.value);
        }
    }
    for (const auto& f : asItRuns.followUps) {
        add(out.existingNetworks, f.network);
    }
    return out;
}

std::string ComposeSnippet::render(const std::string& serviceName, const RunCommand& command,
                                   const ComposeSnippetOptions& options) const
{
    const Options o(command);
    Writer w;
    w.line(0, "services:");
    w.line(1, yamlQuote(serviceName.empty() ? "app" : serviceName) + ":");
    const int in = 2;
    w.scalar(in, "image", value(command.image));

    // One pass over the flag table, in its order: simple keys come from the table's compose column, blocks
    // (which may read several flags) from writeBlock.
    Resources resources;
    for (const RunFlag& row : runFlags()) {
        const std::string flag(row.name);
        const std::string key(row.composeKey);
        if (o.has(flag) && isNewerServiceKey(key)) {
            resources.feature(key);
        }
        switch (row.compose) {
        case ComposeForm::Text:
            if (o.has(flag)) {
                w.scalar(in, key.c_str(), value(o.last(flag)));
            }
            break;
        case ComposeForm::Number:
            if (o.has(flag)) {
                w.scalar(in, key.c_str(), number(o.last(flag)));
            }
            break;
        case ComposeForm::True:
            if (o.has(flag)) {
                w.scalar(in, key.c_str(), "true");
            }
            break;
        case ComposeForm::List:
            w.list(in, key.c_str(), o.all(flag));
            for (const auto& v : o.all(flag)) {
                // The docker CLI turns it into empty masked and read-only paths, as docker compose v2 does;
                // docker-compose 1.x hands it to the daemon, which refuses it.
                if (flag == "--security-opt" && canonicalSecurityOpt(v) == "systempaths=unconfined") {
                    resources.feature("security_opt systempaths=unconfined");
                }
            }
            break;
        case ComposeForm::Block:
            writeBlock(w, in, flag, o, command, resources);
            break;
        case ComposeForm::NoEquivalent:
        case ComposeForm::Implied:
            break;
        }
    }

    for (const auto& f : o.order) {
        const RunFlag* row = findRunFlag(f);
        // Only the long spelling the builder writes is read above; "-e" is noted rather than lost.
        if (!row || row->name != f || row->compose == ComposeForm::NoEquivalent) {
            w.line(in, comment("docker run " + flagName(f) + " has no compose equivalent here"));
        }
    }
    writeDeclarations(w, "volumes", resources.volumes, options.existingVolumes);
    writeDeclarations(w, "networks", resources.networks, options.existingNetworks);

    Writer head;
    for (const auto& n : command.notes) {
        head.line(0, comment(n));
    }
    if (!resources.features.empty()) {
        head.line(0, comment("Needs Compose Specification features that docker-compose 1.x lacks (use docker "
                             "compose v2): " +
                             join(resources.features, ", ")));
    }
    return head.take() + w.take();
}

} // namespace drydock
