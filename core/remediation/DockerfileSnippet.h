#pragma once
#include <string>

namespace drydock {

// Dockerfile fragments for image findings, kept as data so rules and the walkthrough share them.
struct DockerfileSnippet
{
    static std::string nonRootUser(); // create a UID and switch to it
    static std::string healthcheck();
    static std::string multiStage(const std::string& baseImage);
};

} // namespace drydock
