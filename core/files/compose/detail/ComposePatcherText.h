#pragma once
// Internal to ComposePatcher: the compose file as lines (each with its own line ending, so untouched lines
// stay byte-identical) and the yaml-cpp marks that locate a service, a key or an item in them.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::composepatch {

// A file as lines without their endings, the endings kept apart; new lines get the file's own ending.
struct TextLines
{
    std::vector<std::string> lines;
    std::vector<std::string> ends; // "\n", "\r\n", or "" for a last line without one
    std::string eol = "\n";        // the ending most lines have

    static TextLines split(std::string_view text);
    std::string text() const;   // the file as it will be written
    std::string lfText() const; // the same with "\n" endings, what yaml-cpp reads (marks count in it)
    void insert(std::size_t at, const std::vector<std::string>& newLines);
    void erase(std::size_t from, std::size_t to); // [from, to)
    std::size_t lineStart(std::size_t pos) const; // line index of a byte offset of lfText()
    // Line indexes that follow the text as lines are inserted and erased (the lines edits changed).
    std::vector<std::size_t> marks;

    // lfText() as yaml-cpp reads it (throws as YAML::Load does). The last text read is kept with its tree:
    // an edit that is skipped or already holds changes nothing, and the next edit does not read the file
    // again (every edit of every service read the whole file: 17 s for a 34 KB file of 60 services).
    YAML::Node parsed() const;
    // Lines [first, last] (another service, which no edit of this one touches) are read by parsed() as
    // comments of the same length, so that marks and byte offsets stay those of the whole text; the range
    // follows inserts and erases as marks do. showAll() makes parsed() read the whole text again.
    void hideWhileParsing(std::size_t first, std::size_t last);
    void showAll() { m_hidden.clear(); }

private:
    std::vector<std::size_t> m_hidden; // [from, to) pairs
    mutable std::string m_parsedText;
    mutable YAML::Node m_parsedRoot;
};

// The place of a node in the text: its line and the byte column in that line.
struct Place
{
    std::size_t line = 0;
    std::size_t column = 0;
};

// A block mapping entry or sequence item: the lines it occupies (its comments after it excluded).
struct Extent
{
    std::size_t first = 0;
    std::size_t last = 0; // inclusive
};

// One service of the file as yaml-cpp sees it, with its text extent.
struct ServiceView
{
    YAML::Node root;
    YAML::Node key;
    YAML::Node value;
    Place keyPlace;
    std::size_t childColumn = 0; // column of the service's keys
    std::size_t indentUnit = 2;  // the file's indentation step
    Extent extent;               // key line to its last content line
};

// Where a node starts, from its mark in lfText.
Place placeOf(const TextLines& t, const YAML::Node& node);
// Whether a line holds only spaces or a comment.
bool isBlankOrComment(std::string_view line);
// Number of leading spaces.
std::size_t indentOf(std::string_view line);
// The last content line of a block that starts at `first` and ends before a line indented at most `column`.
std::size_t blockEnd(const TextLines& t, std::size_t first, std::size_t column);
// The lines of entry `i` of a block mapping or block sequence whose entries start at the given lines.
Extent entryExtent(const TextLines& t, const std::vector<std::size_t>& starts, std::size_t i,
                   std::size_t last);
// The key node and value of `key` in a mapping; nullopt when the mapping does not hold it.
std::optional<std::pair<YAML::Node, YAML::Node>> findEntry(const YAML::Node& map, std::string_view key);
// The end (exclusive byte column) of the scalar that starts at `p` on its line, or nullopt for a scalar that
// continues on later lines. `inFlow`: a plain scalar ends at , ] } too.
std::optional<std::size_t> scalarEnd(const std::string& line, std::size_t column, bool inFlow);
// The byte offsets in lfText of the items of a flow sequence starting at `open` ('['): each item's [begin,
// end) and the offset of the closing ']'; nullopt when the sequence is not well formed.
struct FlowItems
{
    std::vector<std::pair<std::size_t, std::size_t>> items;
    std::size_t close = 0;
};
std::optional<FlowItems> flowItems(std::string_view lf, std::size_t open);
// Locates a service, or says why it cannot be edited.
std::optional<ServiceView> locateService(const TextLines& t, const YAML::Node& root, std::string_view name,
                                         std::string* why);

} // namespace drydock::composepatch
