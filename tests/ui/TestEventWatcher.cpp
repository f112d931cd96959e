// The event follower of live updates (ui/bridge/EventWatcher) against a scripted daemon on a unix socket:
// which events ask for which re-evaluation, bursts folded into one batch, a broken stream followed again,
// an unreachable daemon explained, and stop() ending the worker thread.
#include "core/json/ModelParser.h"
#include "tests/core/FakeHttpServer.h"
#include "tests/support/TestSupport.h"
#include "ui/bridge/EventWatcher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace drydock;
using namespace drydock::ui;
using drydock::test::FakeConnection;
using drydock::test::FakeHttpServer;
using drydock::test::FakeRequest;

namespace {

std::string eventLine(const std::string& type, const std::string& action, const std::string& id,
                      const std::string& extra = {})
{
    return "{\"Type\":\"" + type + "\",\"Action\":\"" + action + "\",\"Actor\":{\"ID\":\"" + id +
           "\",\"Attributes\":{" + extra + "}},\"time\":1795919285}\n";
}

DockerEndpoint unixEndpoint(const std::string& path)
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = path;
    return e;
}

QString describe(const std::vector<ChangedObject>& objects)
{
    QStringList out;
    for (const auto& o : objects) {
        out << QStringLiteral("%1 %2").arg(QString::fromLatin1(toString(o.type)), QString::fromStdString(o.id));
    }
    return out.join(QStringLiteral(", "));
}

} // namespace

class TestEventWatcher : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string socketPath(const char* name) const { return (m_dir.path() + QLatin1Char('/') + name).toStdString(); }

private slots:
    void eventsNameTheObjectsToReevaluate_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const std::string& line, const char* expected) {
            QTest::newRow(name) << QString::fromStdString(line) << QString::fromLatin1(expected);
        };
        row("a created container is re-evaluated", eventLine("container", "create", "c1"), "container c1");
        row("a started container is re-evaluated", eventLine("container", "start", "c1"), "container c1");
        row("an updated container is re-evaluated", eventLine("container", "update", "c1"), "container c1");
        row("a renamed container is re-evaluated", eventLine("container", "rename", "c1"), "container c1");
        row("a destroyed container is re-evaluated", eventLine("container", "destroy", "c1"), "container c1");
        row("a health change is re-evaluated", eventLine("container", "health_status: unhealthy", "c1"),
            "container c1");
        row("an exec session that starts is re-evaluated", eventLine("container", "exec_start: sh", "c1"),
            "container c1");
        row("attaching changes nothing Drydock checks", eventLine("container", "attach", "c1"), "");
        row("resizing a terminal changes nothing", eventLine("container", "resize", "c1"), "");
        row("a created network is re-evaluated", eventLine("network", "create", "n1"), "network n1");
        row("connecting re-evaluates the network and the container",
            eventLine("network", "connect", "n1", "\"container\":\"c1\",\"name\":\"appnet\""),
            "network n1, container c1");
        row("disconnecting re-evaluates both too",
            eventLine("network", "disconnect", "n1", "\"container\":\"c1\""), "network n1, container c1");
        row("a removed network is re-evaluated", eventLine("network", "destroy", "n1"), "network n1");
        row("a deleted image is re-evaluated", eventLine("image", "delete", "sha256:i1"), "image sha256:i1");
        row("a created volume is re-evaluated", eventLine("volume", "create", "data"), "volume data");
        row("mounting a volume changes nothing", eventLine("volume", "mount", "data"), "");
        row("daemon reloads are left to a rescan", eventLine("daemon", "reload", "d1"), "");
    }
    void eventsNameTheObjectsToReevaluate()
    {
        QFETCH(QString, line);
        QFETCH(QString, expected);
        auto event = json::parseEvent(line.toStdString());
        QVERIFY(event);
        QCOMPARE(describe(EventWatcher::objectsFor(event.value())), expected);
    }

    void recordedEventsOfARealDaemonMap()
    {
        // Every recorded line parses; container life-cycle lines name their container.
        const QStringList lines = QString::fromStdString(test::readData("api-1.41/events.jsonl")).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 5);
        int containers = 0;
        for (const QString& l : lines) {
            auto event = json::parseEvent(l.toStdString());
            QVERIFY(event);
            for (const auto& o : EventWatcher::objectsFor(event.value())) {
                QVERIFY(!o.id.empty());
                containers += o.type == ObjectType::Container ? 1 : 0;
            }
        }
        QVERIFY(containers >= 3);
    }

    void aBurstOfEventsBecomesOneBatch()
    {
        const auto path = socketPath("burst.sock");
        auto server = FakeHttpServer::onUnixSocket(path, [](const FakeRequest& r, FakeConnection& c) {
            if (r.path == "/_ping") {
                c.respond(200, "OK", {{"Api-Version", "1.41"}});
                return;
            }
            c.startChunked(200);
            c.chunk(eventLine("container", "create", "c1") + eventLine("container", "start", "c1") +
                    eventLine("network", "connect", "n1", "\"container\":\"c1\"") +
                    eventLine("container", "resize", "c1"));
            c.chunk(eventLine("container", "update", "c1"));
            c.waitFor(30000);
        });
        QVERIFY(server);
        EventWatcher watcher;
        watcher.setDebounceMs(300);
        QSignalSpy batches(&watcher, &EventWatcher::objectsChanged);
        watcher.start(unixEndpoint(path), 0);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), EventWatcher::State::Live, 10000);
        QVERIFY(batches.wait(10000));
        QTest::qWait(500);
        QCOMPARE(batches.count(), 1);
        QCOMPARE(describe(batches.at(0).at(0).value<std::vector<ChangedObject>>()),
                 QStringLiteral("container c1, network n1"));
        for (const auto& r : server->requests()) {
            QCOMPARE(QString::fromStdString(r.method), QStringLiteral("GET"));
        }
        watcher.stop();
        QCOMPARE(watcher.state(), EventWatcher::State::Off);
    }

    void aBrokenStreamIsFollowedAgainFromTheLastEvent()
    {
        const auto path = socketPath("broken.sock");
        std::atomic<int> streams{0};
        auto server = FakeHttpServer::onUnixSocket(path, [&](const FakeRequest& r, FakeConnection& c) {
            if (r.path == "/_ping") {
                c.respond(200, "OK", {{"Api-Version", "1.41"}});
                return;
            }
            ++streams;
            c.startChunked(200);
            c.chunk(eventLine("container", "start", "c" + std::to_string(streams.load())));
            c.endChunked(); // the daemon goes away (restart, proxy timeout)
            c.closeAfter();
        });
        QVERIFY(server);
        EventWatcher watcher;
        watcher.setDebounceMs(50);
        QSignalSpy states(&watcher, &EventWatcher::stateChanged);
        watcher.start(unixEndpoint(path), 0);
        QTRY_VERIFY_WITH_TIMEOUT(streams.load() >= 2, 15000);
        bool sawReconnecting = false;
        for (const auto& s : states) {
            sawReconnecting |= s.at(0).value<EventWatcher::State>() == EventWatcher::State::Reconnecting;
        }
        QVERIFY(sawReconnecting);
        bool resumed = false;
        for (const auto& r : server->requests()) {
            resumed |= r.path.find("/events?since=1795919285") != std::string::npos;
        }
        QVERIFY2(resumed, "the second stream did not start from the last event seen");
        watcher.stop();
    }

    void anUnreachableDaemonIsExplainedAndStopEndsTheRetries()
    {
        EventWatcher watcher;
        QSignalSpy states(&watcher, &EventWatcher::stateChanged);
        watcher.start(unixEndpoint(socketPath("nobody-listens.sock")), 0);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.state(), EventWatcher::State::Reconnecting, 10000);
        QVERIFY2(states.last().at(1).toString().contains(QStringLiteral("nobody-listens.sock")),
                 qPrintable(states.last().at(1).toString()));
        watcher.stop();
        QCOMPARE(watcher.state(), EventWatcher::State::Off);
        QVERIFY(!watcher.isRunning());
        QTest::qWait(300); // nothing the stopped thread posted revives it
        QCOMPARE(watcher.state(), EventWatcher::State::Off);
    }
};

QTEST_MAIN(TestEventWatcher)
#include "TestEventWatcher.moc"
