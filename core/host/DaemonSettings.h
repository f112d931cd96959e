#pragma once
#include "core/common/Result.h"
#include "core/host/HostReader.h"
#include "core/model/HostFacts.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// The daemon's effective settings from its command line and daemon.json (the command line wins), each with
// where it came from. Only the keys the host checks need are kept: no other daemon.json value is copied.
struct DaemonSettings
{
    std::map<std::string, HostSetting> values; // daemon.json spelling: "log-level", "iptables", …
    std::string configFile;                    // --config-file, else the default given
    bool configRead = false;                   // false when the file was absent, unreadable or malformed
    std::vector<std::string> problems;         // malformed or unreadable daemon.json, in words
    std::string unreadable;                    // "needs root: …" when daemon.json exists but cannot be read
};

// The keys Drydock reads, in daemon.json spelling.
const std::vector<std::string>& daemonSettingKeys();

// Settings given as dockerd flags ("--iptables=false", "-l debug", "--default-ulimit nofile=1024:2048" …);
// configFile receives --config-file when present.
std::map<std::string, HostSetting> settingsFromArgs(const std::vector<std::string>& argv,
                                                    std::string* configFile);

// Settings in a daemon.json text; an error (in words, without the file's contents) when it is not a JSON
// object.
Result<std::map<std::string, HostSetting>> settingsFromDaemonJson(std::string_view text,
                                                                  std::string_view path);

// Reads both through the view and merges them, the command line winning.
DaemonSettings readDaemonSettings(const HostReader& view, const std::vector<std::string>& argv,
                                  const std::string& defaultConfigFile = "/etc/docker/daemon.json");

} // namespace drydock
