// Volume list answer -> model. Options stay verbatim here (they may hold credentials); masking is the
// job of whatever writes them out.
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

namespace drydock::json {

using namespace detail;

namespace {

Volume volumeFrom(const Json& v)
{
    Volume vol;
    vol.name = str(v, "Name");
    vol.driver = str(v, "Driver");
    vol.mountpoint = str(v, "Mountpoint");
    vol.scope = str(v, "Scope");
    vol.createdAt = str(v, "CreatedAt");
    vol.options = stringMap(v, "Options");
    vol.labels = stringMap(v, "Labels");
    return vol;
}

} // namespace

Result<Volume> parseVolume(std::string_view body)
{
    constexpr std::string_view kind = "volume";
    return guarded(kind, [&]() -> Result<Volume> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        return volumeFrom(*doc);
    });
}

Result<std::vector<Volume>> parseVolumes(std::string_view body)
{
    constexpr std::string_view kind = "volume list";
    return guarded(kind, [&]() -> Result<std::vector<Volume>> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        std::vector<Volume> out;
        if (const Json* volumes = array(*doc, "Volumes")) {
            for (const auto& v : *volumes) {
                if (!v.is_object()) {
                    continue;
                }
                out.push_back(volumeFrom(v));
            }
        }
        return out;
    });
}

} // namespace drydock::json
