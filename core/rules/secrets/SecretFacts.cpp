#include "core/rules/secrets/SecretFacts.h"

#include "core/common/VisibleText.h"

#include <algorithm>

namespace drydock::secretfacts {

std::optional<Assignment> splitAssignment(std::string_view entry)
{
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        return std::nullopt;
    }
    return Assignment{entry.substr(0, eq), entry.substr(eq + 1)};
}

bool listContains(const StringList& list, std::string_view entry)
{
    return std::find(list.begin(), list.end(), entry) != list.end();
}

FindingDraft secretDraft(ObjectRef object, std::string_view where, const SecretMatch& match)
{
    FindingDraft draft;
    draft.object = std::move(object);
    draft.evidence = std::string(where) + " " + match.describe() + ": " + match.reason;
    draft.severity = secretSeverity(match);
    draft.discriminator = match.label();
    draft.titleSuffix = ": " + match.label();
    return draft;
}

std::optional<Severity> secretSeverity(const SecretMatch& match)
{
    if (match.decision == SecretDecision::Maybe) {
        return Severity::Low;
    }
    if (!match.knownFormat) {
        return Severity::Medium;
    }
    return std::nullopt;
}

std::string secretId(std::string_view name)
{
    std::string id;
    for (const char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            id += c;
        } else if (c >= 'A' && c <= 'Z') {
            id += static_cast<char>(c - 'A' + 'a');
        } else if (!id.empty() && id.back() != '_') {
            id += '_';
        }
    }
    while (!id.empty() && id.back() == '_') {
        id.pop_back();
    }
    return id.empty() ? "secret" : id;
}

std::string secretDockerfile(std::string_view instruction, std::string_view name)
{
    // The name comes from the image: in comments it is shown with visible escapes, so a newline in a label
    // key cannot start an instruction.
    const std::string var(name);
    const std::string shownName = visibleText(name);
    if (instruction == "LABEL") {
        return "# Remove the LABEL " + shownName +
               ": labels travel with every copy of the image and show in\n"
               "# `docker inspect`. Give the application the secret at run time as a read-only file.\n";
    }
    const std::string id = secretId(name);
    const bool shellName = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }) && !(name[0] >= '0' && name[0] <= '9');
    std::string out = "# Remove the " + visibleText(instruction) + " that carries " + shownName +
                      " and rebuild: every layer and `docker history` keep it.\n";
    out += "# If a build step needs it, mount it as a BuildKit secret for that step only:\n";
    out += "# syntax=docker/dockerfile:1\n";
    if (shellName) {
        out += "RUN --mount=type=secret,id=" + id + " " + var + "=\"$(cat /run/secrets/" + id +
               ")\" <your build step>\n";
    } else {
        out += "RUN --mount=type=secret,id=" + id + " <your build step, reading /run/secrets/" + id + ">\n";
    }
    out += "#   docker build --secret id=" + id + ",src=<file holding it> .\n";
    if (shellName) {
        out += "# At run time, mount it as a file and point the application at it:\n";
        out += "#   docker run -v <file holding it>:/run/secrets/" + id + ":ro -e " + var +
               "_FILE=/run/secrets/" + id + " <image>\n";
    }
    return out;
}

} // namespace drydock::secretfacts
