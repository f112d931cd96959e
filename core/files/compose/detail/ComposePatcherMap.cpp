#include "core/files/compose/detail/ComposePatcherMap.h"

#include "core/common/Strings.h"

namespace drydock::composepatch {

namespace {

int lineNumber(std::size_t index)
{
    return static_cast<int>(index) + 1;
}

std::vector<std::size_t> keyLines(const TextLines& t, const YAML::Node& map)
{
    std::vector<std::size_t> lines;
    for (auto it = map.begin(); it != map.end(); ++it) {
        lines.push_back(placeOf(t, it->first).line);
    }
    return lines;
}

} // namespace

std::optional<Extent> MapEditor::entryExtent(const BlockMap& map, std::string_view key) const
{
    const std::vector<std::size_t> starts = keyLines(m_t, map.node);
    std::size_t i = 0;
    for (auto it = map.node.begin(); it != map.node.end(); ++it, ++i) {
        if (it->first.IsScalar() && it->first.Scalar() == key) {
            return composepatch::entryExtent(m_t, starts, i, map.extent.last);
        }
    }
    return std::nullopt;
}

std::optional<BlockMap> MapEditor::childMap(const BlockMap& map, std::string_view key, std::string* why) const
{
    const auto entry = findEntry(map.node, key);
    const auto extent = entryExtent(map, key);
    if (!entry || !extent) {
        *why = std::string(key) + " is not set";
        return std::nullopt;
    }
    const Place keyPlace = placeOf(m_t, entry->first);
    const Place valuePlace = placeOf(m_t, entry->second);
    if (!entry->second.IsMap() || entry->second.Style() == YAML::EmitterStyle::Flow ||
        valuePlace.line <= keyPlace.line || valuePlace.line > extent->last) {
        *why = std::string(key) + " is not a block mapping written here (flow style, an alias or a scalar)";
        return std::nullopt;
    }
    return BlockMap{entry->second, valuePlace.column, *extent};
}

EditResult MapEditor::setScalar(const BlockMap& map, std::string_view key, const std::string& valueText)
{
    const auto entry = findEntry(map.node, key);
    if (!entry) {
        m_t.insert(map.extent.last + 1, {indent(map.keyColumn) + std::string(key) + ": " + valueText});
        return {lineNumber(map.extent.last + 1), {}};
    }
    if (!entry->second.IsScalar() && !entry->second.IsNull()) {
        return {0, std::string(key) + " holds a list or a mapping, not one value"};
    }
    if (entry->second.IsNull()) {
        // `key:` with nothing after it (a null's mark is the next token's): the value goes after the colon.
        const Place k = placeOf(m_t, entry->first);
        std::string& line = m_t.lines[k.line];
        const bool quotedKey = k.column < line.size() && (line[k.column] == '"' || line[k.column] == '\'');
        const auto keyEnd =
            quotedKey ? scalarEnd(line, k.column, false) : std::optional<std::size_t>(k.column);
        std::size_t colon = keyEnd ? line.find(':', *keyEnd) : std::string::npos;
        while (colon != std::string::npos && colon + 1 < line.size() && line[colon + 1] != ' ') {
            colon = line.find(':', colon + 1); // a colon inside a plain key ("a:b:")
        }
        const std::string rest = colon == std::string::npos ? std::string() : line.substr(colon + 1);
        if (colon == std::string::npos || !(trim(rest).empty() || trim(rest)[0] == '#')) {
            return {0, std::string(key) + " has a value this patch cannot read"};
        }
        line.replace(colon + 1, std::string::npos,
                     " " + valueText + (trim(rest).empty() ? std::string() : rest));
        return {lineNumber(k.line), {}};
    }
    return replaceScalar(entry->second, valueText, false);
}

EditResult MapEditor::addBlock(const BlockMap& map, const std::string& keyLine,
                               const std::vector<std::string>& nested)
{
    std::vector<std::string> lines{indent(map.keyColumn) + keyLine};
    for (const auto& n : nested) {
        lines.push_back(indent(map.keyColumn) + n);
    }
    m_t.insert(map.extent.last + 1, lines);
    return {lineNumber(map.extent.last + 1), {}};
}

EditResult MapEditor::removeKey(const BlockMap& map, std::string_view key)
{
    const auto extent = entryExtent(map, key);
    if (!extent) {
        return {0, std::string(key) + " is not set"};
    }
    m_t.erase(extent->first, extent->last + 1);
    return {lineNumber(extent->first), {}};
}

std::optional<Extent> MapEditor::itemExtent(const YAML::Node& seq, std::size_t index, std::size_t last) const
{
    std::vector<std::size_t> starts;
    for (const auto& item : seq) {
        starts.push_back(placeOf(m_t, item).line);
    }
    if (index >= starts.size()) {
        return std::nullopt;
    }
    return composepatch::entryExtent(m_t, starts, index, last);
}

EditResult MapEditor::appendItem(const BlockMap& map, std::string_view key, const std::string& itemText)
{
    const auto entry = findEntry(map.node, key);
    if (!entry || entry->second.IsNull()) {
        if (entry) {
            removeKey(map, key); // `key:` with nothing after it; written again below with the item
        }
        const std::size_t offset = sequenceOffset(map);
        const std::size_t at = entry ? placeOf(m_t, entry->first).line : map.extent.last + 1;
        m_t.insert(at, {indent(map.keyColumn) + std::string(key) + ":",
                        indent(map.keyColumn + offset) + "- " + itemText});
        return {lineNumber(at), {}};
    }
    const YAML::Node& value = entry->second;
    const auto extent = entryExtent(map, key);
    const Place valuePlace = placeOf(m_t, value);
    if (valuePlace.line > extent->last || valuePlace.line < extent->first) {
        return {0, std::string(key) + " is an alias of the anchor at line " +
                       std::to_string(valuePlace.line + 1)};
    }
    if (value.IsScalar()) {
        // `tmpfs: /run` → `tmpfs: [/run, "/tmp"]`: the old value stays as it was written.
        const auto end = scalarEnd(m_t.lines[valuePlace.line], valuePlace.column, false);
        if (!end) {
            return {0, std::string(key) + " is a value over several lines"};
        }
        std::string& line = m_t.lines[valuePlace.line];
        const std::string old = line.substr(valuePlace.column, *end - valuePlace.column);
        line.replace(valuePlace.column, *end - valuePlace.column, "[" + old + ", " + itemText + "]");
        return {lineNumber(valuePlace.line), {}};
    }
    if (!value.IsSequence()) {
        return {0, std::string(key) + " is a mapping, not a list"};
    }
    if (value.Style() == YAML::EmitterStyle::Flow) {
        const std::string lf = m_t.lfText();
        const auto items = flowItems(lf, static_cast<std::size_t>(value.Mark().pos));
        if (!items) {
            return {0, std::string(key) + " is a flow list this patcher cannot read"};
        }
        if (items->items.empty()) { // `[ ]` becomes `[item]`
            return replaceRange(static_cast<std::size_t>(value.Mark().pos) + 1, items->close, itemText);
        }
        const std::size_t at = items->items.back().second;
        return replaceRange(at, at, ", " + itemText);
    }
    const Place dash = valuePlace;
    const std::size_t n = value.size();
    const Place firstItem = placeOf(m_t, value[0]);
    const auto last = itemExtent(value, n - 1, extent->last);
    const std::size_t gap = firstItem.column > dash.column + 1 ? firstItem.column - dash.column - 1 : 1;
    m_t.insert(last->last + 1, {indent(dash.column) + "-" + std::string(gap, ' ') + itemText});
    return {lineNumber(last->last + 1), {}};
}

EditResult MapEditor::removeItem(const BlockMap& map, std::string_view key, std::size_t index)
{
    const auto entry = findEntry(map.node, key);
    if (!entry || !entry->second.IsSequence() || index >= entry->second.size()) {
        return {0, std::string(key) + " has no such item"};
    }
    const YAML::Node& value = entry->second;
    if (value.size() == 1) {
        return removeKey(map, key);
    }
    const auto extent = entryExtent(map, key);
    if (value.Style() == YAML::EmitterStyle::Flow) {
        const std::string lf = m_t.lfText();
        const auto items = flowItems(lf, static_cast<std::size_t>(value.Mark().pos));
        if (!items || items->items.size() != value.size()) {
            return {0, std::string(key) + " is a flow list this patcher cannot read"};
        }
        const auto& it = items->items;
        // ", item" after the first; "item, " for the first.
        const std::size_t from = index > 0 ? it[index - 1].second : it[index].first;
        const std::size_t to = index > 0 ? it[index].second : it[index + 1].first;
        return replaceRange(from, to, "");
    }
    const auto item = itemExtent(value, index, extent->last);
    m_t.erase(item->first, item->last + 1);
    return {lineNumber(item->first), {}};
}

EditResult MapEditor::replaceScalar(const YAML::Node& scalar, const std::string& text, bool inFlow)
{
    const Place p = placeOf(m_t, scalar);
    if (p.line >= m_t.lines.size()) {
        return {0, "the value is not in this file"};
    }
    const auto end = scalarEnd(m_t.lines[p.line], p.column, inFlow);
    if (!end) {
        return {0, "the value goes over several lines"};
    }
    m_t.lines[p.line].replace(p.column, *end - p.column, text);
    return {lineNumber(p.line), {}};
}

EditResult MapEditor::replaceItem(const BlockMap& map, std::string_view key, std::size_t index,
                                  const std::string& itemText)
{
    const auto entry = findEntry(map.node, key);
    if (!entry || !entry->second.IsSequence() || index >= entry->second.size()) {
        return {0, std::string(key) + " has no such item"};
    }
    const YAML::Node& value = entry->second;
    if (value.Style() == YAML::EmitterStyle::Flow) {
        const std::string lf = m_t.lfText();
        const auto items = flowItems(lf, static_cast<std::size_t>(value.Mark().pos));
        if (!items || items->items.size() != value.size()) {
            return {0, std::string(key) + " is a flow list this patcher cannot read"};
        }
        return replaceRange(items->items[index].first, items->items[index].second, itemText);
    }
    const auto extent = entryExtent(map, key);
    const auto item = itemExtent(value, index, extent->last);
    const Place p = placeOf(m_t, value[index]);
    if (item->first == item->last) {
        // One line: the scalar only, so a comment after it stays.
        return replaceScalar(value[index], itemText, false);
    }
    const std::string head = m_t.lines[item->first].substr(0, p.column);
    m_t.erase(item->first + 1, item->last + 1);
    m_t.lines[item->first] = head + itemText;
    return {lineNumber(item->first), {}};
}

std::optional<BlockMap> MapEditor::itemMap(const BlockMap& map, std::string_view key, std::size_t index,
                                           std::string* why) const
{
    const auto entry = findEntry(map.node, key);
    const auto extent = entryExtent(map, key);
    if (!entry || !extent || !entry->second.IsSequence() ||
        entry->second.Style() == YAML::EmitterStyle::Flow) {
        *why = std::string(key) + " is not a block list";
        return std::nullopt;
    }
    const YAML::Node item = entry->second[index];
    if (!item.IsMap() || item.Style() == YAML::EmitterStyle::Flow) {
        *why = "the item of " + std::string(key) + " is written in flow style ({…})";
        return std::nullopt;
    }
    const auto lines = itemExtent(entry->second, index, extent->last);
    return BlockMap{item, placeOf(m_t, item).column, *lines};
}

std::size_t MapEditor::sequenceOffset(const BlockMap& map) const
{
    for (auto it = map.node.begin(); it != map.node.end(); ++it) {
        if (it->second.IsSequence() && it->second.Style() != YAML::EmitterStyle::Flow &&
            it->second.size() > 0) {
            const Place key = placeOf(m_t, it->first);
            const Place dash = placeOf(m_t, it->second);
            if (dash.line > key.line && dash.column >= key.column) {
                return dash.column - key.column;
            }
        }
    }
    return m_unit;
}

EditResult MapEditor::replaceRange(std::size_t from, std::size_t to, const std::string& with)
{
    const std::size_t line = m_t.lineStart(from);
    if (m_t.lineStart(to == from ? from : to - 1) != line && to != from) {
        return {0, "the flow list goes over several lines here"};
    }
    std::size_t offset = 0;
    for (std::size_t i = 0; i < line; ++i) {
        offset += m_t.lines[i].size() + 1;
    }
    m_t.lines[line].replace(from - offset, to - from, with);
    return {lineNumber(line), {}};
}

} // namespace drydock::composepatch
