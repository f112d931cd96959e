#pragma once
#include "core/files/dockerfile/Dockerfile.h"

#include <optional>
#include <string>

namespace drydock {

// IMG-009 and IMG-010 in one shell-form RUN, as a textual edit of its original lines: `apt-get dist-upgrade`
// removed with its separator, `--no-install-recommends` after `apt-get install`, `--no-cache` after `apk
// add`, and the cache removal (`rm -rf /var/lib/apt/lists/*`, `dnf clean all`, `zypper clean --all`) appended
// to the last command. Returns the instruction's new text, an empty string when the whole RUN goes (it only
// refreshed the index around a removed upgrade), or nullopt when nothing changes or the RUN is one this does
// not rewrite (exec form, heredocs, a comment inside).
std::optional<std::string> fixRunInstruction(const DockerfileInstruction& in, char escape,
                                             bool removeDistUpgrade, bool cleanCaches);

} // namespace drydock
