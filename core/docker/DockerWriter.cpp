#include "core/docker/DockerWriter.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/docker/StreamDemux.h"
#include "core/docker/UrlEncoding.h"
#include "core/json/ModelParser.h"

#include <nlohmann/json.hpp>

namespace drydock {

namespace {

// Creating and starting a container answers quickly; stop waits for the container's own stop timeout.
constexpr long kWriteTimeoutMs = 60000;
// An exec in a trial reads a few small files: one that takes longer is not what Drydock started.
constexpr long kExecTimeoutMs = 10000;
constexpr std::string_view kTrialMarker = "-drydock-trial-";

// The body of POST /containers/{id}/update that changes the restart policy and nothing else.
std::string restartPolicyUpdateBody(const std::string& policyName, int maximumRetryCount)
{
    return nlohmann::json({{"RestartPolicy", {{"Name", policyName}, {"MaximumRetryCount", maximumRetryCount}}}}).dump();
}

bool isSegment(std::string_view s)
{
    return !s.empty() && s.find('/') == std::string_view::npos && s != "." && s != "..";
}

} // namespace

DockerWriter::DockerWriter(Transport& transport, ApiVersion version, ActionLog log)
    : m_transport(transport), m_version(version), m_log(std::move(log))
{
}

bool DockerWriter::isAllowed(const std::string& method, const std::string& fullPath)
{
    // "/v1.45/containers/abc/start?x" -> "containers/abc/start" and "x"
    if (!startsWith(fullPath, "/v")) {
        return false;
    }
    const std::size_t afterVersion = fullPath.find('/', 1);
    if (afterVersion == std::string::npos) {
        return false;
    }
    const std::string rest = fullPath.substr(afterVersion + 1);
    const std::size_t q = rest.find('?');
    const std::string path = rest.substr(0, q);
    const std::string query = q == std::string::npos ? std::string() : rest.substr(q + 1);
    const StringList parts = split(path, '/');
    for (const auto& p : parts) {
        if (!isSegment(p)) {
            return false;
        }
    }
    // Volumes must survive everything the walkthrough does: a query that asks for them is never sent.
    for (const auto& kv : split(query, '&')) {
        if (startsWith(kv, "v=") || kv == "v" || startsWith(kv, "link=")) {
            return false;
        }
    }
    if (parts.size() == 2 && parts[0] == "containers" && parts[1] == "create") {
        return method == "POST" && startsWith(query, "name=");
    }
    if (parts.size() == 2 && parts[0] == "containers") {
        return method == "DELETE" && query == "force=1";
    }
    if (parts.size() == 3 && parts[0] == "containers") {
        if (parts[2] == "start" || parts[2] == "stop" || parts[2] == "rename") {
            return method == "POST";
        }
        if (parts[2] == "update") {
            return method == "POST" && query.empty();
        }
        if (parts[2] == "archive") {
            return method == "PUT" && startsWith(query, "path=");
        }
        return false;
    }
    if (parts.size() == 3 && parts[0] == "networks" && parts[2] == "connect") {
        return method == "POST" && query.empty();
    }
    return false;
}

bool DockerWriter::allows(const std::string& method, const std::string& fullPath) const
{
    if (isAllowed(method, fullPath)) {
        return true;
    }
    const std::string prefix = "/v" + m_version.toString() + "/";
    return method == "POST" && startsWith(fullPath, prefix) &&
           m_trialExecPaths.count(fullPath.substr(prefix.size())) > 0;
}

Result<std::string> DockerWriter::send(const std::string& method, const std::string& pathAndQuery,
                                       std::string body, const std::string& contentType, long timeoutMs)
{
    HttpRequest request;
    request.method = method;
    request.path = "/v" + m_version.toString() + "/" + pathAndQuery;
    request.body = std::move(body);
    request.contentType = contentType;
    request.timeoutMs = timeoutMs;
    WriteRecord record{method, request.path, 0, false, {}};
    if (!allows(method, request.path)) {
        record.message = "refused by the writer's allow-list; nothing was sent";
        if (m_log) {
            m_log(record);
        }
        return Error::make(ErrorCode::Internal, "Drydock refused to send " + method + " " +
                                                    truncateUtf8(request.path, 120) +
                                                    ": the hardening walkthrough may not make that change.");
    }
    auto response = m_transport.send(request);
    if (!response) {
        record.message = response.error().message;
        if (m_log) {
            m_log(record);
        }
        return response.error();
    }
    record.status = response->status;
    record.ok = response->status >= 200 && response->status <= 299;
    if (!record.ok) {
        std::string message = json::parseErrorMessage(response->body);
        if (message.empty()) {
            message = terminalText(trim(response->body), 300);
        }
        record.message = maskUrlCredentials(message);
        if (m_log) {
            m_log(record);
        }
        return Error::make(ErrorCode::HttpError,
                           "The Docker daemon at " + m_transport.describe() + " answered HTTP " +
                               std::to_string(response->status) + " to " + method + " " +
                               truncateUtf8(request.path, 160) + (message.empty() ? "." : ": " + message),
                           response->status);
    }
    if (m_log) {
        m_log(record);
    }
    return std::move(response->body);
}

Result<std::string> DockerWriter::createContainer(const std::string& name, const std::string& body)
{
    auto answer =
        send("POST", "containers/create?name=" + urlEncode(name), body, "application/json", kWriteTimeoutMs);
    if (!answer) {
        return answer.error();
    }
    auto id = json::parseCreatedId(answer.value());
    if (!id) {
        return id.error();
    }
    if (name.find(kTrialMarker) != std::string::npos) {
        m_trialExecPaths.insert("containers/" + urlEncode(id.value()) + "/exec");
    }
    return id.value();
}

Result<void> DockerWriter::startContainer(const std::string& id)
{
    auto r = send("POST", "containers/" + urlEncode(id) + "/start", {}, {}, kWriteTimeoutMs);
    return r ? success() : Result<void>(r.error());
}

Result<void> DockerWriter::stopContainer(const std::string& id, int timeoutSeconds)
{
    auto r = send("POST", "containers/" + urlEncode(id) + "/stop?t=" + std::to_string(timeoutSeconds), {}, {},
                  kWriteTimeoutMs + timeoutSeconds * 1000L);
    // 304: already stopped — what we wanted.
    if (!r && r.error().httpStatus == 304) {
        return success();
    }
    return r ? success() : Result<void>(r.error());
}

Result<void> DockerWriter::renameContainer(const std::string& id, const std::string& newName)
{
    auto r = send("POST", "containers/" + urlEncode(id) + "/rename?name=" + urlEncode(newName), {}, {},
                  kWriteTimeoutMs);
    return r ? success() : Result<void>(r.error());
}

Result<void> DockerWriter::setRestartPolicy(const std::string& id, const std::string& policyName,
                                            int maximumRetryCount)
{
    const std::string body = restartPolicyUpdateBody(policyName, maximumRetryCount);
    auto r =
        send("POST", "containers/" + urlEncode(id) + "/update", body, "application/json", kWriteTimeoutMs);
    return r ? success() : Result<void>(r.error());
}

Result<void> DockerWriter::removeContainer(const std::string& id)
{
    auto r = send("DELETE", "containers/" + urlEncode(id) + "?force=1", {}, {}, kWriteTimeoutMs);
    if (r) {
        m_trialExecPaths.erase("containers/" + urlEncode(id) + "/exec");
    }
    return r ? success() : Result<void>(r.error());
}

Result<void> DockerWriter::putArchive(const std::string& id, const std::string& directory,
                                      const std::string& tar)
{
    auto r = send("PUT", "containers/" + urlEncode(id) + "/archive?path=" + urlEncode(directory), tar,
                  "application/x-tar", kWriteTimeoutMs);
    return r ? success() : Result<void>(r.error());
}

Result<void> DockerWriter::connectNetwork(const std::string& network, const std::string& containerId,
                                          const std::string& body)
{
    (void)containerId; // named in the body; kept in the signature so call sites read clearly
    auto r = send("POST", "networks/" + urlEncode(network) + "/connect", body, "application/json",
                  kWriteTimeoutMs);
    return r ? success() : Result<void>(r.error());
}

Result<std::string> DockerWriter::execInTrial(const std::string& containerId, const StringList& command)
{
    // No User: the exec runs as the container's own user; never privileged, never a TTY.
    const std::string createBody = nlohmann::json({{"AttachStdin", false},
                                                   {"AttachStdout", true},
                                                   {"AttachStderr", true},
                                                   {"Tty", false},
                                                   {"Privileged", false},
                                                   {"Cmd", command}})
                                       .dump();
    auto created =
        send("POST", "containers/" + urlEncode(containerId) + "/exec", createBody, "application/json", kExecTimeoutMs);
    if (!created) {
        return created.error();
    }
    auto execId = json::parseCreatedId(created.value());
    if (!execId) {
        return execId.error();
    }
    const std::string startPath = "exec/" + urlEncode(execId.value()) + "/start";
    m_trialExecPaths.insert(startPath);
    auto output = send("POST", startPath, R"({"Detach":false,"Tty":false})", "application/json", kExecTimeoutMs);
    m_trialExecPaths.erase(startPath); // an exec runs once
    if (!output) {
        return output.error();
    }
    return demuxStream(output.value());
}

} // namespace drydock
