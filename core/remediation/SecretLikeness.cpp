#include "core/remediation/SecretLikeness.h"

#include "core/common/Strings.h"
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <utility>

namespace drydock {

namespace {

bool isAlnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isIdentifier(std::string_view text)
{
    if (text.empty() || (text[0] >= '0' && text[0] <= '9')) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) { return isAlnum(c) || c == '_'; });
}

std::string programName(const StringList& args)
{
    if (args.empty()) {
        return {};
    }
    const std::size_t slash = args.front().rfind('/');
    return toLower(slash == std::string::npos ? args.front() : args.front().substr(slash + 1));
}

} // namespace

bool SecretLikeness::isSecretName(std::string_view name)
{
    return SecretDetector::classifyName(name).signal == SecretDetector::NameSignal::Strong;
}

bool SecretLikeness::hasSecretValue(std::string_view text)
{
    return !findSecretSpans(text).empty();
}

std::string SecretLikeness::redactValues(std::string_view text)
{
    return replaceSecretsInText(text, kRedactedPlaceholder);
}

std::string SecretLikeness::redactAssignment(std::string_view entry)
{
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) {
        return std::string(entry); // "NAME" alone passes the caller's variable through: no value here
    }
    // A daemon may hand out any text before the '=': known token shapes there are hidden too.
    return redactValues(entry.substr(0, eq)) + "=" + redactValueOf(entry.substr(0, eq), entry.substr(eq + 1));
}

std::string SecretLikeness::redactValueOf(std::string_view key, std::string_view value)
{
    const SecretJudgement j = SecretDetector::classify(key, value, SecretPlace::Option);
    if (!j.masked()) {
        return redactValues(value);
    }
    // A URL or connection string keeps its host and user so the command still says where it connects.
    const bool inlineKind = j.knownFormat && (j.kind == "url-credentials" || j.kind == "connection-string");
    if (inlineKind) {
        std::string shown = redactValues(value);
        if (shown != value) {
            return shown;
        }
    }
    return std::string(kRedactedPlaceholder);
}

StringList SecretLikeness::redactArgs(const StringList& args)
{
    StringList out;
    out.reserve(args.size());
    const std::string program = programName(args);
    const bool mysqlLike = startsWith(program, "mysql") || startsWith(program, "mariadb");
    std::string pendingFlag; // "--token" seen: the next word is its value
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (!pendingFlag.empty()) {
            const std::string flag = std::exchange(pendingFlag, {});
            if (!startsWith(a, "-") && SecretDetector::classify(flag, a, SecretPlace::Flag).masked()) {
                out.emplace_back(kRedactedPlaceholder);
                continue;
            }
        }
        const std::size_t nameStart = a.find_first_not_of('-');
        if (i > 0 && startsWith(a, "-") && nameStart != std::string::npos) {
            const std::size_t eq = a.find('=');
            const std::string name =
                a.substr(nameStart, eq == std::string::npos ? std::string::npos : eq - nameStart);
            if (mysqlLike && startsWith(a, "-p") && !startsWith(a, "--") && a.size() > 2 &&
                SecretDetector::classify("password", a.substr(2), SecretPlace::Flag).masked()) {
                out.push_back("-p" + std::string(kRedactedPlaceholder));
                continue;
            }
            if (eq == std::string::npos) {
                pendingFlag = name;
                out.push_back(redactValues(a)); // "-----BEGIN … PRIVATE KEY-----" starts with a dash too
                continue;
            }
            const std::string_view value = std::string_view(a).substr(eq + 1);
            out.push_back(SecretDetector::classify(name, value, SecretPlace::Flag).masked()
                              ? a.substr(0, eq + 1) + redactValueOf(name, value)
                              : redactValues(a));
            continue;
        }
        const std::size_t eq = a.find('=');
        if (eq != std::string::npos && isIdentifier(std::string_view(a).substr(0, eq))) {
            out.push_back(redactAssignment(a));
            continue;
        }
        out.push_back(redactValues(a));
    }
    return out;
}

} // namespace drydock
