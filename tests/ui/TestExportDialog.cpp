// The Export dialog driven for real (offscreen): every format for every scope writes a report whose counts
// match the scope, off the GUI thread; leaving out waived findings or remediation holds in every format;
// cancel and an unwritable path leave nothing behind and say so inline; the finished report is opened
// through the injected opener.
#include "core/report/ReportScope.h"
#include "core/rules/RuleCatalogue.h"
#include "core/store/HistoryStore.h"
#include "ui/dialogs/ExportDialog.h"
#include "ui/widgets/InlineMessage.h"

#include "tests/support/Csv.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using drydock::test::parseCsv;
using namespace drydock::ui;

namespace {

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Finding makeFinding(int i, const std::string& objectId)
{
    Finding f;
    f.ruleId = i % 3 == 0 ? "CTR-002" : i % 3 == 1 ? "CTR-003" : "SEC-001";
    f.area = i % 3 == 2 ? Area::Secrets : Area::Container;
    f.severity = static_cast<Severity>(i % 5);
    f.cis = {"5.4", "1.6.0"};
    f.object = {ObjectType::Container, objectId, "web-" + objectId};
    f.title = "Finding number " + std::to_string(i);
    f.evidence = i % 3 == 2 ? "Config.Env DB_PASSWORD=****** (under 8 chars, password)" : "<script>alert(1)</script>";
    f.rationale = "Because it matters.";
    f.fix = "Do the right thing.";
    f.discriminator = std::to_string(i);
    f.remediation.runCommand = "docker run --name web-" + objectId + " --cap-drop ALL app:1.0";
    return f;
}

ScanResult makeScan(int findings, int objects, std::int64_t startedAt)
{
    ScanResult r;
    r.startedAtUnix = startedAt;
    r.finishedAtUnix = startedAt + 3;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "tcp://build-host.example:2376";
    r.inventory.engineVersion = "20.10.24";
    r.inventory.apiVersion = "1.41";
    std::vector<Finding> fs;
    for (int i = 0; i < findings; ++i) {
        fs.push_back(makeFinding(i, "obj" + std::to_string(i % objects)));
    }
    fs[1].waiver = WaiverMark{7, "accepted: <b>legacy</b>", "ops", std::nullopt};
    r.findings = FindingSet(std::move(fs));
    r.findings.sort();
    return r;
}

struct Counted
{
    int listed = 0; // findings the report lists (open + waived)
    int waived = 0;
    bool remediation = false;
};

// Reads a report back in its own format and counts what it lists.
Counted readBack(ReportFormat format, const QString& path)
{
    Counted c;
    const QByteArray bytes = readAll(path);
    switch (format) {
    case ReportFormat::Json: {
        const QJsonArray findings =
            QJsonDocument::fromJson(bytes).object().value(QStringLiteral("findings")).toArray();
        for (const auto& v : findings) {
            ++c.listed;
            c.waived += v.toObject().value(QStringLiteral("waiver")).isObject() ? 1 : 0;
            c.remediation = c.remediation || v.toObject().value(QStringLiteral("remediation")).isObject();
        }
        break;
    }
    case ReportFormat::Sarif: {
        const QJsonArray results = QJsonDocument::fromJson(bytes)
                                       .object()
                                       .value(QStringLiteral("runs"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        for (const auto& v : results) {
            ++c.listed;
            c.waived += v.toObject().contains(QStringLiteral("suppressions")) ? 1 : 0;
            c.remediation = c.remediation || v.toObject()
                                                 .value(QStringLiteral("properties"))
                                                 .toObject()
                                                 .contains(QStringLiteral("remediatedRunCommand"));
        }
        break;
    }
    case ReportFormat::Csv: {
        const auto rows = parseCsv(QString::fromUtf8(bytes));
        const int waivedColumn = int(rows.value(0).indexOf(QStringLiteral("waived")));
        const int runColumn = int(rows.value(0).indexOf(QStringLiteral("run_command")));
        for (const auto& row : rows.mid(1)) {
            ++c.listed;
            c.waived += row.value(waivedColumn) == QLatin1String("yes") ? 1 : 0;
            c.remediation = c.remediation || !row.value(runColumn).isEmpty();
        }
        break;
    }
    case ReportFormat::Html: {
        const QString html = QString::fromUtf8(bytes);
        c.waived = int(html.count(QStringLiteral("<tr class=\"waived\">")));
        // Since #20: a row of its object's table, or an entry on the one line of an object with info only.
        c.listed = int(html.count(QStringLiteral("class=\"finding\">"))) + c.waived;
        c.remediation = html.contains(QStringLiteral("Hardened command"));
        break;
    }
    case ReportFormat::Pdf: {
        // The PDF's text: every finding block has its rule and title; the title page has the counts.
        const QString all = run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
        // Since #20 the findings are listed between "Findings by object" and "Rules referenced"; the summary's
        // "Fix first" names the highest risks before them.
        const int from = all.indexOf(QStringLiteral("Findings by object"), all.indexOf(QStringLiteral("Fix first")));
        const QString text = all.mid(from, all.indexOf(QStringLiteral("Rules referenced"), from) - from);
        c.listed = int(text.count(QRegularExpression(QStringLiteral("Finding number \\d+"))));
        c.waived = int(all.count(QStringLiteral("accepted: <b>legacy</b>")));
        c.listed += c.waived; // waived findings are a table row with the reason, not a block with the title
        c.remediation = text.contains(QStringLiteral("Hardened command"));
        break;
    }
    case ReportFormat::Text: // the GUI exports no plain text
        break;
    }
    return c;
}

} // namespace

Q_DECLARE_METATYPE(drydock::ReportFormat)
Q_DECLARE_METATYPE(drydock::ui::ExportDialog::Scope)

class TestExportDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();
    std::shared_ptr<const ScanResult> m_scan;
    std::shared_ptr<const ScanResult> m_filtered;
    std::vector<ScanSummary> m_history;
    QString m_db;
    QStringList m_opened;

    ExportSources sources(const QString& directory)
    {
        ExportSources s;
        s.catalogue = &m_catalogue;
        s.scan = m_scan;
        s.scanId = m_history.front().id;
        s.filtered = m_filtered;
        s.filteredScanId = s.scanId;
        s.filterDescription = QStringLiteral("high and above");
        s.history = m_history;
        s.databasePath = m_db;
        s.directory = directory;
        return s;
    }
    std::unique_ptr<ExportDialog> dialog(const QString& directory)
    {
        auto d =
            std::make_unique<ExportDialog>(sources(directory), [this](const QString& p) { m_opened << p; });
        d->show();
        return d;
    }
    static bool waitFinished(ExportDialog& d)
    {
        QSignalSpy spy(d.controller(), &ExportController::finished);
        return spy.wait(120000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_scan = std::make_shared<const ScanResult>(makeScan(40, 6, 1800000000));
        m_filtered = std::make_shared<const ScanResult>(
            scopedScan(*m_scan, [](const Finding& f) { return f.severity >= Severity::High; }));
        m_db = m_dir.filePath(QStringLiteral("history.db"));
        auto store = HistoryStore::open(m_db.toStdString());
        QVERIFY(store);
        QVERIFY(store.value()->scans().save(makeScan(25, 4, 1799990000)));
        QVERIFY(store.value()->scans().save(*m_scan));
        auto list = store.value()->scans().list();
        QVERIFY(list && list->size() == 2);
        m_history = list.value();
    }

    void everyFormatAndScopeWritesWhatTheScopeHolds_data()
    {
        QTest::addColumn<ReportFormat>("format");
        QTest::addColumn<ExportDialog::Scope>("scope");
        QTest::addColumn<int>("expected");
        const std::pair<const char*, ReportFormat> formats[] = {{"HTML", ReportFormat::Html},
                                                                {"PDF", ReportFormat::Pdf},
                                                                {"JSON", ReportFormat::Json},
                                                                {"SARIF", ReportFormat::Sarif},
                                                                {"CSV", ReportFormat::Csv}};
        for (const auto& [name, format] : formats) {
            QTest::addRow("%s of all findings lists all 40", name)
                << format << ExportDialog::Scope::All << 40;
            QTest::addRow("%s of the current filter lists the high and critical ones", name)
                << format << ExportDialog::Scope::Filter << int(m_filtered->findings.size());
            QTest::addRow("%s of two chosen objects lists their findings", name)
                << format << ExportDialog::Scope::Objects << 14; // obj0 and obj1: 7 findings each
            QTest::addRow("%s of the older stored scan lists its 25 findings", name)
                << format << ExportDialog::Scope::PastScan << 25;
        }
    }
    void everyFormatAndScopeWritesWhatTheScopeHolds()
    {
        QFETCH(ReportFormat, format);
        QFETCH(ExportDialog::Scope, scope);
        QFETCH(int, expected);
        QTemporaryDir out;
        auto d = dialog(out.path());
        d->setFormat(format);
        d->setScope(scope);
        if (scope == ExportDialog::Scope::Objects) {
            d->setObjectChecked("obj0", true);
            d->setObjectChecked("obj1", true);
        }
        if (scope == ExportDialog::Scope::PastScan) {
            d->setPastScan(m_history.back().id);
        }
        const QString path = d->path();
        QVERIFY2(path.startsWith(out.path()) &&
                     path.endsWith(QLatin1Char('.') + QLatin1String(fileExtension(format))),
                 qPrintable(path));
        QVERIFY(d->exportButton()->isEnabled());
        m_opened.clear();
        QTest::mouseClick(d->exportButton(), Qt::LeftButton);
        QVERIFY(d->cancelButton()->isEnabled()); // it runs off the GUI thread, so it can be cancelled
        QVERIFY(waitFinished(*d));
        QVERIFY2(d->message()->text().isEmpty(), qPrintable(d->message()->text()));
        QCOMPARE(d->result(), int(QDialog::Accepted));
        QCOMPARE(m_opened, QStringList{path});
        QCOMPARE(QDir(out.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()});
        const Counted c = readBack(format, path);
        QCOMPARE(c.listed, expected);
        QVERIFY(c.remediation);
    }

    void leavingOutWaivedAndRemediationHoldsInEveryFormat_data()
    {
        QTest::addColumn<ReportFormat>("format");
        QTest::newRow("HTML") << ReportFormat::Html;
        QTest::newRow("PDF") << ReportFormat::Pdf;
        QTest::newRow("JSON") << ReportFormat::Json;
        QTest::newRow("SARIF") << ReportFormat::Sarif;
        QTest::newRow("CSV") << ReportFormat::Csv;
    }
    void leavingOutWaivedAndRemediationHoldsInEveryFormat()
    {
        QFETCH(ReportFormat, format);
        QTemporaryDir out;
        for (const bool include : {true, false}) {
            auto d = dialog(out.path());
            d->setFormat(format);
            d->setScope(ExportDialog::Scope::All);
            d->findChild<QCheckBox*>(QStringLiteral("includeWaived"))->setChecked(include);
            d->findChild<QCheckBox*>(QStringLiteral("includeRemediation"))->setChecked(include);
            const QString path =
                out.filePath(QStringLiteral("r%1.%2").arg(include).arg(QLatin1String(fileExtension(format))));
            d->setPath(path);
            d->startExport();
            QVERIFY(waitFinished(*d));
            const Counted c = readBack(format, path);
            QCOMPARE(c.waived, include ? 1 : 0);
            QCOMPARE(c.listed, include ? 40 : 39);
            QCOMPARE(c.remediation, include);
        }
    }

    void theDetailChoosesHowMuchHtmlShows_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("objects, the default: the summary, the objects and the rules")
            << 0 << QStringList{">Fix first<", "id=\"findings\"", "id=\"rules\""} << QStringList{"<details>"};
        QTest::newRow("summary: the first page alone")
            << 1 << QStringList{">Fix first<", ">Quick wins<"} << QStringList{"id=\"findings\"", "id=\"rules\""};
        QTest::newRow("full: each finding's remediation too, folded")
            << 2 << QStringList{"id=\"findings\"", "<details>", "Remediated command"} << QStringList{};
    }
    void theDetailChoosesHowMuchHtmlShows()
    {
        QFETCH(int, index);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        QTemporaryDir out;
        auto d = dialog(out.path());
        d->setFormat(ReportFormat::Json);
        QVERIFY(!d->detail()->isEnabled()); // JSON, SARIF and CSV always hold every finding
        d->setFormat(ReportFormat::Html);
        QVERIFY(d->detail()->isEnabled());
        d->detail()->setCurrentIndex(index);
        const QString path = out.filePath(QStringLiteral("detail.html"));
        d->setPath(path);
        d->startExport();
        QVERIFY(waitFinished(*d));
        const QString html = QString::fromUtf8(readAll(path));
        for (const QString& p : present) {
            QVERIFY2(html.contains(p), qPrintable(p));
        }
        for (const QString& a : absent) {
            QVERIFY2(!html.contains(a), qPrintable(a));
        }
    }

    void theSuggestedNameSaysWhatTheReportIs()
    {
        auto d = dialog(QStringLiteral("/reports"));
        d->setFormat(ReportFormat::Sarif);
        QCOMPARE(d->path(), QStringLiteral("/reports/drydock-build-host.example-20270115-0800-scan%1.sarif")
                                .arg(m_history.front().id));
        d->setScope(ExportDialog::Scope::PastScan);
        d->setPastScan(m_history.back().id);
        QVERIFY(d->path().endsWith(QStringLiteral("-scan%1.sarif").arg(m_history.back().id)));
        d->setPath(QStringLiteral("/elsewhere/mine.sarif"));
        d->setFormat(ReportFormat::Csv);
        QCOMPARE(d->path(),
                 QStringLiteral("/elsewhere/mine.csv")); // the person's name kept, extension follows
    }

    void cancellingLeavesNothingBehind_data()
    {
        QTest::addColumn<ReportFormat>("format");
        QTest::newRow("a long PDF") << ReportFormat::Pdf;
        QTest::newRow("a large HTML") << ReportFormat::Html;
    }
    void cancellingLeavesNothingBehind()
    {
        QFETCH(ReportFormat, format);
        QTemporaryDir out;
        ExportSources s = sources(out.path());
        s.scan = std::make_shared<const ScanResult>(makeScan(6000, 400, 1800000000));
        ExportDialog d(s, [this](const QString& p) { m_opened << p; });
        d.show();
        d.setFormat(format);
        d.setScope(ExportDialog::Scope::All);
        m_opened.clear();
        QTest::mouseClick(d.exportButton(), Qt::LeftButton);
        QTest::mouseClick(d.cancelButton(), Qt::LeftButton);
        QVERIFY(waitFinished(d));
        QVERIFY2(d.message()->text().contains(QStringLiteral("cancelled")), qPrintable(d.message()->text()));
        QVERIFY(d.isVisible());
        QVERIFY(m_opened.isEmpty());
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden), QStringList{});
        QVERIFY(d.exportButton()->isEnabled()); // and it can be tried again
    }

    void anUnwritablePathIsAnInlineErrorAndKeepsTheDialogOpen_data()
    {
        QTest::addColumn<ReportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::newRow("HTML into a folder that does not exist")
            << ReportFormat::Html << QStringLiteral("missing/r.html");
        QTest::newRow("PDF below a regular file") << ReportFormat::Pdf << QStringLiteral("file.txt/r.pdf");
        QTest::newRow("CSV onto an existing folder") << ReportFormat::Csv << QStringLiteral("adir");
    }
    void anUnwritablePathIsAnInlineErrorAndKeepsTheDialogOpen()
    {
        QFETCH(ReportFormat, format);
        QFETCH(QString, path);
        QTemporaryDir out;
        QFile file(out.filePath(QStringLiteral("file.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(QDir(out.path()).mkdir(QStringLiteral("adir")));
        auto d = dialog(out.path());
        d->setFormat(format);
        d->setPath(out.filePath(path));
        m_opened.clear();
        d->startExport();
        QVERIFY(waitFinished(*d));
        const QString text = d->message()->text();
        QVERIFY2(text.contains(out.filePath(path)) || text.contains(path), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Choose")), qPrintable(text)); // says what to do
        QVERIFY(d->isVisible());
        QVERIFY(m_opened.isEmpty());
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("file.txt")});
    }
};

QTEST_MAIN(TestExportDialog)
#include "TestExportDialog.moc"
