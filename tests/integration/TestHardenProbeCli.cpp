#include "tests/support/DockerQueries.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");
// Ends on SIGTERM at once (so trials stop quickly) and needs no capability, no root and no writable root.
const QString kSleeper = QStringLiteral("trap 'exit 0' TERM; while true; do sleep 1; done");

QString host()
{
    return QStringLiteral("unix://") + test::privateDaemonSocket();
}

QStringList trialsOf(const QString& name)
{
    QStringList out;
    for (const auto& n : test::containerNames()) {
        if (n.startsWith(name + QStringLiteral("-drydock-trial-"))) {
            out << n;
        }
    }
    return out;
}

QJsonObject changeIn(const QJsonObject& plan, const QString& id)
{
    for (const auto& c : plan.value(QStringLiteral("changes")).toArray()) {
        if (c.toObject().value(QStringLiteral("id")).toString() == id) {
            return c.toObject();
        }
    }
    return {};
}

} // namespace

// `drydock harden NAME --probe` on the private daemon: the wiring from the command line to the probe, the
// plan it changes, the JSON, the history, and the trial containers (leftovers removed first, none left
// after).
class TestHardenProbeCli : public QObject
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        for (const auto& n : m_cleanup) {
            test::docker({QStringLiteral("rm"), QStringLiteral("-f"), n});
        }
        m_cleanup.clear();
    }

    void aSleeperWithSysAdminIsFoundToNeedNeitherItNorRoot()
    {
        const QString name = test::uniqueName(QStringLiteral("probe-cli"));
        m_cleanup << name;
        QCOMPARE(test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                               QStringLiteral("--cap-add"), QStringLiteral("SYS_ADMIN"), kBusybox,
                               QStringLiteral("sh"), QStringLiteral("-c"), kSleeper}),
                 0);
        // What a run killed outright would have left behind.
        const QString leftover = name + QStringLiteral("-drydock-trial-20261207T100000-1");
        m_cleanup << leftover;
        QCOMPARE(test::docker({QStringLiteral("create"), QStringLiteral("--name"), leftover, kBusybox,
                               QStringLiteral("true")}),
                 0);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        QString out;
        QString err;
        const int code =
            test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                           QStringLiteral("--probe"), QStringLiteral("--watch"), QStringLiteral("2"),
                           QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--db"), db},
                          &out, &err);
        QVERIFY2(code == 0, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Removed the trial containers")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("trial 1/")) &&
                     err.contains(QStringLiteral("dropping SYS_ADMIN")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("apply (verified by trial)  CTR-003:CAP_SYS_ADMIN")),
                 qPrintable(err));

        const QJsonObject plan = QJsonDocument::fromJson(out.toUtf8()).object();
        const QJsonObject probe = plan.value(QStringLiteral("probe")).toObject();
        QVERIFY2(!probe.isEmpty(), qPrintable(out));
        QVERIFY(probe.value(QStringLiteral("baseline")).toObject().value(QStringLiteral("running")).toBool());
        QVERIFY(probe.value(QStringLiteral("trials")).toInt() >= 4);
        QVERIFY(!probe.value(QStringLiteral("verdicts")).toArray().isEmpty());
        for (const QString& id : {QStringLiteral("CTR-003:CAP_SYS_ADMIN"), QStringLiteral("CTR-001")}) {
            const QJsonObject c = changeIn(plan, id);
            QCOMPARE(c.value(QStringLiteral("choice")).toString(), QStringLiteral("apply"));
            QVERIFY2(
                c.value(QStringLiteral("title")).toString().endsWith(QStringLiteral("(verified by trial)")),
                qPrintable(id));
        }
        const QString after =
            plan.value(QStringLiteral("preview")).toObject().value(QStringLiteral("after")).toString();
        QVERIFY2(!after.contains(QStringLiteral("SYS_ADMIN")) && after.contains(QStringLiteral("--user")),
                 qPrintable(after));

        QCOMPARE(trialsOf(name), QStringList{});
        QString actions;
        test::drydock({QStringLiteral("history"), QStringLiteral("actions"), QStringLiteral("--db"), db,
                       QStringLiteral("--object"), name},
                      &actions);
        QVERIFY2(actions.contains(QStringLiteral("probe: CTR-003:CAP_SYS_ADMIN")), qPrintable(actions));
        // Nothing existing was touched.
        QCOMPARE(test::inspectField(name, QStringLiteral("{{.HostConfig.CapAdd}}")),
                 QStringLiteral("[SYS_ADMIN]"));
    }

private:
    QStringList m_cleanup;
};

QTEST_GUILESS_MAIN(TestHardenProbeCli)
#include "TestHardenProbeCli.moc"
