#include "core/common/Strings.h"
#include "core/docker/CurlTransport.h"
#include "tests/core/FakeHttpServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <thread>

using namespace drydock;
using drydock::test::FakeConnection;
using drydock::test::FakeHttpServer;
using drydock::test::FakeRequest;

// CurlTransport against a scripted server: answers, broken answers, slow answers, and the errors people see.
class TestCurlTransport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string socketPath(const char* name) const
    {
        return (m_dir.path() + QLatin1Char('/') + name).toStdString();
    }

    static DockerEndpoint unixEndpoint(const std::string& path)
    {
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Unix;
        e.socketPath = path;
        return e;
    }

    static HttpRequest get(const std::string& path, long timeoutMs = 10000)
    {
        HttpRequest r;
        r.path = path;
        r.timeoutMs = timeoutMs;
        return r;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void returnsStatusHeadersAndBody()
    {
        const auto path = socketPath("basic.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest& r, FakeConnection& c) {
            c.respond(201, "hello " + r.path, {{"X-Custom-Header", "Value"}, {"Api-Version", "1.45"}});
        });
        QVERIFY(server);
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/v1.45/things?all=1"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->status, 201);
        QCOMPARE(r->body, std::string("hello /v1.45/things?all=1"));
        QCOMPARE(r->header("x-custom-header"), std::string("Value"));
        QCOMPARE(r->header("api-version"), std::string("1.45"));
        QCOMPARE(r->header("content-type"), std::string("application/json"));
        QVERIFY(r->headers.find("X-Custom-Header") == r->headers.end());
        QCOMPARE(server->requests().front().method, std::string("GET"));
    }

    void httpErrorStatusIsAnAnswerNotAnError()
    {
        const auto path = socketPath("404.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest&, FakeConnection& c) {
            c.respond(404, R"({"message":"No such container"})");
        });
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/containers/x/json"));
        QVERIFY(r.ok());
        QCOMPARE(r->status, 404);
    }

    void readsChunkedBodies()
    {
        const auto path = socketPath("chunked.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest&, FakeConnection& c) {
            c.startChunked(200);
            c.chunk("[{\"Id\":");
            c.chunk("\"abc\"}");
            c.chunk("]");
            c.endChunked();
        });
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/containers/json"));
        QVERIFY(r.ok());
        QCOMPARE(r->body, std::string(R"([{"Id":"abc"}])"));
    }

    void sendAllKeepsRequestOrderWithManyInFlight()
    {
        const auto path = socketPath("many.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest& r, FakeConnection& c) {
            // Later requests answer sooner, so completion order differs from request order.
            const int n = std::stoi(r.path.substr(r.path.rfind('/') + 1));
            c.waitFor(40 - (n % 40));
            c.respond(200, r.path);
        });
        CurlTransport transport(unixEndpoint(path));
        std::vector<HttpRequest> requests;
        for (int i = 0; i < 120; ++i) {
            requests.push_back(get("/item/" + std::to_string(i)));
        }
        const auto results = transport.sendAll(requests);
        QCOMPARE(results.size(), requests.size());
        for (std::size_t i = 0; i < results.size(); ++i) {
            QVERIFY(results[i].ok());
            QCOMPARE(results[i]->body, requests[i].path);
        }
        QVERIFY2(server->maxConcurrentRequests() > 1, "requests were not sent concurrently");
        QVERIFY(server->maxConcurrentRequests() <= CurlTransport::kMaxInFlight);
        QVERIFY2(server->connectionsAccepted() <= CurlTransport::kMaxInFlight, "connections were not reused");
    }

    void reusesTheConnectionAcrossCalls()
    {
        const auto path = socketPath("reuse.sock");
        auto server = FakeHttpServer::onUnixSocket(
            path, [](const FakeRequest&, FakeConnection& c) { c.respond(200, "{}"); });
        CurlTransport transport(unixEndpoint(path));
        QVERIFY(transport.send(get("/a")).ok());
        QVERIFY(transport.send(get("/b")).ok());
        QVERIFY(transport.sendAll({get("/c")}).front().ok());
        QCOMPARE(server->connectionsAccepted(), 1);
    }

    void serverClosingMidBodyIsAnError_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("a body shorter than its Content-Length") << false;
        QTest::newRow("a chunked body cut off before its last chunk") << true;
    }

    void serverClosingMidBodyIsAnError()
    {
        QFETCH(bool, chunked);
        const auto path = socketPath("cut.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [chunked](const FakeRequest&, FakeConnection& c) {
            if (chunked) {
                c.startChunked(200);
                c.chunk("[{\"Id\":\"a\"},");
            } else {
                c.write(FakeConnection::head(200, {{"Content-Length", "1000"}}) + "\r\n[{\"Id\":\"a\"},");
            }
            c.closeAfter();
        });
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/containers/json"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY2(contains(r.error().message, "unix://" + path), r.error().message.c_str());
    }

    void stalledResponseTimesOut()
    {
        const auto path = socketPath("stall.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest&, FakeConnection& c) {
            c.waitFor(20000);
            c.respond(200, "too late");
        });
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/info", 300));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Timeout);
        QVERIFY2(contains(r.error().message, "did not answer GET /info within 300 ms"),
                 r.error().message.c_str());
    }

    // A cancelled request ends long before its timeout, in send() and in sendAll() alike.
    void cancellingAStalledRequestEndsItPromptly()
    {
        const auto path = socketPath("stall-cancel.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest&, FakeConnection& c) {
            c.waitFor(20000);
            c.respond(200, "too late");
        });
        CurlTransport transport(unixEndpoint(path));
        HttpRequest request = get("/info", 20000);
        std::thread canceller([token = request.cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            token.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        auto r = transport.send(request);
        auto all = transport.sendAll({request, request});
        canceller.join();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QCOMPARE(all.size(), std::size_t(2));
        QVERIFY(!all[0].ok() && !all[1].ok());
        QCOMPARE(all[0].error().code, ErrorCode::Cancelled);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void missingSocketIsDaemonUnreachable()
    {
        const auto path = socketPath("nobody-here.sock");
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/_ping"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY2(contains(r.error().message, "Cannot connect to the Docker daemon at unix://" + path),
                 r.error().message.c_str());
        QVERIFY(contains(r.error().message, "is dockerd running?"));
        QVERIFY(contains(r.error().message, "does not exist"));
    }

    void overlongSocketPathIsRefusedClearly()
    {
        CurlTransport transport(unixEndpoint("/tmp/" + std::string(200, 'd') + "/docker.sock"));
        auto r = transport.send(get("/_ping"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(contains(r.error().message, "longer than the 107 bytes"), r.error().message.c_str());
    }

    void socketWithoutListenerIsDaemonUnreachable()
    {
        // A socket file left behind by a daemon that died: bound, never listening.
        const auto path = socketPath("stale.sock");
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        CurlTransport transport(unixEndpoint(path));
        auto r = transport.send(get("/_ping"));
        ::close(fd);
        ::unlink(path.c_str());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY2(contains(r.error().message, "nothing is listening"), r.error().message.c_str());
    }

    // A blocking connect that waits in the socket's queue; with listen(fd, 0) it fills the queue, so the next
    // non-blocking connect is refused with EAGAIN, as behind a proxy whose queue is short.
    static int waitInQueue(const std::string& path)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
        return ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 ? fd : -1;
    }
    static bool refusedAsFull(const std::string& path)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
        const bool full =
            ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno == EAGAIN;
        ::close(fd);
        return full;
    }

    void aBusySocketIsAskedAgainNotCalledDead()
    {
        // Many requests at once against a socket whose queue holds one and which accepts only after a while:
        // most connects are refused at first; every request still gets its answer, in order.
        const auto path = socketPath("busy.sock");
        auto server = FakeHttpServer::onUnixSocket(
            path, [](const FakeRequest& r, FakeConnection& c) { c.respond(200, r.path); }, 0, 300);
        QVERIFY(server);
        const int queued = waitInQueue(path);
        QVERIFY(queued >= 0);
        QVERIFY2(refusedAsFull(path), "the queue should be full now");
        CurlTransport transport(unixEndpoint(path));
        std::vector<HttpRequest> requests;
        for (int i = 0; i < 40; ++i) {
            requests.push_back(get("/item/" + std::to_string(i)));
        }
        const auto results = transport.sendAll(requests);
        ::close(queued);
        for (std::size_t i = 0; i < results.size(); ++i) {
            QVERIFY2(results[i].ok(), results[i].ok() ? "" : results[i].error().message.c_str());
            QCOMPARE(results[i]->body, requests[i].path);
        }
    }

    void aStreamOnABusySocketIsAskedAgain()
    {
        const auto path = socketPath("busy-events.sock");
        auto server = FakeHttpServer::onUnixSocket(
            path,
            [](const FakeRequest&, FakeConnection& c) {
                c.startChunked(200);
                c.chunk("{\"n\":1}\n");
                c.endChunked();
            },
            0, 200);
        QVERIFY(server);
        const int queued = waitInQueue(path);
        QVERIFY(queued >= 0 && refusedAsFull(path));
        CurlTransport transport(unixEndpoint(path));
        std::string all;
        CancelToken cancel;
        auto r = transport.stream(
            get("/events"),
            [&](std::string_view chunk) {
                all.append(chunk);
                return true;
            },
            cancel);
        ::close(queued);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(all, std::string("{\"n\":1}\n"));
    }

    void aSocketThatStaysBusySaysSoAfterAWhile()
    {
        const auto path = socketPath("always-busy.sock");
        auto server = FakeHttpServer::onUnixSocket(
            path, [](const FakeRequest&, FakeConnection& c) { c.respond(200, "OK"); }, 0, 60000);
        QVERIFY(server);
        const int queued = waitInQueue(path);
        QVERIFY(queued >= 0 && refusedAsFull(path));
        CurlTransport transport(unixEndpoint(path));
        QElapsedTimer timer;
        timer.start();
        auto r = transport.send(get("/_ping"));
        ::close(queued);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY2(contains(r.error().message, "takes no more connections"), r.error().message.c_str());
        QVERIFY2(!contains(r.error().message, "nothing is listening"), r.error().message.c_str());
        QVERIFY2(timer.elapsed() < 10000, "a busy socket is asked again for about two seconds, not forever");
    }

    void connectErrorsReadAsAdvice_data()
    {
        QTest::addColumn<int>("osErrno");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("EACCES on the socket asks to join the docker group")
            << EACCES << int(ErrorCode::PermissionDenied)
            << QStringLiteral(
                   "Permission denied on /var/run/docker.sock — add your user to the `docker` group "
                   "(then log in again) or choose another endpoint");
        QTest::newRow("a missing socket asks whether dockerd runs")
            << ENOENT << int(ErrorCode::DaemonUnreachable)
            << QStringLiteral(
                   "Cannot connect to the Docker daemon at unix:///var/run/docker.sock — is dockerd "
                   "running? The socket does not exist");
        QTest::newRow("a full queue of waiting connections says busy, not dead")
            << EAGAIN << int(ErrorCode::DaemonUnreachable) << QStringLiteral("takes no more connections");
        QTest::newRow("a refused connection says nothing listens")
            << ECONNREFUSED << int(ErrorCode::DaemonUnreachable) << QStringLiteral("nothing is listening");
    }

    void connectErrorsReadAsAdvice()
    {
        QFETCH(int, osErrno);
        QFETCH(int, code);
        QFETCH(QString, says);
        const Error e = CurlTransport::connectError(osErrno, unixEndpoint("/var/run/docker.sock"));
        QCOMPARE(int(e.code), code);
        QVERIFY2(contains(e.message, says.toStdString()), e.message.c_str());
    }

    void unreadableSocketIsPermissionDenied()
    {
        // A socket only root may use, approached by an unprivileged user. As root, a child process drops to
        // nobody for the attempt (root itself opens any socket).
        QTemporaryDir open(QDir::tempPath() + QStringLiteral("/drydock-perm-XXXXXX"));
        QVERIFY(open.isValid());
        QCOMPARE(::chmod(open.path().toLocal8Bit().constData(), 0755), 0);
        const std::string path = open.path().toStdString() + "/locked.sock";
        auto server = FakeHttpServer::onUnixSocket(
            path, [](const FakeRequest&, FakeConnection& c) { c.respond(200, "OK"); });
        QVERIFY(server);
        QCOMPARE(::chmod(path.c_str(), 0600), 0);

        const auto attempt = [&path]() -> Error {
            CurlTransport transport(unixEndpoint(path));
            auto r = transport.send(get("/_ping"));
            return r.ok() ? Error::make(ErrorCode::Internal, "connected") : r.error();
        };
        if (::geteuid() != 0) {
            QCOMPARE(::chmod(path.c_str(), 0), 0);
            const Error e = attempt();
            QCOMPARE(e.code, ErrorCode::PermissionDenied);
            QVERIFY(contains(e.message, "Permission denied on " + path));
            return;
        }
        int pipeFds[2];
        QCOMPARE(::pipe(pipeFds), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(pipeFds[0]);
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) {
                ::_exit(2);
            }
            const Error e = attempt();
            const std::string report = std::to_string(int(e.code)) + "\n" + e.message;
            const ssize_t written = ::write(pipeFds[1], report.data(), report.size());
            ::_exit(written == ssize_t(report.size()) ? 0 : 3);
        }
        ::close(pipeFds[1]);
        std::string report;
        char buf[512];
        for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) > 0;) {
            report.append(buf, std::size_t(n));
        }
        ::close(pipeFds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the unprivileged child failed");
        const auto newline = report.find('\n');
        QCOMPARE(std::stoi(report.substr(0, newline)), int(ErrorCode::PermissionDenied));
        QVERIFY2(contains(report, "Permission denied on " + path + " — add your user to the `docker` group"),
                 report.c_str());
    }

    void oversizedBodyIsRefused_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::newRow("a body whose Content-Length exceeds the cap") << false;
        QTest::newRow("a chunked body that grows past the cap") << true;
    }

    void oversizedBodyIsRefused()
    {
        QFETCH(bool, chunked);
        const auto path = socketPath("big.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [chunked](const FakeRequest&, FakeConnection& c) {
            const std::string block(1000, 'x');
            if (chunked) {
                c.startChunked(200);
                for (int i = 0; i < 5 && c.chunk(block); ++i) {
                }
                c.endChunked();
            } else {
                c.respond(200, block + block + block + block + block);
            }
        });
        CurlTransport transport(unixEndpoint(path));
        transport.setMaxResponseBytes(2048);
        auto r = transport.send(get("/containers/json"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::MalformedResponse);
        QVERIFY2(contains(r.error().message, "larger than 2048 bytes"), r.error().message.c_str());

        // A body at the cap is fine.
        transport.setMaxResponseBytes(5000);
        auto fits = transport.send(get("/containers/json"));
        QVERIFY(fits.ok());
        QCOMPARE(fits->body.size(), std::size_t(5000));
    }

    void refusesPathsThatCouldSplitARequest_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a path without a leading slash") << QStringLiteral("containers/json");
        QTest::newRow("a path with a space") << QStringLiteral("/containers/a b/json");
        QTest::newRow("a path with CR LF and a header") << QStringLiteral("/x\r\nX-Evil: 1");
        QTest::newRow("an empty path") << QString();
    }

    void refusesPathsThatCouldSplitARequest()
    {
        QFETCH(QString, path);
        const auto sock = socketPath("paths.sock");
        auto server = FakeHttpServer::onUnixSocket(
            sock, [](const FakeRequest&, FakeConnection& c) { c.respond(200, "{}"); });
        CurlTransport transport(unixEndpoint(sock));
        auto r = transport.send(get(path.toStdString()));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(server->requests().empty());
    }

    void streamDeliversChunksAsTheyArrive()
    {
        const auto path = socketPath("events.sock");
        std::atomic<int> received{0};
        std::atomic<bool> waitedForClient{true};
        auto server = FakeHttpServer::onUnixSocket(path, [&](const FakeRequest&, FakeConnection& c) {
            c.startChunked(200);
            for (int i = 1; i <= 3; ++i) {
                c.chunk("{\"n\":" + std::to_string(i) + "}\n");
                // The next chunk goes out only once the client has seen this one: a buffering client
                // would leave this wait unanswered.
                if (!c.waitFor(5000, [&] { return received.load() >= i; })) {
                    waitedForClient = false;
                }
            }
            c.endChunked();
        });
        CurlTransport transport(unixEndpoint(path));
        std::string all;
        CancelToken cancel;
        auto r = transport.stream(
            get("/events"),
            [&](std::string_view chunk) {
                all.append(chunk);
                received = static_cast<int>(std::count(all.begin(), all.end(), '\n'));
                return true;
            },
            cancel);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QVERIFY(waitedForClient.load());
        QCOMPARE(all, std::string("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n"));
    }

    void streamStopsWhenTheCallbackSaysSo()
    {
        const auto path = socketPath("stop.sock");
        std::atomic<bool> serverGaveUp{false};
        auto server = FakeHttpServer::onUnixSocket(path, [&](const FakeRequest&, FakeConnection& c) {
            c.startChunked(200);
            c.chunk("first\n");
            c.waitFor(20000);
            serverGaveUp = true;
        });
        CurlTransport transport(unixEndpoint(path));
        int calls = 0;
        auto r = transport.stream(
            get("/events"),
            [&](std::string_view) {
                ++calls;
                return false;
            },
            CancelToken());
        QVERIFY(r.ok());
        QCOMPARE(calls, 1);
        QVERIFY2(!serverGaveUp.load(), "stream() only returned when the server ended the response");
    }

    void streamHonoursCancel()
    {
        const auto path = socketPath("cancel.sock");
        std::atomic<bool> serverGaveUp{false};
        auto server = FakeHttpServer::onUnixSocket(path, [&](const FakeRequest&, FakeConnection& c) {
            c.startChunked(200);
            c.chunk("first\n");
            c.waitFor(20000);
            serverGaveUp = true;
        });
        CurlTransport transport(unixEndpoint(path));
        CancelToken cancel;
        std::thread canceller;
        int calls = 0;
        auto r = transport.stream(
            get("/events"),
            [&](std::string_view) {
                ++calls;
                // Another thread cancels while the stream sits idle waiting for more.
                canceller = std::thread([cancel] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    cancel.cancel();
                });
                return true;
            },
            cancel);
        if (canceller.joinable()) {
            canceller.join();
        }
        QVERIFY(r.ok());
        QCOMPARE(calls, 1);
        QVERIFY2(!serverGaveUp.load(), "stream() did not notice the cancel");
    }

    void streamReportsAnErrorAnswer()
    {
        const auto path = socketPath("stream404.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest&, FakeConnection& c) {
            c.respond(400, R"({"message":"invalid filter 'bogus'"})");
        });
        CurlTransport transport(unixEndpoint(path));
        bool called = false;
        auto r = transport.stream(
            get("/events?filters=bogus"),
            [&](std::string_view) {
                called = true;
                return true;
            },
            CancelToken());
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::HttpError);
        QCOMPARE(r.error().httpStatus, 400);
        QVERIFY2(contains(r.error().message, "invalid filter 'bogus'"), r.error().message.c_str());
        QVERIFY(!called);
    }

    void plainTcpWorks()
    {
        auto server = FakeHttpServer::onLoopbackPort([](const FakeRequest& r, FakeConnection& c) {
            c.respond(200, "tcp " + r.path, {{"Api-Version", "1.51"}});
        });
        QVERIFY(server);
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Tcp;
        e.host = "127.0.0.1";
        e.port = server->port();
        CurlTransport transport(e);
        QCOMPARE(transport.describe(), "tcp://127.0.0.1:" + std::to_string(server->port()));
        auto r = transport.send(get("/_ping"));
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->body, std::string("tcp /_ping"));
    }

    void refusedTcpPortIsDaemonUnreachable()
    {
        int port = 0;
        {
            // A port that was free a moment ago and has no listener now.
            auto server = FakeHttpServer::onLoopbackPort([](const FakeRequest&, FakeConnection&) {});
            port = server->port();
        }
        DockerEndpoint e;
        e.kind = DockerEndpoint::Kind::Tcp;
        e.host = "127.0.0.1";
        e.port = port;
        CurlTransport transport(e);
        auto r = transport.send(get("/_ping"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::DaemonUnreachable);
        QVERIFY2(
            contains(r.error().message, "tcp://127.0.0.1:" + std::to_string(port) + " — connection refused"),
            r.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCurlTransport)
#include "TestCurlTransport.moc"
