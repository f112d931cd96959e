#include "core/secrets/SecretMask.h"

#include "core/common/SecretMasker.h"

#include <algorithm>
#include <array>
#include <vector>

namespace drydock {

namespace {

// How a mask names one kind of secret, and whether its length may be shown.
struct KindLabel
{
    std::string_view kind;
    std::string_view label;
    bool fixedFormat; // the exact length is part of the public format
};

constexpr std::array kKindLabels{
    KindLabel{"password", "password", false},
    KindLabel{"passphrase", "passphrase", false},
    KindLabel{"token", "token", false},
    KindLabel{"secret", "secret", false},
    KindLabel{"key", "key", false},
    KindLabel{"api-key", "API key", false},
    KindLabel{"auth", "credential", false},
    KindLabel{"credential", "credential", false},
    KindLabel{"high-entropy", "random-looking value", false},
    KindLabel{"basic-auth", "basic auth password", false},
    KindLabel{"url-credentials", "URL with password", false},
    KindLabel{"connection-string", "connection string password", false},
    KindLabel{"private-key", "private key", false},
    KindLabel{"aws-access-key", "AWS access key id", true},
    KindLabel{"aws-secret-key", "AWS secret key", true},
    KindLabel{"aws-session-token", "AWS session token", false},
    KindLabel{"azure-client-id", "Azure client id", true},
    KindLabel{"azure-client-secret", "Azure client secret", false},
    KindLabel{"github-token", "GitHub token", true},
    KindLabel{"gitlab-token", "GitLab token", true},
    KindLabel{"slack-token", "Slack token", true},
    KindLabel{"npm-token", "npm token", true},
    KindLabel{"pypi-token", "PyPI token", true},
    KindLabel{"stripe-key", "Stripe secret key", true},
    KindLabel{"openai-key", "OpenAI key", true},
    KindLabel{"anthropic-key", "Anthropic key", true},
    KindLabel{"google-api-key", "Google API key", true},
    KindLabel{"sendgrid-key", "SendGrid key", true},
    KindLabel{"docker-hub-token", "Docker Hub token", true},
    KindLabel{"vault-token", "Vault token", true},
    KindLabel{"digitalocean-token", "DigitalOcean token", true},
    KindLabel{"shopify-token", "Shopify token", true},
    KindLabel{"huggingface-token", "Hugging Face token", true},
    KindLabel{"jwt", "JWT", false},
    KindLabel{"password-hash", "password hash", false},
};

const KindLabel* findKind(std::string_view kind)
{
    const auto it = std::find_if(kKindLabels.begin(), kKindLabels.end(),
                                 [&](const KindLabel& k) { return k.kind == kind; });
    return it == kKindLabels.end() ? nullptr : &*it;
}

std::string lengthClass(std::size_t n, bool exact)
{
    if (exact) {
        return std::to_string(n) + " chars";
    }
    if (n < 8) {
        return "under 8 chars";
    }
    if (n < 16) {
        return "8-15 chars";
    }
    if (n < 32) {
        return "16-31 chars";
    }
    if (n < 64) {
        return "32-63 chars";
    }
    return "64+ chars";
}

// Parts of a longer value that stay readable around them (a URL's host, a connection string's server) show
// only stars.
bool isInlineKind(std::string_view kind)
{
    return kind == "url-credentials" || kind == "connection-string" || kind == "basic-auth";
}

std::string replaceAll(std::string text, std::string_view what, std::string_view with)
{
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size())) {
        text.replace(at, what.size(), with);
    }
    return text;
}

template <typename Replace> std::string replaceSpans(std::string_view text, Replace&& replace)
{
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    std::vector<std::string_view> secrets;
    for (const auto& s : findSecretSpans(text)) {
        out.append(text.substr(pos, s.begin - pos));
        const std::string_view secret = text.substr(s.begin, s.end - s.begin);
        out.append(replace(secret, s.kind));
        secrets.push_back(secret);
        pos = s.end;
    }
    out.append(text.substr(std::min(pos, text.size())));
    // A secret repeated where nothing announced it (admin:admin@host, a password echoed later) goes too. Each
    // distinct secret costs a pass over the text, so a hostile text with thousands of them is bounded.
    std::sort(secrets.begin(), secrets.end());
    secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
    constexpr std::size_t kMaxRepeatedSearches = 64;
    std::size_t searched = 0;
    for (const auto secret : secrets) {
        if (secret.size() >= 3 && secret.find_first_not_of('*') != std::string_view::npos &&
            searched++ < kMaxRepeatedSearches) {
            out = replaceAll(std::move(out), secret, "******");
        }
    }
    return out;
}

} // namespace

std::string_view secretKindLabel(std::string_view kind)
{
    const KindLabel* k = findKind(kind);
    return k ? k->label : (kind.empty() ? std::string_view("secret") : kind);
}

std::string maskSecret(std::string_view value, std::string_view kind)
{
    std::string out = "******";
    const KindLabel* k = findKind(kind);
    if (value.empty()) {
        return kind.empty() ? out : out + " (" + std::string(secretKindLabel(kind)) + ")";
    }
    out += " (" + lengthClass(value.size(), k && k->fixedFormat);
    if (!kind.empty()) {
        out += ", " + std::string(secretKindLabel(kind));
    }
    out += ")";
    return out;
}

std::string maskedValue(std::string_view name, std::string_view value, SecretPlace where)
{
    const SecretJudgement j = SecretDetector::classify(name, value, where);
    if (!j.masked()) {
        return maskSecretsInText(value);
    }
    if (j.knownFormat && isInlineKind(j.kind)) {
        std::string shown = maskSecretsInText(value);
        if (shown != value) {
            return shown;
        }
    }
    return maskSecret(value, j.kind);
}

std::string maskSecretsInText(std::string_view text)
{
    return replaceSpans(text, [](std::string_view secret, std::string_view kind) {
        return isInlineKind(kind) ? std::string("******") : maskSecret(secret, kind);
    });
}

std::string replaceSecretsInText(std::string_view text, std::string_view placeholder)
{
    return replaceSpans(text, [&](std::string_view, std::string_view) { return std::string(placeholder); });
}

} // namespace drydock
