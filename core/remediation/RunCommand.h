#pragma once
#include "core/model/Common.h"

#include <string>
#include <string_view>
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

// A network the container joins after `docker run` (a run attaches one network in 20.10).
struct NetworkConnect
{
    std::string network;
    StringList aliases;
    std::string container; // the name the run gives the container (its id when it has none)

    // The argv after "docker": {"network", "connect", "--alias", "api", "backend", "web"}; "--" ends the
    // options when a name starts with '-', which the CLI would otherwise read as an option.
    StringList argv() const;
    bool operator==(const NetworkConnect&) const = default;
};

// A `docker run` command as data: options, image, command, plus follow-up commands (extra networks). Every
// text form (render, the plan script, reports) is made from these fields, never by editing another text.
struct RunCommand
{
    std::vector<RunArg> options;
    std::string image;
    StringList command; // arguments after the image
    std::vector<NetworkConnect> followUps;
    StringList notes; // things a person must do by hand (e.g. write the seccomp profile to a file)
    // Container ports the process listens on (Config.ExposedPorts, "80/tcp"), the image's included although
    // they need no flag; the hardener reads them to keep NET_BIND_SERVICE when it drops all capabilities.
    StringList exposedPorts;

    // The argv after "docker": {"run", "-d", "--name", "app", …}.
    StringList argv() const;
    // Why no command line can be shown for this command, or empty. The image goes after the options, where
    // the docker CLI reads a word starting with '-' as an option (a hostile daemon can send such a
    // reference); a reference that is not one the CLI accepts is therefore never rendered.
    std::string unrenderableReason() const;
    // Shell text for a person (shellQuote), one option per line joined with " \\\n  ", followed by the
    // follow-ups; notes come first as comments. Only comments when unrenderableReason() is set.
    std::string render() const;
    // Single-line variant for tables and tests.
    std::string renderOneLine() const;

    bool hasFlag(const std::string& flag) const;
    StringList values(const std::string& flag) const;
};

// A word the docker CLI takes as an image: it starts with a letter or digit and holds only the characters of
// a reference ([host[:port]/]name[:tag][@digest]) or an image id (sha256:…), at most 4096 bytes.
bool isImageReferenceWord(std::string_view text);

} // namespace drydock
