#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

using StringMap = std::map<std::string, std::string>;
using StringList = std::vector<std::string>;

// Config.Healthcheck: absent (nullopt in the owner) vs present; Test == {"NONE"} means disabled.
struct Healthcheck
{
    StringList test;
    std::int64_t intervalNs = 0;
    std::int64_t timeoutNs = 0;
    std::int64_t startPeriodNs = 0;
    int retries = 0;

    bool isDisabled() const { return !test.empty() && test.front() == "NONE"; }
};

// Config as stored in an image and, merged with run options, in a container (§0.1.7).
struct ContainerConfig
{
    std::string hostname;
    std::string domainname;
    std::string user;
    StringList env;                   // "NAME=value" exactly as the daemon returns it
    StringList cmd;
    std::optional<StringList> entrypoint; // null vs [] matters for rebuilding commands
    std::string image;                // the reference the container was created from
    std::string workingDir;
    StringMap labels;
    StringList exposedPorts;          // "80/tcp"
    StringList volumes;               // image VOLUME paths
    std::optional<Healthcheck> healthcheck;
    StringList onBuild;
    std::string stopSignal;
    std::optional<int> stopTimeout;
    StringList shell;
    bool tty = false;
    bool openStdin = false;
    bool attachStdin = false;
};

} // namespace drydock
