#include "core/files/compose/YamlTree.h"

#include "core/common/Strings.h"
#include "core/common/Utf8.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

namespace drydock {
namespace {

std::string at(int line, int column)
{
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Where the text nests deeper than `limit`, counting flow brackets outside quotes and comments and the block
// indentation levels open at each line; nullopt when it does not. yaml-cpp gives up on a few thousand levels
// with "bad file", which says nothing: this finds the place to name when it does. Linear in the text.
std::optional<std::size_t> deeperThan(std::string_view text, int limit)
{
    std::vector<std::size_t> indents; // block indentation levels open
    int flow = 0;
    char quote = 0;
    bool lineStart = true;
    std::size_t indent = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            lineStart = true;
            indent = 0;
            quote = flow > 0 ? quote : 0; // a plain block line ends its quotes; flow scalars may go on
            continue;
        }
        if (lineStart) {
            if (c == ' ') {
                ++indent;
                continue;
            }
            lineStart = false;
            if (c != '#' && c != '\r' && flow == 0) {
                while (!indents.empty() && indents.back() >= indent) {
                    indents.pop_back();
                }
                indents.push_back(indent);
            }
        }
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
            while (i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            }
        } else if (c == '[' || c == '{') {
            ++flow;
        } else if ((c == ']' || c == '}') && flow > 0) {
            --flow;
        }
        if (flow + static_cast<int>(indents.size()) > limit) {
            return i;
        }
    }
    return std::nullopt;
}

// Walks yaml-cpp's node graph into our tree. yaml-cpp shares an aliased node between its uses, so a small
// file can stand for an exponential tree: every visit counts against the budget, and the walk stops at the
// first limit with the mark where it was.
class Converter
{
public:
    Converter(const FileReviewLimits& limits, int file) : m_limits(limits), m_file(file) {}

    Result<YamlNode> convert(const YAML::Node& root)
    {
        YamlNode out;
        if (!walk(root, out, 1)) {
            return *m_error;
        }
        return out;
    }

private:
    YamlMark markOf(const YAML::Node& node) const
    {
        const YAML::Mark m = node.Mark();
        if (m.is_null()) {
            return {0, 0, m_file};
        }
        return {m.line + 1, m.column + 1, m_file};
    }

    bool fail(ErrorCode code, const YamlMark& mark, std::string message)
    {
        m_error = Error::make(code, at(mark.line, mark.column) + ": " + std::move(message));
        return false;
    }

    bool count(const YAML::Node& node, int depth)
    {
        if (++m_visited > m_limits.maxYamlNodes) {
            return fail(
                ErrorCode::TooLarge, markOf(node),
                "the document expands to more than " + std::to_string(m_limits.maxYamlNodes) +
                    " nodes (each use of an alias counts): a YAML bomb or a file too large to review. "
                    "Remove the nested aliases or split the file.");
        }
        if (depth > m_limits.maxYamlDepth) {
            return fail(ErrorCode::TooLarge, markOf(node),
                        "nesting deeper than " + std::to_string(m_limits.maxYamlDepth) +
                            " levels: no compose file needs it. Flatten the structure.");
        }
        return true;
    }

    static std::string tagOf(const YAML::Node& node)
    {
        const std::string& tag = node.Tag();
        // "?" is a plain node, "!" a quoted scalar; only explicit local tags (!reset, !override) are kept.
        if (tag.size() > 1 && tag[0] == '!' && tag[1] != '!') {
            return tag;
        }
        return {};
    }

    bool walk(const YAML::Node& node, YamlNode& out, int depth)
    {
        if (!count(node, depth)) {
            return false;
        }
        out.mark = markOf(node);
        out.tag = tagOf(node);
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out.kind = YamlNode::Kind::Null;
            return true;
        case YAML::NodeType::Scalar:
            out.kind = YamlNode::Kind::Scalar;
            out.value = node.Scalar();
            out.quoted = node.Tag() == "!";
            return true;
        case YAML::NodeType::Sequence:
            out.kind = YamlNode::Kind::Sequence;
            for (const auto& item : node) {
                YamlNode child;
                if (!walk(item, child, depth + 1)) {
                    return false;
                }
                out.items.push_back(std::move(child));
            }
            return true;
        case YAML::NodeType::Map:
            return walkMap(node, out, depth);
        }
        return true;
    }

    bool walkMap(const YAML::Node& node, YamlNode& out, int depth)
    {
        out.kind = YamlNode::Kind::Map;
        std::vector<YamlNode> merged; // the `<<` sources, applied after the explicit keys
        std::unordered_map<std::string, std::size_t> index; // a hostile map may have 100,000 keys
        for (const auto& pair : node) {
            YamlNode key;
            if (!walk(pair.first, key, depth + 1)) {
                return false;
            }
            if (!key.isScalar()) {
                return fail(ErrorCode::InvalidArgument, key.mark,
                            "a map key must be plain text; Compose files use no complex keys.");
            }
            YamlNode value;
            if (!walk(pair.second, value, depth + 1)) {
                return false;
            }
            if (key.value == "<<" && !key.quoted) {
                merged.push_back(std::move(value));
                continue;
            }
            if (const auto first = index.find(key.value); first != index.end()) {
                const YamlMark& was = out.entries[first->second].key.mark;
                return fail(ErrorCode::InvalidArgument, key.mark,
                            "the key \"" + key.value + "\" is already defined at " +
                                at(was.line, was.column) +
                                "; Compose refuses duplicate keys. Remove one of them.");
            }
            index.emplace(key.value, out.entries.size());
            out.entries.push_back({std::move(key), std::move(value)});
        }
        // YAML merge keys: explicit keys win, then earlier sources over later ones (`<<: [*a, *b]`).
        for (auto& source : merged) {
            std::vector<YamlNode*> maps;
            if (source.isMap()) {
                maps.push_back(&source);
            } else if (source.isSequence()) {
                for (auto& item : source.items) {
                    maps.push_back(&item);
                }
            } else {
                maps.push_back(&source);
            }
            for (YamlNode* m : maps) {
                if (!m->isMap()) {
                    return fail(ErrorCode::InvalidArgument, m->mark,
                                "a `<<` merge key takes a map or a list of maps (aliases to anchored maps).");
                }
                for (auto& e : m->entries) {
                    if (index.emplace(e.key.value, out.entries.size()).second) {
                        out.entries.push_back(std::move(e));
                    }
                }
            }
        }
        return true;
    }

    const FileReviewLimits& m_limits;
    int m_file = 0;
    std::size_t m_visited = 0;
    std::optional<Error> m_error;
};

} // namespace

const YamlEntry* YamlNode::entry(std::string_view key) const
{
    if (kind != Kind::Map) {
        return nullptr;
    }
    for (const auto& e : entries) {
        if (e.key.value == key) {
            return &e;
        }
    }
    return nullptr;
}

const YamlNode* YamlNode::find(std::string_view key) const
{
    const YamlEntry* e = entry(key);
    return e ? &e->value : nullptr;
}

YamlNode* YamlNode::find(std::string_view key)
{
    return const_cast<YamlNode*>(static_cast<const YamlNode&>(*this).find(key));
}

void YamlNode::set(const YamlNode& key, YamlNode v)
{
    kind = Kind::Map;
    for (auto& e : entries) {
        if (e.key.value == key.value) {
            e.value = std::move(v);
            return;
        }
    }
    entries.push_back({key, std::move(v)});
}

bool YamlNode::erase(std::string_view key)
{
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it->key.value == key) {
            entries.erase(it);
            return true;
        }
    }
    return false;
}

std::unordered_map<std::string, std::size_t> YamlNode::keyIndex() const
{
    std::unordered_map<std::string, std::size_t> index;
    index.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        index.emplace(entries[i].key.value, i);
    }
    return index;
}

const std::string& YamlNode::text() const
{
    static const std::string empty;
    return kind == Kind::Scalar ? value : empty;
}

bool YamlNode::isTrue() const
{
    if (kind != Kind::Scalar) {
        return false;
    }
    const std::string v = toLower(value);
    return v == "true" || v == "yes" || v == "on" || v == "y";
}

YamlNode YamlNode::scalar(std::string text, YamlMark mark)
{
    YamlNode n;
    n.kind = Kind::Scalar;
    n.value = std::move(text);
    n.mark = mark;
    return n;
}

YamlNode YamlNode::map(YamlMark mark)
{
    YamlNode n;
    n.kind = Kind::Map;
    n.mark = mark;
    return n;
}

YamlNode YamlNode::sequence(YamlMark mark)
{
    YamlNode n;
    n.kind = Kind::Sequence;
    n.mark = mark;
    return n;
}

Result<YamlNode> loadYaml(std::string_view text, const FileReviewLimits& limits, int file)
{
    if (text.size() > limits.maxFileBytes) {
        return Error::make(ErrorCode::TooLarge,
                           "the file has " + std::to_string(text.size()) + " bytes, more than the " +
                               std::to_string(limits.maxFileBytes) +
                               " a compose file may have here. Split it or check the path.");
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        const auto [line, column] = lineAndColumnAt(text, nul);
        return Error::make(ErrorCode::InvalidArgument,
                           at(line, column) +
                               ": a NUL byte; YAML text cannot hold one. Is this a binary file?");
    }
    if (!isValidUtf8(text)) {
        std::size_t bad = 0;
        while (bad < text.size()) {
            const std::size_t length = utf8SequenceLength(text, bad);
            if (length == 0) {
                break;
            }
            bad += length;
        }
        const auto [line, column] = lineAndColumnAt(text, bad);
        return Error::make(ErrorCode::InvalidArgument,
                           at(line, column) + ": invalid UTF-8; compose files are UTF-8 text. Re-save the "
                                              "file as UTF-8.");
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        if (const auto deep = deeperThan(text, limits.maxYamlDepth)) {
            const auto [line, column] = lineAndColumnAt(text, *deep);
            return Error::make(ErrorCode::InvalidArgument,
                               at(line, column) + ": nesting deeper than " +
                                   std::to_string(limits.maxYamlDepth) +
                                   " levels: no compose file needs it. Flatten the structure.");
        }
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
        return Error::make(ErrorCode::InvalidArgument,
                           at(line, column) + ": YAML syntax error: " + e.msg + ". Fix the YAML there.");
    }
    try {
        return Converter(limits, file).convert(root);
    } catch (const YAML::Exception& e) {
        return Error::make(ErrorCode::InvalidArgument, std::string("the YAML could not be read: ") + e.msg);
    }
}

} // namespace drydock
