#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/common/VisibleText.h"
#include "core/hardening/HardeningLoader.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/rules/RuleCatalogue.h"
#include "tests/support/StubDocker.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace drydock;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");

// Directories the container creates at run time: GET /containers/{id}/changes reports them, and the plan
// turns each into a --tmpfs value, without the attacker touching the container's configuration.
const StringList kHostileDirs{"/a\n#", "/b;touch PWNED;", "/c\n#", "/d\x1b]0;owned\x07",
                              "/e'\"$(touch PWNED)"};
const StringList kHostileEnv{"A=x\n#", "B=;touch PWNED;", "C=y\n#", "D=\x1b[31mred\xc2\x9b"};

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

bool linesVisible(const std::string& text)
{
    for (const auto& line : split(text, '\n')) {
        if (hasHiddenCharacters(line)) {
            return false;
        }
    }
    return true;
}

} // namespace

// `drydock harden NAME --format script` for a container an attacker shaped (env values, directories it
// created), run under sh with a stub docker: exactly the planned docker calls, nothing else.
class TestHardenScriptIntegration : public QObject
{
    Q_OBJECT

private:
    QStringList m_containers;

private slots:
    void cleanupTestCase()
    {
        for (const QString& name : m_containers) {
            test::docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        }
    }

    void theScriptOfAHostileContainerRunsExactlyThePlannedCalls()
    {
        const QString name = test::uniqueName(QStringLiteral("hostile"));
        m_containers << name;
        QStringList run{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name};
        for (const auto& e : kHostileEnv) {
            run << QStringLiteral("-e") << q(e);
        }
        run << kBusybox << QStringLiteral("sh") << QStringLiteral("-c")
            << QStringLiteral(
                   "for d in \"$@\"; do mkdir -- \"$d\" && echo x > \"$d/f\"; done; exec sleep 3600")
            << QStringLiteral("sh");
        for (const auto& d : kHostileDirs) {
            run << q(d);
        }
        QString err;
        QVERIFY2(test::docker(run, nullptr, &err) == 0, qPrintable(err));
        QString diff;
        for (int i = 0; i < 50 && !diff.contains(QStringLiteral("/e'")); ++i) {
            QTest::qWait(100);
            test::docker({QStringLiteral("diff"), name}, &diff);
        }
        QVERIFY2(diff.contains(QStringLiteral("/b;touch PWNED;")), qPrintable(diff));

        // The plan the CLI prints, computed here from the same daemon: its hardened command is the truth the
        // script must reproduce word for word.
        auto client = test::connectPrivateDaemon();
        QVERIFY(client != nullptr);
        const SystemClock clock;
        NullProgressSink progress;
        auto loaded = HardeningLoader::load(*client, RuleCatalogue::builtIn(), clock, ScanSettings{},
                                            name.toStdString(), progress, CancelToken());
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        const RunCommand after = RunCommandHardener().apply(loaded->plan.before, loaded->plan.chosenEdits());
        const StringList argv = after.argv();
        for (const auto& e : kHostileEnv) {
            QVERIFY2(std::find(argv.begin(), argv.end(), e) != argv.end(), visibleText(e).c_str());
        }
        for (const auto& d : kHostileDirs) {
            const std::string tmpfs = d + ":rw,nosuid,size=64m,mode=1777";
            QVERIFY2(std::find(argv.begin(), argv.end(), tmpfs) != argv.end(), visibleText(tmpfs).c_str());
        }

        const QString host = QStringLiteral("unix://") + test::privateDaemonSocket();
        QString out;
        QVERIFY2(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                QStringLiteral("--format"), QStringLiteral("script")},
                               &out, &err) == 0,
                 qPrintable(err));
        const std::string script = out.toStdString();
        QVERIFY2(linesVisible(script), visibleText(script).c_str());

        const test::StubShellRun ran = test::runWithStubDocker({QStringLiteral("/bin/sh")}, script);
        QVERIFY(ran.started);
        QVERIFY2(ran.leftovers.isEmpty(), qPrintable(ran.leftovers.join(' ')));
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.errors));
        const std::string n = name.toStdString();
        std::vector<StringList> want{{"stop", "--", n}, {"inspect", "-f", "{{.Id}}", "--", n}};
        QVERIFY(ran.calls.size() >= 3 && ran.calls[2].size() == 4);
        const std::string backup = ran.calls[2][3];
        QVERIFY(startsWith(backup, n + "-drydock-backup-"));
        want.push_back({"rename", "--", n, backup});
        want.push_back(argv);
        for (const auto& f : after.followUps) {
            want.push_back(f.argv());
        }
        want.push_back({"inspect", "-f", "{{.State.Running}}", "--", n});
        QCOMPARE(ran.calls.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            QVERIFY2(ran.calls[i] == want[i], visibleText(join(ran.calls[i], " | ")).c_str());
        }

        // The other formats a person reads on the terminal carry no raw control character either.
        for (const char* format : {"text", "markdown"}) {
            QVERIFY(test::drydock({QStringLiteral("harden"), name, QStringLiteral("--host"), host,
                                   QStringLiteral("--format"), QLatin1String(format)},
                                  &out, &err) == 0);
            QVERIFY2(linesVisible(out.toStdString()), format);
            QVERIFY(out.contains(QStringLiteral("touch PWNED")));
        }
    }
};

QTEST_GUILESS_MAIN(TestHardenScriptIntegration)
#include "TestHardenScriptIntegration.moc"
