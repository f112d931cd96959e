#include "core/common/Clock.h"
#include "core/docker/DockerWriter.h"
#include "core/hardening/HardeningLoader.h"
#include "core/hardening/HardeningRunner.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/Scanner.h"
#include "tests/support/DockerQueries.h"
#include "tests/support/HardeningPlans.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using drydock::test::containerNames;
using drydock::test::inspectField;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");
// Not a real secret: a value the test looks for in everything Drydock logs or records.
const QString kSecret = QStringLiteral("hardenTestValue4711");

} // namespace

// Real insecure containers on the private daemon through plan, trial, apply, rescan and rollback.
class TestHardeningIntegration : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DockerClient> m_client;
    SystemClock m_clock;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    std::vector<WriteRecord> m_writes;
    std::vector<HardeningAction> m_actions;

    HardeningPlan plan(const QString& name) { return test::loadPlan(*m_client, m_catalogue, m_clock, name); }

    std::unique_ptr<DockerWriter> writer()
    {
        return std::make_unique<DockerWriter>(m_client->transport(), m_client->apiVersion(),
                                              [this](const WriteRecord& r) { m_writes.push_back(r); });
    }

    StringList openRules(const QString& name)
    {
        Scanner scanner(*m_client, m_catalogue, m_clock);
        NullProgressSink progress;
        auto scan = scanner.scan(ScanSettings{}, progress, CancelToken());
        StringList rules;
        if (scan) {
            for (const auto& f : scan->findings.all()) {
                if (f.object.type == ObjectType::Container && f.object.name == name.toStdString()) {
                    rules.push_back(f.ruleId);
                }
            }
        }
        return rules;
    }

    // Nothing Drydock logged or recorded may hold the secret value.
    void verifyNoSecretLogged()
    {
        for (const auto& w : m_writes) {
            QVERIFY(!QString::fromStdString(w.path + w.message).contains(kSecret));
        }
        for (const auto& a : m_actions) {
            QVERIFY(!QString::fromStdString(a.step + a.outcome + a.details).contains(kSecret));
        }
    }

private slots:
    void initTestCase()
    {
        m_client = test::connectPrivateDaemon();
        QVERIFY(m_client != nullptr);
    }

    void init()
    {
        m_writes.clear();
        m_actions.clear();
    }

    void anInsecureContainerIsHardenedAndItsFindingsClose()
    {
        const QString name = test::uniqueName(QStringLiteral("harden"));
        const QString volume = name + QStringLiteral("-data");
        QCOMPARE(test::docker({QStringLiteral("volume"), QStringLiteral("create"), volume}), 0);
        // Root, no limits, an added capability, a writable root that it really writes to, a secret in env.
        QCOMPARE(test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                               QStringLiteral("--cap-add"), QStringLiteral("NET_ADMIN"), QStringLiteral("-e"),
                               QStringLiteral("DB_PASSWORD=") + kSecret, QStringLiteral("-v"),
                               volume + QStringLiteral(":/data"), kBusybox, QStringLiteral("sh"),
                               QStringLiteral("-c"),
                               QStringLiteral("trap 'exit 0' TERM; echo kept > /data/log; "
                                              "while true; do date > /tmp/x; mkdir -p /var/cache/app; "
                                              "date > /var/cache/app/y; sleep 1; done")}),
                 0);
        QTest::qWait(2500); // let it write, so its changes show the paths
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));

        HardeningPlan p = plan(name);
        QVERIFY(p.isContainer());
        QVERIFY(p.find("CTR-001") != nullptr);
        QVERIFY(p.find("tmpfs:/var/cache/app") != nullptr);
        // What it wrote there is in its own layer: the plan says the tmpfs leaves it in the backup only.
        const StringList onlyInBackup = p.find("tmpfs:/var/cache/app")->onlyInBackup;
        QVERIFY(std::find(onlyInBackup.begin(), onlyInBackup.end(), "/var/cache/app/y") !=
                onlyInBackup.end());
        QCOMPARE(p.find("SEC-001:DB_PASSWORD")->choice,
                 ChangeChoice::Skip); // the app must read a file: opt-in
        p.chooseAll(ChangeChoice::Apply);
        const StringList targeted = p.resolvedRuleIds();
        for (const char* rule :
             {"CTR-001", "CTR-003", "CTR-004", "CTR-016", "RUN-005", "RUN-006", "RUN-009", "SEC-001"}) {
            QVERIFY2(std::find(targeted.begin(), targeted.end(), rule) != targeted.end(), rule);
        }

        auto w = writer();
        HardeningRunner runner(*m_client, *w, m_clock,
                               [this](const HardeningAction& a) { m_actions.push_back(a); });
        runner.setWatchSeconds(3);

        // The trial runs beside the original and leaves nothing behind.
        auto trial = runner.trial(p, CancelToken());
        QVERIFY2(trial, trial ? "" : trial.error().message.c_str());
        QVERIFY2(trial->stayedUp, trial->summary.c_str());
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), originalId);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        for (const auto& n : containerNames()) {
            QVERIFY2(!n.contains(QStringLiteral("-drydock-trial-")), qPrintable(n));
        }

        auto applied = runner.apply(p, CancelToken());
        QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
        QVERIFY2(applied->applied, applied->watch.summary.c_str());
        const QString backup = QString::fromStdString(applied->backupName);
        QCOMPARE(inspectField(backup, QStringLiteral("{{.Id}}")), originalId);
        QCOMPARE(inspectField(backup, QStringLiteral("{{.State.Running}}")), QStringLiteral("false"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.Config.User}}")), QStringLiteral("10001:10001"));
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.ReadonlyRootfs}}")),
                 QStringLiteral("true"));
        QVERIFY(!inspectField(name, QStringLiteral("{{json .Config.Env}}")).contains(kSecret));

        // The data in the volume is there, the secret is a file only the new user reads, writes still work.
        QString out;
        QCOMPARE(test::docker({QStringLiteral("exec"), name, QStringLiteral("cat"),
                               QStringLiteral("/data/log"), QStringLiteral("/run/secrets/db_password")},
                              &out),
                 0);
        QCOMPARE(out, QStringLiteral("kept\n") + kSecret);
        QCOMPARE(test::docker({QStringLiteral("exec"), name, QStringLiteral("cat"),
                               QStringLiteral("/var/cache/app/y")}),
                 0);

        const StringList open = openRules(name);
        for (const char* rule :
             {"CTR-001", "CTR-003", "CTR-004", "CTR-016", "RUN-005", "RUN-006", "RUN-009", "SEC-001"}) {
            QVERIFY2(std::find(open.begin(), open.end(), rule) == open.end(), rule);
        }

        // The backup holds what the container wrote where the hardened one has an empty tmpfs: removing it
        // is refused until forced; removing it keeps the volume.
        auto refused = runner.removeBackup(backup.toStdString());
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.error().message).contains(QStringLiteral("/var/cache/app/y")),
                 refused.error().message.c_str());
        QVERIFY(containerNames().contains(backup));
        QVERIFY(runner.removeBackup(backup.toStdString(), true));
        QVERIFY(!containerNames().contains(backup));
        QCOMPARE(test::docker({QStringLiteral("volume"), QStringLiteral("inspect"), volume}), 0);
        QVERIFY(!runner.removeBackup(name.toStdString())); // not a backup: refused
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));

        verifyNoSecretLogged();
        for (const auto& wr : m_writes) {
            QVERIFY2(!QString::fromStdString(wr.path).contains(QStringLiteral("v=1")), wr.path.c_str());
        }
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        test::docker({QStringLiteral("volume"), QStringLiteral("rm"), volume});
    }

    void aPlanThatBreaksTheContainerRollsBack()
    {
        const QString name = test::uniqueName(QStringLiteral("harden-break"));
        const QString volume = name + QStringLiteral("-data");
        QCOMPARE(test::docker({QStringLiteral("volume"), QStringLiteral("create"), volume}), 0);
        // It must write to /var: read-only without the tmpfs makes it exit.
        QCOMPARE(test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                               QStringLiteral("-v"), volume + QStringLiteral(":/data"), kBusybox,
                               QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("trap 'exit 0' TERM; echo precious >> /data/log; "
                                              "while true; do date > /var/x || exit 3; sleep 1; done")}),
                 0);
        QTest::qWait(2500);
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));

        HardeningPlan p = plan(name);
        QVERIFY(p.find("read-only") != nullptr);
        QVERIFY(p.find("tmpfs:/var") != nullptr);
        p.chooseAll(ChangeChoice::Apply);
        p.find("tmpfs:/var")->choice = ChangeChoice::Skip; // forced to break

        auto w = writer();
        HardeningRunner runner(*m_client, *w, m_clock,
                               [this](const HardeningAction& a) { m_actions.push_back(a); });
        runner.setWatchSeconds(4);
        auto applied = runner.apply(p, CancelToken());
        QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
        QVERIFY(!applied->applied);
        QVERIFY(applied->rolledBack);
        QCOMPARE(applied->watch.exitCode, 3);
        QVERIFY(
            QString::fromStdString(applied->watch.logTail).contains(QStringLiteral("Read-only file system")));

        // The original is back under its name, running, with its data; no backup and no hardened copy remain.
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), originalId);
        QCOMPARE(inspectField(name, QStringLiteral("{{.State.Running}}")), QStringLiteral("true"));
        for (const auto& n : containerNames()) {
            QVERIFY2(!n.startsWith(name + QStringLiteral("-drydock-")), qPrintable(n));
        }
        QString out;
        QCOMPARE(
            test::docker({QStringLiteral("exec"), name, QStringLiteral("cat"), QStringLiteral("/data/log")},
                         &out),
            0);
        QVERIFY(out.contains(QStringLiteral("precious")));
        const bool rolledBack = std::any_of(m_actions.begin(), m_actions.end(), [](const HardeningAction& a) {
            return a.outcome == "rolled back";
        });
        QVERIFY(rolledBack);
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        test::docker({QStringLiteral("volume"), QStringLiteral("rm"), volume});
    }

    void theCommandLinePlansAndAppliesOnlyWhenConfirmed()
    {
        const QString name = test::uniqueName(QStringLiteral("harden-cli"));
        QCOMPARE(
            test::docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                          kBusybox, QStringLiteral("sh"), QStringLiteral("-c"),
                          QStringLiteral("trap 'exit 0' TERM; while true; do date > /tmp/x; sleep 1; done")}),
            0);
        QTest::qWait(1500);
        const QString originalId = inspectField(name, QStringLiteral("{{.Id}}"));
        const QString host = QStringLiteral("unix://") + test::privateDaemonSocket();
        // A history in a folder of the test's own: Drydock refuses a database folder others may write to (/tmp).
        const QTemporaryDir historyDir;
        QVERIFY(historyDir.isValid());
        const QString db = historyDir.filePath(name + QStringLiteral(".db"));

        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &out, &err),
                 0);
        const QJsonObject plan = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(plan.value(QStringLiteral("schemaVersion")).toInt(), 1);
        QVERIFY(!plan.value(QStringLiteral("changes")).toArray().isEmpty());
        QVERIFY(plan.value(QStringLiteral("preview"))
                    .toObject()
                    .value(QStringLiteral("diff"))
                    .toString()
                    .contains(QStringLiteral("+ --read-only")));

        // --apply without --yes is a usage error and changes nothing.
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--apply")},
                               &out, &err),
                 2);
        QCOMPARE(inspectField(name, QStringLiteral("{{.Id}}")), originalId);

        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--watch"),
                                QStringLiteral("3"), QStringLiteral("--db"), db},
                               &out, &err),
                 0);
        QVERIFY2(err.contains(QStringLiteral("Applied")), qPrintable(err));
        QVERIFY(inspectField(name, QStringLiteral("{{.Id}}")) != originalId);
        QCOMPARE(inspectField(name, QStringLiteral("{{.HostConfig.ReadonlyRootfs}}")),
                 QStringLiteral("true"));

        QCOMPARE(test::drydock({QStringLiteral("history"), QStringLiteral("actions"), QStringLiteral("--db"),
                                db, QStringLiteral("--object"), name},
                               &out, &err),
                 0);
        QVERIFY(out.contains(QStringLiteral("apply: create hardened container  ok")));

        // It wrote /tmp/x in its own layer, and /tmp is an empty tmpfs in the hardened container: only the
        // backup has it, so removing the backup takes --force.
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--remove-backup"), QStringLiteral("--db"), db},
                               &out, &err),
                 2);
        QVERIFY2(err.contains(QStringLiteral("/tmp/x")) && err.contains(QStringLiteral("--force")),
                 qPrintable(err));
        const QStringList kept = containerNames();
        QVERIFY(std::any_of(kept.begin(), kept.end(), [&](const QString& n) {
            return n.startsWith(name + QStringLiteral("-drydock-backup-"));
        }));
        QCOMPARE(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--remove-backup"), QStringLiteral("--force"),
                                QStringLiteral("--db"), db},
                               &out, &err),
                 0);
        for (const auto& n : containerNames()) {
            QVERIFY2(!n.startsWith(name + QStringLiteral("-drydock-backup-")), qPrintable(n));
        }
        test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        QFile::remove(db);
    }
};

QTEST_GUILESS_MAIN(TestHardeningIntegration)
#include "TestHardeningIntegration.moc"
