// Which product answers the Docker API: Podman's compatible API is named Podman in every header (scan text,
// HTML, the history), never "Docker 4.3.1", a Docker release that does not exist.
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/docker/DockerClient.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/TextReport.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/Scanner.h"
#include "core/store/HistoryStore.h"
#include "tests/support/ScriptedDaemon.h"

#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

ScanResult scanOf(const std::string& versionFile, const std::string& infoFile)
{
    test::ScriptedDaemon::Options o;
    o.containers = 2;
    o.versionFile = versionFile;
    o.infoFile = infoFile;
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = "/run/scripted.sock";
    DockerClient client(std::make_unique<test::ScriptedDaemon>(o), e);
    if (auto v = client.negotiate(); !v) {
        qWarning("%s", v.error().message.c_str());
        return {};
    }
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    const FixedClock clock{1'900'000'000};
    Scanner scanner(client, catalogue, clock);
    NullProgressSink progress;
    auto r = scanner.scan(ScanSettings{}, progress, CancelToken());
    if (!r) {
        qWarning("%s", r.error().message.c_str());
        return {};
    }
    return std::move(r.value());
}

} // namespace

class TestEngineName : public QObject
{
    Q_OBJECT

private slots:
    void theProductIsNamedInEveryHeader_data()
    {
        QTest::addColumn<QString>("versionFile");
        QTest::addColumn<QString>("infoFile");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("never");
        QTest::newRow("Podman's compatible API is Podman") << "version-podman" << "info-podman" << "Podman 4.3.1" << "Docker 4.3.1";
        QTest::newRow("Docker stays Docker") << "version" << "info" << "Docker 20.10.24+dfsg1" << "Podman";
    }

    void theProductIsNamedInEveryHeader()
    {
        QFETCH(QString, versionFile);
        QFETCH(QString, infoFile);
        QFETCH(QString, expected);
        QFETCH(QString, never);
        const ScanResult scan = scanOf(versionFile.toStdString(), infoFile.toStdString());
        QVERIFY(!scan.inventory.engineVersion.empty());

        const QString text = QString::fromStdString(TextReport::scan(scan, false));
        QVERIFY2(text.contains(expected), qPrintable(text.left(300)));
        QVERIFY(!text.contains(never));

        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        ReportData data;
        data.scan = &scan;
        data.catalogue = &catalogue;
        const QString html = QString::fromStdString(HtmlReportWriter::write(data));
        QVERIFY(html.contains(expected));
        QVERIFY(!html.contains(never));

        // The history keeps the name, so a report from the history says the same.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto store = HistoryStore::open(dir.filePath(QStringLiteral("history.db")).toStdString());
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
        auto id = store.value()->scans().save(scan);
        QVERIFY(id.ok());
        auto stored = store.value()->scans().load(id.value());
        QVERIFY(stored.ok());
        QCOMPARE(QString::fromStdString(stored->summary.engineName + " " + stored->summary.engineVersion),
                 expected);
    }
};

QTEST_APPLESS_MAIN(TestEngineName)
#include "TestEngineName.moc"
