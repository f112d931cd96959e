// Swarm cluster, unlock key, node, secret and config answers -> model. Join tokens, the unlock key and
// secret data are never read into the model.
#include "core/json/ModelParser.h"
#include "core/json/detail/JsonAccess.h"

#include <array>

namespace drydock::json {

using namespace detail;

namespace {

// Standard base64 (RFC 4648) with optional padding; whitespace is skipped. nullopt when anything else
// appears, so a config with corrupt data keeps empty data instead of garbage.
std::optional<std::string> decodeBase64(std::string_view text)
{
    static const std::array<int, 256> table = [] {
        std::array<int, 256> t{};
        t.fill(-1);
        const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (std::size_t i = 0; i < alphabet.size(); ++i) {
            t[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
        }
        return t;
    }();
    std::string out;
    out.reserve(text.size() / 4 * 3);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t symbols = 0;
    std::size_t padding = 0;
    for (const char ch : text) {
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            continue;
        }
        if (ch == '=') {
            ++padding;
            continue;
        }
        const int v = table[static_cast<unsigned char>(ch)];
        if (v < 0 || padding > 0) {
            return std::nullopt; // foreign character, or data after padding
        }
        ++symbols;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    if (symbols % 4 == 1 || padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0)) {
        return std::nullopt;
    }
    return out;
}

SwarmNode readNode(const Json& j)
{
    SwarmNode n;
    n.id = str(j, "ID");
    if (const Json* spec = object(j, "Spec")) {
        n.role = str(*spec, "Role");
        n.availability = str(*spec, "Availability");
    }
    if (const Json* desc = object(j, "Description")) {
        n.hostname = str(*desc, "Hostname");
        if (const Json* engine = object(*desc, "Engine")) {
            n.engineVersion = str(*engine, "EngineVersion");
        }
        if (const Json* tls = object(*desc, "TLSInfo")) {
            n.tlsTrustRootPem = str(*tls, "TrustRoot");
        }
    }
    if (const Json* status = object(j, "Status")) {
        n.state = str(*status, "State");
        n.addr = str(*status, "Addr");
    }
    if (const Json* manager = object(j, "ManagerStatus")) {
        n.leader = boolean(*manager, "Leader");
    }
    return n;
}

SwarmSecret readSecret(const Json& j)
{
    SwarmSecret s;
    s.id = str(j, "ID");
    s.createdAt = str(j, "CreatedAt");
    s.updatedAt = str(j, "UpdatedAt");
    if (const Json* spec = object(j, "Spec")) {
        s.name = str(*spec, "Name");
        s.labels = stringMap(*spec, "Labels");
        if (const Json* driver = object(*spec, "Driver")) {
            s.driver = str(*driver, "Name");
        }
        // Spec.Data is never returned for secrets; were it ever, it is deliberately not read.
    }
    return s;
}

SwarmConfig readConfig(const Json& j)
{
    SwarmConfig c;
    c.id = str(j, "ID");
    c.createdAt = str(j, "CreatedAt");
    c.updatedAt = str(j, "UpdatedAt");
    if (const Json* spec = object(j, "Spec")) {
        c.name = str(*spec, "Name");
        c.labels = stringMap(*spec, "Labels");
        c.data = decodeBase64(str(*spec, "Data")).value_or(std::string());
    }
    return c;
}

} // namespace

Result<SwarmCluster> parseSwarm(std::string_view body)
{
    constexpr std::string_view kind = "swarm inspect";
    return guarded(kind, [&]() -> Result<SwarmCluster> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        const Json& j = *doc;
        SwarmCluster s;
        s.id = str(j, "ID");
        s.createdAt = str(j, "CreatedAt");
        s.updatedAt = str(j, "UpdatedAt");
        if (const Json* spec = object(j, "Spec")) {
            if (const Json* enc = object(*spec, "EncryptionConfig")) {
                s.autoLockManagers = boolean(*enc, "AutoLockManagers");
            }
            if (const Json* ca = object(*spec, "CAConfig")) {
                s.nodeCertExpiryNs = i64(*ca, "NodeCertExpiry");
            }
        }
        if (const Json* tls = object(j, "TLSInfo")) {
            s.trustRootPem = str(*tls, "TrustRoot");
        }
        s.rootRotationInProgress = boolean(j, "RootRotationInProgress");
        // JoinTokens are credentials to join the cluster: never read.
        return s;
    });
}

Result<bool> parseUnlockKeySet(std::string_view body)
{
    constexpr std::string_view kind = "swarm unlock key answer";
    return guarded(kind, [&]() -> Result<bool> {
        auto doc = parseDocument(body, kind, TopLevel::Object);
        if (!doc) {
            return doc.error();
        }
        // Only whether a key exists is kept; the key is not copied anywhere.
        const Json* key = member(*doc, "UnlockKey");
        return key && key->is_string() && !key->get_ref<const std::string&>().empty();
    });
}

Result<std::vector<SwarmNode>> parseNodes(std::string_view body)
{
    return objectList<SwarmNode>(body, "node list", readNode);
}

Result<std::vector<SwarmSecret>> parseSecrets(std::string_view body)
{
    return objectList<SwarmSecret>(body, "secret list", readSecret);
}

Result<std::vector<SwarmConfig>> parseConfigs(std::string_view body)
{
    return objectList<SwarmConfig>(body, "config list", readConfig);
}

} // namespace drydock::json
