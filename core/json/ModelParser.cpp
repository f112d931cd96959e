// Event lines and error answers -> model. The per-object parsers live beside this file, one per kind of
// answer (ContainerJson.cpp, ImageJson.cpp, …); all of them share detail/JsonAccess.h.
#include "core/json/ModelParser.h"

#include "core/common/Strings.h"
#include "core/json/detail/JsonAccess.h"

namespace drydock::json {

using namespace detail;

Result<DockerEvent> parseEvent(std::string_view line)
{
    constexpr std::string_view kind = "event";
    return guarded(kind, [&]() -> Result<DockerEvent> {
        auto doc = parseDocument(line, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        DockerEvent e;
        e.type = str(j, "Type");
        // "status", "id" are the pre-1.22 names, still sent beside the new ones for containers and images.
        e.action = str(j, "Action", str(j, "status"));
        if (const Json* actor = object(j, "Actor")) {
            e.actorId = str(*actor, "ID");
            e.attributes = stringMap(*actor, "Attributes");
        }
        if (e.actorId.empty()) {
            e.actorId = str(j, "id");
        }
        if (const auto t = optI64(j, "time")) {
            e.timeUnix = *t;
        } else if (const auto ns = optI64(j, "timeNano")) {
            e.timeUnix = *ns / 1000000000;
        }
        return e;
    });
}

std::string parseErrorMessage(std::string_view body)
{
    try {
        // Error bodies are tiny; anything that does not parse simply has no message.
        auto doc = parseDocument(body, "error answer", TopLevel::Object);
        // The sentence reaches terminals and dialogs: a hostile daemon's escape sequences are shown, not
        // obeyed.
        return doc ? terminalText(str(*doc, "message"), 2000) : std::string();
    } catch (...) {
        return {};
    }
}

Result<std::string> parseCreatedId(std::string_view body)
{
    return guarded("container create answer", [&]() -> Result<std::string> {
        auto doc = parseDocument(body, "container create answer", TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const std::string id = str(*doc, "Id");
        if (id.empty()) {
            return malformed("container create answer", "no Id");
        }
        return id;
    });
}

} // namespace drydock::json
