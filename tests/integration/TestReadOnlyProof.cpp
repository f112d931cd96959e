// Proof that a scan only reads. The drydock executable scans the real private daemon through a recording
// proxy on a unix socket, so every request it sends is seen on the wire: all must be GET (or HEAD). Then the
// daemon's own event log for the scan's time window is read back: a read leaves no event, while anything that
// creates, starts, execs, pulls, renames, connects or removes would.
#include "tests/support/TestSupport.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>
#include <thread>

using namespace drydock;

namespace {

// Forwards a unix socket to the daemon's and records the request line of every HTTP request that passes.
class RecordingProxy
{
public:
    RecordingProxy(std::string listenPath, std::string daemonPath)
        : m_listenPath(std::move(listenPath)), m_daemonPath(std::move(daemonPath))
    {
        m_listenFd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const sockaddr_un addr = address(m_listenPath);
        ::unlink(m_listenPath.c_str());
        m_ok = m_listenFd >= 0 && ::bind(m_listenFd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0 &&
               ::listen(m_listenFd, 64) == 0;
        if (m_ok) {
            m_accept = std::thread([this] { acceptLoop(); });
        }
    }

    ~RecordingProxy()
    {
        m_stopping = true;
        if (m_accept.joinable()) {
            m_accept.join();
        }
        for (auto& t : m_pumps) {
            t.join();
        }
        if (m_listenFd >= 0) {
            ::close(m_listenFd);
        }
        ::unlink(m_listenPath.c_str());
    }

    bool ok() const { return m_ok; }
    QStringList requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    static sockaddr_un address(const std::string& path)
    {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
        return addr;
    }

    void acceptLoop()
    {
        while (!m_stopping) {
            pollfd p{m_listenFd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) {
                continue;
            }
            const int client = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) {
                continue;
            }
            const int daemon = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            const sockaddr_un addr = address(m_daemonPath);
            if (daemon < 0 || ::connect(daemon, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
                ::close(client);
                if (daemon >= 0) {
                    ::close(daemon);
                }
                continue;
            }
            m_pumps.emplace_back([this, client, daemon] { pump(client, daemon); });
        }
    }

    // Copies bytes both ways; parses the client's side into requests (head up to the blank line, then
    // Content-Length bytes of body, if any).
    void pump(int client, int daemon)
    {
        std::string pending;
        std::size_t bodyToSkip = 0;
        char buffer[65536];
        bool open = true;
        while (open && !m_stopping) {
            pollfd p[2] = {{client, POLLIN, 0}, {daemon, POLLIN, 0}};
            if (::poll(p, 2, 50) <= 0) {
                continue;
            }
            for (int side = 0; side < 2 && open; ++side) {
                if (!(p[side].revents & (POLLIN | POLLHUP | POLLERR))) {
                    continue;
                }
                const int from = side == 0 ? client : daemon;
                const int to = side == 0 ? daemon : client;
                const ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
                if (n <= 0 || ::send(to, buffer, std::size_t(n), MSG_NOSIGNAL) != n) {
                    open = false;
                    break;
                }
                if (side == 0) {
                    pending.append(buffer, std::size_t(n));
                    parseRequests(pending, bodyToSkip);
                }
            }
        }
        ::close(client);
        ::close(daemon);
    }

    void parseRequests(std::string& pending, std::size_t& bodyToSkip)
    {
        while (true) {
            if (bodyToSkip > 0) {
                const std::size_t skip = std::min(bodyToSkip, pending.size());
                pending.erase(0, skip);
                bodyToSkip -= skip;
                if (bodyToSkip > 0) {
                    return;
                }
            }
            const auto end = pending.find("\r\n\r\n");
            if (end == std::string::npos) {
                return;
            }
            const QString head = QString::fromStdString(pending.substr(0, end));
            pending.erase(0, end + 4);
            const QStringList lines = head.split(QStringLiteral("\r\n"));
            {
                std::lock_guard lock(m_mutex);
                m_requests << lines.value(0);
            }
            for (const auto& line : lines) {
                if (line.startsWith(QStringLiteral("content-length:"), Qt::CaseInsensitive)) {
                    bodyToSkip = line.mid(15).trimmed().toULongLong();
                }
            }
        }
    }

    std::string m_listenPath;
    std::string m_daemonPath;
    int m_listenFd = -1;
    bool m_ok = false;
    std::atomic<bool> m_stopping{false};
    std::thread m_accept;
    std::vector<std::thread> m_pumps; // only touched by the accept thread until it is joined
    mutable std::mutex m_mutex;
    QStringList m_requests;
};

// Waits until the wall clock has just passed a whole second and returns that second.
qint64 nextWholeSecond()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QThread::msleep(static_cast<unsigned long>(1000 - now % 1000 + 20));
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace

class TestReadOnlyProof : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_prefix = test::uniqueName(QStringLiteral("ro"));
    QStringList m_containers;

    QStringList eventsBetween(qint64 since, qint64 until)
    {
        QString out;
        const int rc = test::docker({"events", "--since", QString::number(since), "--until", QString::number(until),
                                     "--format", "{{json .}}"},
                                    &out);
        if (rc != 0) {
            return {QStringLiteral("docker events failed")};
        }
        QStringList events;
        for (const auto& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject e = QJsonDocument::fromJson(line.toUtf8()).object();
            const QString action = e.value(QStringLiteral("Action")).toString();
            // Health checks run on their own schedule inside the daemon, scan or no scan.
            if (action.startsWith(QStringLiteral("health_status")) ||
                (action.startsWith(QStringLiteral("exec_")) && hasHealthcheck(e.value(QStringLiteral("id")).toString()))) {
                continue;
            }
            events << line;
        }
        return events;
    }

    static bool hasHealthcheck(const QString& containerId)
    {
        QString out;
        return test::docker({"inspect", "--format", "{{json .Config.Healthcheck}}", containerId}, &out) == 0 &&
               out.trimmed() != QStringLiteral("null");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        // Something of every kind to read: a running and a stopped container, a volume, a network, a secret in env.
        const QString running = m_prefix + QStringLiteral("-running");
        const QString stopped = m_prefix + QStringLiteral("-stopped");
        QCOMPARE(test::docker({"volume", "create", m_prefix + QStringLiteral("-vol")}), 0);
        QCOMPARE(test::docker({"network", "create", "--internal", m_prefix + QStringLiteral("-net")}), 0);
        QCOMPARE(test::docker({"run", "-d", "--name", running, "-v", m_prefix + QStringLiteral("-vol:/data"), "-e",
                               "DB_PASSWORD=Ro7Secret", "--cap-add", "NET_ADMIN", "drydock-test/busybox:1", "sleep",
                               "600"}),
                 0);
        QCOMPARE(test::docker({"create", "--name", stopped, "--network", m_prefix + QStringLiteral("-net"),
                               "drydock-test/busybox:1", "true"}),
                 0);
        m_containers << running << stopped;
    }

    void cleanupTestCase()
    {
        for (const auto& c : m_containers) {
            test::docker({"rm", "-f", c});
        }
        test::docker({"network", "rm", m_prefix + QStringLiteral("-net")});
        test::docker({"volume", "rm", m_prefix + QStringLiteral("-vol")});
    }

    void aFullScanSendsOnlyReadsAndLeavesNoEvent()
    {
        const std::string proxyPath = (m_dir.path() + QStringLiteral("/proxy.sock")).toStdString();
        RecordingProxy proxy(proxyPath, test::privateDaemonSocket().toStdString());
        QVERIFY(proxy.ok());
        const QString host = QStringLiteral("unix://") + QString::fromStdString(proxyPath);

        const qint64 since = nextWholeSecond();
        QString err;
        const QString db = m_dir.filePath(QStringLiteral("history.db"));
        QCOMPARE(test::drydock({"scan", "--host", host, "--db", db, "--format", "json", "--output",
                                m_dir.filePath(QStringLiteral("scan.json"))},
                               nullptr, &err),
                 0);
        QCOMPARE(test::drydock({"inventory", "--host", host, "--format", "json", "--output",
                                m_dir.filePath(QStringLiteral("inventory.json"))},
                               nullptr, &err),
                 0);
        const qint64 until = nextWholeSecond() + 1;
        QThread::msleep(1100);

        const QStringList requests = proxy.requests();
        QVERIFY2(requests.size() > 10, qPrintable(requests.join(QLatin1Char('\n'))));
        QStringList writes;
        for (const auto& r : requests) {
            if (!r.startsWith(QStringLiteral("GET ")) && !r.startsWith(QStringLiteral("HEAD "))) {
                writes << r;
            }
        }
        QVERIFY2(writes.isEmpty(), qPrintable(QStringLiteral("requests that are not reads:\n") + writes.join('\n')));
        // The scan really read what a scan must read.
        const QString all = requests.join(QLatin1Char('\n'));
        for (const char* path : {"/containers/json", "/images/json", "/networks", "/volumes", "/info"}) {
            QVERIFY2(all.contains(QLatin1String(path)), path);
        }

        const QStringList events = eventsBetween(since, until);
        QVERIFY2(events.isEmpty(), qPrintable(QStringLiteral("the daemon logged events during the scan:\n") +
                                              events.join(QLatin1Char('\n'))));
    }

    // The check above could only pass vacuously if the event log missed things: a write in the same kind of
    // window must show up.
    void theEventLogDoesSeeAWrite()
    {
        const qint64 since = nextWholeSecond();
        const QString name = m_prefix + QStringLiteral("-witness");
        QCOMPARE(test::docker({"create", "--name", name, "drydock-test/busybox:1", "true"}), 0);
        m_containers << name;
        const qint64 until = nextWholeSecond() + 1;
        QThread::msleep(1100);
        const QStringList events = eventsBetween(since, until);
        QVERIFY2(events.join('\n').contains(QStringLiteral("\"create\"")), qPrintable(events.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestReadOnlyProof)
#include "TestReadOnlyProof.moc"
