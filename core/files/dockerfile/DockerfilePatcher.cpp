#include "core/files/dockerfile/DockerfilePatcher.h"

#include "core/common/Strings.h"
#include "core/files/dockerfile/DockerfileImage.h"
#include "core/files/dockerfile/DockerfileParser.h"
#include "core/files/dockerfile/DockerfileReview.h"
#include "core/rules/image/HistoryLine.h"

#include <algorithm>
#include <map>

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

// IMG-009 and IMG-010 in one RUN: the instruction's new text, or nullopt when nothing changes. An empty
// string means the whole instruction goes (it only refreshed the index around a removed upgrade).
std::optional<std::string> fixRun(const DockerfileInstruction& in, char escape, bool removeDistUpgrade,
                                  bool cleanCaches)
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

const char* const kArchiveSuffixes[] = {".tar", ".tar.gz",  ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz",
                                        ".txz", ".tar.zst", ".gz",  ".bz2",     ".xz",   ".zst", ".lz4"};

// ADD that COPY does exactly: local sources, none an archive ADD would unpack, no ADD-only flag.
bool addIsCopy(const DockerfileInstruction& in)
{
    if (in.keyword != "ADD" || in.flag("checksum") || in.flag("keep-git-dir") || in.flag("unpack") ||
        !in.heredocs.empty()) {
        return false;
    }
    std::vector<std::string> words = in.execForm ? in.execArguments : split(in.arguments, ' ');
    std::erase(words, std::string());
    if (words.size() < 2) {
        return false;
    }
    words.pop_back();
    return std::none_of(words.begin(), words.end(), [](const std::string& source) {
        const std::string lower = toLower(source);
        if (contains(lower, "://") || startsWith(lower, "git@")) {
            return true;
        }
        return std::any_of(std::begin(kArchiveSuffixes), std::end(kArchiveSuffixes),
                           [&](const char* suffix) { return endsWith(lower, suffix); });
    });
}

// The first user a RUN of these stages creates (`useradd … app`, `adduser -D app`), or empty.
std::string createdUser(const Dockerfile& file, const std::vector<int>& stages)
{
    std::vector<bool> shipped(file.stages.size(), false);
    for (const int stage : stages) {
        shipped[static_cast<std::size_t>(stage)] = true;
    }
    static const std::set<std::string> kValueOptions{
        "-u",         "-g",      "-G",         "-s",         "-d",       "-c",         "-k",        "-K",
        "-e",         "-f",      "-p",         "-b",         "-h",       "-Z",         "--uid",     "--gid",
        "--home",     "--shell", "--gecos",    "--ingroup",  "--groups", "--home-dir", "--comment", "--skel",
        "--password", "--key",   "--base-dir", "--firstuid", "--lastuid"};
    std::string user;
    for (const auto& in : file.instructions) {
        if (in.keyword != "RUN" || in.stage < 0 || !shipped[static_cast<std::size_t>(in.stage)]) {
            continue;
        }
        const auto segments = HistoryLine::parse("/bin/sh -c " + in.arguments);
        if (!segments) {
            continue;
        }
        for (const auto& segment : segments->segments()) {
            const auto words = shellWords(segment);
            auto at = findCommand(words, "useradd");
            if (!at) {
                at = findCommand(words, "adduser");
            }
            if (!at) {
                continue;
            }
            for (std::size_t i = *at + 1; i < words.size() && words[i] != "|"; ++i) {
                if (kValueOptions.count(words[i])) {
                    ++i;
                } else if (!startsWith(words[i], "-") && !contains(words[i], "=")) {
                    user = words[i];
                    break;
                }
            }
        }
    }
    return user;
}

// The lines that make the final stage run unprivileged, chosen from the base image's name.
std::string userLines(const Dockerfile& file, const std::vector<int>& stages, const std::string& nl)
{
    const std::string user = createdUser(file, stages);
    if (!user.empty()) {
        return "# drydock (IMG-001): run as the user this file creates" + nl + "USER " + user + nl;
    }
    std::string base = toLower(file.stages[static_cast<std::size_t>(stages.back())].resolvedBaseImage);
    const std::size_t slash = base.rfind('/');
    const std::string repo = base.substr(slash == std::string::npos ? 0 : slash + 1);
    const auto is = [&](std::string_view name) {
        return startsWith(repo, std::string(name) + ":") || repo == name;
    };
    // Official images that ship their own unprivileged user, which their entrypoints and data folders expect.
    static const std::pair<const char*, const char*> kOwnUser[] = {
        {"node", "node"}, {"postgres", "postgres"}, {"redis", "redis"}, {"mongo", "mongodb"}};
    for (const auto& [image, own] : kOwnUser) {
        if (is(image)) {
            return std::string("# drydock (IMG-001): the ") + image + " images ship the unprivileged user " +
                   own + nl + "USER " + own + nl;
        }
    }
    if (contains(base, "distroless")) {
        return "# drydock (IMG-001): distroless images ship the user nonroot (UID 65532)" + nl +
               "USER 65532:65532" + nl;
    }
    if (contains(base, "alpine") || is("busybox")) {
        return "# drydock (IMG-001): the base looks Alpine/BusyBox, whose adduser -D creates a user without "
               "a "
               "password" +
               nl + "RUN adduser -D -u 10001 app" + nl + "USER 10001:10001" + nl;
    }
    static const char* const kShadowFamily[] = {
        "debian",    "ubuntu",          "python",      "ruby",     "golang",
        "openjdk",   "eclipse-temurin", "maven",       "gradle",   "php",
        "httpd",     "nginx",           "mysql",       "mariadb",  "rust",
        "perl",      "buildpack-deps",  "fedora",      "centos",   "rockylinux",
        "almalinux", "amazonlinux",     "oraclelinux", "ubi8/ubi", "ubi9/ubi"};
    for (const char* family : kShadowFamily) {
        if (is(family) || (contains(family, "/") && contains(base, family) && !contains(base, "minimal") &&
                           !contains(base, "micro"))) {
            return "# drydock (IMG-001): the base is of the Debian/RHEL family, whose useradd creates the "
                   "user" +
                   nl + "RUN useradd --create-home --uid 10001 app" + nl + "USER 10001:10001" + nl;
        }
    }
    return "# drydock (IMG-001): a numeric UID needs no user database entry; the base image's tools are "
           "unknown, so no user is created" +
           nl + "USER 10001:10001" + nl;
}

std::string secretComment(const std::string& keyword, const std::string& name, const std::string& nl)
{
    return "# drydock: " + keyword + " " + name +
           " removed, it held a secret. Pass it at run time as a file " + "(compose secrets:, " + name +
           "_FILE=/run/secrets/" + toLower(name) + "), or at build time with " +
           "RUN --mount=type=secret,id=" + toLower(name) + nl;
}

// The pair name a secret finding is about: SEC-002/DKF-005 discriminate by name, SEC-003 by "step:name".
std::string secretName(const Finding& f)
{
    const std::size_t colon = f.discriminator.find(':');
    return f.ruleId == "SEC-003" && colon != std::string::npos ? f.discriminator.substr(colon + 1)
                                                               : f.discriminator;
}

} // namespace

std::vector<DockerfileEdit> DockerfilePatcher::plan(const Dockerfile& file, std::string_view text,
                                                    const std::vector<Finding>& findings,
                                                    const std::set<std::string>& skip)
{
    const std::string nl = file.crlf ? "\r\n" : "\n";
    std::set<std::string> rules;
    for (const auto& f : findings) {
        if (!skip.count(f.ruleId)) {
            rules.insert(f.ruleId);
        }
    }
    const std::vector<int> finalStages = finalImageStages(file);
    std::vector<bool> shipped(file.stages.size(), false);
    for (const int stage : finalStages) {
        shipped[static_cast<std::size_t>(stage)] = true;
    }
    const auto inFinal = [&](int stage) { return stage >= 0 && shipped[static_cast<std::size_t>(stage)]; };
    std::map<std::size_t, DockerfileEdit> byInstruction; // one edit per instruction, by its begin offset
    const auto edit = [&](const DockerfileInstruction& in, std::string newText, const std::string& rule) {
        auto [it, fresh] = byInstruction.try_emplace(in.beginOffset);
        if (fresh) {
            it->second = {in.beginOffset, in.endOffset, std::move(newText), {rule}};
        } else {
            it->second.ruleIds.push_back(rule);
        }
    };
    std::map<int, const DockerfileInstruction*> byLine;
    for (const auto& in : file.instructions) {
        byLine[in.line] = &in;
    }
    const auto instructionAt = [&](const Dockerfile&, const Finding& f) -> const DockerfileInstruction* {
        const auto it = f.location ? byLine.find(f.location->line) : byLine.end();
        return it == byLine.end() ? nullptr : it->second;
    };
    // Secrets first: their instruction is replaced whole.
    std::map<const DockerfileInstruction*, std::set<std::string>> secretNames;
    for (const auto& f : findings) {
        if (skip.count(f.ruleId) ||
            (f.ruleId != "SEC-002" && f.ruleId != "SEC-003" && f.ruleId != "DKF-005")) {
            continue;
        }
        const DockerfileInstruction* in = instructionAt(file, f);
        if (in && (in->keyword == "ENV" || in->keyword == "ARG")) {
            secretNames[in].insert(secretName(f));
        }
    }
    std::map<const DockerfileInstruction*, std::set<std::string>> secretRules;
    for (const auto& f : findings) {
        if (const DockerfileInstruction* in = instructionAt(file, f); in && secretNames.count(in)) {
            if (f.ruleId == "SEC-002" || f.ruleId == "SEC-003" || f.ruleId == "DKF-005") {
                secretRules[in].insert(f.ruleId);
            }
        }
    }
    for (const auto& [in, names] : secretNames) {
        std::string replacement;
        std::vector<std::string> kept;
        for (const auto& pair : in->pairs) {
            if (names.count(pair.name)) {
                replacement += secretComment(in->keyword, pair.name, nl);
                if (in->keyword == "ARG" && in->stage >= 0) {
                    kept.push_back(pair.name); // still declared, so RUN lines using it keep working
                }
            } else {
                kept.push_back(pair.raw);
            }
        }
        if (!kept.empty()) {
            replacement += std::string(static_cast<std::size_t>(in->column - 1), ' ') + in->keyword + " " +
                           join(kept, " ") + nl;
        }
        for (const auto& rule : secretRules[in]) {
            edit(*in, replacement, rule);
        }
    }
    // RUN fixes.
    const bool distUpgrade = rules.count("IMG-009") > 0;
    const bool caches = rules.count("IMG-010") > 0;
    for (const auto& in : file.instructions) {
        if (in.keyword != "RUN" || !inFinal(in.stage) || byInstruction.count(in.beginOffset) ||
            !(distUpgrade || caches)) {
            continue;
        }
        if (auto fixed = fixRun(in, file.escape, distUpgrade, caches); fixed && *fixed != in.original) {
            const bool hadUpgrade = distUpgrade && fixRun(in, file.escape, true, false).has_value();
            const bool hadCache = caches && fixRun(in, file.escape, false, true).has_value();
            DockerfileEdit e{in.beginOffset, in.endOffset, *fixed, {}};
            if (hadUpgrade) {
                e.ruleIds.push_back("IMG-009");
            }
            if (hadCache) {
                e.ruleIds.push_back("IMG-010");
            }
            if (!e.ruleIds.empty()) {
                byInstruction[in.beginOffset] = std::move(e);
            }
        }
    }
    // ADD → COPY.
    if (rules.count("IMG-004")) {
        for (const auto& in : file.instructions) {
            if (!inFinal(in.stage) || byInstruction.count(in.beginOffset) || !addIsCopy(in)) {
                continue;
            }
            std::string fixed = in.original;
            const std::size_t at = static_cast<std::size_t>(in.column - 1);
            const bool lower = fixed.compare(at, 3, "add") == 0;
            fixed.replace(at, 3, lower ? "copy" : "COPY");
            edit(in, fixed, "IMG-004");
        }
    }
    std::vector<DockerfileEdit> edits;
    for (auto& [offset, e] : byInstruction) {
        edits.push_back(std::move(e));
    }
    // A non-root USER at the end of the final stage.
    if (rules.count("IMG-001")) {
        const DockerfileStage& last = file.finalStage();
        const DockerfileInstruction& end = file.instructions[last.endInstruction - 1];
        std::string lines = userLines(file, finalStages, nl);
        const bool endsWithNewline = end.endOffset > 0 && text[end.endOffset - 1] == '\n';
        if (!endsWithNewline) {
            lines = nl + lines;
        }
        const bool merged = !edits.empty() && edits.back().begin == end.beginOffset;
        if (merged) {
            edits.back().text += lines;
            edits.back().ruleIds.push_back("IMG-001");
        } else {
            edits.push_back({end.endOffset, end.endOffset, lines, {"IMG-001"}});
        }
    }
    std::sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    return edits;
}

std::string DockerfilePatcher::apply(std::string_view text, const std::vector<DockerfileEdit>& edits)
{
    std::string out;
    out.reserve(text.size() + 256);
    std::size_t at = 0;
    for (const auto& e : edits) {
        out.append(text.substr(at, e.begin - at));
        out += e.text;
        at = e.end;
    }
    out.append(text.substr(at));
    return out;
}

std::optional<DockerfilePatch> DockerfilePatcher::patch(const std::string& path, std::string_view text,
                                                        const Dockerfile& file,
                                                        const std::vector<Finding>& findings,
                                                        const RuleCatalogue& catalogue)
{
    std::set<std::string> skip;
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto edits = plan(file, text, findings, skip);
        if (edits.empty()) {
            return std::nullopt;
        }
        DockerfilePatch patch;
        patch.text = apply(text, edits);
        const auto reparsed = parseDockerfile(patch.text);
        if (!reparsed) {
            return std::nullopt; // never hand out a patch the builder would refuse
        }
        const auto after = dockerfileFindings(path, *reparsed, catalogue);
        std::set<std::string> failed;
        std::set<std::string> claimed;
        for (const auto& e : edits) {
            claimed.insert(e.ruleIds.begin(), e.ruleIds.end());
        }
        for (const auto& f : after) {
            if (claimed.count(f.ruleId) && f.severity >= Severity::High) {
                failed.insert(f.ruleId);
            }
        }
        if (!failed.empty()) {
            skip.insert(failed.begin(), failed.end());
            continue;
        }
        if (claimed.count("SEC-002") || claimed.count("SEC-003") || claimed.count("DKF-005")) {
            patch.notes.push_back(
                "The patch takes secret values out of the file, but they stay in its version "
                "history and in images already built: rotate them.");
        }
        for (const auto& rule : claimed) {
            const bool left =
                std::any_of(after.begin(), after.end(), [&](const Finding& f) { return f.ruleId == rule; });
            if (left) {
                patch.notes.push_back("The patch improves " + rule +
                                      " but cannot resolve every finding of it.");
            } else {
                patch.ruleIds.push_back(rule);
            }
        }
        return patch;
    }
    return std::nullopt;
}

} // namespace drydock
