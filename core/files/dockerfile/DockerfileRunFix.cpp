#include "core/files/dockerfile/DockerfileRunFix.h"

#include "core/common/Strings.h"
#include "core/rules/image/HistoryLine.h"

#include <algorithm>
#include <map>
#include <vector>

namespace drydock {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

// A change inside one instruction's original text.
struct InnerEdit
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
};

std::string applyInner(std::string text, std::vector<InnerEdit> edits)
{
    // Last first; at one position the removal goes before the insertion, so an insertion lands where the
    // removed text began.
    std::sort(edits.begin(), edits.end(), [](const InnerEdit& a, const InnerEdit& b) {
        return a.begin != b.begin ? a.begin > b.begin : a.end > b.end;
    });
    for (const auto& e : edits) {
        text.replace(e.begin, e.end - e.begin, e.text);
    }
    return text;
}

// One simple command of a RUN as a byte range of the instruction's original text.
struct Segment
{
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<std::string> words;
};

// The simple commands of a shell-form RUN, split on unquoted `&&`, `||` and `;` (continuations kept inside),
// or nothing when the text is one this patcher does not rewrite (a comment inside, an empty command).
std::vector<Segment> segmentsOf(const std::string& original, const DockerfileInstruction& in, char escape)
{
    std::size_t i = static_cast<std::size_t>(in.column - 1) + in.keyword.size();
    // Skip the flags.
    while (true) {
        while (i < original.size() && isBlank(original[i])) {
            ++i;
        }
        if (original.compare(i, 2, "--") != 0) {
            break;
        }
        while (i < original.size() && !isBlank(original[i]) && original[i] != '\n') {
            ++i;
        }
    }
    std::vector<Segment> segments;
    std::size_t start = i;
    char quote = 0;
    const auto close = [&](std::size_t end) {
        std::size_t b = start;
        std::size_t e = end;
        while (b < e && (isBlank(original[b]) || original[b] == '\n' || original[b] == escape)) {
            ++b;
        }
        while (e > b && (isBlank(original[e - 1]) || original[e - 1] == '\n' || original[e - 1] == escape)) {
            --e;
        }
        segments.push_back({b, e, {}});
    };
    for (; i < original.size(); ++i) {
        const char c = original[i];
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == escape && quote == '"' && i + 1 < original.size()) {
                ++i;
            }
            continue;
        }
        if (c == escape && i + 1 < original.size()) {
            ++i;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if ((c == '&' || c == '|') && i + 1 < original.size() && original[i + 1] == c) {
            close(i);
            start = i + 2;
            ++i;
        } else if (c == ';') {
            close(i);
            start = i + 1;
        } else if (c == '#' && (i == 0 || original[i - 1] == '\n' || isBlank(original[i - 1]))) {
            // A comment line inside the continuation, or a shell comment that would swallow appended text.
            return {};
        }
    }
    close(original.size());
    for (auto& s : segments) {
        if (s.begin >= s.end) {
            return {};
        }
        std::string text = original.substr(s.begin, s.end - s.begin);
        text = replaceAll(replaceAll(text, std::string(1, escape) + "\r\n", " "),
                          std::string(1, escape) + "\n", " ");
        s.words = shellWords(text);
    }
    return segments;
}

// Where the word `word` starts inside a segment, after the manager's name; npos when it is not there.
std::size_t wordEnd(const std::string& original, const Segment& s, std::string_view word)
{
    for (std::size_t at = original.find(word, s.begin); at != std::string::npos && at < s.end;
         at = original.find(word, at + 1)) {
        const std::size_t after = at + word.size();
        const bool startOk = at > s.begin && (isBlank(original[at - 1]) || original[at - 1] == '\n');
        const bool endOk =
            after == s.end || isBlank(original[after]) || original[after] == '\n' || original[after] == '\\';
        if (startOk && endOk) {
            return after;
        }
    }
    return std::string::npos;
}

bool hasWord(const std::vector<std::string>& words, std::string_view word)
{
    return std::find(words.begin(), words.end(), word) != words.end();
}

} // namespace

std::optional<std::string> fixRunInstruction(const DockerfileInstruction& in, char escape,
                                             bool removeDistUpgrade, bool cleanCaches)
{
    if (in.execForm || !in.heredocs.empty()) {
        return std::nullopt;
    }
    const std::string& original = in.original;
    const auto segments = segmentsOf(original, in, escape);
    if (segments.empty()) {
        return std::nullopt;
    }
    std::vector<InnerEdit> edits;
    std::vector<bool> removed(segments.size(), false);
    std::vector<std::optional<PackageCommand>> commands;
    for (const auto& s : segments) {
        commands.push_back(packageCommand(s.words));
    }
    if (removeDistUpgrade) {
        for (std::size_t k = 0; k < segments.size(); ++k) {
            if (commands[k] && commands[k]->action == PackageAction::DistUpgrade) {
                removed[k] = true;
            }
        }
    }
    std::size_t lastKept = segments.size();
    for (std::size_t k = 0; k < segments.size(); ++k) {
        if (!removed[k]) {
            lastKept = k;
        }
    }
    const bool onlyIndexWork = std::all_of(commands.begin(), commands.end(), [&](const auto& c) {
        const std::size_t k = static_cast<std::size_t>(&c - commands.data());
        return removed[k] ||
               (c && (c->action == PackageAction::Refresh || c->action == PackageAction::Clean));
    });
    if (std::count(removed.begin(), removed.end(), true) > 0 && onlyIndexWork) {
        return std::string();
    }
    for (std::size_t k = 0; k < segments.size(); ++k) {
        if (!removed[k]) {
            continue;
        }
        // Remove the command with the separator after it, or before it when it is the last one kept.
        std::size_t next = k + 1;
        while (next < segments.size() && removed[next]) {
            ++next;
        }
        if (next < segments.size()) {
            edits.push_back({segments[k].begin, segments[next].begin, ""});
        } else {
            std::size_t prev = k;
            while (prev > 0 && removed[prev - 1]) {
                --prev;
            }
            edits.push_back({prev > 0 ? segments[prev - 1].end : segments[k].begin, segments[k].end, ""});
        }
    }
    if (cleanCaches && lastKept < segments.size()) {
        std::map<std::string, bool> cleanupNeeded; // manager -> append cleanup
        for (std::size_t k = 0; k < segments.size(); ++k) {
            const auto& c = commands[k];
            if (removed[k] || !c || c->action != PackageAction::Install) {
                continue;
            }
            const auto& words = segments[k].words;
            if (c->family == PackageFamily::Apt) {
                if (!hasWord(words, "--no-install-recommends")) {
                    const std::size_t at = wordEnd(original, segments[k], c->verb);
                    if (at != std::string::npos) {
                        edits.push_back({at, at, " --no-install-recommends"});
                    }
                }
                cleanupNeeded["apt"] = true;
            } else if (c->family == PackageFamily::Apk) {
                if (!hasWord(c->options, "--no-cache")) {
                    const std::size_t at = wordEnd(original, segments[k], c->verb);
                    if (at != std::string::npos) {
                        edits.push_back({at, at, " --no-cache"});
                    }
                }
            } else if (c->family == PackageFamily::Rpm) {
                cleanupNeeded[c->manager] = true;
            } else {
                cleanupNeeded["zypper"] = true;
            }
        }
        std::string cleanup;
        for (const auto& [manager, needed] : cleanupNeeded) {
            const std::string joined =
                original.substr(segments[0].begin, segments.back().end - segments[0].begin);
            if (manager == "apt" && !contains(joined, "/var/lib/apt/lists")) {
                cleanup += " && rm -rf /var/lib/apt/lists/*";
            } else if (manager == "zypper" && !contains(joined, "zypper clean")) {
                cleanup += " && zypper clean --all";
            } else if (manager != "apt" && manager != "zypper" && !contains(joined, manager + " clean")) {
                cleanup += " && " + manager + " clean all";
            }
        }
        if (!cleanup.empty()) {
            edits.push_back({segments[lastKept].end, segments[lastKept].end, cleanup});
        }
    }
    if (edits.empty()) {
        return std::nullopt;
    }
    return applyInner(original, edits);
}

} // namespace drydock
