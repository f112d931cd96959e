#include "core/common/ShellQuote.h"
#include "core/hardening/ApplyProgress.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const std::string kId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const std::string kNewId = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

// A progress from words: "running stop policy=always rename create id removed rename-back renamed-back
// restored started trial finished inflight name=…" (each sets what the apply did before it stopped).
ApplyProgress progressFrom(const QString& spec)
{
    ApplyProgress p;
    p.endpoint = "unix:///run/docker.sock";
    p.name = "web";
    p.originalId = kId;
    p.backupName = "web-drydock-backup-20261206T200000";
    for (const auto& word : spec.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString key = word.section(QLatin1Char('='), 0, 0);
        const std::string value = word.section(QLatin1Char('='), 1).toStdString();
        if (key == QLatin1String("running")) {
            p.wasRunning = true;
        } else if (key == QLatin1String("stop")) {
            p.stopSent = true;
        } else if (key == QLatin1String("policy")) {
            p.policyChangeSent = true;
            const auto colon = value.find(':');
            p.originalPolicy.name = value.substr(0, colon);
            p.originalPolicy.maximumRetryCount =
                colon == std::string::npos ? 0 : std::stoi(value.substr(colon + 1));
        } else if (key == QLatin1String("rename")) {
            p.renameSent = true;
        } else if (key == QLatin1String("create")) {
            p.hardenedMayExist = true;
        } else if (key == QLatin1String("id")) {
            p.newId = kNewId;
        } else if (key == QLatin1String("removed")) {
            p.hardenedMayExist = false;
        } else if (key == QLatin1String("rename-back")) {
            p.renameBackSent = true;
        } else if (key == QLatin1String("renamed-back")) {
            p.renameBackSent = true;
            p.renamedBack = true;
        } else if (key == QLatin1String("restored")) {
            p.policyRestored = true;
        } else if (key == QLatin1String("started")) {
            p.originalStarted = true;
        } else if (key == QLatin1String("trial")) {
            p.trial = true;
            p.name = "web-drydock-trial-20261206T200000";
            p.originalId.clear();
        } else if (key == QLatin1String("finished")) {
            p.finished = true;
        } else if (key == QLatin1String("inflight")) {
            p.lastRequest = "the last step";
        } else if (key == QLatin1String("name")) {
            p.name = value;
        }
    }
    return p;
}

} // namespace

// What an interrupted or failed apply leaves, and the commands that restore the original, at every step.
class TestApplyProgress : public QObject
{
    Q_OBJECT

private slots:
    void restoreCommands_data()
    {
        const QString id = QString::fromStdString(kId);
        const QString newId = QString::fromStdString(kNewId);
        QTest::addColumn<QString>("progress");
        QTest::addColumn<QStringList>("commands");
        QTest::addColumn<QString>("said"); // a part of the description
        QTest::newRow("before the first request nothing is left to restore")
            << "running" << QStringList{} << "Nothing is left to restore on unix:///run/docker.sock";
        QTest::newRow("a stopped original is started again")
            << "running stop" << QStringList{"docker start " + id} << "is stopped under its name web";
        QTest::newRow("a stop in flight may or may not have happened: starting is right either way")
            << "running stop inflight" << QStringList{"docker start " + id}
            << "may or may not have taken effect";
        QTest::newRow("a changed restart policy is given back before the start")
            << "running stop policy=on-failure:3"
            << QStringList{"docker update --restart on-failure:3 " + id, "docker start " + id}
            << "restart policy is 'no' (it was 'on-failure:3')";
        QTest::newRow("a renamed original is renamed back by its id")
            << "running stop policy=always rename"
            << QStringList{"docker rename " + id + " web", "docker update --restart always " + id,
                           "docker start " + id}
            << "named web-drydock-backup-20261206T200000";
        QTest::newRow("a create in flight without an id is removed by name, the original having another name")
            << "running stop rename create inflight"
            << QStringList{"docker rm -f web", "docker rename " + id + " web", "docker start " + id}
            << "may exist as web";
        QTest::newRow("a hardened container running under the name is removed by its id first")
            << "running stop policy=unless-stopped rename create id"
            << QStringList{"docker rm -f " + newId, "docker rename " + id + " web",
                           "docker update --restart unless-stopped " + id, "docker start " + id}
            << "exists as web";
        QTest::newRow("once the rename back was sent, the name is never removed")
            << "running stop rename create rename-back"
            << QStringList{"docker rename " + id + " web", "docker start " + id}
            << "if its rename back went through, web";
        QTest::newRow("a rename back in flight is repeated, as it may not have happened")
            << "running stop rename create id removed rename-back inflight"
            << QStringList{"docker rename " + id + " web", "docker start " + id} << "may or may not";
        QTest::newRow("a rollback that only lacks the start says so")
            << "running stop policy=always rename create id removed renamed-back restored"
            << QStringList{"docker start " + id} << "is stopped";
        QTest::newRow("an original that was not running is not started")
            << "stop rename" << QStringList{"docker rename " + id + " web"} << "not running, as before";
        QTest::newRow("a finished apply leaves nothing to restore")
            << "running stop rename create id finished" << QStringList{} << "Nothing is left to restore";
        QTest::newRow("a trial leaves at most its own container")
            << "trial create id" << QStringList{"docker rm -f " + newId} << "Nothing existing was touched";
        QTest::newRow("a trial container whose create was in flight is removed by its unique name")
            << "trial create inflight" << QStringList{"docker rm -f web-drydock-trial-20261206T200000"}
            << "may exist as web-drydock-trial-20261206T200000";
        QTest::newRow("a name a shell would run is quoted")
            << "running stop rename name=web;touch${IFS}PWNED"
            << QStringList{"docker rename " + id + " 'web;touch${IFS}PWNED'", "docker start " + id}
            << "PWNED";
    }

    void restoreCommands()
    {
        QFETCH(QString, progress);
        QFETCH(QStringList, commands);
        QFETCH(QString, said);
        const ApplyProgress p = progressFrom(progress);
        QStringList actual;
        for (const auto& c : drydock::restoreCommands(p)) {
            actual << QString::fromStdString(c);
        }
        QCOMPARE(actual, commands);
        const QString text = QString::fromStdString(leftStateText(p));
        QVERIFY2(text.contains(said), qPrintable(text));
        QCOMPARE(text.contains(QStringLiteral("To restore")), !commands.isEmpty());
    }

    // The printed commands are run by a shell: with a stub docker that only records its arguments, each
    // must reach docker as the intended words and do nothing else.
    void theCommandsRunAsPrintedWithHostileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("a plain name") << "web";
        QTest::newRow("a command separator and substitution")
            << "web;touch PWNED;$(touch PWNED)`touch PWNED`";
        QTest::newRow("quotes and a newline") << "we'b\"\n#x";
    }

    void theCommandsRunAsPrintedWithHostileNames()
    {
        QFETCH(QString, name);
        ApplyProgress p = progressFrom(QStringLiteral("running stop policy=always rename create id"));
        p.name = name.toStdString();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString stub = dir.filePath(QStringLiteral("docker"));
        QFile f(stub);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/bash\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done >> \"$LOG\"; printf '\\n\\0' "
                ">> \"$LOG\"\n");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        const StringList commands = drydock::restoreCommands(p);
        QProcess sh;
        sh.setWorkingDirectory(dir.path());
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATH"), dir.path() + QStringLiteral(":/usr/bin:/bin"));
        env.insert(QStringLiteral("LOG"), dir.filePath(QStringLiteral("argv")));
        sh.setProcessEnvironment(env);
        std::string script;
        for (const auto& c : commands) {
            script += c + "\n";
        }
        sh.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), QString::fromStdString(script)});
        QVERIFY(sh.waitForFinished(10000));
        QCOMPARE(sh.exitCode(), 0);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("PWNED"))));
        QFile log(dir.filePath(QStringLiteral("argv")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> words = log.readAll().split('\0');
        const QByteArray n = name.toUtf8();
        const QByteArray id = QByteArray::fromStdString(kId);
        const QList<QByteArray> expected{"rm",        "-f",     QByteArray::fromStdString(kNewId),
                                         "\n",        "rename", id,
                                         n,           "\n",     "update",
                                         "--restart", "always", id,
                                         "\n",        "start",  id,
                                         "\n",        ""};
        QCOMPARE(words, expected);
    }
};

QTEST_GUILESS_MAIN(TestApplyProgress)
#include "TestApplyProgress.moc"
