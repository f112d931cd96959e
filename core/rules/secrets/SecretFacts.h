#pragma once
#include "core/model/Common.h"
#include "core/rules/FindingCollector.h"
#include "core/secrets/SecretDetector.h"

#include <optional>
#include <string>
#include <string_view>

// Small helpers the secrets rules share: reading NAME=value entries and the Dockerfile advice they give.
namespace drydock::secretfacts {

// One NAME=value entry, as views into the text it came from.
struct Assignment
{
    std::string_view name;
    std::string_view value;
};

// "NAME=value" -> {NAME, value}; nullopt for an entry without '=' (it carries no value).
std::optional<Assignment> splitAssignment(std::string_view entry);
bool listContains(const StringList& list, std::string_view entry);
// A finding about one secret of an object: evidence "<where> NAME=****** (8-15 chars, password): <reason>",
// told apart by the name, graded by secretSeverity.
FindingDraft secretDraft(ObjectRef object, std::string_view where, const SecretMatch& match);
// Severity follows the classifier's confidence: a known token format keeps the rule's severity (high for
// env), a secret-looking name with an unremarkable value is medium, a maybe is low.
std::optional<Severity> secretSeverity(const SecretMatch& match);
// A secret id for BuildKit and /run/secrets: "DB_PASSWORD" -> "db_password".
std::string secretId(std::string_view name);
// Dockerfile advice for a secret baked in with `instruction` (ENV, ARG, LABEL, RUN): drop it and take the
// secret from a BuildKit secret mount at build time or a file at run time. Never shows the value.
std::string secretDockerfile(std::string_view instruction, std::string_view name);

} // namespace drydock::secretfacts
