#include "core/rules/image/HistoryLine.h"

#include "core/common/Strings.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock {

namespace {

constexpr std::array<std::string_view, 18> kInstructions{
    "RUN",     "ADD",         "COPY",    "ENV",   "ARG",    "LABEL",  "CMD",        "ENTRYPOINT", "USER",
    "WORKDIR", "HEALTHCHECK", "ONBUILD", "SHELL", "EXPOSE", "VOLUME", "STOPSIGNAL", "MAINTAINER", "FROM"};

constexpr std::array<std::string_view, 11> kShells{"sh",   "bash",    "ash", "dash",       "zsh", "ksh",
                                                   "mksh", "busybox", "cmd", "powershell", "pwsh"};

template <std::size_t N> bool oneOf(const std::array<std::string_view, N>& list, std::string_view word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool isSpace(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string_view trimLeft(std::string_view text)
{
    while (!text.empty() && isSpace(text.front())) {
        text.remove_prefix(1);
    }
    return text;
}

std::string_view trimView(std::string_view text)
{
    text = trimLeft(text);
    while (!text.empty() && isSpace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// A whitespace-separated word and where it sits, for cutting prefixes off the original text.
struct PlainWord
{
    std::string_view text;
    std::size_t begin = 0;
    std::size_t end = 0;
};

std::vector<PlainWord> plainWords(std::string_view text, std::size_t maxWords)
{
    std::vector<PlainWord> words;
    std::size_t i = 0;
    while (i < text.size() && words.size() < maxWords) {
        while (i < text.size() && isSpace(text[i])) {
            ++i;
        }
        if (i == text.size()) {
            break;
        }
        const std::size_t begin = i;
        while (i < text.size() && !isSpace(text[i])) {
            ++i;
        }
        words.push_back({text.substr(begin, i - begin), begin, i});
    }
    return words;
}

// The command a shell prefix ("/bin/sh -c ", "/bin/bash -o pipefail -c ", "cmd /S /C ") hands over, or
// nullopt when the text does not start with one (exec-form RUN, or a script run as `sh script.sh`).
std::optional<std::string_view> afterShellPrefix(std::string_view text)
{
    const auto words = plainWords(text, 16);
    if (words.empty() || !oneOf(kShells, commandName(words[0].text))) {
        return std::nullopt;
    }
    std::size_t i = 1;
    if (commandName(words[0].text) == "busybox" && words.size() > 1 && words[1].text == "sh") {
        i = 2;
    }
    for (; i < words.size(); ++i) {
        const std::string_view w = words[i].text;
        const std::string lower = toLower(w);
        const bool clusteredC = w.size() > 2 && w[0] == '-' && w[1] != '-' && w.back() == 'c';
        if (w == "-c" || lower == "/c" || lower == "-command" || clusteredC) {
            return trimLeft(text.substr(words[i].end));
        }
        if (w == "-o" || w == "+o" || w == "-O" || w == "+O") {
            ++i; // the option's argument, e.g. pipefail
            continue;
        }
        if (w.front() != '-' && w.front() != '+' && w.front() != '/') {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// Drops the build-arg prefix the builders write in front of RUN (`|2 A=x B=y /bin/sh -c …`). Values are not
// quoted and may hold spaces, so the command starts at the first shell prefix after the N assignments;
// without one (exec form) it starts right after them.
std::string_view withoutBuildArgs(std::string_view text)
{
    if (text.empty() || text.front() != '|') {
        return text;
    }
    const auto words = plainWords(text, 4096);
    std::size_t count = 0;
    const std::string_view digits = words.front().text.substr(1);
    if (digits.empty() || digits.size() > 4 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return text;
    }
    for (const char c : digits) {
        count = count * 10 + static_cast<std::size_t>(c - '0');
    }
    for (std::size_t i = 1 + count; i < words.size(); ++i) {
        if (afterShellPrefix(text.substr(words[i].begin))) {
            return text.substr(words[i].begin);
        }
    }
    return 1 + count < words.size() ? text.substr(words[1 + count].begin) : std::string_view{};
}

// Exec-form RUN as BuildKit may record it (`["apt-get","update"]`) read as the words it runs.
std::string execFormAsCommand(std::string_view text)
{
    if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
        return std::string(text);
    }
    std::vector<std::string> parts;
    std::string current;
    bool inString = false;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\' && i + 2 < text.size()) {
                current += text[++i];
            } else if (c == '"') {
                inString = false;
                parts.push_back(current);
                current.clear();
            } else {
                current += c;
            }
        } else if (c == '"') {
            inString = true;
        }
    }
    return parts.empty() ? std::string(text) : join(parts, " ");
}

std::string runCommandOf(std::string_view text)
{
    std::string_view command = withoutBuildArgs(trimView(text));
    if (const auto inner = afterShellPrefix(command)) {
        command = *inner;
    }
    return execFormAsCommand(trimView(command));
}

// Splits a shell command into simple commands on unquoted `&&`, `||`, `;`, `&` and newlines. Pipes stay
// inside a command (IMG-015 needs them); redirections such as `2>&1` and `&>` are not separators.
std::vector<std::string> splitSegments(std::string_view text)
{
    std::vector<std::string> segments;
    std::string current;
    const auto flush = [&] {
        std::string t = trim(current);
        if (!t.empty()) {
            segments.push_back(std::move(t));
        }
        current.clear();
    };
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const char next = i + 1 < text.size() ? text[i + 1] : '\0';
        const char prev = i > 0 ? text[i - 1] : '\0';
        if (quote) {
            current += c;
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && next) {
                current += next;
                ++i;
            }
            continue;
        }
        if (c == '\\' && next) {
            if (next == '\n') {
                current += ' ';
            } else {
                current += c;
                current += next;
            }
            ++i;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            current += c;
        } else if (c == ';' || c == '\n') {
            flush();
        } else if (c == '&' && next == '&') {
            flush();
            ++i;
        } else if (c == '&' && prev != '>' && prev != '<' && prev != '|' && next != '>') {
            flush();
        } else if (c == '|' && next == '|') {
            flush();
            ++i;
        } else {
            current += c;
        }
    }
    flush();
    return segments;
}

} // namespace

std::optional<HistoryLine> HistoryLine::parse(std::string_view createdBy, int layer)
{
    std::string_view text = trimView(createdBy);
    if (text.empty()) {
        return std::nullopt;
    }
    HistoryLine line;
    line.m_layer = layer;
    if (endsWith(text, "# buildkit")) {
        line.m_buildKit = true;
        text = trimView(text.substr(0, text.size() - std::string_view("# buildkit").size()));
    }
    const auto leading = plainWords(text, 1);
    const std::string_view first = leading.empty() ? std::string_view{} : leading.front().text;
    if (oneOf(kInstructions, first)) {
        // BuildKit and kaniko: the instruction keyword comes first.
        line.m_instruction = std::string(first);
        const std::string_view rest = trimLeft(text.substr(first.size()));
        line.m_body = line.isRun() ? runCommandOf(rest) : std::string(trimView(rest));
    } else if (text.front() == '|') {
        line.m_instruction = "RUN";
        line.m_body = runCommandOf(text);
    } else if (text.front() == '#') {
        // A comment some base-image tooling records instead of an instruction (`# debian.sh --arch …`).
        line.m_body = std::string(text);
    } else {
        const std::string_view inner = trimLeft(afterShellPrefix(text).value_or(text));
        if (startsWith(inner, "#(nop)")) {
            // Classic builder, an instruction that ran no command: `/bin/sh -c #(nop)  ENV K=V`.
            const std::string_view rest = trimLeft(inner.substr(6));
            const auto words = plainWords(rest, 1);
            const std::string keyword = words.empty() ? std::string() : toUpper(words[0].text);
            line.m_instruction = oneOf(kInstructions, keyword) ? keyword : std::string();
            line.m_body = std::string(trimView(words.empty() ? rest : rest.substr(words[0].end)));
        } else {
            line.m_instruction = "RUN";
            line.m_body = runCommandOf(text);
        }
    }
    if (line.isRun()) {
        line.m_segments = splitSegments(line.m_body);
    }
    return line;
}

std::string HistoryLine::describe(std::string_view part) const
{
    const std::string_view shown = part.empty() ? std::string_view(m_body) : part;
    // The command is cut first so the layer number always survives the evidence budget.
    std::string text = "history: ";
    if (!m_instruction.empty()) {
        text += m_instruction + " ";
    }
    text += truncateUtf8(maskCommandText(shown), kEvidenceBytes - 40);
    text += " (layer " + std::to_string(m_layer) + ")";
    return truncateUtf8(text, kEvidenceBytes);
}

std::vector<HistoryLine> historyLines(const Image& image)
{
    std::vector<HistoryLine> lines;
    lines.reserve(image.history.size());
    const int total = static_cast<int>(image.history.size());
    for (int i = total - 1; i >= 0; --i) {
        if (auto line = HistoryLine::parse(image.history[static_cast<std::size_t>(i)].createdBy, total - i)) {
            lines.push_back(std::move(*line));
        }
    }
    return lines;
}

std::vector<std::string> shellWords(std::string_view command)
{
    std::vector<std::string> words;
    std::string current;
    bool inWord = false;
    char quote = 0;
    const auto flush = [&] {
        if (inWord) {
            words.push_back(std::move(current));
        }
        current.clear();
        inWord = false;
    };
    for (std::size_t i = 0; i < command.size(); ++i) {
        const char c = command[i];
        const char next = i + 1 < command.size() ? command[i + 1] : '\0';
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' &&
                       (next == '"' || next == '\\' || next == '$' || next == '`')) {
                current += next;
                ++i;
            } else {
                current += c;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == '\\' && next) {
            current += next;
            inWord = true;
            ++i;
        } else if (isSpace(c)) {
            flush();
        } else if (c == '|') {
            flush();
            words.emplace_back("|");
        } else {
            current += c;
            inWord = true;
        }
    }
    flush();
    return words;
}

std::string commandName(std::string_view word)
{
    // Command and process substitution or grouping: "$(curl", "<(wget", "`curl", "(cd", "{".
    while (!word.empty() && (word.front() == '$' || word.front() == '(' || word.front() == '<' ||
                             word.front() == '`' || word.front() == '{')) {
        word.remove_prefix(1);
    }
    while (!word.empty() &&
           (word.back() == ')' || word.back() == '`' || word.back() == '}' || word.back() == ';')) {
        word.remove_suffix(1);
    }
    const std::size_t slash = word.rfind('/');
    return std::string(slash == std::string_view::npos ? word : word.substr(slash + 1));
}

std::optional<std::size_t> findCommand(const std::vector<std::string>& words, std::string_view name,
                                       std::size_t from)
{
    for (std::size_t i = from; i < words.size(); ++i) {
        if (commandName(words[i]) == name) {
            return i;
        }
    }
    return std::nullopt;
}

namespace {

// A package-manager verb and what it does to the package list.
struct VerbAction
{
    std::string_view verb;
    PackageAction action;
};

constexpr VerbAction kAptVerbs[] = {{"update", PackageAction::Refresh},
                                    {"install", PackageAction::Install},
                                    {"reinstall", PackageAction::Install},
                                    {"build-dep", PackageAction::Install},
                                    {"satisfy", PackageAction::Install},
                                    {"upgrade", PackageAction::Upgrade},
                                    {"dist-upgrade", PackageAction::DistUpgrade},
                                    {"full-upgrade", PackageAction::DistUpgrade},
                                    {"remove", PackageAction::Remove},
                                    {"purge", PackageAction::Remove},
                                    {"autoremove", PackageAction::Remove},
                                    {"autopurge", PackageAction::Remove},
                                    {"clean", PackageAction::Clean},
                                    {"autoclean", PackageAction::Clean},
                                    {"download", PackageAction::Other},
                                    {"source", PackageAction::Other},
                                    {"show", PackageAction::Other},
                                    {"list", PackageAction::Other},
                                    {"search", PackageAction::Other},
                                    {"policy", PackageAction::Other},
                                    {"check", PackageAction::Other},
                                    {"changelog", PackageAction::Other}};

constexpr VerbAction kApkVerbs[] = {{"update", PackageAction::Refresh},  {"add", PackageAction::Install},
                                    {"upgrade", PackageAction::Upgrade}, {"fix", PackageAction::Upgrade},
                                    {"del", PackageAction::Remove},      {"cache", PackageAction::Clean},
                                    {"info", PackageAction::Other},      {"search", PackageAction::Other},
                                    {"fetch", PackageAction::Other},     {"version", PackageAction::Other},
                                    {"verify", PackageAction::Other},    {"stats", PackageAction::Other},
                                    {"policy", PackageAction::Other},    {"manifest", PackageAction::Other},
                                    {"audit", PackageAction::Other}};

// For yum and dnf, `update` is an upgrade (it installs newer packages), not an index refresh; the
// refresh-only verbs are makecache and check-update.
constexpr VerbAction kRpmVerbs[] = {{"makecache", PackageAction::Refresh},
                                    {"check-update", PackageAction::Refresh},
                                    {"install", PackageAction::Install},
                                    {"groupinstall", PackageAction::Install},
                                    {"localinstall", PackageAction::Install},
                                    {"reinstall", PackageAction::Install},
                                    {"builddep", PackageAction::Install},
                                    {"update", PackageAction::Upgrade},
                                    {"upgrade", PackageAction::Upgrade},
                                    {"distro-sync", PackageAction::Upgrade},
                                    {"upgrade-minimal", PackageAction::Upgrade},
                                    {"remove", PackageAction::Remove},
                                    {"erase", PackageAction::Remove},
                                    {"autoremove", PackageAction::Remove},
                                    {"groupremove", PackageAction::Remove},
                                    {"clean", PackageAction::Clean},
                                    {"info", PackageAction::Other},
                                    {"list", PackageAction::Other},
                                    {"search", PackageAction::Other},
                                    {"provides", PackageAction::Other},
                                    {"repolist", PackageAction::Other},
                                    {"config-manager", PackageAction::Other},
                                    {"module", PackageAction::Other},
                                    {"history", PackageAction::Other},
                                    {"download", PackageAction::Other},
                                    {"group", PackageAction::Other},
                                    {"groups", PackageAction::Other}};

constexpr VerbAction kZypperVerbs[] = {
    {"refresh", PackageAction::Refresh}, {"ref", PackageAction::Refresh},
    {"install", PackageAction::Install}, {"in", PackageAction::Install},
    {"update", PackageAction::Upgrade},  {"up", PackageAction::Upgrade},
    {"patch", PackageAction::Upgrade},   {"dist-upgrade", PackageAction::DistUpgrade},
    {"dup", PackageAction::DistUpgrade}, {"remove", PackageAction::Remove},
    {"rm", PackageAction::Remove},       {"clean", PackageAction::Clean},
    {"cc", PackageAction::Clean},        {"addrepo", PackageAction::Other},
    {"ar", PackageAction::Other},        {"search", PackageAction::Other},
    {"se", PackageAction::Other},        {"info", PackageAction::Other},
    {"repos", PackageAction::Other},     {"lr", PackageAction::Other}};

std::optional<PackageFamily> familyOf(std::string_view program)
{
    if (program == "apt-get" || program == "apt" || program == "aptitude") {
        return PackageFamily::Apt;
    }
    if (program == "apk") {
        return PackageFamily::Apk;
    }
    if (program == "yum" || program == "dnf" || program == "microdnf" || program == "tdnf") {
        return PackageFamily::Rpm;
    }
    if (program == "zypper") {
        return PackageFamily::Zypper;
    }
    return std::nullopt;
}

template <std::size_t N>
std::optional<PackageAction> lookUp(const VerbAction (&table)[N], std::string_view verb)
{
    for (const auto& entry : table) {
        if (entry.verb == verb) {
            return entry.action;
        }
    }
    return std::nullopt;
}

std::optional<PackageAction> actionOf(PackageFamily family, std::string_view verb)
{
    switch (family) {
    case PackageFamily::Apt:
        return lookUp(kAptVerbs, verb);
    case PackageFamily::Apk:
        return lookUp(kApkVerbs, verb);
    case PackageFamily::Rpm:
        return lookUp(kRpmVerbs, verb);
    case PackageFamily::Zypper:
        return lookUp(kZypperVerbs, verb);
    }
    return std::nullopt;
}

bool isRedirection(std::string_view word)
{
    return word == ">" || word == ">>" || word == "<" || word == "2>" || word == "1>" || word == "&>";
}

bool containsRedirection(std::string_view word)
{
    return startsWith(word, ">") || startsWith(word, "<") || startsWith(word, "2>") ||
           startsWith(word, "1>") || startsWith(word, "&>");
}

} // namespace

std::optional<PackageCommand> packageCommand(const std::vector<std::string>& words)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string program = commandName(words[i]);
        const auto family = familyOf(program);
        if (!family) {
            continue;
        }
        PackageCommand cmd;
        cmd.family = *family;
        cmd.manager = program;
        bool haveVerb = false;
        for (std::size_t j = i + 1; j < words.size(); ++j) {
            const std::string& w = words[j];
            if (w == "|") {
                break;
            }
            if (isRedirection(w)) {
                ++j; // and its target
                continue;
            }
            if (containsRedirection(w)) {
                continue;
            }
            if (!w.empty() && w.front() == '-') {
                cmd.options.push_back(w);
                continue;
            }
            if (!haveVerb) {
                // Words before the verb that are no verb are option arguments (`-o Dpkg::…`, `-t bookworm`).
                if (const auto action = actionOf(cmd.family, w)) {
                    haveVerb = true;
                    cmd.verb = w;
                    cmd.action = *action;
                    // `dnf group install …` installs like groupinstall.
                    if ((w == "group" || w == "groups") && j + 1 < words.size() &&
                        words[j + 1] == "install") {
                        cmd.action = PackageAction::Install;
                        ++j;
                    }
                } else {
                    cmd.options.push_back(w);
                }
                continue;
            }
            cmd.arguments.push_back(w);
        }
        if (haveVerb) {
            return cmd;
        }
    }
    return std::nullopt;
}

std::string packageBaseName(std::string_view argument)
{
    const std::size_t version = argument.find_first_of("=<>~");
    argument = argument.substr(0, version);
    const std::size_t arch = argument.find(':');
    return std::string(argument.substr(0, arch));
}

} // namespace drydock
