#pragma once
// Internal to ComposePatcher: minimal textual edits of one block mapping or sequence of a compose file (set
// or remove a key, add or remove a sequence item, replace one scalar), located by yaml-cpp marks.
#include "core/files/compose/detail/ComposePatcherText.h"

namespace drydock::composepatch {

// A block mapping of the file: the service, a long-syntax volume or port, `logging:`, `options:`, …
struct BlockMap
{
    YAML::Node node;
    std::size_t keyColumn = 0; // where its keys start
    Extent extent;             // its lines (for a nested map, from its parent key's line)
};

// What a text edit did: the 1-based line it changed, or why it made none.
struct EditResult
{
    int line = 0;
    std::string why; // empty when the edit was made

    bool ok() const { return why.empty(); }
};

// Edits of one parsed state of the file; every edit invalidates the nodes (the caller parses again).
class MapEditor
{
public:
    MapEditor(TextLines& text, std::size_t indentUnit) : m_t(text), m_unit(indentUnit) {}

    // The lines of the entry `key` of the map (its key line to its last content line).
    std::optional<Extent> entryExtent(const BlockMap& map, std::string_view key) const;
    // The value of `key` as a block mapping; nullopt with `why` when it is absent or written otherwise.
    std::optional<BlockMap> childMap(const BlockMap& map, std::string_view key, std::string* why) const;
    // Sets `key: valueText`: replaces the scalar in place, or adds the line at the end of the map.
    EditResult setScalar(const BlockMap& map, std::string_view key, const std::string& valueText);
    // Adds `key:` with nested lines (already indented relative to the key) at the end of the map.
    EditResult addBlock(const BlockMap& map, const std::string& keyLine,
                        const std::vector<std::string>& nested);
    EditResult removeKey(const BlockMap& map, std::string_view key);
    // Appends an item to the sequence under `key` (block or flow), creating the key when absent.
    EditResult appendItem(const BlockMap& map, std::string_view key, const std::string& itemText);
    // Removes item `index` of the sequence under `key`; the key goes when it was the only item.
    EditResult removeItem(const BlockMap& map, std::string_view key, std::size_t index);
    // Replaces a scalar node that sits on one line with new text.
    EditResult replaceScalar(const YAML::Node& scalar, const std::string& text, bool inFlow);
    // Replaces item `index` of a block or flow sequence (its whole text) with one item's text.
    EditResult replaceItem(const BlockMap& map, std::string_view key, std::size_t index,
                           const std::string& itemText);
    // The block mapping of item `index` of the sequence under `key` (a long-syntax volume or port).
    std::optional<BlockMap> itemMap(const BlockMap& map, std::string_view key, std::size_t index,
                                    std::string* why) const;
    // The column at which a new block sequence's dashes go, relative to its key: the file's own habit.
    std::size_t sequenceOffset(const BlockMap& map) const;
    std::string indent(std::size_t columns) const { return std::string(columns, ' '); }
    std::size_t unit() const { return m_unit; }

private:
    std::optional<Extent> itemExtent(const YAML::Node& seq, std::size_t index, std::size_t last) const;
    EditResult replaceRange(std::size_t from, std::size_t to,
                            const std::string& with); // lf offsets, one line

    TextLines& m_t;
    std::size_t m_unit;
};

} // namespace drydock::composepatch
