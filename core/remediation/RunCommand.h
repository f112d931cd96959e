#pragma once
#include "core/model/Common.h"

#include <string>
#include <vector>

namespace drydock {

// One option of a `docker run` command line: "--cap-add" "NET_ADMIN", or a boolean "--read-only".
struct RunArg
{
    std::string flag;
    std::string value;
    bool hasValue = true;

    bool operator==(const RunArg&) const = default;
};

// A `docker run` command as data: options, image, command, plus follow-up commands (extra networks).
struct RunCommand
{
    std::vector<RunArg> options;
    std::string image;
    StringList command;   // arguments after the image
    StringList followUps; // full shell lines, e.g. "docker network connect backend app"
    StringList notes;     // things a person must do by hand (e.g. write the seccomp profile to a file)
    // Container ports the process listens on (Config.ExposedPorts, "80/tcp"), the image's included although
    // they need no flag; the hardener reads them to keep NET_BIND_SERVICE when it drops all capabilities.
    StringList exposedPorts;

    // The argv after "docker": {"run", "-d", "--name", "app", …}.
    StringList argv() const;
    // POSIX-shell text, one option per line joined with " \\\n  ", followed by followUps.
    std::string render() const;
    // Single-line variant for tables and tests.
    std::string renderOneLine() const;

    bool hasFlag(const std::string& flag) const;
    StringList values(const std::string& flag) const;
};

} // namespace drydock
