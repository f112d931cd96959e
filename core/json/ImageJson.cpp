// Image list, inspect and history answers -> model.
#include "core/json/ModelParser.h"

#include "core/common/Time.h"
#include "core/json/detail/ConfigJson.h"

namespace drydock::json {

using namespace detail;

Result<StringList> parseImageIds(std::string_view body)
{
    return idList(body, "image list");
}

Result<Image> parseImage(std::string_view body)
{
    constexpr std::string_view kind = "image inspect";
    return guarded(kind, [&]() -> Result<Image> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        Image i;
        i.id = str(j, "Id");
        i.repoTags = strings(j, "RepoTags");
        i.repoDigests = strings(j, "RepoDigests");
        i.parent = str(j, "Parent");
        i.comment = str(j, "Comment");
        i.created = str(j, "Created");
        i.createdUnix = parseRfc3339(i.created).value_or(0);
        i.dockerVersion = str(j, "DockerVersion");
        i.author = str(j, "Author");
        i.architecture = str(j, "Architecture");
        i.variant = str(j, "Variant");
        i.os = str(j, "Os");
        i.size = i64(j, "Size");
        // Config is what containers inherit; ContainerConfig (1.41, gone later) describes the build step.
        if (const Json* config = object(j, "Config")) {
            i.config = readContainerConfig(*config);
        }
        if (const Json* rootfs = object(j, "RootFS")) {
            i.rootfsLayers = strings(*rootfs, "Layers");
        }
        return i;
    });
}

Result<std::vector<ImageHistoryEntry>> parseHistory(std::string_view body)
{
    constexpr std::string_view kind = "image history";
    return guarded(kind, [&]() -> Result<std::vector<ImageHistoryEntry>> {
        auto doc = parseDocument(body, kind, TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        std::vector<ImageHistoryEntry> out;
        out.reserve(doc->size());
        for (const auto& h : *doc) {
            if (!h.is_object()) {
                continue;
            }
            ImageHistoryEntry e;
            e.id = str(h, "Id");
            e.created = i64(h, "Created"); // Unix seconds here, unlike the inspect's RFC 3339
            e.createdBy = str(h, "CreatedBy");
            e.tags = strings(h, "Tags");
            e.size = i64(h, "Size");
            e.comment = str(h, "Comment");
            out.push_back(std::move(e));
        }
        return out;
    });
}

} // namespace drydock::json
