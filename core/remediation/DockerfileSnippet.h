#pragma once
#include "core/model/Common.h"

#include <string>
#include <string_view>

namespace drydock {

// Dockerfile fragments for image findings, kept as data so rules and the walkthrough share them.
struct DockerfileSnippet
{
    static std::string nonRootUser(); // create a UID and switch to it
    static std::string healthcheck();
    static std::string multiStage(const std::string& baseImage);

    // Lines built from what an image holds (paths, label keys) must stay lines of their own: a newline in a
    // path would start a new instruction, and a shell-form RUN would run a `;` in it.
    // One comment line: hidden characters (newlines included) as visible escapes, never a parser directive.
    static std::string comment(std::string_view text);
    // RUN in exec form, each word a JSON string (so no shell reads it). A word that is not valid UTF-8 cannot
    // be written in JSON exactly: then the step comes back as comments saying to write it by hand.
    static std::string execRun(const StringList& argv);
};

} // namespace drydock
