#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Writes JSON text straight into one string, laid out exactly as the JSON library's dump(indent) lays it out
// (indent < 0: compact), for documents large enough that building a tree first costs more than the scan that
// produced them. Strings that are not valid UTF-8 get U+FFFD as dump's "replace" error handler gives them.
// The caller keeps the structure right (a key before each value in an object); nothing is checked.
class JsonWriter
{
public:
    explicit JsonWriter(int indent = -1) : m_indent(indent) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // A value already serialised by the JSON library's dump(indent) with this writer's indent at depth 0; it is
    // indented to where it goes.
    JsonWriter& serialised(std::string_view json);
    // "key": [ "a", "b" ] for a list of strings.
    JsonWriter& stringArray(std::string_view name, const std::vector<std::string>& items);

    // The document; the writer is empty afterwards.
    std::string take();

private:
    // One open object or array: whether anything was written into it yet.
    struct Level
    {
        bool array = false;
        bool empty = true;
    };
    void beforeValue();
    void newLine(std::size_t depth);
    void escaped(std::string_view text);

    std::string m_out;
    std::vector<Level> m_levels;
    int m_indent;
    bool m_afterKey = false;
};

} // namespace drydock
