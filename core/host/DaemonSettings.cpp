#include "core/host/DaemonSettings.h"

#include "core/common/Strings.h"
#include "core/secrets/SecretMask.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace drydock {

namespace {

// A dockerd flag and the daemon.json key it sets.
struct FlagSpec
{
    const char* longName;  // "--log-level"
    const char* shortName; // "-l" or ""
    const char* key;       // "log-level"
    bool boolean;          // true: "--flag" alone means true, a value only after "="
    bool repeated;         // true: every occurrence adds an item
};

constexpr FlagSpec kFlags[] = {
    {"--log-level", "-l", "log-level", false, false},
    {"--debug", "-D", "debug", true, false},
    {"--iptables", "", "iptables", true, false},
    {"--ip-forward", "", "ip-forward", true, false},
    {"--userland-proxy", "", "userland-proxy", true, false},
    {"--no-new-privileges", "", "no-new-privileges", true, false},
    {"--default-ulimit", "", "default-ulimits", false, true},
    {"--icc", "", "icc", true, false},
    {"--tls", "", "tls", true, false},
    {"--tlsverify", "", "tlsverify", true, false},
    {"--tlscacert", "", "tlscacert", false, false},
    {"--tlscert", "", "tlscert", false, false},
    {"--tlskey", "", "tlskey", false, false},
    {"--userns-remap", "", "userns-remap", false, false},
    {"--live-restore", "", "live-restore", true, false},
    {"--authorization-plugin", "", "authorization-plugins", false, true},
    {"--insecure-registry", "", "insecure-registries", false, true},
    {"--data-root", "-g", "data-root", false, false},
    {"--graph", "", "data-root", false, false},
    {"--storage-driver", "-s", "storage-driver", false, false},
    {"--storage-opt", "", "storage-opts", false, true},
    {"--cgroup-parent", "", "cgroup-parent", false, false},
};

void put(std::map<std::string, HostSetting>& out, const FlagSpec& spec, const std::string& flag,
         const std::string& value)
{
    const std::string source = "command line (" + flag + ")";
    auto& s = out[spec.key];
    // A kept value can still carry a credential (an insecure registry or a plugin given as a URL with
    // user:password): only its masked form is kept, so it reaches no finding, report or script in clear.
    const std::string kept = maskSecretsInText(value);
    if (spec.repeated && !s.value.empty()) {
        s.value += ", " + kept;
    } else {
        s.value = kept;
    }
    s.source = source;
}

// A daemon.json value as short text: booleans and numbers as JSON spells them, lists joined, default-ulimits
// as name=soft:hard.
std::string textOf(const std::string& key, const nlohmann::json& v)
{
    if (v.is_string()) {
        return v.get<std::string>();
    }
    if (v.is_array()) {
        std::vector<std::string> items;
        for (const auto& item : v) {
            items.push_back(item.is_string() ? item.get<std::string>() : item.dump());
        }
        return join(items, ", ");
    }
    if (key == "default-ulimits" && v.is_object()) {
        std::vector<std::string> items;
        for (const auto& [name, limit] : v.items()) {
            std::string item = name;
            if (limit.is_object() && limit.contains("Soft") && limit.contains("Hard")) {
                item += "=" + limit["Soft"].dump() + ":" + limit["Hard"].dump();
            }
            items.push_back(item);
        }
        return join(items, ", ");
    }
    return v.dump();
}

} // namespace

const std::vector<std::string>& daemonSettingKeys()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const auto& f : kFlags) {
            if (std::find(k.begin(), k.end(), f.key) == k.end()) {
                k.push_back(f.key);
            }
        }
        return k;
    }();
    return keys;
}

std::map<std::string, HostSetting> settingsFromArgs(const std::vector<std::string>& argv,
                                                    std::string* configFile)
{
    std::map<std::string, HostSetting> out;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--config-file" && i + 1 < argv.size()) {
            if (configFile) {
                *configFile = argv[i + 1];
            }
            ++i;
            continue;
        }
        if (startsWith(a, "--config-file=")) {
            if (configFile) {
                *configFile = a.substr(14);
            }
            continue;
        }
        // One flag: "--name", "--name value" or "--name=value", long or short spelling.
        const auto take = [&](const FlagSpec& spec, const char* spelling) {
            const std::string name = spelling;
            if (name.empty()) {
                return false;
            }
            if (a == name) {
                if (spec.boolean) {
                    put(out, spec, name, "true");
                } else if (i + 1 < argv.size()) {
                    put(out, spec, name, argv[++i]);
                }
                return true;
            }
            if (startsWith(a, name + "=")) {
                put(out, spec, name, a.substr(name.size() + 1));
                return true;
            }
            return false;
        };
        for (const auto& spec : kFlags) {
            if (take(spec, spec.longName) || take(spec, spec.shortName)) {
                break;
            }
        }
    }
    return out;
}

Result<std::map<std::string, HostSetting>> settingsFromDaemonJson(std::string_view text,
                                                                  std::string_view path)
{
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // The parser's message names a byte position, never the file's contents (it may hold secrets).
        return Error::make(ErrorCode::InvalidArgument,
                           std::string(path) + " is not valid JSON (byte " + std::to_string(e.byte) +
                               "); dockerd refuses to start with it — fix the file, then check again");
    }
    if (!doc.is_object()) {
        return Error::make(ErrorCode::InvalidArgument, std::string(path) + " is not a JSON object");
    }
    std::map<std::string, HostSetting> out;
    for (const auto& key : daemonSettingKeys()) {
        if (const auto it = doc.find(key); it != doc.end() && !it->is_null()) {
            out[key] = HostSetting{maskSecretsInText(textOf(key, *it)), std::string(path)};
        }
    }
    return out;
}

DaemonSettings readDaemonSettings(const HostReader& view, const std::vector<std::string>& argv,
                                  const std::string& defaultConfigFile)
{
    DaemonSettings s;
    s.configFile = defaultConfigFile;
    auto fromArgs = settingsFromArgs(argv, &s.configFile);
    const HostText json = view.readFile(s.configFile);
    if (json.status == HostReadStatus::Ok) {
        auto parsed = settingsFromDaemonJson(json.text, s.configFile);
        if (parsed) {
            s.values = std::move(parsed.value());
            s.configRead = true;
        } else {
            s.problems.push_back(parsed.error().message);
        }
    } else if (json.status == HostReadStatus::Unreadable) {
        s.unreadable = json.problem;
        s.problems.push_back(json.problem);
    }
    for (auto& [key, value] : fromArgs) {
        s.values[key] = std::move(value); // the command line wins
    }
    return s;
}

} // namespace drydock
