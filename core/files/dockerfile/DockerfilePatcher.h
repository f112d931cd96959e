#pragma once
#include "core/files/dockerfile/Dockerfile.h"
#include "core/findings/Finding.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/ScanSettings.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One textual change of a Dockerfile: bytes [begin, end) of the original become `text`; the rules it fixes.
struct DockerfileEdit
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
    std::vector<std::string> ruleIds;
};

// A patched Dockerfile: its new text, the rules the re-check found resolved, and sentences for the reader.
struct DockerfilePatch
{
    std::string text;
    std::vector<std::string> ruleIds;
    std::vector<std::string> notes;
};

// Writes the minimal textual fix of a reviewed Dockerfile. What it changes, each only where a finding asks:
// IMG-001 a non-root USER at the end of the final stage (with a user created in a RUN only when the file
// creates none: BusyBox/Alpine `adduser -D`, Debian/RHEL family `useradd`, `USER node` for the node images, a
// numeric UID for scratch and unknown bases, each said in a comment line; nothing for nginx and httpd,
// whose default configuration needs root); IMG-004 ADD of local non-archive
// files → COPY; IMG-010 `--no-install-recommends`, `apk add --no-cache` and the cache removal in that RUN;
// IMG-009 `apt-get dist-upgrade` removed; SEC-002/SEC-003/DKF-005 a secret ENV/ARG value removed, a comment
// saying to pass it at run time (the value is never written); DKF-001 a COPY/ADD of nothing but keys and
// credential files removed, a comment saying to mount them at run time. What cannot be known (a HEALTHCHECK command, a
// base image's release) is left alone. Lines outside the edits stay byte-identical, and inserted lines use
// the file's line endings.
class DockerfilePatcher
{
public:
    // The edits for the findings, leaving out the rules in `skip`; sorted, never overlapping.
    static std::vector<DockerfileEdit> plan(const Dockerfile& file, std::string_view text,
                                            const std::vector<Finding>& findings,
                                            const std::set<std::string>& skip = {});
    static std::string apply(std::string_view text, const std::vector<DockerfileEdit>& edits);
    // Sentences for the findings the patcher leaves alone on purpose, and why (a HEALTHCHECK command cannot
    // be known, an nginx base needs root in its default configuration, a release to pin is a person's
    // choice).
    static std::vector<std::string> leftAlone(const Dockerfile& file, const std::vector<Finding>& findings);
    // Plans, applies, re-parses and re-reviews: an edit whose rule still has a high or critical finding on
    // the patched text is dropped (and the rest re-checked); nullopt when nothing is left to change.
    static std::optional<DockerfilePatch> patch(const std::string& path, std::string_view text,
                                                const Dockerfile& file, const std::vector<Finding>& findings,
                                                const RuleCatalogue& catalogue,
                                                const ScanSettings& settings = {});
};

} // namespace drydock
