#pragma once
// Internal to core/json: the one header that names nlohmann. It lives under detail/ so no public header
// (core/*/*.h) ever exposes the JSON library.
#include "core/common/Result.h"
#include "core/model/Common.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::json::detail {

using Json = nlohmann::json;

// Docker answers nest about ten levels deep; anything past this is hostile or broken and is refused
// before the parser sees it, so neither parsing nor our own walks can exhaust the stack.
inline constexpr int kMaxDepth = 128;

enum class TopLevel
{
    Object,
    Array
};

// Parses one API body. kind names the answer for people ("container inspect"); every failure, including
// the wrong top-level type, becomes MalformedResponse "The daemon sent a <kind> that is not valid JSON (…)".
// Invalid UTF-8 is replaced with U+FFFD first (as Go's encoder would have done), so one odd byte in a
// name does not hide a whole object.
Result<Json> parseDocument(std::string_view body, std::string_view kind, TopLevel expected);
Error malformed(std::string_view kind, std::string_view reason);

// Runs one parse step and turns anything it throws (nlohmann, bad_alloc) into the same Error, so no
// exception leaves core. fn returns a Result.
template <typename F> auto guarded(std::string_view kind, F&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const std::exception& e) {
        return malformed(kind, e.what());
    }
}

// A list answer whose object items each become one T through read(const Json&); non-objects are skipped.
template <typename T, typename Reader>
Result<std::vector<T>> objectList(std::string_view body, std::string_view kind, Reader read)
{
    return guarded(kind, [&]() -> Result<std::vector<T>> {
        auto doc = parseDocument(body, kind, TopLevel::Array);
        if (!doc) {
            return doc.error();
        }
        std::vector<T> out;
        out.reserve(doc->size());
        for (const auto& item : *doc) {
            if (item.is_object()) {
                out.push_back(read(item));
            }
        }
        return out;
    });
}

// The "Id" of every item of a list answer (/containers/json, /images/json).
Result<StringList> idList(std::string_view body, std::string_view kind);

// Tolerant readers: a missing key, a null or a value of another type gives the fallback; they never throw.
// j itself may be of any type (a non-object has no members).
const Json* member(const Json& j, std::string_view key);                       // nullptr when absent or null
const Json* object(const Json& j, std::string_view key);                       // nullptr unless an object
const Json* array(const Json& j, std::string_view key);                        // nullptr unless an array
const Json* path(const Json& j, std::initializer_list<std::string_view> keys); // nested objects

std::string str(const Json& j, std::string_view key, std::string fallback = {});
std::int64_t i64(const Json& j, std::string_view key, std::int64_t fallback = 0);
std::uint64_t u64(const Json& j, std::string_view key, std::uint64_t fallback = 0);
int i32(const Json& j, std::string_view key, int fallback = 0);
bool boolean(const Json& j, std::string_view key, bool fallback = false);
std::optional<bool> optBool(const Json& j, std::string_view key);
std::optional<std::int64_t> optI64(const Json& j, std::string_view key);

// Value readers for a node itself (array items, map values).
std::optional<std::int64_t> asI64(const Json& v);
std::string asText(const Json& v); // strings as-is, numbers and bools as JSON text, anything else ""

// An array of strings (non-strings skipped); a lone string counts as a one-item list; else empty.
StringList strings(const Json& j, std::string_view key);
// Same, but absent or null stays nullopt, so "null" and "[]" remain different.
std::optional<StringList> optStrings(const Json& j, std::string_view key);
// An object of scalars as name -> text; keys of an object (e.g. ExposedPorts) in order.
StringMap stringMap(const Json& j, std::string_view key);
StringList keys(const Json& j, std::string_view key);

// Capability names in one spelling, "CAP_NET_ADMIN" (upper case, CAP_ prefix); "ALL" stays "ALL".
// 20.10 keeps what the CLI sent ("NET_ADMIN"), newer daemons normalise; rules see one form either way.
StringList capabilities(const Json& j, std::string_view key);

} // namespace drydock::json::detail
