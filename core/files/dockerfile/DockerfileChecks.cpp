#include "core/files/dockerfile/DockerfileChecks.h"

#include "core/common/Strings.h"
#include "core/rules/RuleSupport.h"
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <array>

namespace drydock {

namespace {

const std::vector<RuleInfo> kInfos{
    {.id = "DKF-001",
     .area = Area::Secrets,
     .defaultSeverity = Severity::High,
     .cis = cis("4.10"),
     .title = "Key, .env or credentials file copied into the image",
     .rationale = "COPY and ADD put the file into a layer that everyone who can pull the image can read, and "
                  "deleting it later does not take it out of that layer.",
     .fix =
         "Keep keys and credential files out of the build context (.dockerignore) and out of the image: use "
         "RUN --mount=type=secret at build time and a secret file (compose secrets:) at run time.",
     .practice = "Keep secrets out of images"},
    {.id = "DKF-002",
     .area = Area::Image,
     .defaultSeverity = Severity::Medium,
     .cis = cis("5.28"),
     .title = "Base image is latest or untagged",
     .rationale =
         "FROM without a tag means :latest, which changes with every push upstream: two builds of the "
         "same file give different images, and a compromised or broken release lands unnoticed.",
     .fix =
         "Name a release tag in FROM (node:20.11-alpine3.19), and pin it by digest for reproducible builds.",
     .practice = "Pin image versions"},
    {.id = "DKF-003",
     .area = Area::Image,
     .defaultSeverity = Severity::Info,
     .cis = cis("4.2"),
     .title = "Base image not pinned by digest",
     .rationale =
         "A tag can be moved to other content at any time; only a digest names exactly the image that "
         "was reviewed.",
     .fix = "Pin FROM by digest (FROM debian:12.5-slim@sha256:<digest>) and let a bot such as Renovate or "
            "Dependabot update it.",
     .practice = "Use trusted, signed images"},
    {.id = "DKF-004",
     .area = Area::Secrets,
     .defaultSeverity = Severity::Medium,
     .cis = cis("4.10"),
     .title = "Secret passed in as a build argument",
     .rationale =
         "Build arguments are not secret: the classic builder writes their values into the image "
         "history, BuildKit keeps them in its cache and provenance, and an ENV set from one keeps the "
         "value in every container started from the image.",
     .fix =
         "Pass the secret with RUN --mount=type=secret,id=<name> (docker build --secret id=<name>,src=…) and "
         "give it to the container at run time as a secret file (compose secrets:, a NAME_FILE variable).",
     .practice = "Keep secrets out of images"},
    {.id = "DKF-005",
     .area = Area::Secrets,
     .defaultSeverity = Severity::High,
     .cis = cis("4.10"),
     .title = "Secret written into the Dockerfile",
     .rationale = "A global ARG default before FROM never reaches an image, but the Dockerfile lives in a "
                  "repository: everyone who can read it, and its whole history, has the secret.",
     .fix = "Remove the value from the file, rotate the secret, and pass it with docker build --secret.",
     .practice = "Keep secrets out of images"},
};

const RuleInfo& info(std::size_t i)
{
    return kInfos[i];
}

Finding findingOf(const RuleInfo& rule, std::string evidence, std::optional<Severity> severity,
                  std::string discriminator, std::string dockerfile)
{
    Finding f;
    f.ruleId = rule.id;
    f.area = rule.area;
    f.severity = severity.value_or(rule.defaultSeverity);
    f.cis = rule.cis;
    f.title = rule.title;
    f.rationale = rule.rationale;
    f.fix = rule.fix;
    f.evidence = truncateUtf8(evidence, 200); // built from masked or non-secret parts only
    f.discriminator = std::move(discriminator);
    f.remediation.dockerfile = std::move(dockerfile);
    return f;
}

// Names of files that hold keys or credentials, and their severity (the .git folder's history may hold them).
struct SecretFileName
{
    std::string_view name;
    bool exact; // else a suffix (an extension)
    Severity severity;
};

constexpr std::array<SecretFileName, 31> kSecretFiles{{
    {"id_rsa", true, Severity::High},
    {"id_dsa", true, Severity::High},
    {"id_ecdsa", true, Severity::High},
    {"id_ed25519", true, Severity::High},
    {".pem", false, Severity::Medium},
    {".key", false, Severity::High},
    {".p12", false, Severity::High},
    {".pfx", false, Severity::High},
    {".jks", false, Severity::High},
    {".keystore", false, Severity::High},
    {".ppk", false, Severity::High},
    {".ovpn", false, Severity::High},
    {".private_key", false, Severity::High},
    {".env", true, Severity::High},
    {".ssh", true, Severity::High},
    {".aws", true, Severity::High},
    {".git-credentials", true, Severity::High},
    {".netrc", true, Severity::High},
    {".npmrc", true, Severity::Medium},
    {".pypirc", true, Severity::Medium},
    {".pgpass", true, Severity::High},
    {".htpasswd", true, Severity::Medium},
    {".my.cnf", true, Severity::Medium},
    {".vault-token", true, Severity::High},
    {"credentials", true, Severity::High},
    {"credentials.json", true, Severity::High},
    {".dockercfg", true, Severity::High},
    {".kube", true, Severity::High},
    {".tfstate", false, Severity::High},
    {".git", true, Severity::Medium},
    {".secret", false, Severity::High},
}};

// The worst secret-file name among the path's components, or nullopt.
std::optional<Severity> secretFileSeverityOf(std::string_view source)
{
    std::optional<Severity> worst;
    for (const auto& part : split(toLower(source), '/')) {
        std::string name = part;
        if (startsWith(name, ".env.")) {
            const bool example = endsWith(name, ".example") || endsWith(name, ".sample") ||
                                 endsWith(name, ".template") || endsWith(name, ".dist");
            if (!example) {
                worst = Severity::High;
            }
            continue;
        }
        for (const auto& entry : kSecretFiles) {
            const bool hit =
                entry.exact ? name == entry.name : (endsWith(name, entry.name) && name != entry.name);
            if (hit && (!worst || *worst < entry.severity)) {
                worst = entry.severity;
            }
        }
    }
    return worst;
}

// A source that names a folder of the build context ("." , "./", "app", "app/"): the context's secret
// files below it, as "a/b"; nothing for a file, a glob or a path that leaves the context.
std::vector<std::string> contextFilesUnder(const Dockerfile& file, std::string source)
{
    std::vector<std::string> under;
    while (startsWith(source, "./")) {
        source = source.substr(2);
    }
    while (!source.empty() && source.back() == '/') {
        source.pop_back();
    }
    if (source.find_first_of("*?[$") != std::string::npos || startsWith(source, "..") ||
        startsWith(source, "/")) {
        return under;
    }
    for (const auto& path : file.contextSecretFiles) {
        if (source.empty() || source == "." || startsWith(path, source + "/")) {
            under.push_back(path);
        }
    }
    return under;
}

// DKF-001 for a COPY of a whole folder: the secret files of the context below it that .dockerignore lets
// through go into the image with the application (the `.env` that .gitignore keeps out of git but not out
// of the build). One finding per file, so each is resolved on its own by listing it in .dockerignore.
void checkCopiedFolder(const Dockerfile& file, std::size_t instruction, const std::string& source,
                       std::vector<DockerfileCheckFinding>& out)
{
    constexpr std::size_t kMaxPerSource = 10; // a context full of keys needs no more to make the point
    const auto& in = file.instructions[instruction];
    std::size_t count = 0;
    for (const auto& path : contextFilesUnder(file, source)) {
        if (++count > kMaxPerSource) {
            break;
        }
        const auto severity = secretFileSeverityOf(path);
        if (!severity) {
            continue;
        }
        const std::string shown = maskSecretsInText(path);
        out.push_back(
            {instruction, findingOf(info(0),
                                    in.keyword + " " + maskSecretsInText(source) + " copies " + shown +
                                        " from the build context: .dockerignore does not exclude it",
                                    severity, shown, "# .dockerignore\n" + shown + "\n")});
    }
}

void checkCopiedSecrets(const Dockerfile& file, std::vector<DockerfileCheckFinding>& out)
{
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const auto& in = file.instructions[i];
        if ((in.keyword != "COPY" && in.keyword != "ADD") || in.flag("from")) {
            continue;
        }
        std::vector<std::string> words = in.execForm ? in.execArguments : split(in.arguments, ' ');
        std::erase(words, std::string());
        if (words.size() < 2) {
            continue;
        }
        words.pop_back(); // the destination
        for (const auto& source : words) {
            if (startsWith(source, "<<") || contains(source, "://")) {
                continue;
            }
            checkCopiedFolder(file, i, source, out);
            if (const auto severity = secretFileSeverityOf(source)) {
                out.push_back(
                    {i, findingOf(info(0),
                                  in.keyword + " " + maskSecretsInText(source) +
                                      " copies a key or credentials file",
                                  severity, maskSecretsInText(source),
                                  "# .dockerignore\n" + maskSecretsInText(source) +
                                      "\n# and at build time: RUN --mount=type=secret,id=<name> …\n")});
            }
        }
    }
}

// "node", "node:20", "node@sha256:…", "registry:5000/app:1": (tag, has digest).
std::pair<std::string, bool> tagOf(const std::string& reference)
{
    const std::size_t at = reference.find('@');
    const bool digest = at != std::string::npos;
    const std::string name = reference.substr(0, at);
    const std::size_t slash = name.rfind('/');
    const std::size_t colon = name.rfind(':');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) {
        return {"", digest};
    }
    return {name.substr(colon + 1), digest};
}

void checkBaseImages(const Dockerfile& file, const std::vector<int>& finalStages,
                     std::vector<DockerfileCheckFinding>& out)
{
    std::vector<bool> shippedStages(file.stages.size(), false);
    for (const int stage : finalStages) {
        shippedStages[static_cast<std::size_t>(stage)] = true;
    }
    for (const auto& stage : file.stages) {
        const std::string& base = stage.resolvedBaseImage;
        if (stage.baseStage >= 0 || toLower(base) == "scratch" || !stage.unresolvedVariables.empty() ||
            base.empty()) {
            continue;
        }
        const auto [tag, digest] = tagOf(base);
        if (digest) {
            continue;
        }
        const bool shipped = shippedStages[static_cast<std::size_t>(stage.index)];
        const std::string where =
            "FROM " + maskSecretsInText(base) + (shipped ? "" : " (build stage " + stage.label() + ")");
        if (tag.empty() || tag == "latest") {
            out.push_back(
                {stage.fromInstruction,
                 findingOf(info(1), where + (tag.empty() ? ": no tag, so :latest" : ": the latest tag"),
                           shipped ? Severity::Medium : Severity::Low, stage.label(),
                           "FROM debian:12.5-slim@sha256:<digest>\n")});
        } else {
            out.push_back(
                {stage.fromInstruction,
                 findingOf(info(2), where + ": tag " + tag + " without a digest", std::nullopt, stage.label(),
                           "FROM " + maskSecretsInText(base) + "@sha256:<digest>\n")});
        }
    }
}

bool isVariableReference(std::string_view value)
{
    return startsWith(value, "$");
}

std::string stageText(const Dockerfile& file, int stage)
{
    return stage < 0 ? std::string("before FROM")
                     : "stage " + file.stages[static_cast<std::size_t>(stage)].label();
}

void checkBuildArgSecrets(const Dockerfile& file, std::vector<DockerfileCheckFinding>& out)
{
    const SecretDetector detector;
    for (std::size_t i = 0; i < file.instructions.size(); ++i) {
        const auto& in = file.instructions[i];
        if (in.keyword != "ARG" && in.keyword != "ENV") {
            continue;
        }
        for (const auto& pair : in.pairs) {
            const auto verdict = SecretDetector::classifyName(pair.name);
            const bool fromBuild =
                in.keyword == "ARG" ? (!pair.value || pair.value->empty() || isVariableReference(*pair.value))
                                    : (pair.value && isVariableReference(*pair.value));
            if (verdict.signal == SecretDetector::NameSignal::Strong && fromBuild) {
                out.push_back({i, findingOf(info(3),
                                            in.keyword + " " + pair.name + " (" + stageText(file, in.stage) +
                                                ") takes a secret from a build argument",
                                            std::nullopt, pair.name + ":" + stageText(file, in.stage),
                                            "RUN --mount=type=secret,id=" + toLower(pair.name) +
                                                ",env=" + pair.name + " <command>\n")});
            }
            if (in.keyword == "ARG" && in.stage < 0 && pair.value) {
                if (const auto match = detector.inspectVariable(pair.name, *pair.value)) {
                    out.push_back(
                        {i, findingOf(info(4), "ARG before FROM " + match->describe() + ": " + match->reason,
                                      match->knownFormat || match->decision == SecretDecision::Secret
                                          ? std::optional<Severity>()
                                          : Severity::Low,
                                      match->label(),
                                      "ARG " + pair.name + "\n# docker build --secret id=" +
                                          toLower(pair.name) + ",src=<file>\n")});
                }
            }
        }
    }
}

} // namespace

const std::vector<RuleInfo>& dockerfileCheckInfos()
{
    return kInfos;
}

std::vector<DockerfileCheckFinding> runDockerfileChecks(const Dockerfile& file,
                                                        const std::vector<int>& finalStages)
{
    std::vector<DockerfileCheckFinding> out;
    checkCopiedSecrets(file, out);
    checkBaseImages(file, finalStages, out);
    checkBuildArgSecrets(file, out);
    return out;
}

std::optional<Severity> copiedSecretFileSeverity(std::string_view source)
{
    return secretFileSeverityOf(source);
}

} // namespace drydock
