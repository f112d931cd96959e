#include "core/files/dockerfile/DockerfileParser.h"

#include "core/common/Strings.h"
#include "core/common/Utf8.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

namespace drydock {

namespace {

constexpr std::array<std::string_view, 18> kKeywords{
    "FROM",       "RUN",    "CMD",  "LABEL",   "MAINTAINER", "EXPOSE",  "ENV",        "ADD",         "COPY",
    "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",        "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"};

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string_view trimBlank(std::string_view text)
{
    while (!text.empty() && (isBlank(text.front()) || text.front() == '\n')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (isBlank(text.back()) || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return text;
}

// One physical line: [begin, contentEnd) without its terminator, [begin, end) with it.
struct SourceLine
{
    std::size_t begin = 0;
    std::size_t contentEnd = 0;
    std::size_t end = 0;
};

std::vector<SourceLine> splitLines(std::string_view text)
{
    std::vector<SourceLine> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t nl = text.find('\n', begin);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        std::size_t contentEnd = nl == std::string_view::npos ? text.size() : nl;
        if (contentEnd > begin && text[contentEnd - 1] == '\r') {
            --contentEnd;
        }
        lines.push_back({begin, contentEnd, end});
        begin = end;
    }
    return lines;
}

Error errorAt(int line, int column, const std::string& what)
{
    return Error::make(ErrorCode::InvalidArgument,
                       "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what);
}

std::optional<Error> checkBytes(std::string_view text, const FileReviewLimits& limits)
{
    if (text.size() > limits.maxFileBytes) {
        return Error::make(
            ErrorCode::TooLarge,
            "The Dockerfile is " + std::to_string(text.size()) + " bytes, over the limit of " +
                std::to_string(limits.maxFileBytes) +
                " bytes; a Dockerfile this large is not reviewed — check the path, or split it.");
    }
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        const auto [line, column] = lineAndColumnAt(text, nul);
        return errorAt(
            line, column,
            "the file holds a NUL byte, so it is not a text Dockerfile; check that the right file was "
            "named and that it was not saved as UTF-16.");
    }
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = utf8SequenceLength(text, i);
        if (length == 0) {
            const auto [line, column] = lineAndColumnAt(text, i);
            return errorAt(
                line, column,
                "the file is not valid UTF-8 here; save the Dockerfile as UTF-8 and check it again.");
        }
        i += length;
    }
    return std::nullopt;
}

// `# name=value` at the top of the file, or nullopt when the line is no directive.
std::optional<std::pair<std::string, std::string>> directiveOf(std::string_view line)
{
    line = trimBlank(line);
    if (line.empty() || line.front() != '#') {
        return std::nullopt;
    }
    line.remove_prefix(1);
    while (!line.empty() && isBlank(line.front())) {
        line.remove_prefix(1);
    }
    std::size_t i = 0;
    while (i < line.size() && isNameChar(line[i])) {
        ++i;
    }
    if (i == 0 || !((line[0] >= 'a' && line[0] <= 'z') || (line[0] >= 'A' && line[0] <= 'Z'))) {
        return std::nullopt;
    }
    const std::string name = toLower(line.substr(0, i));
    std::string_view rest = line.substr(i);
    while (!rest.empty() && isBlank(rest.front())) {
        rest.remove_prefix(1);
    }
    if (rest.empty() || rest.front() != '=') {
        return std::nullopt;
    }
    return std::make_pair(name, std::string(trimBlank(rest.substr(1))));
}

bool isCommentLine(std::string_view content)
{
    const std::string_view t = trimBlank(content);
    return !t.empty() && t.front() == '#';
}

// True when the line ends in the escape character (trailing blanks allowed): the instruction goes on.
bool continues(std::string_view content, char escape, std::string_view* withoutEscape)
{
    std::size_t end = content.size();
    while (end > 0 && isBlank(content[end - 1])) {
        --end;
    }
    if (end == 0 || content[end - 1] != escape) {
        return false;
    }
    *withoutEscape = content.substr(0, end - 1);
    return true;
}

// A word of a shell-like line and whether any part of it was quoted; quotes stay in the text.
std::vector<std::string> rawWords(std::string_view text, char escape)
{
    std::vector<std::string> words;
    std::string current;
    char quote = 0;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            current += c;
            if (c == escape && quote == '"' && i + 1 < text.size()) {
                current += text[++i];
            } else if (c == quote) {
                quote = 0;
            }
            continue;
        }
        if (isBlank(c) || c == '\n') {
            if (inWord) {
                words.push_back(std::move(current));
                current.clear();
                inWord = false;
            }
            continue;
        }
        inWord = true;
        current += c;
        if (c == escape && i + 1 < text.size()) {
            current += text[++i];
        } else if (c == '\'' || c == '"') {
            quote = c;
        }
    }
    if (inWord) {
        words.push_back(std::move(current));
    }
    return words;
}

// The value of a word with quotes and escapes removed, as the builder reads ENV and LABEL values.
std::string unquote(std::string_view word, char escape)
{
    std::string value;
    char quote = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        if (quote == '\'') {
            if (c == '\'') {
                quote = 0;
            } else {
                value += c;
            }
        } else if (c == escape && i + 1 < word.size()) {
            value += word[++i];
        } else if (quote == '"' && c == '"') {
            quote = 0;
        } else if (!quote && (c == '"' || c == '\'')) {
            quote = c;
        } else {
            value += c;
        }
    }
    return value;
}

// ENV and LABEL `k=v k2="v 2"`, or the old form `ENV k value with spaces`; ARG `name[=default] …`.
std::vector<DockerfilePair> parsePairs(const std::string& keyword, std::string_view arguments, char escape)
{
    std::vector<DockerfilePair> pairs;
    const auto words = rawWords(arguments, escape);
    if (words.empty()) {
        return pairs;
    }
    if (keyword != "ARG" && words.front().find('=') == std::string::npos) {
        DockerfilePair pair;
        pair.name = unquote(words.front(), escape);
        const std::string_view args = trimBlank(arguments);
        const std::size_t afterName = std::min(args.size(), words.front().size());
        pair.value = unquote(trimBlank(args.substr(afterName)), escape);
        pair.raw = std::string(args);
        pairs.push_back(std::move(pair));
        return pairs;
    }
    for (const auto& word : words) {
        DockerfilePair pair;
        pair.raw = word;
        const std::size_t eq = word.find('=');
        pair.name = unquote(word.substr(0, eq), escape);
        if (eq != std::string::npos) {
            pair.value = unquote(std::string_view(word).substr(eq + 1), escape);
        }
        pairs.push_back(std::move(pair));
    }
    return pairs;
}

bool takesFlags(const std::string& keyword)
{
    return keyword == "FROM" || keyword == "RUN" || keyword == "COPY" || keyword == "ADD" ||
           keyword == "HEALTHCHECK";
}

bool takesExecForm(const std::string& keyword)
{
    return keyword == "RUN" || keyword == "CMD" || keyword == "ENTRYPOINT" || keyword == "COPY" ||
           keyword == "ADD" || keyword == "VOLUME" || keyword == "SHELL";
}

bool takesHeredocs(const std::string& keyword)
{
    return keyword == "RUN" || keyword == "COPY" || keyword == "ADD";
}

// `<<EOF`, `<<-EOF`, `2<<"EOF"` as one word, as BuildKit finds heredocs.
std::optional<DockerfileHeredoc> heredocOf(std::string_view word)
{
    std::size_t i = 0;
    while (i < word.size() && word[i] >= '0' && word[i] <= '9') {
        ++i;
    }
    if (word.substr(i, 2) != "<<") {
        return std::nullopt;
    }
    i += 2;
    DockerfileHeredoc heredoc;
    if (i < word.size() && word[i] == '-') {
        heredoc.stripTabs = true;
        ++i;
    }
    std::string_view rest = word.substr(i);
    if (rest.empty() || rest.find('<') != std::string_view::npos) {
        return std::nullopt;
    }
    if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front()) {
        heredoc.quoted = true;
        rest = rest.substr(1, rest.size() - 2);
    }
    if (rest.empty() || !std::all_of(rest.begin(), rest.end(),
                                     [](char c) { return isNameChar(c) || c == '-' || c == '.'; })) {
        return std::nullopt;
    }
    heredoc.delimiter = std::string(rest);
    return heredoc;
}

// State of one parse: the text, its lines, where the reader stands and what it built.
class Parser
{
public:
    Parser(std::string_view text, const FileReviewLimits& limits) : m_text(text), m_limits(limits)
    {
        m_lines = splitLines(text);
    }

    Result<Dockerfile> run()
    {
        m_file.crlf = !m_lines.empty() && m_lines.front().contentEnd < m_lines.front().end &&
                      m_text[m_lines.front().contentEnd] == '\r';
        if (auto error = readDirectives()) {
            return *error;
        }
        while (m_next < m_lines.size()) {
            const std::string_view content = lineText(m_next);
            if (trimBlank(content).empty() || isCommentLine(content)) {
                ++m_next;
                continue;
            }
            if (m_file.instructions.size() >= m_limits.maxDockerfileInstructions) {
                return Error::make(
                    ErrorCode::TooLarge,
                    "Line " + std::to_string(m_next + 1) + ": the Dockerfile has more than " +
                        std::to_string(m_limits.maxDockerfileInstructions) +
                        " instructions, the most one review reads; split it into several files.");
            }
            if (auto error = readInstruction()) {
                return *error;
            }
        }
        if (m_file.stages.empty()) {
            return Error::make(
                ErrorCode::InvalidArgument,
                "The Dockerfile has no FROM instruction, so it builds nothing; start each build "
                "stage with FROM <image>.");
        }
        m_file.stages.back().endInstruction = m_file.instructions.size();
        return std::move(m_file);
    }

private:
    std::string_view lineText(std::size_t index) const
    {
        const SourceLine& l = m_lines[index];
        std::string_view content = m_text.substr(l.begin, l.contentEnd - l.begin);
        if (index == 0 && startsWith(content, "\xEF\xBB\xBF")) {
            content.remove_prefix(3); // a UTF-8 byte order mark, which BuildKit ignores too
        }
        return content;
    }

    std::optional<Error> readDirectives()
    {
        while (m_next < m_lines.size()) {
            const auto directive = directiveOf(lineText(m_next));
            if (!directive || (directive->first != "syntax" && directive->first != "escape" &&
                               directive->first != "check")) {
                return std::nullopt;
            }
            for (const auto& seen : m_file.directives) {
                if (seen.first == directive->first) {
                    return errorAt(static_cast<int>(m_next) + 1, 1,
                                   "the parser directive \"" + directive->first +
                                       "\" is given twice; keep only one.");
                }
            }
            if (directive->first == "escape") {
                if (directive->second != "\\" && directive->second != "`") {
                    return errorAt(
                        static_cast<int>(m_next) + 1, 1,
                        "the escape directive accepts only \\ or ` as the escape character, not \"" +
                            directive->second + "\".");
                }
                m_file.escape = directive->second.front();
            }
            m_file.directives.push_back(*directive);
            ++m_next;
        }
        return std::nullopt;
    }

    std::optional<Error> readInstruction()
    {
        const std::size_t first = m_next;
        const std::string_view firstText = lineText(first);
        std::size_t indent = 0;
        while (indent < firstText.size() && isBlank(firstText[indent])) {
            ++indent;
        }
        DockerfileInstruction in;
        in.line = static_cast<int>(first) + 1;
        in.column = static_cast<int>(indent) + 1; // a byte order mark before it is no column of its own
        // The logical line: physical lines joined where they end in the escape character.
        std::string logical;
        std::size_t last = first;
        for (std::size_t i = first; i < m_lines.size(); ++i) {
            const std::string_view content = i == first ? firstText.substr(indent) : lineText(i);
            if (i != first && (trimBlank(content).empty() || isCommentLine(content))) {
                last = i;
                continue;
            }
            std::string_view part;
            last = i;
            if (continues(content, m_file.escape, &part)) {
                logical += part;
                if (logical.size() > m_limits.maxFileBytes) {
                    break;
                }
                continue;
            }
            logical += content;
            break;
        }
        m_next = last + 1;
        std::size_t k = 0;
        while (k < logical.size() && !isBlank(logical[k])) {
            ++k;
        }
        in.keyword = toUpper(std::string_view(logical).substr(0, k));
        if (std::find(kKeywords.begin(), kKeywords.end(), in.keyword) == kKeywords.end()) {
            return errorAt(
                in.line, in.column,
                "unknown instruction \"" + std::string(truncateUtf8(logical.substr(0, k), 40)) +
                    "\"; the Dockerfile reference knows FROM, RUN, COPY, ADD, ENV, ARG, … (check the "
                    "spelling, or a line continuation missing on the line before).");
        }
        std::string_view rest = trimBlank(std::string_view(logical).substr(k));
        if (takesFlags(in.keyword)) {
            while (startsWith(rest, "--")) {
                std::size_t end = 0;
                while (end < rest.size() && !isBlank(rest[end])) {
                    ++end;
                }
                const std::string_view word = rest.substr(2, end - 2);
                const std::size_t eq = word.find('=');
                in.flags.push_back(
                    {std::string(word.substr(0, eq)), eq == std::string_view::npos
                                                          ? std::string()
                                                          : unquote(word.substr(eq + 1), m_file.escape)});
                rest = trimBlank(rest.substr(end));
            }
        }
        in.arguments = std::string(rest);
        if (takesExecForm(in.keyword) && startsWith(rest, "[")) {
            if (auto array = parseJsonStringArray(rest)) {
                in.execForm = true;
                in.execArguments = std::move(*array);
            }
        }
        if (in.keyword == "ENV" || in.keyword == "LABEL" || in.keyword == "ARG") {
            in.pairs = parsePairs(in.keyword, rest, m_file.escape);
        }
        if (takesHeredocs(in.keyword) && !in.execForm) {
            if (auto error = readHeredocs(in)) {
                return error;
            }
            if (!in.heredocs.empty()) {
                last = m_next - 1;
            }
        }
        in.endLine = static_cast<int>(last) + 1;
        in.beginOffset = m_lines[first].begin;
        in.endOffset = m_lines[last].end;
        in.original = std::string(m_text.substr(in.beginOffset, in.endOffset - in.beginOffset));
        return place(std::move(in));
    }

    std::optional<Error> readHeredocs(DockerfileInstruction& in)
    {
        for (const auto& word : rawWords(in.arguments, m_file.escape)) {
            if (auto heredoc = heredocOf(word)) {
                in.heredocs.push_back(std::move(*heredoc));
            }
        }
        for (auto& heredoc : in.heredocs) {
            heredoc.firstLine = static_cast<int>(m_next) + 1;
            bool closed = false;
            while (m_next < m_lines.size()) {
                std::string_view content = lineText(m_next++);
                if (heredoc.stripTabs) {
                    while (!content.empty() && content.front() == '\t') {
                        content.remove_prefix(1);
                    }
                }
                if (content == heredoc.delimiter) {
                    closed = true;
                    break;
                }
                heredoc.body += content;
                heredoc.body += '\n';
            }
            if (!closed) {
                return errorAt(in.line, in.column,
                               "the heredoc <<" + heredoc.delimiter + " of this " + in.keyword +
                                   " has no closing line \"" + heredoc.delimiter +
                                   "\" before the end of the file; add a line holding only " +
                                   heredoc.delimiter + ".");
            }
            heredoc.lastLine = static_cast<int>(m_next);
        }
        return std::nullopt;
    }

    // Files the instruction under its stage; FROM opens a stage, ARG before the first FROM is global.
    std::optional<Error> place(DockerfileInstruction in)
    {
        if (in.keyword == "FROM") {
            return openStage(std::move(in));
        }
        if (m_file.stages.empty()) {
            if (in.keyword != "ARG") {
                return errorAt(in.line, in.column,
                               in.keyword + " comes before the first FROM; only ARG may stand there (move it "
                                            "below FROM).");
            }
            for (const auto& pair : in.pairs) {
                if (pair.value) {
                    // keepUnset: a name no earlier ARG sets stays as written, so FROM sees it as unresolved
                    m_file.globalArgValues[pair.name] = substituteVariables(
                        *pair.value, m_file.globalArgValues, m_file.escape, nullptr, true);
                }
                m_file.globalArgs.push_back(pair);
            }
        } else {
            in.stage = static_cast<int>(m_file.stages.size()) - 1;
        }
        m_file.instructions.push_back(std::move(in));
        return std::nullopt;
    }

    std::optional<Error> openStage(DockerfileInstruction in)
    {
        const auto words = rawWords(in.arguments, m_file.escape);
        if (!(words.size() == 1 || (words.size() == 3 && toLower(words[1]) == "as"))) {
            return errorAt(in.line, in.column,
                           "FROM takes an image and optionally \"AS name\" (FROM <image> [AS <name>]).");
        }
        if (!m_file.stages.empty()) {
            m_file.stages.back().endInstruction = m_file.instructions.size();
        }
        DockerfileStage stage;
        stage.index = static_cast<int>(m_file.stages.size());
        stage.baseImage = words[0];
        stage.resolvedBaseImage = substituteVariables(stage.baseImage, m_file.globalArgValues, m_file.escape,
                                                      &stage.unresolvedVariables);
        if (stage.unresolvedVariables.empty() && stage.resolvedBaseImage.find('$') != std::string::npos) {
            // a default that names a variable no global ARG sets: unresolved like a plain unset one
            stage.unresolvedVariables.push_back(stage.baseImage);
        }
        if (words.size() == 3) {
            stage.name = words[2];
        }
        if (const auto it = m_stageNames.find(toLower(stage.resolvedBaseImage)); it != m_stageNames.end()) {
            stage.baseStage = it->second;
        }
        if (!stage.name.empty()) {
            m_stageNames[toLower(stage.name)] = stage.index;
        }
        stage.fromInstruction = m_file.instructions.size();
        in.stage = stage.index;
        m_file.stages.push_back(std::move(stage));
        m_file.instructions.push_back(std::move(in));
        return std::nullopt;
    }

    std::string_view m_text;
    const FileReviewLimits& m_limits;
    std::vector<SourceLine> m_lines;
    std::size_t m_next = 0;
    Dockerfile m_file;
    std::map<std::string, int> m_stageNames; // lower-cased AS name -> stage, the latest one for a name
};

} // namespace

Result<Dockerfile> parseDockerfile(std::string_view text, const FileReviewLimits& limits)
{
    if (auto error = checkBytes(text, limits)) {
        return *error;
    }
    Parser parser(text, limits);
    return parser.run();
}

} // namespace drydock
