#include "core/json/detail/JsonAccess.h"

#include "core/common/Strings.h"
#include "core/common/Utf8.h"
#include "core/model/CapabilitySpelling.h"

#include <cmath>
#include <limits>

namespace drydock::json::detail {

namespace {

// Deepest nesting of arrays/objects outside strings, stopping as soon as the limit is passed.
bool nestsDeeperThan(std::string_view s, int limit)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : s) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit) {
                return true;
            }
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return false;
}

const char* typeName(const Json& j)
{
    switch (j.type()) {
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::null:
        return "null";
    case Json::value_t::discarded:
        return "nothing";
    default:
        return "a number";
    }
}

// nlohmann prefixes its messages with "[json.exception.parse_error.101] "; people need only the rest. Its
// "; last read: '…'" part quotes the body, which may be the middle of a secret, so it is dropped.
std::string plainParseMessage(std::string_view what)
{
    const std::size_t close = what.find("] ");
    if (!what.empty() && what.front() == '[' && close != std::string_view::npos) {
        what.remove_prefix(close + 2);
    }
    std::string text(what);
    const std::size_t lastRead = text.find("; last read: ");
    if (lastRead != std::string::npos) {
        text.erase(lastRead);
    }
    return truncateUtf8(text, 200);
}

} // namespace

Error malformed(std::string_view kind, std::string_view reason)
{
    const bool vowel =
        !kind.empty() && std::string_view("aeiou").find(kind.front()) != std::string_view::npos;
    return Error::make(ErrorCode::MalformedResponse,
                       std::string("The daemon sent ") + (vowel ? "an " : "a ") + std::string(kind) +
                           " that is not valid JSON (" + std::string(reason) +
                           "). Check that the endpoint is a Docker Engine and try again; if it persists, the "
                           "daemon or a proxy in between is corrupting answers.");
}

Result<Json> parseDocument(std::string_view body, std::string_view kind, TopLevel expected)
{
    if (trim(body).empty()) {
        return malformed(kind, "the body is empty");
    }
    if (nestsDeeperThan(body, kMaxDepth)) {
        return malformed(kind, "it nests deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    std::string repaired;
    if (!isValidUtf8(body)) {
        repaired = replaceInvalidUtf8(body);
        body = repaired;
    }
    Json doc;
    try {
        doc = Json::parse(body.begin(), body.end());
    } catch (const Json::exception& e) {
        return malformed(kind, plainParseMessage(e.what()));
    } catch (const std::exception& e) {
        return malformed(kind, e.what());
    }
    const bool ok = expected == TopLevel::Object ? doc.is_object() : doc.is_array();
    if (!ok) {
        return malformed(kind, std::string("expected ") +
                                   (expected == TopLevel::Object ? "an object" : "an array") +
                                   " at the top, got " + typeName(doc));
    }
    return doc;
}

Result<StringList> idList(std::string_view body, std::string_view kind)
{
    return guarded(kind, [&]() -> Result<StringList> {
        auto doc = parseDocument(body, kind, TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        StringList ids;
        for (const auto& item : *doc) {
            std::string id = str(item, "Id");
            if (!id.empty()) {
                ids.push_back(std::move(id));
            }
        }
        return ids;
    });
}

const Json* member(const Json& j, std::string_view key)
{
    if (!j.is_object()) {
        return nullptr;
    }
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

const Json* object(const Json& j, std::string_view key)
{
    const Json* m = member(j, key);
    return m && m->is_object() ? m : nullptr;
}

const Json* array(const Json& j, std::string_view key)
{
    const Json* m = member(j, key);
    return m && m->is_array() ? m : nullptr;
}

const Json* path(const Json& j, std::initializer_list<std::string_view> keys)
{
    const Json* cur = &j;
    for (const auto key : keys) {
        cur = object(*cur, key);
        if (!cur) {
            return nullptr;
        }
    }
    return cur;
}

std::string str(const Json& j, std::string_view key, std::string fallback)
{
    const Json* m = member(j, key);
    return m && m->is_string() ? m->get_ref<const std::string&>() : fallback;
}

std::optional<std::int64_t> asI64(const Json& v)
{
    switch (v.type()) {
    case Json::value_t::number_integer:
        return v.get<std::int64_t>();
    case Json::value_t::number_unsigned: {
        const auto u = v.get<std::uint64_t>();
        return u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                   ? std::numeric_limits<std::int64_t>::max()
                   : static_cast<std::int64_t>(u);
    }
    case Json::value_t::number_float: {
        // A float outside the int64 range (or NaN) has no meaningful integer value; casting it would be UB.
        const double d = v.get<double>();
        if (!std::isfinite(d) || d >= 9.2e18 || d <= -9.2e18) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(d);
    }
    default:
        return std::nullopt;
    }
}

std::optional<std::int64_t> optI64(const Json& j, std::string_view key)
{
    const Json* m = member(j, key);
    return m ? asI64(*m) : std::nullopt;
}

std::int64_t i64(const Json& j, std::string_view key, std::int64_t fallback)
{
    return optI64(j, key).value_or(fallback);
}

std::uint64_t u64(const Json& j, std::string_view key, std::uint64_t fallback)
{
    const Json* m = member(j, key);
    if (m && m->is_number_unsigned()) {
        return m->get<std::uint64_t>();
    }
    const auto v = m ? asI64(*m) : std::nullopt;
    return v && *v >= 0 ? static_cast<std::uint64_t>(*v) : fallback;
}

int i32(const Json& j, std::string_view key, int fallback)
{
    const auto v = optI64(j, key);
    if (!v) {
        return fallback;
    }
    if (*v > std::numeric_limits<int>::max()) {
        return std::numeric_limits<int>::max();
    }
    if (*v < std::numeric_limits<int>::min()) {
        return std::numeric_limits<int>::min();
    }
    return static_cast<int>(*v);
}

std::optional<bool> optBool(const Json& j, std::string_view key)
{
    const Json* m = member(j, key);
    if (m && m->is_boolean()) {
        return m->get<bool>();
    }
    return std::nullopt;
}

bool boolean(const Json& j, std::string_view key, bool fallback)
{
    return optBool(j, key).value_or(fallback);
}

std::string asText(const Json& v)
{
    if (v.is_string()) {
        return v.get_ref<const std::string&>();
    }
    if (v.is_number() || v.is_boolean()) {
        return v.dump();
    }
    return {};
}

std::optional<StringList> optStrings(const Json& j, std::string_view key)
{
    const Json* m = member(j, key);
    if (!m) {
        return std::nullopt;
    }
    StringList out;
    if (m->is_string()) {
        out.push_back(m->get_ref<const std::string&>());
    } else if (m->is_array()) {
        out.reserve(m->size());
        for (const auto& item : *m) {
            if (item.is_string()) {
                out.push_back(item.get_ref<const std::string&>());
            }
        }
    } else {
        return std::nullopt;
    }
    return out;
}

StringList strings(const Json& j, std::string_view key)
{
    return optStrings(j, key).value_or(StringList{});
}

StringMap stringMap(const Json& j, std::string_view key)
{
    StringMap out;
    if (const Json* m = object(j, key)) {
        for (const auto& [k, v] : m->items()) {
            out.emplace(k, asText(v));
        }
    }
    return out;
}

StringList keys(const Json& j, std::string_view key)
{
    StringList out;
    if (const Json* m = object(j, key)) {
        for (const auto& [k, v] : m->items()) {
            out.push_back(k);
        }
    }
    return out;
}

StringList capabilities(const Json& j, std::string_view key)
{
    StringList out;
    for (const auto& raw : strings(j, key)) {
        std::string cap = normaliseCapability(raw);
        if (!cap.empty()) {
            out.push_back(std::move(cap));
        }
    }
    return out;
}

} // namespace drydock::json::detail
