#include "core/common/Strings.h"
#include "core/contents/ContentPatterns.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/contents/ContentRuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"

#include <cstring>
#include <optional>

namespace drydock {
namespace {

const RuleInfo kPrivateKey{
    .id = "IMG-107",
    .area = Area::Image,
    .defaultSeverity = Severity::High,
    .cis = cis("4.10"),
    .title = "Private key stored in the image",
    .rationale = "Everyone who can pull the image gets the key. A baked SSH host key is shared by every "
                 "container made from the image.",
    .fix =
        "Remove the key from the image and rotate it; give it to the container at run time (a secret mount), "
        "and use RUN --mount=type=secret when the build needs it.",
    .practice = "Keep secrets out of images"};

const RuleInfo kCredentials{
    .id = "IMG-108",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.10"),
    .title = "Credential file stored in the image",
    .rationale = "Registry logins (.docker/config.json), package-registry tokens (.npmrc, .pypirc), cloud "
                 "credentials and password files in an image are readable by everyone who can pull it.",
    .fix =
        "Remove the file and rotate what it holds; add it to .dockerignore and pass credentials at run time "
        "or with RUN --mount=type=secret during the build.",
    .practice = "Keep secrets out of images"};

const RuleInfo kEnvFile{
    .id = "IMG-109",
    .area = Area::Image,
    .defaultSeverity = Severity::Low,
    .cis = cis("4.10"),
    .title = ".env file stored in the image",
    .rationale =
        "A .env file usually holds the application's passwords and tokens; copied into the image, it "
        "ships them to everyone who can pull it.",
    .fix = "Add .env to .dockerignore and inject the settings at run time (--env-file on the host, secrets).",
    .practice = "Keep secrets out of images"};

const RuleInfo kDeletedSecret{
    .id = "IMG-114",
    .area = Area::Image,
    .defaultSeverity = Severity::High,
    .cis = cis("4.10"),
    .title = "Secret deleted in a later layer is still in the image",
    .rationale = "Deleting a file in a later layer only hides it: the earlier layer still carries the bytes, "
                 "and anyone who pulls the image can extract them.",
    .fix = "Rebuild so the secret never enters a layer: RUN --mount=type=secret for build-time secrets, or a "
           "multi-stage build whose final stage never sees it. Rotate the secret.",
    .practice = "Keep secrets out of images"};

constexpr const char* kSecretMountDockerfile =
    "# syntax=docker/dockerfile:1\n"
    "RUN --mount=type=secret,id=deploy_key,target=/run/secrets/deploy_key \\\n"
    "    ./fetch-private-deps.sh /run/secrets/deploy_key\n";

bool isFixturePath(std::string_view path)
{
    return contains(path, "/test/") || contains(path, "/tests/") || contains(path, "/testdata/") ||
           contains(path, "site-packages/") || contains(path, "node_modules/");
}

// "-----BEGIN RSA PRIVATE KEY----- (body MI**…)" without a single byte of the key beyond two characters.
std::optional<std::string> pemPrivateKey(std::string_view content)
{
    const auto begin = content.find("-----BEGIN ");
    if (begin == std::string_view::npos) {
        return std::nullopt;
    }
    const auto endOfHeader = content.find("-----", begin + 11);
    if (endOfHeader == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view label = content.substr(begin + 11, endOfHeader - begin - 11);
    if (!endsWith(label, "PRIVATE KEY") || label.size() > 40) {
        return std::nullopt;
    }
    std::string_view body = content.substr(endOfHeader + 5);
    const auto bodyEnd = body.find("-----");
    const std::string text = trim(body.substr(0, bodyEnd == std::string_view::npos ? body.size() : bodyEnd));
    return "PEM " + std::string(label) + ", body " + maskSecret(std::string_view(text).substr(0, 24));
}

// "key": "value" pairs whose key speaks of authentication, in JSON or ini-style text; masked.
std::optional<std::string> authValue(std::string_view content)
{
    static const char* const keys[] = {
        "\"auth\"",   "\"identitytoken\"", "_authToken=", "_auth=",
        "_password=", "password =",        "password=",   "aws_secret_access_key"};
    for (const char* key : keys) {
        const auto at = content.find(key);
        if (at == std::string_view::npos) {
            continue;
        }
        std::string_view rest = content.substr(at + std::strlen(key));
        const auto lineEnd = rest.find('\n');
        rest = rest.substr(0, lineEnd);
        std::string value = trim(rest);
        while (!value.empty() && (value.front() == ':' || value.front() == '=' || value.front() == ' ' ||
                                  value.front() == '"')) {
            value.erase(0, 1);
        }
        const auto quote = value.find('"');
        if (quote != std::string::npos) {
            value = value.substr(0, quote);
        }
        value = trim(value);
        if (!value.empty()) {
            return std::string(trim(key)) + " " + maskSecret(value);
        }
    }
    return std::nullopt;
}

// How bad a secret-looking file is, and its masked description.
struct SecretVerdict
{
    Severity severity = Severity::Medium;
    std::string what; // masked description, or "" for a name hit only
};

std::optional<SecretVerdict> judge(SecretFileKind kind, const std::string& path, const FileEntry& entry)
{
    const SecretDetector detector;
    const bool readable = entry.content.has_value();
    const std::string_view content = readable ? std::string_view(*entry.content) : std::string_view();
    switch (kind) {
    case SecretFileKind::PrivateKey: {
        if (const auto pem = pemPrivateKey(content)) {
            return SecretVerdict{isFixturePath(path) ? Severity::Low : Severity::High, *pem};
        }
        const std::string_view base = baseName(path);
        const bool binaryStore = endsWith(base, ".p12") || endsWith(base, ".pfx") || endsWith(base, ".jks") ||
                                 endsWith(base, ".keystore");
        if (binaryStore) {
            return SecretVerdict{isFixturePath(path) ? Severity::Low : Severity::Medium, "binary key store"};
        }
        return std::nullopt; // a certificate or public key with a key-like name
    }
    case SecretFileKind::Credentials: {
        if (const auto auth = authValue(content)) {
            return SecretVerdict{Severity::High, *auth};
        }
        const auto matches = detector.inspectDocument(content);
        if (!matches.empty()) {
            return SecretVerdict{Severity::High, matches.front().describe()};
        }
        const std::string_view base = baseName(path);
        if (readable && (base == "config.json" || base == ".npmrc")) {
            return std::nullopt; // docker or npm settings without any login in them
        }
        return SecretVerdict{Severity::Medium, ""};
    }
    case SecretFileKind::EnvFile: {
        const auto matches = detector.inspectDocument(content);
        if (!matches.empty()) {
            return SecretVerdict{Severity::High, matches.front().describe()};
        }
        return SecretVerdict{Severity::Low, ""};
    }
    case SecretFileKind::None:
        break;
    }
    return std::nullopt;
}

// IMG-107/108/109: a private key, credential file or .env file in the final file system.
class SecretFileRule final : public ContentRule
{
public:
    SecretFileRule(const RuleInfo& info, SecretFileKind kind) : ContentRule(info), m_kind(kind) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        for (const auto& [path, entry] : contents.files) {
            if (entry.type != FileEntry::Type::Regular || secretFileKind(path) != m_kind) {
                continue;
            }
            const auto verdict = judge(m_kind, path, entry);
            if (!verdict) {
                continue;
            }
            std::string evidence = fileEvidence(contents, path, entry);
            evidence +=
                verdict->what.empty() ? ": found by name; content not recognised" : ": " + verdict->what;
            out.add(info(), {.object = refOf(image),
                             .evidence = evidence,
                             .severity = verdict->severity,
                             .discriminator = path,
                             .edits = {},
                             .dockerfile = kSecretMountDockerfile,
                             .titleSuffix = ": /" + path});
        }
    }

private:
    SecretFileKind m_kind;
};

// IMG-114: a secret file deleted in a later layer that an earlier layer still holds.
class DeletedSecretRule final : public ContentRule
{
public:
    DeletedSecretRule() : ContentRule(kDeletedSecret) {}

public:
    void checkContents(const Image& image, const ImageContents& contents,
                       FindingCollector& out) const override
    {
        for (const auto& removed : contents.removedFiles) {
            const auto verdict = judge(secretFileKind(removed.path), removed.path, removed.entry);
            if (!verdict) {
                continue;
            }
            std::string evidence = "/" + evidenceText(removed.path) + " was added in " +
                                   layerText(contents, removed.entry.layer) + " and deleted in " +
                                   layerText(contents, removed.removedInLayer) + "; its " +
                                   bytesText(removed.entry.size) + " are still in the earlier layer";
            if (!verdict->what.empty()) {
                evidence += ": " + verdict->what;
            }
            out.add(kDeletedSecret,
                    {.object = refOf(image),
                     .evidence = evidence,
                     .severity = verdict->severity == Severity::Low ? Severity::Low : Severity::High,
                     .discriminator = removed.path,
                     .edits = {},
                     .dockerfile = kSecretMountDockerfile,
                     .titleSuffix = ": /" + removed.path});
        }
    }
};

} // namespace

DRYDOCK_RULE(makePrivateKeyFileRule)
{
    return std::make_unique<SecretFileRule>(kPrivateKey, SecretFileKind::PrivateKey);
}
DRYDOCK_RULE(makeCredentialFileRule)
{
    return std::make_unique<SecretFileRule>(kCredentials, SecretFileKind::Credentials);
}
DRYDOCK_RULE(makeEnvFileRule)
{
    return std::make_unique<SecretFileRule>(kEnvFile, SecretFileKind::EnvFile);
}
DRYDOCK_RULE(makeDeletedSecretRule)
{
    return std::make_unique<DeletedSecretRule>();
}

} // namespace drydock
