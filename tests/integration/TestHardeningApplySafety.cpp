#include "core/common/Clock.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningLoader.h"
#include "core/hardening/HardeningRunner.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/support/DockerQueries.h"
#include "tests/support/HardeningPlans.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>

using namespace drydock;
using drydock::test::containerNames;
using drydock::test::inspectField;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");
// Ends on SIGTERM at once (so stops are quick) and writes to /tmp every second.
const QString kLoop = QStringLiteral("trap 'exit 0' TERM; while true; do date > /tmp/x; sleep 1; done");

// Containers Drydock made for NAME (backups, trial or leftover hardened copies).
QStringList drydockCopiesOf(const QString& name)
{
    QStringList out;
    for (const auto& n : containerNames()) {
        if (n.startsWith(name + QStringLiteral("-drydock-"))) {
            out << n;
        }
    }
    return out;
}

QString host()
{
    return QStringLiteral("unix://") + test::privateDaemonSocket();
}

QString readIn(const QString& container, const QString& path)
{
    QString out;
    test::docker({QStringLiteral("exec"), container, QStringLiteral("cat"), path}, &out);
    return out;
}

QString historyActions(const QString& db, const QString& name)
{
    QString out;
    QString err;
    test::drydock({QStringLiteral("history"), QStringLiteral("actions"), QStringLiteral("--db"), db,
                   QStringLiteral("--object"), name},
                  &out, &err);
    return out;
}

// `drydock harden NAME --apply --yes` running in the background, its standard error read as it comes.
class BackgroundApply
{
public:
    BackgroundApply(const QString& name, const QString& db, int watchSeconds)
    {
        m_process.setProgram(qEnvironmentVariable("DRYDOCK_BINARY"));
        m_process.setArguments({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                                QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--watch"),
                                QString::number(watchSeconds), QStringLiteral("--db"), db});
        m_process.setReadChannel(QProcess::StandardError);
        m_process.start();
    }
    ~BackgroundApply()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    // Waits until standard error holds text (or the process ends, or the time is up).
    bool waitFor(const QString& text, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (!m_err.contains(text) && timer.elapsed() < timeoutMs) {
            if (m_process.state() == QProcess::NotRunning) {
                m_err += QString::fromUtf8(m_process.readAllStandardError());
                break;
            }
            m_process.waitForReadyRead(200);
            m_err += QString::fromUtf8(m_process.readAllStandardError());
        }
        return m_err.contains(text);
    }
    void signal(int number) { ::kill(static_cast<pid_t>(m_process.processId()), number); }
    // The exit code, or -1 when it did not exit normally in time.
    int finish(int timeoutMs)
    {
        if (!m_process.waitForFinished(timeoutMs)) {
            return -1;
        }
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QString err() const { return m_err; }

private:
    QProcess m_process;
    QString m_err;
};

} // namespace

// What `drydock harden --apply` promises to keep, tested on the private daemon where it could break: --rm
// containers, signals during the watch window, backups with a restart policy, names that are id prefixes,
// and data only the backup holds.
class TestHardeningApplySafety : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    SystemClock m_clock;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    QStringList m_cleanup; // containers and volumes ("volume:NAME") removed after each test

    HardeningPlan plan(const QString& name) { return test::loadPlan(*m_client, m_catalogue, m_clock, name); }

    // A history in a folder of this test's own: Drydock refuses a database folder others may write to (/tmp).
    QString db(const QString& name)
    {
        return m_historyDir.filePath(name + QStringLiteral(".db"));
    }
    QTemporaryDir m_historyDir;

    // A running container with a volume on /data that holds a file written before the apply.
    QString runWithData(const QString& prefix, const QStringList& runOptions, const QString& script = kLoop)
    {
        const QString name = test::uniqueName(prefix);
        const QString volume = name + QStringLiteral("-data");
        m_cleanup << name << QStringLiteral("volume:") + volume;
        if (test::docker({QStringLiteral("volume"), QStringLiteral("create"), volume}) != 0) {
            return {};
        }
        QStringList args{QStringLiteral("run"),    QStringLiteral("-d"),
                         QStringLiteral("--name"), name,
                         QStringLiteral("-v"),     volume + QStringLiteral(":/data")};
        args << runOptions << kBusybox << QStringLiteral("sh") << QStringLiteral("-c") << script;
        if (test::docker(args) != 0 ||
            test::docker({QStringLiteral("exec"), name, QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("echo written-before > /data/before")}) != 0) {
            return {};
        }
        QTest::qWait(1500); // let it write, so its changes show the paths
        return name;
    }

    // The original is back: same id, running, under its name, with its data, and nothing Drydock made is
    // left.
    void verifyOriginalBack(const QString& name, const QString& originalId)
    {
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), originalId);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        QCOMPARE(readIn(name, QStringLiteral("/data/before")), QStringLiteral("written-before\n"));
        QCOMPARE(drydockCopiesOf(name), QStringList{});
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY(m_client != nullptr);
    }

    void cleanup()
    {
        for (const auto& item : m_cleanup) {
            if (item.startsWith(QStringLiteral("volume:"))) {
                test::docker(
                    {QStringLiteral("volume"), QStringLiteral("rm"), QStringLiteral("-f"), item.mid(7)});
            } else {
                for (const auto& copy : drydockCopiesOf(item)) {
                    test::docker({QStringLiteral("rm"), QStringLiteral("-f"), copy});
                }
                test::docker({QStringLiteral("rm"), QStringLiteral("-f"), item});
                QFile::remove(db(item));
            }
        }
        m_cleanup.clear();
    }

    void aContainerStartedWithRmIsRefusedAndNothingChanges()
    {
        const QString name = test::uniqueName(QStringLiteral("harden-rm"));
        m_cleanup << name;
        // Its data is in an anonymous volume, which the daemon deletes with the container when it stops.
        QCOMPARE(test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--rm"),
                               QStringLiteral("--name"), name, QStringLiteral("-v"), QStringLiteral("/anon"),
                               kBusybox, QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("echo precious > /anon/f; ") + kLoop}),
                 0);
        QTest::qWait(1500);
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));
        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                                QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--watch"),
                                QStringLiteral("2"), QStringLiteral("--db"), db(name)},
                               &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("--rm")) &&
                     err.contains(QStringLiteral("Nothing was changed")) &&
                     err.contains(QStringLiteral("Recreate it without --rm")),
                 qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("kept, stopped")), qPrintable(err));
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), originalId);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        QCOMPARE(readIn(name, QStringLiteral("/anon/f")), QStringLiteral("precious\n"));
        QCOMPARE(drydockCopiesOf(name), QStringList{});
        QVERIFY(historyActions(db(name), name).contains(QStringLiteral("refused")));
    }

    void sigtermDuringTheWatchRollsBackAndIsRecorded()
    {
        const QString name = runWithData(QStringLiteral("harden-sigterm"), {});
        QVERIFY(!name.isEmpty());
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));
        BackgroundApply apply(name, db(name), 120);
        QVERIFY2(apply.waitFor(QStringLiteral("watching it for 120 s"), 120000), qPrintable(apply.err()));
        // In the watch window: the hardened container runs as NAME, the original is the stopped backup.
        QVERIFY(inspectField(name, QStringLiteral("{{.Id}}")) != originalId);
        QCOMPARE(drydockCopiesOf(name).size(), qsizetype(1));

        apply.signal(SIGTERM);
        QCOMPARE(apply.finish(60000), 128 + SIGTERM);
        QVERIFY2(apply.err().contains(QStringLiteral("SIGTERM received")), qPrintable(apply.err()));
        QVERIFY2(apply.err().contains(QStringLiteral("Interrupted (SIGTERM): rolled back")),
                 qPrintable(apply.err()));
        verifyOriginalBack(name, originalId);
        const QString actions = historyActions(db(name), name);
        QVERIFY2(actions.contains(QStringLiteral("apply: interrupted")), qPrintable(actions));
        QVERIFY2(actions.contains(QStringLiteral("SIGTERM")), qPrintable(actions));
        QVERIFY2(actions.contains(QStringLiteral("rolled back")), qPrintable(actions));
    }

    void aSecondSignalQuitsAtOnceAndItsCommandsRestoreTheOriginal()
    {
        const QString name = runWithData(QStringLiteral("harden-abort"),
                                         {QStringLiteral("--restart"), QStringLiteral("always")});
        QVERIFY(!name.isEmpty());
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));
        BackgroundApply apply(name, db(name), 120);
        QVERIFY2(apply.waitFor(QStringLiteral("watching it for 120 s"), 120000), qPrintable(apply.err()));
        apply.signal(SIGTERM);
        QVERIFY2(apply.waitFor(QStringLiteral("SIGTERM received"), 10000), qPrintable(apply.err()));
        apply.signal(SIGINT);
        QCOMPARE(apply.finish(60000), 128 + SIGINT);
        const QString err = apply.err();
        QVERIFY2(err.contains(QStringLiteral("SIGINT again: quitting at once")), qPrintable(err));

        // Run what it printed, as a person would, one command at a time.
        QStringList commands;
        bool inCommands = false;
        for (const auto& line : err.split(QLatin1Char('\n'))) {
            if (line.startsWith(QStringLiteral("To restore"))) {
                inCommands = true;
            } else if (inCommands && line.startsWith(QStringLiteral("  docker "))) {
                commands << line.trimmed();
            } else {
                inCommands = false;
            }
        }
        QVERIFY2(!commands.isEmpty() || err.contains(QStringLiteral("Nothing is left to restore")),
                 qPrintable(err));
        for (const auto& c : commands) {
            QProcess sh;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("DOCKER_HOST"), host());
            sh.setProcessEnvironment(env);
            sh.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), c});
            QVERIFY(sh.waitForFinished(60000));
        }
        verifyOriginalBack(name, originalId);
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.RestartPolicy.Name}}")),
                 QStringLiteral("always"));
        QVERIFY(historyActions(db(name), name).contains(QStringLiteral("aborted")));
    }

    void aBackupNeverRestartsByItselfAndGetsItsPolicyBack_data()
    {
        QTest::addColumn<QString>("policy");
        QTest::addColumn<bool>("breaks"); // the hardened container exits, so the apply rolls back
        QTest::newRow("always, rolled back: the original has 'always' again") << "always" << true;
        QTest::newRow("on-failure:3, rolled back: the retry count comes back too") << "on-failure:3" << true;
        QTest::newRow("unless-stopped, applied: the backup keeps 'no' and the note says how to give it back")
            << "unless-stopped" << false;
    }

    void aBackupNeverRestartsByItselfAndGetsItsPolicyBack()
    {
        QFETCH(QString, policy);
        QFETCH(bool, breaks);
        // Breaking: it must write to /var, and the plan is made to leave /var read-only.
        const QString script =
            breaks
                ? QStringLiteral("trap 'exit 0' TERM; while true; do date > /var/x || exit 3; sleep 1; done")
                : kLoop;
        const QString name =
            runWithData(QStringLiteral("harden-policy"), {QStringLiteral("--restart"), policy}, script);
        QVERIFY(!name.isEmpty());
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));
        HardeningPlan p = plan(name);
        QVERIFY(p.isContainer());
        p.chooseAll(ChangeChoice::Apply);
        if (breaks) {
            QVERIFY(p.find("tmpfs:/var") != nullptr);
            p.find("tmpfs:/var")->choice = ChangeChoice::Skip;
        }
        DockerWriter writer(m_client->transport(), m_client->apiVersion(), {});
        QString policyWhileWatched;
        HardeningRunner runner(*m_client, writer, m_clock, [&](const HardeningAction& a) {
            if (a.step == "start hardened container") {
                const QStringList copies = drydockCopiesOf(name);
                policyWhileWatched =
                    copies.size() == 1
                        ? inspectField(copies.front(), QStringLiteral("{{.HostConfig.RestartPolicy.Name}}"))
                        : QStringLiteral("no single backup: ") + copies.join(QLatin1Char(' '));
            }
        });
        runner.setWatchSeconds(4);
        auto applied = runner.apply(p, CancelToken());
        QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
        QCOMPARE(policyWhileWatched, QStringLiteral("no"));
        const QString policyName = policy.section(QLatin1Char(':'), 0, 0);
        if (breaks) {
            QVERIFY(applied->rolledBack);
            verifyOriginalBack(name, originalId);
            QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.RestartPolicy.Name}}")), policyName);
            QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.RestartPolicy.MaximumRetryCount}}")),
                     policy.contains(QLatin1Char(':')) ? policy.section(QLatin1Char(':'), 1)
                                                       : QStringLiteral("0"));
        } else {
            QVERIFY2(applied->applied, applied->watch.summary.c_str());
            const QString backup = QString::fromStdString(applied->backupName);
            QCOMPARE(inspectField(backup, QStringLiteral("{{.Id}}")), originalId);
            QCOMPARE(inspectField(backup, QStringLiteral("{{.HostConfig.RestartPolicy.Name}}")),
                     QStringLiteral("no"));
            // The hardened one runs with the policy its plan chose; only the backup was set to 'no'.
            const bool noted =
                std::any_of(applied->notes.begin(), applied->notes.end(), [&](const std::string& n) {
                    return QString::fromStdString(n).contains(
                        QStringLiteral("docker update --restart unless-stopped"));
                });
            QVERIFY(noted);
        }
    }

    void anIdPrefixPlansButNeverApplies()
    {
        const QString name = test::uniqueName(QStringLiteral("harden-prefix"));
        m_cleanup << name;
        QCOMPARE(test::docker({QStringLiteral("create"), QStringLiteral("--name"), name, kBusybox,
                               QStringLiteral("sleep"), QStringLiteral("1000")}),
                 0);
        const QString id = inspectField(name, QStringLiteral("{{.Id}}"));
        const QString prefix = id.left(12);
        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("harden"), prefix, QStringLiteral("--host"), host(),
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &out, &err),
                 0);
        const QJsonObject object =
            QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("object")).toObject();
        QCOMPARE(object.value(QStringLiteral("name")).toString(), name);
        QCOMPARE(test::drydock({QStringLiteral("harden"), prefix, QStringLiteral("--host"), host(),
                                QStringLiteral("--apply"), QStringLiteral("--yes"),
                                QStringLiteral("--no-history")},
                               &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("only the start of the id")) && err.contains(name),
                 qPrintable(err));
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), id);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Status}}")), QStringLiteral("created"));
        QCOMPARE(drydockCopiesOf(name), QStringList{});
    }

    void aNameWinsOverAnotherContainersIdPrefixAsInTheDockerCli()
    {
        const QString first = test::uniqueName(QStringLiteral("harden-idowner"));
        m_cleanup << first;
        QCOMPARE(test::docker({QStringLiteral("create"), QStringLiteral("--name"), first, kBusybox,
                               QStringLiteral("true")}),
                 0);
        // The second container is named like the start of the first one's id.
        const QString named = inspectField(first, QStringLiteral("{{.Id}}")).left(10);
        m_cleanup << named;
        QCOMPARE(test::docker({QStringLiteral("create"), QStringLiteral("--name"), named, kBusybox,
                               QStringLiteral("true")}),
                 0);
        QCOMPARE(inspectField(named, QStringLiteral("{{.Name}}")), QStringLiteral("/") + named);
        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("harden"), named, QStringLiteral("--host"), host(),
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &out, &err),
                 0);
        const QJsonObject object =
            QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("object")).toObject();
        QCOMPARE(object.value(QStringLiteral("name")).toString(), named);
        QCOMPARE(object.value(QStringLiteral("id")).toString(),
                 inspectField(named, QStringLiteral("{{.Id}}")));
    }

    void anAmbiguousIdPrefixIsRefusedAsInTheDockerCli()
    {
        // Seventeen ids cannot all start with different hex digits: at least two share the first one.
        std::map<QChar, QStringList> byFirst;
        for (int i = 0; i < 17; ++i) {
            const QString name = test::uniqueName(QStringLiteral("harden-ambiguous"));
            m_cleanup << name;
            QCOMPARE(test::docker({QStringLiteral("create"), QStringLiteral("--name"), name, kBusybox,
                                   QStringLiteral("true")}),
                     0);
            byFirst[inspectField(name, QStringLiteral("{{.Id}}")).at(0)] << name;
        }
        QString shared;
        for (const auto& [first, names] : byFirst) {
            if (names.size() >= 2) {
                shared = first;
            }
        }
        QVERIFY(!shared.isEmpty());
        QString out;
        QString err;
        QVERIFY(test::docker({QStringLiteral("container"), QStringLiteral("inspect"), shared}, &out, &err) !=
                0);
        QCOMPARE(
            test::drydock({QStringLiteral("harden"), shared, QStringLiteral("--host"), host()}, &out, &err),
            2);
        QVERIFY2(err.contains(QStringLiteral("is the start of")) &&
                     err.contains(byFirst[shared.at(0)].front()),
                 qPrintable(err));
    }

    void dataOnlyTheBackupHoldsIsSaidAndKeptUntilForced()
    {
        const QString name = runWithData(
            QStringLiteral("harden-layer"), {},
            QStringLiteral(
                "trap 'exit 0' TERM; mkdir -p /var/cache/app; echo only-here > /var/cache/app/state; ") +
                QStringLiteral("while true; do date > /tmp/x; sleep 1; done"));
        QVERIFY(!name.isEmpty());
        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &out, &err),
                 0);
        QJsonObject tmpfs;
        for (const auto& c :
             QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("changes")).toArray()) {
            if (c.toObject().value(QStringLiteral("id")).toString() ==
                QStringLiteral("tmpfs:/var/cache/app")) {
                tmpfs = c.toObject();
            }
        }
        QCOMPARE(tmpfs.value(QStringLiteral("onlyInBackup")).toArray(),
                 QJsonArray{QStringLiteral("/var/cache/app/state")});
        QVERIFY(
            tmpfs.value(QStringLiteral("risk")).toString().contains(QStringLiteral("only in the backup")));

        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                                QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--watch"),
                                QStringLiteral("2"), QStringLiteral("--db"), db(name)},
                               &out, &err),
                 0);
        const QStringList backups = drydockCopiesOf(name);
        QCOMPARE(backups.size(), qsizetype(1));
        QCOMPARE(readIn(name, QStringLiteral("/data/before")), QStringLiteral("written-before\n"));

        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                                QStringLiteral("--remove-backup"), QStringLiteral("--db"), db(name)},
                               &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("/var/cache/app/state")) &&
                     err.contains(QStringLiteral("Nothing was removed")),
                 qPrintable(err));
        QCOMPARE(drydockCopiesOf(name), backups);
        // What the message says to do works: the data is copied out of the stopped backup.
        QCOMPARE(
            test::docker({QStringLiteral("cp"), backups.front() + QStringLiteral(":/var/cache/app/state"),
                          QDir::tempPath() + QLatin1Char('/') + name + QStringLiteral("-state")}),
            0);
        QFile copied(QDir::tempPath() + QLatin1Char('/') + name + QStringLiteral("-state"));
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), QByteArray("only-here\n"));
        copied.remove();

        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host(),
                                QStringLiteral("--remove-backup"), QStringLiteral("--force"),
                                QStringLiteral("--db"), db(name)},
                               &out, &err),
                 0);
        QCOMPARE(drydockCopiesOf(name), QStringList{});
        QCOMPARE(test::docker(
                     {QStringLiteral("volume"), QStringLiteral("inspect"), name + QStringLiteral("-data")}),
                 0);
        QVERIFY(historyActions(db(name), name).contains(QStringLiteral("refused")));
    }
};

QTEST_GUILESS_MAIN(TestHardeningApplySafety)
#include "TestHardeningApplySafety.moc"
