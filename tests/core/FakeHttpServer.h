#pragma once
// A tiny scripted HTTP/1.1 server on a unix socket or a loopback TCP port, for the transport and client
// tests. Each connection runs on its own thread and keeps alive until the peer closes; a handler answers
// each request by writing raw bytes, so tests can send broken, slow or oversized answers on purpose.
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace drydock::test {

struct FakeRequest
{
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
};

class FakeConnection
{
public:
    FakeConnection(int fd, const std::atomic<bool>& stopping) : m_fd(fd), m_stopping(stopping) {}

    bool write(std::string_view data)
    {
        while (!data.empty()) {
            const ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n <= 0) {
                if (n < 0 && errno == EINTR) {
                    continue;
                }
                return false;
            }
            data.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    static std::string head(int status, const std::map<std::string, std::string>& headers)
    {
        std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
        for (const auto& [k, v] : headers) {
            out += k + ": " + v + "\r\n";
        }
        return out;
    }

    void respond(int status, const std::string& body, std::map<std::string, std::string> headers = {})
    {
        headers.emplace("Content-Length", std::to_string(body.size()));
        headers.emplace("Content-Type", "application/json");
        write(head(status, headers) + "\r\n" + body);
    }

    void startChunked(int status, std::map<std::string, std::string> headers = {})
    {
        headers.emplace("Transfer-Encoding", "chunked");
        headers.emplace("Content-Type", "application/json");
        write(head(status, headers) + "\r\n");
    }

    bool chunk(std::string_view data)
    {
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", data.size());
        return write(std::string(size) + std::string(data) + "\r\n");
    }

    void endChunked() { write("0\r\n\r\n"); }

    // Ends the connection after this handler returns.
    void closeAfter() { m_close = true; }
    bool closeRequested() const { return m_close; }

    // Waits up to ms, or until the server stops or until() turns true; returns whether until() turned true.
    bool waitFor(int ms, const std::function<bool()>& until = {})
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < end && !m_stopping.load()) {
            if (until && until()) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return until && until();
    }

private:
    static const char* reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 404:
            return "Not Found";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
        }
    }

    int m_fd;
    const std::atomic<bool>& m_stopping;
    bool m_close = false;
};

using FakeHandler = std::function<void(const FakeRequest&, FakeConnection&)>;

class FakeHttpServer
{
public:
    // backlog is listen()'s queue of waiting connections; acceptAfterMs holds back the first accept, so a
    // short queue overflows when many connect at once, as behind a proxy such as socat.
    static std::unique_ptr<FakeHttpServer> onUnixSocket(const std::string& path, FakeHandler handler,
                                                        int backlog = 128, int acceptAfterMs = 0)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
        ::unlink(path.c_str());
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(fd, backlog) != 0) {
            if (fd >= 0) {
                ::close(fd);
            }
            return nullptr;
        }
        return std::unique_ptr<FakeHttpServer>(
            new FakeHttpServer(fd, path, 0, std::move(handler), acceptAfterMs));
    }

    static std::unique_ptr<FakeHttpServer> onLoopbackPort(FakeHandler handler)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(fd, 128) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            if (fd >= 0) {
                ::close(fd);
            }
            return nullptr;
        }
        return std::unique_ptr<FakeHttpServer>(
            new FakeHttpServer(fd, {}, ntohs(addr.sin_port), std::move(handler), 0));
    }

    ~FakeHttpServer()
    {
        m_stopping = true;
        if (m_acceptThread.joinable()) {
            m_acceptThread.join();
        }
        std::vector<std::thread> threads;
        {
            std::lock_guard lock(m_mutex);
            threads.swap(m_connectionThreads);
        }
        for (auto& t : threads) {
            t.join();
        }
        ::close(m_listenFd);
        if (!m_path.empty()) {
            ::unlink(m_path.c_str());
        }
    }

    int port() const { return m_port; }
    int connectionsAccepted() const { return m_accepted.load(); }
    int maxConcurrentRequests() const { return m_maxConcurrent.load(); }
    std::vector<FakeRequest> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    FakeHttpServer(int listenFd, std::string path, int port, FakeHandler handler, int acceptAfterMs)
        : m_listenFd(listenFd), m_path(std::move(path)), m_port(port), m_handler(std::move(handler))
    {
        m_acceptThread = std::thread([this, acceptAfterMs] { acceptLoop(acceptAfterMs); });
    }

    void acceptLoop(int acceptAfterMs)
    {
        const auto acceptFrom = std::chrono::steady_clock::now() + std::chrono::milliseconds(acceptAfterMs);
        while (!m_stopping && std::chrono::steady_clock::now() < acceptFrom) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        while (!m_stopping) {
            pollfd p{m_listenFd, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) {
                continue;
            }
            const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) {
                continue;
            }
            ++m_accepted;
            std::lock_guard lock(m_mutex);
            m_connectionThreads.emplace_back([this, fd] { serve(fd); });
        }
    }

    // Reads one request; false when the peer closed or the server stops.
    bool readRequest(int fd, std::string& buffer, FakeRequest& request)
    {
        std::size_t headerEnd;
        while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
            if (!readMore(fd, buffer)) {
                return false;
            }
        }
        const std::string head = buffer.substr(0, headerEnd);
        buffer.erase(0, headerEnd + 4);
        std::size_t lineEnd = head.find("\r\n");
        const std::string requestLine = head.substr(0, lineEnd);
        const auto sp1 = requestLine.find(' ');
        const auto sp2 = requestLine.find(' ', sp1 + 1);
        request.method = requestLine.substr(0, sp1);
        request.path = requestLine.substr(sp1 + 1, sp2 - sp1 - 1);
        while (lineEnd != std::string::npos) {
            const std::size_t start = lineEnd + 2;
            lineEnd = head.find("\r\n", start);
            const std::string line =
                head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
            const auto colon = line.find(':');
            if (colon != std::string::npos) {
                std::string name = line.substr(0, colon);
                std::transform(name.begin(), name.end(), name.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                std::string value = line.substr(colon + 1);
                value.erase(0, value.find_first_not_of(' '));
                request.headers[name] = value;
            }
        }
        const auto cl = request.headers.find("content-length");
        const std::size_t length = cl == request.headers.end() ? 0 : std::stoul(cl->second);
        while (buffer.size() < length) {
            if (!readMore(fd, buffer)) {
                return false;
            }
        }
        request.body = buffer.substr(0, length);
        buffer.erase(0, length);
        return true;
    }

    bool readMore(int fd, std::string& buffer)
    {
        while (!m_stopping) {
            pollfd p{fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, 20);
            if (ready <= 0) {
                continue;
            }
            char chunk[4096];
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) {
                return false;
            }
            buffer.append(chunk, static_cast<std::size_t>(n));
            return true;
        }
        return false;
    }

    void serve(int fd)
    {
        std::string buffer;
        FakeRequest request;
        while (!m_stopping && readRequest(fd, buffer, request)) {
            {
                std::lock_guard lock(m_mutex);
                m_requests.push_back(request);
            }
            const int now = ++m_active;
            int seen = m_maxConcurrent.load();
            while (now > seen && !m_maxConcurrent.compare_exchange_weak(seen, now)) {
            }
            FakeConnection connection(fd, m_stopping);
            m_handler(request, connection);
            --m_active;
            if (connection.closeRequested()) {
                break;
            }
            request = FakeRequest{};
        }
        ::shutdown(fd, SHUT_RDWR);
        ::close(fd);
    }

    int m_listenFd;
    std::string m_path;
    int m_port;
    FakeHandler m_handler;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_accepted{0};
    std::atomic<int> m_active{0};
    std::atomic<int> m_maxConcurrent{0};
    mutable std::mutex m_mutex;
    std::vector<FakeRequest> m_requests;
    std::vector<std::thread> m_connectionThreads;
    std::thread m_acceptThread;
};

} // namespace drydock::test
