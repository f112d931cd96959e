#pragma once
#include <string>
#include <string_view>

namespace drydock {

// Names that make a file interesting to the secret checks (catalogue §2 LAY-009/010/011/016).
enum class SecretFileKind
{
    None,
    PrivateKey,  // id_rsa…, *.pem, *.key, *.p12, …: confirmed by a PEM private-key header when readable
    Credentials, // .docker/config.json, .aws/credentials, .npmrc, .netrc, .git-credentials, …
    EnvFile      // .env, .env.production (not .env.example)
};
SecretFileKind secretFileKind(std::string_view path);

std::string_view baseName(std::string_view path);
std::string_view dirName(std::string_view path); // "" for a top-level name

} // namespace drydock
