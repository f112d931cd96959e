#include "core/docker/ContextResolver.h"

#include "core/common/SecretMasker.h"
#include "core/common/Sha256.h"
#include "core/common/Strings.h"
#include "core/docker/EndpointNames.h"

#include <nlohmann/json.hpp>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace drydock {

namespace {

constexpr const char* kDefaultSocket = "/var/run/docker.sock";
constexpr int kDefaultPlainPort = 2375;
constexpr int kDefaultTlsPort = 2376;
// config.json and meta.json are small; anything bigger is not what we look for.
constexpr std::uintmax_t kMaxConfigBytes = 4 * 1024 * 1024;

// ---- the real file system, used when a test does not inject its own ----

bool realIsSocket(const std::string& path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

bool realFileExists(const std::string& path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool realReadFile(const std::string& path, std::string& contents)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size > kMaxConfigBytes) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    contents = buffer.str();
    return true;
}

std::vector<std::string> realListDirectory(const std::string& dir)
{
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        names.push_back(it->path().filename().string());
    }
    return names;
}

// ---- small helpers over the injected environment ----

std::string variable(const ResolverEnvironment& env, const std::string& name)
{
    // Like the docker CLI, an empty variable counts as unset.
    const auto it = env.variables.find(name);
    return it == env.variables.end() ? std::string() : it->second;
}

bool isSocket(const ResolverEnvironment& env, const std::string& path)
{
    return env.isSocket ? env.isSocket(path) : realIsSocket(path);
}

bool fileExists(const ResolverEnvironment& env, const std::string& path)
{
    return env.fileExists ? env.fileExists(path) : realFileExists(path);
}

bool readFile(const ResolverEnvironment& env, const std::string& path, std::string& contents)
{
    return env.readFile ? env.readFile(path, contents) : realReadFile(path, contents);
}

std::vector<std::string> listDirectory(const ResolverEnvironment& env, const std::string& dir)
{
    return env.listDirectory ? env.listDirectory(dir) : realListDirectory(dir);
}

std::string homeDir(const ResolverEnvironment& env)
{
    return env.homeDir.empty() ? variable(env, "HOME") : env.homeDir;
}

// $DOCKER_CONFIG, else ~/.docker: where config.json and the context store live.
std::string configDir(const ResolverEnvironment& env)
{
    const std::string dir = variable(env, "DOCKER_CONFIG");
    return dir.empty() ? homeDir(env) + "/.docker" : dir;
}

std::string contextMetaPath(const ResolverEnvironment& env, const std::string& name)
{
    return configDir(env) + "/contexts/meta/" + Sha256::hex(name) + "/meta.json";
}

std::string contextTlsDir(const ResolverEnvironment& env, const std::string& name)
{
    return configDir(env) + "/contexts/tls/" + Sha256::hex(name) + "/docker";
}

bool parsePort(std::string_view text, int& port)
{
    if (text.empty() || text.size() > 5 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    std::from_chars(text.data(), text.data() + text.size(), port);
    return port >= 1 && port <= 65535;
}

Error invalidHost(const std::string& uri, const std::string& why)
{
    // A host may carry credentials ("ssh://me:pw@host"); they never reach a message.
    return Error::make(ErrorCode::InvalidArgument,
                       "The Docker host \"" + terminalText(maskUrlCredentials(uri), 120) + "\" " + why);
}

// "[::1]:2376", "host:2375", "host", ":2375" (docker fills in localhost), optionally followed by "/".
Result<DockerEndpoint> parseTcp(const std::string& uri, std::string_view address, bool tls)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Tcp;
    e.tls = tls;
    const auto slash = address.find('/');
    if (slash != std::string_view::npos) {
        if (address.substr(slash) != "/") {
            return invalidHost(uri, "has a path; Drydock connects to a daemon's root only. Remove the path.");
        }
        address = address.substr(0, slash);
    }
    std::string_view host = address;
    std::string_view port;
    if (startsWith(address, "[")) {
        const auto close = address.find(']');
        if (close == std::string_view::npos) {
            return invalidHost(uri, "has an unterminated IPv6 address; write it as tcp://[::1]:2376.");
        }
        host = address.substr(1, close - 1);
        const auto rest = address.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                return invalidHost(uri, "is not of the form tcp://[address]:port.");
            }
            port = rest.substr(1);
        }
    } else {
        const auto colon = address.find(':');
        if (colon != std::string_view::npos) {
            if (address.find(':', colon + 1) != std::string_view::npos) {
                return invalidHost(uri, "has too many colons; write an IPv6 address as tcp://[::1]:2376.");
            }
            host = address.substr(0, colon);
            port = address.substr(colon + 1);
        }
    }
    e.host = host.empty() ? "localhost" : std::string(host);
    if (port.empty()) {
        e.port = tls ? kDefaultTlsPort : kDefaultPlainPort;
    } else if (!parsePort(port, e.port)) {
        return invalidHost(uri, "has an invalid port \"" + truncateUtf8(port, 20) +
                                    "\"; use a number from 1 to 65535.");
    }
    return e;
}

Result<DockerEndpoint> parseSsh(const std::string& uri, std::string_view address)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Ssh;
    const auto slash = address.find('/');
    if (slash != std::string_view::npos) {
        address = address.substr(0, slash); // a remote socket path; dial-stdio ignores it too
    }
    const auto at = address.rfind('@');
    if (at != std::string_view::npos) {
        auto user = address.substr(0, at);
        const auto colon = user.find(':');
        if (colon != std::string_view::npos) {
            return invalidHost(
                uri, "contains a password; use an SSH key or agent instead of a password in the URL.");
        }
        e.sshUser = std::string(user);
        address = address.substr(at + 1);
    }
    if (address.empty() || startsWith(address, ":")) {
        return invalidHost(uri, "names no host; use ssh://user@host.");
    }
    auto parsed = parseTcp(uri, address, false);
    if (!parsed) {
        return parsed.error();
    }
    e.host = parsed->host;
    const bool hasPort = startsWith(address, "[") ? address.find("]:") != std::string_view::npos
                                                  : address.find(':') != std::string_view::npos;
    e.port = hasPort ? parsed->port : 0;
    return e;
}

Result<DockerEndpoint> parseHostWithTls(const std::string& uri, bool tls)
{
    const std::string text = trim(uri);
    if (text.empty()) {
        return Error::make(ErrorCode::InvalidArgument,
                           "The Docker host is empty; use e.g. unix:///var/run/docker.sock.");
    }
    const auto sep = text.find("://");
    // Like the docker CLI, a bare "host:port" is TCP.
    const std::string scheme = sep == std::string::npos ? "tcp" : toLower(text.substr(0, sep));
    const std::string_view rest =
        sep == std::string::npos ? std::string_view(text) : std::string_view(text).substr(sep + 3);

    if (scheme == "unix") {
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = rest.empty() ? std::string(kDefaultSocket) : std::string(rest);
        return e;
    }
    if (scheme == "tcp" || scheme == "ssh") {
        auto e = scheme == "tcp" ? parseTcp(text, rest, tls) : parseSsh(text, rest);
        if (e) {
            if (auto ok = checkEndpointNames(e.value()); !ok) {
                return ok.error();
            }
        }
        return e;
    }
    if (scheme == "npipe") {
        return invalidHost(text,
                           "is a Windows named pipe, which does not exist on Linux; use unix:// or tcp://.");
    }
    if (scheme == "fd") {
        return invalidHost(text,
                           "is a socket-activation address that only dockerd itself can listen on; connect "
                           "to unix:///var/run/docker.sock instead.");
    }
    if (scheme == "http" || scheme == "https") {
        return invalidHost(text, "uses " + scheme +
                                     "://; the docker CLI and Drydock expect tcp://host:port "
                                     "(TLS comes from DOCKER_TLS_VERIFY or the context).");
    }
    return invalidHost(text, "has the unknown scheme \"" + truncateUtf8(scheme, 20) +
                                 "\"; use unix://, tcp:// or ssh://.");
}

// The TLS files of DOCKER_CERT_PATH (default: the config dir), exactly the ones the docker CLI would use.
void applyEnvironmentTls(const ResolverEnvironment& env, DockerEndpoint& e)
{
    const bool verify = !variable(env, "DOCKER_TLS_VERIFY").empty();
    const bool tls = verify || !variable(env, "DOCKER_TLS").empty();
    if (e.kind != DockerEndpoint::Kind::Tcp || !tls) {
        e.tls = false;
        return;
    }
    std::string certPath = variable(env, "DOCKER_CERT_PATH");
    if (certPath.empty()) {
        certPath = configDir(env);
    }
    e.tls = true;
    // DOCKER_TLS alone is the user's explicit choice of encryption without verification (docker --tls).
    e.tlsVerify = verify;
    // With verification the CA is always named so a missing ca.pem fails loudly; without it, as in the docker
    // CLI, a missing ca.pem is simply not used. Client cert and key only when present.
    e.caFile = verify || fileExists(env, certPath + "/ca.pem") ? certPath + "/ca.pem" : std::string();
    e.certFile = fileExists(env, certPath + "/cert.pem") ? certPath + "/cert.pem" : std::string();
    e.keyFile = fileExists(env, certPath + "/key.pem") ? certPath + "/key.pem" : std::string();
}

std::optional<nlohmann::json> parseJsonObject(const std::string& text)
{
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return std::nullopt;
    }
    return parsed;
}

std::string stringField(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// currentContext from config.json. Like the docker CLI, a missing or unreadable config.json means no
// current context (docker warns and goes on with the defaults).
std::string currentContextFromConfig(const ResolverEnvironment& env)
{
    std::string text;
    if (!readFile(env, configDir(env) + "/config.json", text)) {
        return {};
    }
    const auto config = parseJsonObject(text);
    return config ? stringField(*config, "currentContext") : std::string();
}

// The fields of a docker CLI context's meta.json that name its daemon.
struct ContextMeta
{
    std::string name;
    std::string description;
    std::string host;
    bool skipTlsVerify = false;
};

Result<ContextMeta> readContextMeta(const ResolverEnvironment& env, const std::string& name,
                                    const std::string& origin)
{
    const std::string path = contextMetaPath(env, name);
    std::string text;
    if (!readFile(env, path, text)) {
        return Error::make(ErrorCode::NotFound,
                           "The Docker context \"" + terminalText(name, 80) + "\" (from " + origin +
                               ") does not exist: there is no " + path +
                               ". `docker context ls` lists the contexts; choose one of them, or `default`.");
    }
    const auto meta = parseJsonObject(text);
    if (!meta) {
        return Error::make(ErrorCode::InvalidArgument,
                           "The Docker context \"" + terminalText(name, 80) + "\" is damaged: " + path +
                               " is not a valid JSON object. Repair the file, or recreate the context with "
                               "`docker context rm` and `docker context create`.");
    }
    ContextMeta m;
    m.name = stringField(*meta, "Name");
    if (const auto md = meta->find("Metadata"); md != meta->end() && md->is_object()) {
        m.description = stringField(*md, "Description");
    }
    const auto endpoints = meta->find("Endpoints");
    const nlohmann::json* docker = nullptr;
    if (endpoints != meta->end() && endpoints->is_object()) {
        if (const auto d = endpoints->find("docker"); d != endpoints->end() && d->is_object()) {
            docker = &*d;
        }
    }
    if (!docker) {
        return Error::make(ErrorCode::InvalidArgument, "The Docker context \"" + terminalText(name, 80) +
                                                           "\" has no Docker endpoint in " + path +
                                                           ". Recreate it with `docker context create " +
                                                           terminalText(name, 80) + " --docker host=…`.");
    }
    m.host = stringField(*docker, "Host");
    if (const auto skip = docker->find("SkipTLSVerify"); skip != docker->end() && skip->is_boolean()) {
        m.skipTlsVerify = skip->get<bool>();
    }
    return m;
}

} // namespace

ResolverEnvironment ResolverEnvironment::fromProcess()
{
    ResolverEnvironment env;
    for (const char* name : {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY",
                             "DOCKER_TLS", "DOCKER_CERT_PATH", "XDG_RUNTIME_DIR", "HOME"}) {
        if (const char* value = std::getenv(name); value && *value) {
            env.variables[name] = value;
        }
    }
    env.homeDir = variable(env, "HOME");
    if (env.homeDir.empty()) {
        if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir) {
            env.homeDir = pw->pw_dir;
        }
    }
    env.isSocket = realIsSocket;
    env.readFile = realReadFile;
    env.listDirectory = realListDirectory;
    env.fileExists = realFileExists;
    return env;
}

ContextResolver::ContextResolver(ResolverEnvironment environment) : m_env(std::move(environment)) {}

Result<DockerEndpoint> ContextResolver::parseHost(const std::string& uri)
{
    return parseHostWithTls(uri, false);
}

namespace {

// The "default" context: the --host flag or DOCKER_HOST, else the local socket (with rootless and Podman
// sockets as fall-backs when the standard one is missing — a Drydock convenience the docker CLI lacks).
Result<DockerEndpoint> defaultEndpoint(const ResolverEnvironment& env, const std::string& host,
                                       const std::string& source)
{
    const bool tls = !variable(env, "DOCKER_TLS_VERIFY").empty() || !variable(env, "DOCKER_TLS").empty();
    if (!host.empty()) {
        auto e = parseHostWithTls(host, tls);
        if (!e) {
            Error error = e.error();
            error.message += " (set by " + source + ")";
            return error;
        }
        applyEnvironmentTls(env, e.value());
        e->source = source;
        return e;
    }
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = kDefaultSocket;
    e.source = source;
    if (isSocket(env, kDefaultSocket)) {
        return e;
    }
    const std::string runtimeDir = variable(env, "XDG_RUNTIME_DIR");
    const std::vector<std::pair<std::string, std::string>> fallbacks = {
        {runtimeDir.empty() ? std::string() : runtimeDir + "/docker.sock", "rootless Docker"},
        {runtimeDir.empty() ? std::string() : runtimeDir + "/podman/podman.sock", "Podman (rootless)"},
        {"/run/podman/podman.sock", "Podman"},
    };
    for (const auto& [path, what] : fallbacks) {
        if (!path.empty() && isSocket(env, path)) {
            e.socketPath = path;
            e.source = source + ": " + what + " (" + kDefaultSocket + " is missing)";
            return e;
        }
    }
    return e; // the standard socket, so the connect error names it
}

Result<DockerEndpoint> contextEndpoint(const ResolverEnvironment& env, const std::string& name,
                                       const std::string& origin, const std::string& source)
{
    if (name == "default") {
        auto e = defaultEndpoint(env, variable(env, "DOCKER_HOST"),
                                 variable(env, "DOCKER_HOST").empty() ? source : "DOCKER_HOST");
        if (e) {
            e->contextName = "default";
        }
        return e;
    }
    auto meta = readContextMeta(env, name, origin);
    if (!meta) {
        return meta.error();
    }
    const std::string tlsDir = contextTlsDir(env, name);
    const std::string ca = tlsDir + "/ca.pem";
    const std::string cert = tlsDir + "/cert.pem";
    const std::string key = tlsDir + "/key.pem";
    const bool hasCa = fileExists(env, ca);
    const bool hasCert = fileExists(env, cert);
    const bool hasKey = fileExists(env, key);
    // As in the docker CLI: a context speaks TLS when it stores TLS material or asks to skip verification.
    const bool tls = hasCa || hasCert || hasKey || meta->skipTlsVerify;

    auto e = meta->host.empty() ? parseHostWithTls(std::string("unix://") + kDefaultSocket, tls)
                                : parseHostWithTls(meta->host, tls);
    if (!e) {
        return Error::make(ErrorCode::InvalidArgument, "The Docker context \"" + terminalText(name, 80) +
                                                           "\" has an unusable host: " + e.error().message);
    }
    if (e->kind == DockerEndpoint::Kind::Tcp && tls) {
        e->tls = true;
        e->tlsVerify = !meta->skipTlsVerify;
        e->caFile = hasCa ? ca : std::string();
        e->certFile = hasCert ? cert : std::string();
        e->keyFile = hasKey ? key : std::string();
    }
    e->contextName = name;
    e->source = source;
    return e;
}

// Which context applies when no flag is given: DOCKER_HOST forces "default", then DOCKER_CONTEXT, then
// config.json.
std::pair<std::string, std::string> currentContextName(const ResolverEnvironment& env)
{
    if (!variable(env, "DOCKER_HOST").empty()) {
        return {"default", "DOCKER_HOST"};
    }
    if (const std::string name = variable(env, "DOCKER_CONTEXT"); !name.empty()) {
        return {name, "DOCKER_CONTEXT"};
    }
    if (const std::string name = currentContextFromConfig(env); !name.empty()) {
        return {name, "config.json"};
    }
    return {"default", "default"};
}

} // namespace

Result<DockerEndpoint> ContextResolver::resolve(const std::string& hostFlag,
                                                const std::string& contextFlag) const
{
    if (!hostFlag.empty() && !contextFlag.empty()) {
        // The docker CLI refuses this combination rather than silently preferring one.
        return Error::make(ErrorCode::InvalidArgument,
                           "Conflicting options: give either --host or --context, not both.");
    }
    if (!hostFlag.empty()) {
        return defaultEndpoint(m_env, hostFlag, "--host");
    }
    if (!contextFlag.empty()) {
        return contextEndpoint(m_env, contextFlag, "--context", "--context " + contextFlag);
    }
    const auto [name, origin] = currentContextName(m_env);
    if (origin == "DOCKER_HOST") {
        return defaultEndpoint(m_env, variable(m_env, "DOCKER_HOST"), "DOCKER_HOST");
    }
    if (origin == "DOCKER_CONTEXT") {
        return contextEndpoint(m_env, name, "DOCKER_CONTEXT", "DOCKER_CONTEXT " + name);
    }
    if (origin == "config.json") {
        return contextEndpoint(m_env, name, "currentContext in " + configDir(m_env) + "/config.json",
                               "context " + name + " (config.json)");
    }
    return defaultEndpoint(m_env, {}, "default");
}

std::vector<DockerContextInfo> ContextResolver::listContexts() const
{
    const std::string current = currentContextName(m_env).first;
    std::vector<DockerContextInfo> out;

    DockerContextInfo def;
    def.name = "default";
    def.description = "Current DOCKER_HOST based configuration";
    if (auto e = contextEndpoint(m_env, "default", "default", "default")) {
        def.endpoint = e.value();
    }
    def.current = current == "default";
    out.push_back(std::move(def));

    std::vector<DockerContextInfo> stored;
    for (const auto& dir : listDirectory(m_env, configDir(m_env) + "/contexts/meta")) {
        std::string text;
        if (!readFile(m_env, configDir(m_env) + "/contexts/meta/" + dir + "/meta.json", text)) {
            continue;
        }
        const auto meta = parseJsonObject(text);
        const std::string name = meta ? stringField(*meta, "Name") : std::string();
        // Only entries whose directory really belongs to their name: the store is keyed by sha256(name).
        if (name.empty() || name == "default" || Sha256::hex(name) != dir) {
            continue;
        }
        auto metaInfo = readContextMeta(m_env, name, "the context store");
        auto endpoint = contextEndpoint(m_env, name, "the context store", "context " + name);
        if (!metaInfo || !endpoint) {
            continue; // a damaged context shows its clear error when someone chooses it
        }
        DockerContextInfo info;
        info.name = name;
        info.description = metaInfo->description;
        info.endpoint = endpoint.value();
        info.current = name == current;
        stored.push_back(std::move(info));
    }
    std::sort(stored.begin(), stored.end(),
              [](const DockerContextInfo& a, const DockerContextInfo& b) { return a.name < b.name; });
    out.insert(out.end(), std::make_move_iterator(stored.begin()), std::make_move_iterator(stored.end()));
    return out;
}

} // namespace drydock
