#pragma once
#include "core/model/Common.h"

namespace drydock {

// One row of GET /images/{id}/history; Created is Unix seconds.
struct ImageHistoryEntry
{
    std::string id;
    std::int64_t created = 0;
    std::string createdBy;
    StringList tags;
    std::int64_t size = 0;
    std::string comment;
};

// An image as `GET /images/{id}/json` describes it, with its history.
struct Image
{
    std::string id; // "sha256:…"
    StringList repoTags;
    StringList repoDigests;
    std::string parent;
    std::string comment;
    std::string created;              // RFC 3339 as returned
    std::int64_t createdUnix = 0;     // parsed, 0 when unknown
    std::string dockerVersion;
    std::string author;
    std::string architecture;
    std::string variant;
    std::string os;
    std::int64_t size = 0;
    ContainerConfig config;
    StringList rootfsLayers; // RootFS.Layers (DiffIDs)
    std::vector<ImageHistoryEntry> history;

    std::string shortId() const
    {
        const auto pos = id.find(':');
        return id.substr(pos == std::string::npos ? 0 : pos + 1, 12);
    }
    // "repo:tag" of the first tag, or the short id when untagged.
    std::string displayName() const
    {
        for (const auto& t : repoTags) {
            if (t != "<none>:<none>") {
                return t;
            }
        }
        return shortId();
    }
};

} // namespace drydock
