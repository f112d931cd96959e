#pragma once
#include "core/common/Result.h"
#include "core/files/FileReview.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace drydock {

// Where a YAML node was written: line and column from 1, and which file of a compose project (an index into
// ComposeProject::files; 0 for a lone document). Marks survive merges, so a merged value knows its file.
struct YamlMark
{
    int line = 0;
    int column = 0;
    int file = 0;

    bool operator==(const YamlMark&) const = default;
};

struct YamlEntry;

// One node of a loaded YAML document, in our own bounded tree: anchors, aliases and `<<` merge keys are
// already expanded, maps keep the order their keys were written in, and every node has its mark.
struct YamlNode
{
    enum class Kind
    {
        Null,     // `key:` with nothing, `~`, `null`
        Scalar,   // text; `quoted` says whether it was written in quotes (then it is a string, never a bool)
        Sequence, // items
        Map       // entries, in the written order
    };
    Kind kind = Kind::Null;
    std::string value; // the scalar's text
    std::string tag;   // an explicit local tag such as "!reset" or "!override"; empty otherwise
    bool quoted = false;
    YamlMark mark;
    std::vector<YamlNode> items;
    std::vector<YamlEntry> entries;

    bool isNull() const { return kind == Kind::Null; }
    bool isScalar() const { return kind == Kind::Scalar; }
    bool isSequence() const { return kind == Kind::Sequence; }
    bool isMap() const { return kind == Kind::Map; }
    // The entry's value under key in a map, or nullptr (also for a node that is no map).
    const YamlNode* find(std::string_view key) const;
    YamlNode* find(std::string_view key);
    // The entry under key (key and value), or nullptr.
    const YamlEntry* entry(std::string_view key) const;
    // Sets key to value: replaces an existing entry's value in place, else appends.
    void set(const YamlNode& key, YamlNode value);
    // Removes the entry under key; true when there was one.
    bool erase(std::string_view key);
    // The position of every key of a map in entries, for loops that look up many keys (entry() is linear).
    std::unordered_map<std::string, std::size_t> keyIndex() const;
    // A scalar's text; "" for anything else.
    const std::string& text() const;
    // True for a scalar YAML reads as true (true/yes/on in any case, as Compose's loaders accept them).
    bool isTrue() const;

    static YamlNode scalar(std::string text, YamlMark mark = {});
    static YamlNode map(YamlMark mark = {});
    static YamlNode sequence(YamlMark mark = {});
};

// One key and its value in a map: the key is a scalar node, so its mark says where the key was written.
struct YamlEntry
{
    YamlNode key;
    YamlNode value;
};

// Loads one YAML document (a compose file) into a YamlNode tree, with every limit of FileReviewLimits
// enforced: the file size, the nodes visited while expanding aliases and merge keys (an alias counts every
// time it is used, so a "billion laughs" document stops at the budget), the nesting depth. Invalid UTF-8, a
// NUL byte, a syntax error or a duplicate key (Compose refuses them) each give an Error naming line and
// column. Marks get `file` as their file index. An empty document is a Null node.
Result<YamlNode> loadYaml(std::string_view text, const FileReviewLimits& limits = {}, int file = 0);

} // namespace drydock
