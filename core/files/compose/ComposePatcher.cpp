#include "core/files/compose/ComposePatcher.h"

#include "core/common/Strings.h"
#include "core/common/VisibleText.h"
#include "core/files/FileReview.h"
#include "core/files/compose/detail/ComposePatcherEdits.h"

#include <algorithm>

namespace drydock {

namespace {

using namespace composepatch;

// A run edit that a later AddFlag of the same single-valued flag replaces in place (RemoveFlag --restart then
// AddFlag --restart on-failure:5): removing the key first would move it to the end of the service.
bool replacedByLaterAdd(const std::vector<RunEdit>& edits, std::size_t i)
{
    if (edits[i].op != RunEdit::Op::RemoveFlag) {
        return false;
    }
    const Target t = targetOf(edits[i]);
    if (t.kind != Target::Kind::Scalar) {
        return false;
    }
    for (std::size_t j = i + 1; j < edits.size(); ++j) {
        if (edits[j].op == RunEdit::Op::AddFlag && edits[j].flag == edits[i].flag) {
            return true;
        }
    }
    return false;
}

// Refuses input that could exhaust the parser: too large, or nested deeper than a compose file ever is.
std::optional<Error> tooLargeOrDeep(std::string_view text)
{
    const FileReviewLimits limits;
    if (text.size() > limits.maxFileBytes) {
        return Error::make(ErrorCode::TooLarge, "The compose file is larger than " +
                                                    std::to_string(limits.maxFileBytes / (1024 * 1024)) +
                                                    " MiB; it is not patched.");
    }
    int depth = 0;
    std::size_t indent = 0;
    bool lineStart = true;
    for (const char c : text) {
        if (c == '\n') {
            lineStart = true;
            indent = 0;
            continue;
        }
        if (lineStart && c == ' ') {
            if (++indent > static_cast<std::size_t>(limits.maxYamlDepth) * 8) {
                return Error::make(ErrorCode::TooLarge,
                                   "The compose file is indented deeper than a compose file "
                                   "can be; it is not patched.");
            }
            continue;
        }
        lineStart = false;
        depth += (c == '[' || c == '{') ? 1 : (c == ']' || c == '}') ? -1 : 0;
        if (depth > limits.maxYamlDepth) {
            return Error::make(ErrorCode::TooLarge, "The compose file nests more than " +
                                                        std::to_string(limits.maxYamlDepth) +
                                                        " levels of [ ] or { }; it is not patched.");
        }
    }
    return std::nullopt;
}

// Counts the values of a tree the way a walk sees them — an alias once every time it is used — and stops at
// budget: a few lines of anchors and aliases (a "billion laughs") expand to billions of values, and every
// comparison the patcher makes walks the expanded tree.
bool withinNodeBudget(const YAML::Node& n, std::size_t& budget)
{
    if (budget == 0) {
        return false;
    }
    --budget;
    if (n.IsSequence()) {
        for (const auto& item : n) {
            if (!withinNodeBudget(item, budget)) {
                return false;
            }
        }
    } else if (n.IsMap()) {
        for (auto it = n.begin(); it != n.end(); ++it) {
            if (!withinNodeBudget(it->first, budget) || !withinNodeBudget(it->second, budget)) {
                return false;
            }
        }
    }
    return true;
}

Result<YAML::Node> parse(const TextLines& t)
{
    try {
        YAML::Node root = t.parsed();
        const FileReviewLimits limits;
        std::size_t budget = limits.maxYamlNodes;
        if (!withinNodeBudget(root, budget)) {
            return Error::make(ErrorCode::TooLarge, "The compose file expands, through its anchors and aliases, to "
                                                    "more than " + std::to_string(limits.maxYamlNodes) +
                                                    " values; it is not patched.");
        }
        return root;
    } catch (const YAML::Exception& e) {
        return Error::make(ErrorCode::InvalidArgument, "The compose file is not valid YAML (line " +
                                                           std::to_string(e.mark.line + 1) + ", column " +
                                                           std::to_string(e.mark.column + 1) + ": " + e.msg +
                                                           "); fix it before Drydock patches it.");
    }
}

// The keys of the service an edit may change: its own key(s), and secrets: for a secret.
std::vector<std::string> keysEdited(const std::vector<RunEdit>& edits)
{
    std::vector<std::string> keys{"secrets"};
    for (const auto& e : edits) {
        const Target t = targetOf(e);
        keys.insert(keys.end(), t.keys.begin(), t.keys.end());
    }
    return keys;
}

// A node written out so that two nodes compare equal exactly when they hold the same tree: YAML::Dump's
// emitter took a third of a check of a 60-service file, called twice for every patched service.
void canonical(const YAML::Node& n, std::string& out)
{
    switch (n.Type()) {
    case YAML::NodeType::Scalar:
        out += 'S' + std::to_string(n.Scalar().size()) + ':' + n.Scalar() + n.Tag() + ';';
        return;
    case YAML::NodeType::Sequence:
        out += '[';
        for (const auto& item : n) {
            canonical(item, out);
        }
        out += ']';
        return;
    case YAML::NodeType::Map:
        out += '{';
        for (auto it = n.begin(); it != n.end(); ++it) {
            canonical(it->first, out);
            canonical(it->second, out);
        }
        out += '}';
        return;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        out += '~';
        return;
    }
}

std::string canonical(const YAML::Node& n)
{
    std::string out;
    canonical(n, out);
    return out;
}

// Every top-level key, every service but the patched one and every key of the patched one that no edit
// targets, as yaml-cpp writes them: a patch must not change any of them (top-level secrets: may gain
// entries). A line edit that slipped into a neighbouring value (a block scalar) shows here.
std::string untouchedParts(const YAML::Node& root, std::string_view service,
                           const std::vector<std::string>& edited)
{
    std::string out;
    if (!root.IsMap()) {
        return out;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
        if (key == "secrets") {
            continue;
        }
        if (key == "services" && it->second.IsMap()) {
            for (auto s = it->second.begin(); s != it->second.end(); ++s) {
                if (!(s->first.IsScalar() && s->first.Scalar() == service)) {
                    out += canonical(s->first) + ":\n" + canonical(s->second) + "\n";
                    continue;
                }
                for (auto k = s->second.begin(); s->second.IsMap() && k != s->second.end(); ++k) {
                    const std::string name = k->first.IsScalar() ? k->first.Scalar() : std::string();
                    if (std::find(edited.begin(), edited.end(), name) == edited.end()) {
                        out += "  " + name + ":\n" + canonical(k->second) + "\n";
                    }
                }
            }
            continue;
        }
        out += key + ":\n" + canonical(it->second) + "\n";
    }
    return out;
}

// Every edit reads the file again; in a file of many services that was the whole file each time (getsentry's
// 34 KB docker-compose.yml: 17 s). The other services are hidden from those reads: one after the patched
// service cannot be what it refers to (an alias names an anchor above it), one above it can only through an
// anchor, so it is hidden when it has no '&'. Ranges with non-ASCII bytes stay, so that byte offsets and
// yaml-cpp's positions agree. The final read, which checks the result, sees the whole file.
void hideOtherServices(TextLines& text, const YAML::Node& root, std::string_view serviceName)
{
    const auto services = findEntry(root, "services");
    if (!services || !services->second.IsMap() || services->second.Style() == YAML::EmitterStyle::Flow) {
        return;
    }
    std::size_t patchedLine = 0;
    for (auto s = services->second.begin(); s != services->second.end(); ++s) {
        if (s->first.IsScalar() && s->first.Scalar() == serviceName) {
            patchedLine = placeOf(text, s->first).line;
        }
    }
    for (auto s = services->second.begin(); s != services->second.end(); ++s) {
        if (!s->first.IsScalar() || s->first.Scalar() == serviceName) {
            continue;
        }
        const Place key = placeOf(text, s->first);
        if (placeOf(text, s->second).line < key.line) {
            continue; // an alias of an anchor above: leave it as it is
        }
        const std::size_t last = blockEnd(text, key.line, key.column);
        if (last >= text.lines.size() || (key.line <= patchedLine && last >= patchedLine)) {
            continue;
        }
        bool keep = false;
        for (std::size_t i = key.line; i <= last && !keep; ++i) {
            const std::string& line = text.lines[i];
            keep = std::any_of(line.begin(), line.end(),
                               [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) ||
                   (key.line < patchedLine && line.find('&') != std::string::npos);
        }
        if (!keep) {
            text.hideWhileParsing(key.line, last);
        }
    }
}

} // namespace

Result<std::string> patchComposeService(std::string_view fileText, std::string_view serviceName,
                                        const std::vector<RunEdit>& edits, ComposePatchReport* report)
{
    ComposePatchReport local;
    ComposePatchReport& r = report ? *report : local;
    r = ComposePatchReport{};
    if (const auto e = tooLargeOrDeep(fileText)) {
        return *e;
    }
    // A byte order mark (editors on Windows write one) is not in yaml-cpp's marks: the patch is made on the
    // text after it and the mark is put back.
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (fileText.starts_with(kBom)) {
        auto patched = patchComposeService(fileText.substr(kBom.size()), serviceName, edits, report);
        if (patched) {
            patched.value().insert(0, kBom);
        }
        return patched;
    }
    TextLines text = TextLines::split(fileText);
    auto original = parse(text);
    if (!original) {
        return original.error();
    }
    std::string why;
    if (!locateService(text, *original, serviceName, &why)) {
        if (why == "the file has no service of that name") {
            return Error::make(ErrorCode::NotFound, "The compose file has no service named \"" +
                                                        visibleText(serviceName) +
                                                        "\"; nothing was changed.");
        }
        for (const auto& e : edits) {
            r.skipped.push_back({e, why, 0});
        }
        return std::string(fileText);
    }
    const std::vector<std::string> edited = keysEdited(edits);
    const std::string before = untouchedParts(*original, serviceName, edited);
    hideOtherServices(text, *original, serviceName);

    std::vector<std::size_t> verify; // indexes into r.applied of the edits to check on the result
    std::vector<std::size_t> lineOwners;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        const RunEdit& edit = edits[i];
        if (replacedByLaterAdd(edits, i)) {
            r.applied.push_back({edit, "replaced in place by the new value below", 0});
            continue;
        }
        EditOutcome outcome = applyEdit(text, serviceName, edit);
        if (!outcome.error.empty()) {
            return Error::make(ErrorCode::Internal, outcome.error);
        }
        if (!outcome.skipped.empty()) {
            r.skipped.push_back({edit, outcome.skipped, 0});
            continue;
        }
        verify.push_back(r.applied.size());
        r.applied.push_back({edit, outcome.description, outcome.line});
        // The line moves with the edits that follow; marks[k] belongs to applied[lineOwners[k]].
        if (outcome.line > 0) {
            text.marks.push_back(static_cast<std::size_t>(outcome.line - 1));
            lineOwners.push_back(r.applied.size() - 1);
        }
        if (outcome.fileToCreate) {
            const bool known =
                std::any_of(r.filesToCreate.begin(), r.filesToCreate.end(),
                            [&](const auto& f) { return f.path == outcome.fileToCreate->path; });
            if (!known) {
                r.filesToCreate.push_back(*outcome.fileToCreate);
            }
        }
    }

    for (std::size_t k = 0; k < lineOwners.size(); ++k) {
        r.applied[lineOwners[k]].line = static_cast<int>(std::min(text.marks[k], text.lines.size() - 1)) + 1;
    }
    // Every edit skipped (a secret that only an env_file sets, a key from an anchor): the file is as it was,
    // with nothing to verify. Checking it anyway compared the whole file with the read that hid the other
    // services, and said "would change more than the keys it edits" about a file it had not changed.
    if (verify.empty() && text.text() == fileText) {
        return std::string(fileText);
    }
    // The patched text must parse, every applied edit must now hold, and nothing else may have changed.
    text.showAll();
    auto patched = parse(text);
    if (!patched) {
        return Error::make(ErrorCode::Internal, "The patched compose file no longer parses (" +
                                                    patched.error().message +
                                                    "); the file was left as it was.");
    }
    for (const std::size_t a : verify) {
        if (!holdsIn(text, *patched, serviceName, r.applied[a].edit)) {
            return Error::make(ErrorCode::Internal,
                               "The patch did not take effect: " + r.applied[a].description +
                                   "; the file was left as it was.");
        }
    }
    if (untouchedParts(*patched, serviceName, edited) != before) {
        return Error::make(ErrorCode::Internal,
                           "The patch would change more than the keys it edits in service \"" +
                               std::string(serviceName) + "\"; the file was left as it was.");
    }
    return text.text();
}

} // namespace drydock
