#include "core/files/dockerfile/DockerfilePatcher.h"

#include "core/common/Strings.h"
#include "core/files/dockerfile/DockerfileChecks.h"
#include "core/files/dockerfile/DockerfileImage.h"
#include "core/files/dockerfile/DockerfileParser.h"
#include "core/files/dockerfile/DockerfileReview.h"
#include "core/files/dockerfile/DockerfileRunFix.h"
#include "core/rules/image/HistoryLine.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <map>

namespace drydock {

namespace {

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
// The repository name of the image the final stage builds on, lower-cased: "nginx" for "nginx:1.25-alpine".
std::string finalBaseRepository(const Dockerfile& file, const std::vector<int>& stages)
{
    const std::string base = toLower(file.stages[static_cast<std::size_t>(stages.back())].resolvedBaseImage);
    const std::size_t slash = base.rfind('/');
    const std::string repo = base.substr(slash == std::string::npos ? 0 : slash + 1);
    return repo.substr(0, repo.find_first_of(":@"));
}

// Official images whose default configuration needs root (nginx and httpd bind port 80 and write their own
// cache and pid files): a USER line would make them fail to start, so IMG-001 is left to a person.
bool needsRootByDefault(const Dockerfile& file, const std::vector<int>& stages)
{
    const std::string repo = finalBaseRepository(file, stages);
    return (repo == "nginx" || repo == "httpd") && createdUser(file, stages).empty();
}

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
    // DKF-001: a COPY/ADD of nothing but keys and credential files is removed, a comment saying where they go
    // instead (a mixed COPY is left alone: the other files are the application's).
    for (const auto& f : findings) {
        const DockerfileInstruction* in = f.ruleId == "DKF-001" && !skip.count(f.ruleId) ? instructionAt(file, f) : nullptr;
        if (!in || byInstruction.count(in->beginOffset) || (in->keyword != "COPY" && in->keyword != "ADD")) {
            continue;
        }
        std::vector<std::string> words = in->execForm ? in->execArguments : split(in->arguments, ' ');
        std::erase(words, std::string());
        if (words.size() < 2) {
            continue;
        }
        words.pop_back(); // the destination
        if (std::all_of(words.begin(), words.end(), [](const std::string& w) {
                return copiedSecretFileSeverity(w).has_value() && w.find("://") == std::string::npos;
            })) {
            std::string sources;
            for (const auto& w : words) {
                sources += (sources.empty() ? "" : " ") + maskSecretsInText(w);
            }
            edit(*in,
                 "# drydock (DKF-001): removed " + in->keyword + " " + sources +
                     ": mount keys and credentials at run time (compose secrets:), list them in .dockerignore" + nl,
                 "DKF-001");
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
        if (auto fixed = fixRunInstruction(in, file.escape, distUpgrade, caches);
            fixed && *fixed != in.original) {
            const bool hadUpgrade =
                distUpgrade && fixRunInstruction(in, file.escape, true, false).has_value();
            const bool hadCache = caches && fixRunInstruction(in, file.escape, false, true).has_value();
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
    if (rules.count("IMG-001") && !needsRootByDefault(file, finalStages)) {
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

std::vector<std::string> DockerfilePatcher::leftAlone(const Dockerfile& file,
                                                      const std::vector<Finding>& findings)
{
    std::set<std::string> rules;
    for (const auto& f : findings) {
        rules.insert(f.ruleId);
    }
    std::vector<std::string> notes;
    if (rules.count("IMG-001") && needsRootByDefault(file, finalImageStages(file))) {
        notes.push_back(
            "IMG-001 is not patched: the " + finalBaseRepository(file, finalImageStages(file)) +
            " image's default configuration needs root to start (port 80, its cache and pid files); "
            "build on its unprivileged variant (nginxinc/nginx-unprivileged) or move it to a port "
            "above 1024 and writable paths, then add USER.");
    }
    if (rules.count("IMG-004")) {
        const auto stages = finalImageStages(file);
        for (const auto& in : file.instructions) {
            if (in.keyword == "ADD" && std::find(stages.begin(), stages.end(), in.stage) != stages.end() &&
                !addIsCopy(in)) {
                notes.push_back(
                    "IMG-004 is not patched on line " + std::to_string(in.line) +
                    ": ADD of a URL or an archive does more than COPY; download it in a RUN that "
                    "verifies a checksum (or use ADD --checksum), or unpack the archive yourself.");
            }
        }
    }
    for (const auto& f : findings) {
        if (f.ruleId != "SEC-003" || !f.location) {
            continue;
        }
        for (const auto& in : file.instructions) {
            if (in.line == f.location->line && in.keyword == "RUN") {
                notes.push_back("SEC-003 is not patched on line " + std::to_string(in.line) +
                                ": a secret typed into a RUN command; rotate it and read it from RUN "
                                "--mount=type=secret instead.");
            }
        }
    }
    if (rules.count("IMG-002")) {
        notes.push_back(
            "IMG-002 is not patched: only you know what proves the service healthy; add a HEALTHCHECK "
            "that probes it.");
    }
    if (rules.count("DKF-002") || rules.count("DKF-003")) {
        notes.push_back(
            "Base image tags and digests are not patched: pick the release to pin, then its digest "
            "(docker buildx imagetools inspect <image>).");
    }
    return notes;
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
                                                        const RuleCatalogue& catalogue,
                                                        const ScanSettings& settings)
{
    std::set<std::string> skip;
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto edits = plan(file, text, findings, skip);
        if (edits.empty()) {
            return std::nullopt;
        }
        DockerfilePatch patch;
        patch.text = apply(text, edits);
        auto reparsed = parseDockerfile(patch.text);
        if (!reparsed) {
            return std::nullopt; // never hand out a patch the builder would refuse
        }
        reparsed->contextSecretFiles = file.contextSecretFiles; // the patch changes no other file
        const auto after = dockerfileFindings(path, *reparsed, catalogue, settings);
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
