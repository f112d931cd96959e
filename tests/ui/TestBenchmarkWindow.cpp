// The window's share of issue #23 beyond the live Benchmark page: a scan reopened from the history is assessed
// on the Benchmark page exactly as `drydock benchmark --scan ID` assesses it (storedCoverage), with a note
// saying so; and File ▸ Export host fix script… (also on the Benchmark page and on a host finding's details)
// writes the shown scan's host fixes as a private sh script, asked where through the prompt seam, enabled
// only while there are host fixes, never with a secret in it.
#include "core/host/HostFixScript.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/RuleEngine.h"
#include "core/store/HistoryStore.h"
#include "ui/MainWindow.h"
#include "ui/bridge/HistoryController.h"
#include "ui/models/BenchmarkModel.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/pages/BenchmarkPage.h"
#include "ui/pages/FindingsPage.h"
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/InlineMessage.h"

#include "tests/support/RealisticScan.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <sys/stat.h>

using namespace drydock;
using namespace drydock::ui;

namespace {

const char* const kSecret = "Tr0ub4dor-s3cret-pw";

// The realistic scan on a host with Docker's files too open, an audit watch missing and a daemon setting that
// holds a password (a cgroup parent nobody should write like this, but a flag value is daemon input).
ScanResult scanWithHost(const RuleCatalogue& catalogue, bool withHostFindings)
{
    ScanResult scan = test::realisticScan(catalogue, 6);
    HostFacts h;
    h.daemonPid = 42;
    h.socketPath = "/run/docker.sock";
    h.configFile = "/etc/docker/daemon.json";
    h.dataRoot = "/var/lib/docker";
    h.dataRootOwnMount = true;
    h.dockerGroupMembers = std::vector<std::string>{};
    h.auditRulesRead = true;
    h.settings["no-new-privileges"] = {"true", "/etc/docker/daemon.json"};
    h.settings["userland-proxy"] = {"false", "/etc/docker/daemon.json"};
    h.settings["default-ulimits"] = {"nofile=1024:4096", "/etc/docker/daemon.json"};
    if (withHostFindings) {
        h.settings["cgroup-parent"] = {"https://admin:" + std::string(kSecret) + "@registry.example/x",
                                       "/etc/docker/daemon.json"};
        h.auditTargets = {{"1.1.3", "/usr/bin/dockerd", false}};
        h.files = {HostFile{"docker.service", "/lib/systemd/system/docker.service", 0, 0, "root", "root", 0666}};
    } else {
        h.auditTargets = {{"1.1.3", "/usr/bin/dockerd", true}};
        h.files = {HostFile{"docker.service", "/lib/systemd/system/docker.service", 0, 0, "root", "root", 0644}};
    }
    scan.inventory.host = h;
    scan.findings = RuleEngine(catalogue).evaluate(scan.inventory, ScanSettings{}, scan.startedAtUnix);
    return scan;
}

int hostFindings(const ScanResult& scan)
{
    return static_cast<int>(std::count_if(scan.findings.all().begin(), scan.findings.all().end(),
                                          [](const Finding& f) { return f.area == Area::Host; }));
}

} // namespace

class TestBenchmarkWindow : public QObject
{
    Q_OBJECT

    const RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_asked;       // what the save prompt was offered
    QString m_answer;      // what it answers ("" = cancelled)
    int m_prompts = 0;

    QString db() const { return m_dir->path() + QStringLiteral("/history.db"); }

    qint64 store(const ScanResult& scan)
    {
        auto history = HistoryStore::open(db().toStdString());
        if (!history) {
            qWarning("%s", history.error().message.c_str());
            return 0;
        }
        auto id = history.value()->scans().save(scan);
        return id ? id.value() : 0;
    }

    std::unique_ptr<MainWindow> newWindow()
    {
        MainWindowServices s;
        s.catalogue = &m_catalogue;
        s.databasePath = db();
        s.endpointError = QStringLiteral("no daemon in this test");
        s.scanOnStart = false;
        s.hostFixPathPrompt = [this](QWidget*, const QString& suggested) {
            ++m_prompts;
            m_asked = suggested;
            return m_answer;
        };
        auto w = std::make_unique<MainWindow>(std::move(s));
        w->show();
        return w;
    }

    // Opens a stored scan as the History page's Open does, and waits until the window shows it.
    static bool open(MainWindow& w, qint64 id)
    {
        QSignalSpy opened(w.historyController(), &HistoryController::scanOpened);
        w.historyController()->openScan(id);
        return opened.wait(30000);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<QTemporaryDir>();
        m_asked.clear();
        m_answer.clear();
        m_prompts = 0;
    }

    void aStoredScanIsAssessedAsTheCommandLineDoes_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("in the default version, 1.8.0") << QStringLiteral("1.8.0");
        QTest::newRow("in 1.6.0, chosen in the View menu") << QStringLiteral("1.6.0");
    }
    void aStoredScanIsAssessedAsTheCommandLineDoes()
    {
        QFETCH(QString, version);
        const qint64 id = store(scanWithHost(m_catalogue, true));
        QVERIFY(id > 0);
        auto w = newWindow();
        QVERIFY(w->benchmark()->showsEmptyState());
        w->setCisVersion(*cisVersionFromString(version.toStdString()));
        QVERIFY(open(*w, id));

        BenchmarkPage* page = w->benchmark();
        QVERIFY(!page->showsEmptyState());
        QVERIFY(page->showsStoredScan());
        QVERIFY(page->storedNote()->isVisibleTo(page));
        QVERIFY2(page->storedNote()->text().contains(QStringLiteral("drydock benchmark --scan %1").arg(id)),
                 qPrintable(page->storedNote()->text()));
        QVERIFY(page->findChild<QLabel*>(QStringLiteral("benchmarkHeading"))
                    ->text()
                    .contains(QStringLiteral("stored scan %1").arg(id)));

        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("benchmark"), QStringLiteral("--scan"), QString::number(id),
                                QStringLiteral("--db"), db(), QStringLiteral("--cis"), version,
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &out, &err),
                 0);
        const QJsonObject benchmark = QJsonDocument::fromJson(out.toUtf8()).object()[QStringLiteral("benchmark")].toObject();
        QCOMPARE(benchmark[QStringLiteral("version")].toString(), version);
        const QJsonArray items = benchmark[QStringLiteral("items")].toArray();
        const BenchmarkCoverage& shown = page->model()->coverage();
        QCOMPARE(QString::fromLatin1(toString(shown.version)), version);
        QCOMPARE(static_cast<int>(shown.items.size()), items.size());
        int fails = 0;
        for (int i = 0; i < items.size(); ++i) {
            const QJsonObject cli = items[i].toObject();
            const BenchmarkItemResult& gui = shown.items[static_cast<std::size_t>(i)];
            QCOMPARE(QString::fromStdString(gui.item.id), cli[QStringLiteral("id")].toString());
            QCOMPARE(QString::fromLatin1(toString(gui.verdict)), cli[QStringLiteral("verdict")].toString());
            QCOMPARE(QString::fromStdString(gui.reason), cli[QStringLiteral("reason")].toString());
            fails += gui.verdict == BenchmarkVerdict::Fail ? 1 : 0;
        }
        QVERIFY(fails > 0); // a list of "not checked" would compare equal too and prove little

        // A live scan replaces the stored one and its note.
        w->benchmark()->setScan(std::make_shared<const ScanResult>(scanWithHost(m_catalogue, true)));
        QVERIFY(!page->showsStoredScan());
        QVERIFY(!page->storedNote()->isVisibleTo(page));
    }

    void hostFixIsOfferedOnlyWithHostFixes()
    {
        const ScanResult clean = scanWithHost(m_catalogue, false);
        QCOMPARE(hostFindings(clean), 0);
        const qint64 cleanId = store(clean);
        const ScanResult risky = scanWithHost(m_catalogue, true);
        QVERIFY(hostFixCount(risky) >= 3);
        const qint64 riskyId = store(risky);
        auto w = newWindow();
        QAction* action = w->hostFixAction();
        QVERIFY(action);
        QVERIFY2(!action->isEnabled(), "no scan shown: nothing to export");
        QCOMPARE(w->benchmark()->hostFixButton()->defaultAction(), action);

        QVERIFY(open(*w, cleanId));
        QVERIFY2(!action->isEnabled(), "a scan without host findings has no host fixes");
        QVERIFY(open(*w, riskyId));
        QVERIFY(action->isEnabled());
        QVERIFY(w->benchmark()->hostFixButton()->isEnabled());

        // On a host finding's details the button is there; on a container's it is not.
        FindingDetailsPanel* details = w->findings()->details();
        QCOMPARE(details->hostFixButton()->defaultAction(), action);
        QTableView* table = w->findings()->table();
        bool sawHost = false;
        bool sawOther = false;
        for (int row = 0; row < table->model()->rowCount() && !(sawHost && sawOther); ++row) {
            table->setCurrentIndex(table->model()->index(row, 0));
            const Finding* f = w->findings()->currentFinding();
            QVERIFY(f);
            QCOMPARE(details->hostFixButton()->isVisibleTo(details), f->area == Area::Host);
            (f->area == Area::Host ? sawHost : sawOther) = true;
        }
        QVERIFY(sawHost && sawOther);
    }

    void exportWritesAPrivateScriptWithoutSecrets_data()
    {
        QTest::addColumn<QString>("answer"); // relative to the temporary folder; "" cancels
        QTest::addColumn<bool>("written");
        QTest::newRow("a chosen file is written") << QStringLiteral("fixes.sh") << true;
        QTest::newRow("a cancelled prompt writes nothing") << QString() << false;
        QTest::newRow("a folder that does not exist is a clear error") << QStringLiteral("missing/fixes.sh") << false;
    }
    void exportWritesAPrivateScriptWithoutSecrets()
    {
        QFETCH(QString, answer);
        QFETCH(bool, written);
        const qint64 id = store(scanWithHost(m_catalogue, true));
        auto w = newWindow();
        QVERIFY(open(*w, id));
        QVERIFY(w->hostFixAction()->isEnabled());
        const QString path = answer.isEmpty() ? QString() : m_dir->filePath(answer);
        m_answer = path;
        w->benchmark()->hostFixButton()->click(); // the page's button triggers the File menu's action
        QCOMPARE(m_prompts, 1);
        QVERIFY2(m_asked.endsWith(QStringLiteral("/drydock-host-fixes.sh")), qPrintable(m_asked));
        QCOMPARE(QFile::exists(path), written);
        if (!written) {
            QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("fixes.sh"))));
            if (!answer.isEmpty()) {
                QVERIFY(w->message()->isVisibleTo(w.get()));
                QVERIFY2(w->message()->text().contains(QStringLiteral("Could not write the host fix script")),
                         qPrintable(w->message()->text()));
            }
            return;
        }
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, 0600u); // read, then run on purpose: not executable, not for others
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray script = file.readAll();
        QVERIFY(script.startsWith("#!/bin/sh\n"));
        // A stored scan keeps no file modes: the line sets the benchmark's mode instead of removing bits.
        QVERIFY2(script.contains("chmod 644 /lib/systemd/system/docker.service\n"), script.constData());
        QVERIFY(script.contains("-w /usr/bin/dockerd -k docker"));
        QVERIFY(script.contains("cgroup-parent"));
        QVERIFY2(!script.contains(kSecret), script.constData());
        QVERIFY2(w->statusBar()->findChildren<QLabel*>().size() > 0, "a status bar");
        bool said = false;
        for (QLabel* l : w->statusBar()->findChildren<QLabel*>()) {
            said = said || l->text().contains(QStringLiteral("Host fix script written to %1").arg(path));
        }
        QVERIFY(said);
    }
};

QTEST_MAIN(TestBenchmarkWindow)
#include "TestBenchmarkWindow.moc"
