#include "core/contents/ContentPatterns.h"

#include "core/common/Strings.h"

#include <array>

namespace drydock {

std::string_view baseName(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dirName(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

SecretFileKind secretFileKind(std::string_view path)
{
    // Trust stores hold certificates, not keys; test fixtures of libraries are not deployment secrets.
    if (startsWith(path, "etc/ssl/certs/") || startsWith(path, "usr/share/ca-certificates/") ||
        startsWith(path, "usr/share/doc/") || startsWith(path, "usr/share/man/")) {
        return SecretFileKind::None;
    }
    const std::string_view base = baseName(path);
    static constexpr std::array<std::string_view, 5> keyNames{"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
                                                              "id_ecdsa_sk"};
    for (const auto n : keyNames) {
        if (base == n) {
            return SecretFileKind::PrivateKey;
        }
    }
    if (startsWith(path, "etc/ssh/ssh_host_") && endsWith(path, "_key")) {
        return SecretFileKind::PrivateKey;
    }
    static constexpr std::array<std::string_view, 10> keyExt{
        ".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".ovpn", ".private_key", ".p8"};
    for (const auto e : keyExt) {
        if (endsWith(base, e) && base.size() > e.size()) {
            return SecretFileKind::PrivateKey;
        }
    }
    static constexpr std::array<std::string_view, 12> credPaths{
        ".docker/config.json",
        ".aws/credentials",
        ".kube/config",
        ".config/gcloud/credentials.db",
        ".config/gcloud/application_default_credentials.json",
        ".azure/accessTokens.json",
        ".azure/msal_token_cache.json",
        ".vault-token",
        ".git-credentials",
        ".netrc",
        ".npmrc",
        ".pypirc"};
    for (const auto c : credPaths) {
        if (path == c || endsWith(path, std::string("/") + std::string(c))) {
            return SecretFileKind::Credentials;
        }
    }
    static constexpr std::array<std::string_view, 9> credNames{
        "credentials.json", "credential.json", ".pgpass",         ".my.cnf",      ".htpasswd",
        "password.txt",     "secret_token.rb", "credentials.xml", "wp-config.php"};
    for (const auto c : credNames) {
        if (base == c) {
            return SecretFileKind::Credentials;
        }
    }
    if (endsWith(base, ".tfstate") || endsWith(base, ".secret")) {
        return SecretFileKind::Credentials;
    }
    if (base == ".env" || (startsWith(base, ".env.") && base != ".env.example" && base != ".env.sample" &&
                           base != ".env.template" && base != ".env.dist")) {
        return SecretFileKind::EnvFile;
    }
    return SecretFileKind::None;
}

} // namespace drydock
