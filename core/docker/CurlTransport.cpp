#include "core/docker/CurlTransport.h"

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "core/json/ModelParser.h"

#include <curl/curl.h>

#include <sys/stat.h>
#include <sys/un.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace drydock {

namespace {

// An error answer of a stream is only read for its message; more than this is noise.
constexpr std::size_t kMaxStreamErrorBody = 64 * 1024;
// How often a stream wakes up to look at its CancelToken (the brief allows at most 200 ms).
constexpr int kPollIntervalMs = 100;
// A unix socket whose queue of waiting connections is full refuses a non-blocking connect at once, and
// libcurl swallows the EAGAIN (it reports no errno). A proxy in front of the socket meets that as soon as
// many requests start together (socat's queue holds five). That is "busy", not "nothing is listening": the
// request is sent again after a pause that doubles, about two seconds in all.
constexpr int kBusyRetries = 8;

std::chrono::milliseconds busyPause(int attempt)
{
    return std::chrono::milliseconds(std::min(400, 25 << std::min(attempt - 1, 4)));
}

void ensureCurlInitialised()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string sizeText(std::size_t bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
        return std::to_string(bytes / (1024 * 1024)) + " MiB";
    }
    return std::to_string(bytes) + " bytes";
}

std::string seconds(long ms)
{
    if (ms % 1000 == 0) {
        return std::to_string(ms / 1000) + " s";
    }
    return std::to_string(ms) + " ms";
}

// "GET /v1.51/containers/json?all=1", shortened so a long query never floods a message.
std::string describeRequest(const HttpRequest& request)
{
    return request.method + " " + truncateUtf8(request.path, 160);
}

// Paths are built by DockerClient, already encoded; anything that could split or smuggle a request is
// refused.
bool isSafePath(const std::string& path)
{
    if (path.empty() || path.front() != '/') {
        return false;
    }
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f || c == '#') {
            return false;
        }
    }
    return true;
}

bool isSafeMethod(const std::string& method)
{
    if (method.empty() || method.size() > 16) {
        return false;
    }
    for (const char c : method) {
        if (c < 'A' || c > 'Z') {
            return false;
        }
    }
    return true;
}

// One request on one easy handle, with everything its callbacks write into.
struct Transfer
{
    const HttpRequest* request = nullptr;
    std::size_t index = 0;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    std::array<char, CURL_ERROR_SIZE> errorBuffer{};
    HttpResponse response;
    std::size_t maxBytes = CurlTransport::kDefaultMaxResponseBytes;
    bool overflow = false;
    // Set once a connection is ready (new or reused), so a timeout can say whether connecting or answering
    // was slow: libcurl's connect time is 0 both for a connect that never finished and for a reused
    // connection.
    bool connected = false;

    // stream() only
    const std::function<bool(std::string_view)>* onChunk = nullptr;
    bool stoppedByCallback = false;
    bool callbackFailed = false;
    std::string errorBody;

    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer()
    {
        if (easy) {
            curl_easy_cleanup(easy);
        }
        if (headers) {
            curl_slist_free_all(headers);
        }
    }

    long status() const
    {
        long code = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
        return code;
    }
};

int onConnected(void* user, char*, char*, int, int)
{
    static_cast<Transfer*>(user)->connected = true;
    return CURL_PREREQFUNC_OK;
}

// libcurl calls this often while data moves and about once a second while it waits: a cancelled request
// ends there with CURLE_ABORTED_BY_CALLBACK.
int onTransferInfo(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto* t = static_cast<Transfer*>(user);
    return t->request && t->request->cancel.isCancelled() ? 1 : 0;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (t->onChunk) {
        const long status = t->status();
        if (status < 200 || status > 299) {
            const std::size_t room = kMaxStreamErrorBody - std::min(kMaxStreamErrorBody, t->errorBody.size());
            t->errorBody.append(data, std::min(room, bytes));
            return bytes;
        }
        // A C callback must not let an exception through; a failing handler ends the stream with an error.
        try {
            if (!(*t->onChunk)(std::string_view(data, bytes))) {
                t->stoppedByCallback = true;
                return 0;
            }
        } catch (...) {
            t->callbackFailed = true;
            return 0;
        }
        return bytes;
    }
    if (bytes > t->maxBytes - t->response.body.size()) {
        t->overflow = true;
        return 0;
    }
    try {
        t->response.body.append(data, bytes);
    } catch (...) {
        t->overflow = true;
        return 0;
    }
    return bytes;
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    std::string_view line(data, bytes);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    if (startsWith(line, "HTTP/")) {
        t->response.headers.clear(); // a new response begins (after a 100 Continue, say)
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return bytes;
    }
    try {
        const std::string name = toLower(trim(line.substr(0, colon)));
        const std::string value = trim(line.substr(colon + 1));
        auto [it, inserted] = t->response.headers.emplace(name, value);
        if (!inserted) {
            it->second += ", " + value;
        }
    } catch (...) {
        return 0;
    }
    return bytes;
}

// RAII for a multi handle.
struct MultiHandle
{
    CURLM* multi = curl_multi_init();
    MultiHandle() = default;
    MultiHandle(const MultiHandle&) = delete;
    MultiHandle& operator=(const MultiHandle&) = delete;
    ~MultiHandle()
    {
        if (multi) {
            curl_multi_cleanup(multi);
        }
    }
};

} // namespace

// CurlTransport's libcurl state: the endpoint, its base URL, limits and the pooled connections.
struct CurlTransport::Impl
{
    DockerEndpoint endpoint;
    std::string baseUrl;
    std::size_t maxBytes = kDefaultMaxResponseBytes;
    int maxInFlight = kMaxInFlight;
    MultiHandle pool; // owns the connection cache that sendAll and send reuse

    explicit Impl(DockerEndpoint e) : endpoint(std::move(e))
    {
        if (endpoint.kind == DockerEndpoint::Kind::Unix) {
            baseUrl = "http://localhost";
        } else {
            const bool ipv6 = endpoint.host.find(':') != std::string::npos;
            baseUrl = std::string(endpoint.tls ? "https://" : "http://") + (ipv6 ? "[" : "") + endpoint.host +
                      (ipv6 ? "]" : "") + ":" + std::to_string(endpoint.port);
        }
        if (pool.multi) {
            curl_multi_setopt(pool.multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(kMaxInFlight));
            curl_multi_setopt(pool.multi, CURLMOPT_MAXCONNECTS, long(kMaxInFlight));
        }
    }

    std::string where() const { return endpoint.display(); }

    // Prepares t for request; returns an error when the request cannot be sent at all.
    std::optional<Error> prepare(Transfer& t, const HttpRequest& request, bool streaming) const;
    Error mapFailure(CURLcode code, const Transfer& t) const;
    // True when t was refused because the unix socket's queue of waiting connections was full (kBusyRetries).
    bool refusedAsBusy(CURLcode code, const Transfer& t) const;
    Error clientCertificateRejected(const std::string& detail) const;
    Error overflowError(const HttpRequest& request) const;
};

std::optional<Error> CurlTransport::Impl::prepare(Transfer& t, const HttpRequest& request,
                                                  bool streaming) const
{
    if (!isSafePath(request.path)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "Refusing to send a request with the path \"" + truncateUtf8(request.path, 80) +
                               "\" to " + where() + ": it must start with / and be URL-encoded.");
    }
    if (!isSafeMethod(request.method)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "Refusing to send an HTTP request with an invalid method.");
    }
    if (endpoint.kind == DockerEndpoint::Kind::Unix &&
        endpoint.socketPath.size() >= sizeof(sockaddr_un::sun_path)) {
        return Error::make(ErrorCode::InvalidArgument,
                           "The socket path " + truncateUtf8(endpoint.socketPath, 120) +
                               " is longer than the " + std::to_string(sizeof(sockaddr_un::sun_path) - 1) +
                               " bytes a unix socket path may have — use a shorter path (a symlink works).");
    }
    t.request = &request;
    t.maxBytes = maxBytes;
    t.easy = curl_easy_init();
    if (!t.easy) {
        return Error::make(ErrorCode::Internal,
                           "libcurl could not create a request handle (out of memory?).");
    }
    CURL* e = t.easy;
    const std::string url = baseUrl + request.path;
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    if (endpoint.kind == DockerEndpoint::Kind::Unix) {
        curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, endpoint.socketPath.c_str());
    }
    // Daemon traffic carries environment values and secrets' metadata: it goes straight to the daemon,
    // never through an HTTP proxy picked up from the environment.
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
    if (!streaming && request.timeoutMs > 0) {
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, request.timeoutMs);
    }
    if (!streaming) {
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(maxBytes));
    }
    curl_easy_setopt(e, CURLOPT_USERAGENT, "Drydock/" DRYDOCK_VERSION);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorBuffer.data());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, &onConnected);
    curl_easy_setopt(e, CURLOPT_PREREQDATA, &t);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, &onTransferInfo);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);

    t.headers = curl_slist_append(t.headers, "Expect:");
    if (!request.contentType.empty()) {
        t.headers = curl_slist_append(t.headers, ("Content-Type: " + request.contentType).c_str());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);

    if (request.method == "GET") {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, request.body.c_str());
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    if (endpoint.kind == DockerEndpoint::Kind::Tcp && endpoint.tls) {
        curl_easy_setopt(e, CURLOPT_SSLVERSION, long(CURL_SSLVERSION_TLSv1_2));
        if (!endpoint.caFile.empty()) {
            // Like the docker CLI: a given ca.pem is the only trust anchor, the system store is not
            // consulted.
            curl_easy_setopt(e, CURLOPT_CAINFO, endpoint.caFile.c_str());
            curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
        }
        if (!endpoint.certFile.empty()) {
            curl_easy_setopt(e, CURLOPT_SSLCERT, endpoint.certFile.c_str());
            curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
        }
        if (!endpoint.keyFile.empty()) {
            curl_easy_setopt(e, CURLOPT_SSLKEY, endpoint.keyFile.c_str());
            curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
        }
        // Verification is off only when the user explicitly chose it (DOCKER_TLS without _VERIFY,
        // SkipTLSVerify in a context).
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, endpoint.tlsVerify ? 1L : 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, endpoint.tlsVerify ? 2L : 0L);
    }
    return std::nullopt;
}

Error CurlTransport::Impl::clientCertificateRejected(const std::string& detail) const
{
    if (endpoint.certFile.empty()) {
        return Error::make(
            ErrorCode::TlsFailure,
            "The Docker daemon at " + where() +
                " closed the TLS connection because it requires a client certificate and none is "
                "configured (" +
                detail +
                ") — put cert.pem and key.pem beside ca.pem in DOCKER_CERT_PATH, or in the "
                "context's TLS files.");
    }
    return Error::make(
        ErrorCode::TlsFailure,
        "The Docker daemon at " + where() + " rejected the client certificate " + endpoint.certFile + " (" +
            detail +
            ") — it must be signed by a CA the daemon trusts (its --tlscacert); check cert.pem and "
            "key.pem in DOCKER_CERT_PATH or the context's TLS files.");
}

Error CurlTransport::Impl::overflowError(const HttpRequest& request) const
{
    return Error::make(
        ErrorCode::MalformedResponse,
        "The answer of " + where() + " to " + describeRequest(request) + " is larger than " +
            sizeText(maxBytes) +
            "; Drydock stops reading there to protect memory. Remove unused objects on the daemon "
            "or report this as a bug.");
}

bool CurlTransport::Impl::refusedAsBusy(CURLcode code, const Transfer& t) const
{
    if (code != CURLE_COULDNT_CONNECT || endpoint.kind != DockerEndpoint::Kind::Unix) {
        return false;
    }
    long osErrno = 0;
    curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &osErrno);
    struct stat st
    {
    };
    return (osErrno == 0 || osErrno == EAGAIN) && ::stat(endpoint.socketPath.c_str(), &st) == 0 &&
           S_ISSOCK(st.st_mode);
}

Error CurlTransport::Impl::mapFailure(CURLcode code, const Transfer& t) const
{
    const HttpRequest& request = *t.request;
    std::string detail = t.errorBuffer[0] ? std::string(t.errorBuffer.data()) : curl_easy_strerror(code);
    detail = maskUrlCredentials(trim(detail));
    const bool tls = endpoint.kind == DockerEndpoint::Kind::Tcp && endpoint.tls;
    const bool answered = t.status() > 0;

    if (t.overflow) {
        return overflowError(request);
    }
    switch (code) {
    case CURLE_FILESIZE_EXCEEDED:
        return overflowError(request);
    case CURLE_COULDNT_CONNECT: {
        long osErrno = 0;
        curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &osErrno);
        return connectError(static_cast<int>(osErrno), endpoint);
    }
    case CURLE_COULDNT_RESOLVE_HOST:
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Cannot connect to the Docker daemon at " + where() + " — the host name \"" +
                               endpoint.host + "\" cannot be resolved. Check the spelling, or your DNS.");
    case CURLE_OPERATION_TIMEDOUT: {
        if (!t.connected) {
            return Error::make(ErrorCode::Timeout, "Connecting to the Docker daemon at " + where() +
                                                       " took longer than " + seconds(kConnectTimeoutMs) +
                                                       " — check that the host is up and no firewall drops "
                                                       "the connection.");
        }
        return Error::make(ErrorCode::Timeout,
                           "The Docker daemon at " + where() + " did not answer " + describeRequest(request) +
                               " within " + seconds(request.timeoutMs) +
                               " — it may be overloaded or hung; try again, or check the daemon's log.");
    }
    case CURLE_SSL_CACERT_BADFILE:
        return Error::make(
            ErrorCode::TlsFailure,
            "Cannot load the CA certificate " + (endpoint.caFile.empty() ? "store" : endpoint.caFile) +
                " for " + where() + " (" + detail +
                ") — check that the file exists and is a PEM certificate (DOCKER_CERT_PATH or the "
                "context's TLS files).");
    case CURLE_SSL_CERTPROBLEM:
        return Error::make(ErrorCode::TlsFailure,
                           "Cannot load the client certificate " + endpoint.certFile + " or its key " +
                               endpoint.keyFile + " for " + where() + " (" + detail +
                               ") — check that both files exist, are PEM, and belong together.");
    case CURLE_PEER_FAILED_VERIFICATION:
        return Error::make(
            ErrorCode::TlsFailure,
            "The TLS certificate of the Docker daemon at " + where() + " could not be verified (" + detail +
                ") — check that " + (endpoint.caFile.empty() ? std::string("the CA") : endpoint.caFile) +
                " is the CA that signed the daemon's certificate and that the certificate names "
                "this host.");
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
        // Under TLS 1.2 a refused client certificate surfaces as an alert during the handshake.
        if (code == CURLE_SSL_CLIENTCERT || containsIgnoreCase(detail, "alert certificate required") ||
            containsIgnoreCase(detail, "alert bad certificate") ||
            containsIgnoreCase(detail, "alert unknown ca") ||
            containsIgnoreCase(detail, "certificate unknown")) {
            return clientCertificateRejected(detail);
        }
        return Error::make(
            ErrorCode::TlsFailure,
            "The TLS handshake with the Docker daemon at " + where() + " failed (" + detail +
                ") — check the CA, the client certificate and key, and that the daemon expects "
                "TLS on this port.");
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        // Under TLS 1.3 the server checks the client certificate after the handshake has finished, so a
        // refusal arrives as a failed read before any HTTP answer.
        if (tls && !answered) {
            return clientCertificateRejected(detail);
        }
        if (endpoint.kind == DockerEndpoint::Kind::Tcp && !answered) {
            return Error::make(
                ErrorCode::DaemonUnreachable,
                "The connection to " + where() + " broke before it answered " + describeRequest(request) +
                    " (" + detail +
                    ") — if that daemon expects TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH "
                    "(or use a TLS context); otherwise it may have restarted, so try again.");
        }
        return Error::make(ErrorCode::DaemonUnreachable, "The connection to the Docker daemon at " + where() +
                                                             " broke during " + describeRequest(request) +
                                                             " (" + detail +
                                                             ") — the daemon may have restarted; try again.");
    case CURLE_PARTIAL_FILE:
        return Error::make(ErrorCode::DaemonUnreachable,
                           "The Docker daemon at " + where() +
                               " closed the connection in the middle of its answer to " +
                               describeRequest(request) + " — it may have restarted or crashed; try again.");
    case CURLE_GOT_NOTHING:
        return Error::make(
            ErrorCode::DaemonUnreachable,
            where() + " closed the connection without answering " + describeRequest(request) +
                " — check that this is a Docker daemon endpoint" +
                (tls ? std::string(".") : std::string(" and whether it expects TLS (DOCKER_TLS_VERIFY=1).")));
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_HTTP2:
        return Error::make(ErrorCode::MalformedResponse,
                           where() + " did not answer like a Docker daemon (" + detail +
                               ") — check the address" +
                               (tls ? std::string(".")
                                    : std::string(", and whether it expects TLS (DOCKER_TLS_VERIFY=1).")));
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return Error::make(ErrorCode::InvalidArgument,
                           "The endpoint " + where() + " is not a valid address (" + detail + ").");
    case CURLE_OUT_OF_MEMORY:
        return Error::make(ErrorCode::Internal, "Out of memory while talking to " + where() + ".");
    case CURLE_ABORTED_BY_CALLBACK:
        return Error::make(ErrorCode::Cancelled, "The request to " + where() + " was cancelled.");
    default:
        return Error::make(ErrorCode::DaemonUnreachable, "Talking to the Docker daemon at " + where() +
                                                             " failed during " + describeRequest(request) +
                                                             " (" + detail +
                                                             ") — check that the daemon is running.");
    }
}

CurlTransport::CurlTransport(DockerEndpoint endpoint)
{
    ensureCurlInitialised();
    m_impl = std::make_unique<Impl>(std::move(endpoint));
}

CurlTransport::~CurlTransport() = default;

const DockerEndpoint& CurlTransport::endpoint() const
{
    return m_impl->endpoint;
}

void CurlTransport::setMaxResponseBytes(std::size_t bytes)
{
    m_impl->maxBytes = bytes;
}

void CurlTransport::setMaxInFlight(int requests)
{
    m_impl->maxInFlight = std::max(1, std::min(requests, int(kMaxInFlight)));
    if (m_impl->pool.multi) {
        curl_multi_setopt(m_impl->pool.multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(m_impl->maxInFlight));
        curl_multi_setopt(m_impl->pool.multi, CURLMOPT_MAXCONNECTS, long(m_impl->maxInFlight));
    }
}

std::string CurlTransport::describe() const
{
    return m_impl->where();
}

Error CurlTransport::connectError(int osErrno, const DockerEndpoint& endpoint)
{
    const std::string where = endpoint.display();
    if (endpoint.kind == DockerEndpoint::Kind::Unix) {
        // curl does not always report errno for a unix socket; the file system tells the same story.
        if (osErrno == 0) {
            struct stat st
            {
            };
            if (::stat(endpoint.socketPath.c_str(), &st) != 0) {
                osErrno = errno == EACCES ? EACCES : ENOENT;
            } else if (!S_ISSOCK(st.st_mode)) {
                osErrno = ENOTSOCK;
            } else {
                osErrno = EAGAIN; // a stale socket reports ECONNREFUSED; libcurl drops only EAGAIN
            }
        }
        switch (osErrno) {
        case EACCES:
        case EPERM:
            return Error::make(
                ErrorCode::PermissionDenied,
                "Permission denied on " + endpoint.socketPath +
                    " — add your user to the `docker` group (then log in again) or choose another "
                    "endpoint.");
        case ENOENT:
            return Error::make(ErrorCode::DaemonUnreachable,
                               "Cannot connect to the Docker daemon at " + where +
                                   " — is dockerd running? The socket does not exist; start the daemon (for "
                                   "example `sudo systemctl start docker`) or choose another endpoint.");
        case ECONNREFUSED:
            return Error::make(
                ErrorCode::DaemonUnreachable,
                "Cannot connect to the Docker daemon at " + where +
                    " — is dockerd running? The socket exists but nothing is listening on it; "
                    "start the daemon (for example `sudo systemctl start docker`) or choose another "
                    "endpoint.");
        case EAGAIN:
            return Error::make(ErrorCode::DaemonUnreachable,
                               "Cannot connect to the Docker daemon at " + where +
                                   " — the socket takes no more connections (its queue of waiting "
                                   "connections stayed full); the daemon, or a proxy in front of the socket, "
                                   "is overloaded. Try again, or give the proxy a longer queue.");
        case ENOTSOCK:
            return Error::make(ErrorCode::DaemonUnreachable,
                               "Cannot connect to the Docker daemon at " + where + " — " +
                                   endpoint.socketPath +
                                   " is not a socket. Check the endpoint (DOCKER_HOST or the context).");
        default:
            return Error::make(ErrorCode::DaemonUnreachable,
                               "Cannot connect to the Docker daemon at " + where + " (" +
                                   std::strerror(osErrno) + ") — is dockerd running? Check the endpoint.");
        }
    }
    switch (osErrno) {
    case ECONNREFUSED:
        return Error::make(
            ErrorCode::DaemonUnreachable,
            "Cannot connect to the Docker daemon at " + where +
                " — connection refused. Is dockerd running and listening on that address and port?");
    case EHOSTUNREACH:
    case ENETUNREACH:
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Cannot connect to the Docker daemon at " + where +
                               " — the host is unreachable. Check the address and your network.");
    case ETIMEDOUT:
        return Error::make(ErrorCode::Timeout,
                           "Connecting to the Docker daemon at " + where +
                               " timed out — check that the host is up and no firewall drops "
                               "the connection.");
    case EACCES:
    case EPERM:
        return Error::make(ErrorCode::PermissionDenied, "The system refused the connection to " + where +
                                                            " (permission denied) — check local firewall or "
                                                            "security policy.");
    default:
        return Error::make(ErrorCode::DaemonUnreachable,
                           "Cannot connect to the Docker daemon at " + where +
                               (osErrno ? " (" + std::string(std::strerror(osErrno)) + ")" : std::string()) +
                               " — is dockerd running and listening there?");
    }
}

Result<HttpResponse> CurlTransport::send(const HttpRequest& request)
{
    auto results = sendAll({request});
    return std::move(results.front());
}

std::vector<Result<HttpResponse>> CurlTransport::sendAll(const std::vector<HttpRequest>& requests)
{
    using Clock = std::chrono::steady_clock;
    std::vector<std::optional<Result<HttpResponse>>> slots(requests.size());
    CURLM* multi = m_impl->pool.multi;
    std::vector<std::unique_ptr<Transfer>> active;
    std::size_t next = 0;
    // Requests the socket refused while busy, each sent once more at its time; and the number in flight,
    // lowered to what the socket took when it was busy.
    struct Again
    {
        std::size_t index;
        Clock::time_point at;
    };
    std::deque<Again> again;
    std::vector<int> busyAttempts(requests.size(), 0);
    std::size_t limit = std::size_t(m_impl->maxInFlight);

    auto start = [&](std::size_t index) {
        auto t = std::make_unique<Transfer>();
        t->index = index;
        if (auto error = m_impl->prepare(*t, requests[index], false)) {
            slots[index] = std::move(*error);
        } else if (curl_multi_add_handle(multi, t->easy) != CURLM_OK) {
            slots[index] = Error::make(ErrorCode::Internal, "libcurl refused to start a request.");
        } else {
            active.push_back(std::move(t));
        }
    };
    auto finish = [&](Transfer* t, CURLcode code) {
        const std::size_t index = t->index;
        const bool retry = m_impl->refusedAsBusy(code, *t) && busyAttempts[index] < kBusyRetries;
        if (code == CURLE_OK) {
            t->response.status = static_cast<int>(t->status());
            slots[index] = std::move(t->response);
        } else if (!retry) {
            slots[index] = m_impl->mapFailure(code, *t);
        }
        curl_multi_remove_handle(multi, t->easy);
        std::erase_if(active, [t](const std::unique_ptr<Transfer>& p) { return p.get() == t; });
        if (retry) {
            ++busyAttempts[index];
            again.push_back({index, Clock::now() + busyPause(busyAttempts[index])});
            limit = std::max<std::size_t>(1, active.size());
        }
    };
    auto earliestAgain = [&] {
        return std::min_element(again.begin(), again.end(),
                                [](const Again& a, const Again& b) { return a.at < b.at; });
    };

    if (!multi) {
        for (auto& slot : slots) {
            slot = Error::make(ErrorCode::Internal,
                               "libcurl could not create a transfer pool (out of memory?).");
        }
    }
    while (multi && (next < requests.size() || !active.empty() || !again.empty())) {
        while (active.size() < limit) {
            const auto due = earliestAgain();
            if (due != again.end() && due->at <= Clock::now()) {
                const std::size_t index = due->index;
                again.erase(due);
                start(index);
            } else if (next < requests.size()) {
                start(next++);
            } else {
                break;
            }
        }
        if (active.empty()) {
            if (!again.empty()) {
                std::this_thread::sleep_until(earliestAgain()->at);
            }
            continue;
        }
        int running = 0;
        const CURLMcode mc = curl_multi_perform(multi, &running);
        if (mc != CURLM_OK) {
            for (auto& t : active) {
                slots[t->index] = Error::make(ErrorCode::Internal,
                                              std::string("libcurl failed: ") + curl_multi_strerror(mc));
                curl_multi_remove_handle(multi, t->easy);
            }
            active.clear();
            for (const Again& a : again) {
                slots[a.index] = Error::make(ErrorCode::Internal,
                                             std::string("libcurl failed: ") + curl_multi_strerror(mc));
            }
            again.clear();
            break;
        }
        bool finishedAny = false;
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) {
                continue;
            }
            Transfer* t = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
            finish(t, msg->data.result);
            finishedAny = true;
        }
        if (!finishedAny) {
            int waitMs = 1000;
            if (!again.empty()) {
                const auto until =
                    std::chrono::duration_cast<std::chrono::milliseconds>(earliestAgain()->at - Clock::now());
                waitMs = int(std::clamp<long long>(until.count(), 0, waitMs));
            }
            curl_multi_poll(multi, nullptr, 0, waitMs, nullptr);
        }
    }

    std::vector<Result<HttpResponse>> results;
    results.reserve(slots.size());
    for (auto& slot : slots) {
        results.push_back(
            slot ? std::move(*slot)
                 : Result<HttpResponse>(Error::make(ErrorCode::Internal, "request was never sent")));
    }
    return results;
}

Result<void> CurlTransport::stream(const HttpRequest& request,
                                   const std::function<bool(std::string_view)>& onChunk,
                                   const CancelToken& cancel)
{
    MultiHandle own; // separate from the pool, so a stream can follow on another thread
    if (!own.multi) {
        return Error::make(ErrorCode::Internal,
                           "libcurl could not create a transfer handle (out of memory?).");
    }
    Transfer t;
    t.onChunk = &onChunk;
    if (auto error = m_impl->prepare(t, request, true)) {
        return *error;
    }
    if (curl_multi_add_handle(own.multi, t.easy) != CURLM_OK) {
        return Error::make(ErrorCode::Internal, "libcurl refused to start a request.");
    }
    const auto started = std::chrono::steady_clock::now();
    std::optional<CURLcode> done;
    std::optional<Error> failure;
    int busyAttempts = 0;
    while (!done) {
        if (cancel.isCancelled()) {
            break;
        }
        int running = 0;
        const CURLMcode mc = curl_multi_perform(own.multi, &running);
        if (mc != CURLM_OK) {
            failure =
                Error::make(ErrorCode::Internal, std::string("libcurl failed: ") + curl_multi_strerror(mc));
            break;
        }
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(own.multi, &queued)) {
            if (msg->msg == CURLMSG_DONE) {
                done = msg->data.result;
            }
        }
        if (done && m_impl->refusedAsBusy(*done, t) && busyAttempts < kBusyRetries) {
            // The socket was busy: the same handle starts over after a pause that still hears cancel.
            curl_multi_remove_handle(own.multi, t.easy);
            const auto at = std::chrono::steady_clock::now() + busyPause(++busyAttempts);
            while (!cancel.isCancelled() && std::chrono::steady_clock::now() < at) {
                std::this_thread::sleep_for(
                    std::min<std::chrono::milliseconds>(std::chrono::milliseconds(kPollIntervalMs),
                                                        std::chrono::duration_cast<std::chrono::milliseconds>(
                                                            at - std::chrono::steady_clock::now()) +
                                                            std::chrono::milliseconds(1)));
            }
            if (curl_multi_add_handle(own.multi, t.easy) != CURLM_OK) {
                return Error::make(ErrorCode::Internal, "libcurl refused to start a request.");
            }
            done.reset();
            continue;
        }
        if (done) {
            break;
        }
        // A stream may be silent for hours once it runs, but its headers must come within the timeout.
        const auto waited =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        if (request.timeoutMs > 0 && t.status() == 0 && waited.count() > request.timeoutMs) {
            failure = Error::make(ErrorCode::Timeout,
                                  "The Docker daemon at " + m_impl->where() + " did not start answering " +
                                      describeRequest(request) + " within " + seconds(request.timeoutMs) +
                                      " — it may be overloaded or hung; try again.");
            break;
        }
        curl_multi_poll(own.multi, nullptr, 0, kPollIntervalMs, nullptr);
    }
    curl_multi_remove_handle(own.multi, t.easy);

    if (failure) {
        return *failure;
    }
    if (!done || t.stoppedByCallback) {
        return success(); // cancelled or the caller had enough: both are a normal end
    }
    if (t.callbackFailed) {
        return Error::make(ErrorCode::Internal, "Handling the stream from " + m_impl->where() + " failed.");
    }
    if (*done != CURLE_OK) {
        return m_impl->mapFailure(*done, t);
    }
    const long status = t.status();
    if (status < 200 || status > 299) {
        std::string message = json::parseErrorMessage(t.errorBody);
        if (message.empty()) {
            message = terminalText(trim(t.errorBody), 300);
        }
        return Error::make(ErrorCode::HttpError,
                           "The Docker daemon at " + m_impl->where() + " answered HTTP " +
                               std::to_string(status) + " to " + describeRequest(request) +
                               (message.empty() ? "." : ": " + message),
                           static_cast<int>(status));
    }
    return success();
}

} // namespace drydock
