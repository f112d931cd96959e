// Reports of a real scan of the private daemon, written by `drydock scan` and `drydock report` in every
// format and read back: counts identical across formats, planted secrets absent from every byte (and from
// the PDF's text), hostile daemon text inert (HTML parsed by python3's html.parser), CSV formulas
// neutralised, the 1 MB label cut, the PDF paginated with embedded fonts, and the SARIF valid against the
// official SARIF 2.1.0 schema (jsonschema, Draft 2020-12) and Microsoft's SARIF validator; the scan JSON valid
// against resources/schema/scan-v2.schema.json, and its deprecated schemaVersion 1 saying the same.
#include "tests/support/Csv.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using drydock::test::parseCsv;

namespace {

struct Ran
{
    int code = -1;
    QString out;
};

Ran run(const QString& program, const QStringList& args, int timeoutMs = 180000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError())};
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int longestRun(const QByteArray& bytes, char c)
{
    int best = 0;
    int current = 0;
    for (char b : bytes) {
        current = b == c ? current + 1 : 0;
        best = std::max(best, current);
    }
    return best;
}

const char* const kFormats[] = {"html", "pdf", "json", "sarif", "csv"};

} // namespace

class TestReportsIntegration : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_host;
    QString m_prefix = test::uniqueName(QStringLiteral("rep"));
    const char* m_secret = "Qv8RtZ3pReportSecret";
    const char* m_labelSecret = "Lk2WsX9nLabelSecretValue";
    qint64 m_scanId = 0;

    QString file(const QString& set, const char* format) const
    {
        return m_dir.filePath(set + QLatin1Char('.') + QLatin1String(format));
    }
    QString pdfText(const QString& set) const
    {
        return run(QStringLiteral("pdftotext"),
                   {QStringLiteral("-layout"), file(set, "pdf"), QStringLiteral("-")})
            .out;
    }
    QJsonObject htmlStructure(const QString& set) const
    {
        const Ran r =
            run(QStringLiteral("/usr/bin/python3"), {test::supportScript("check-html.py"), file(set, "html")});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
        m_db = m_dir.filePath(QStringLiteral("history.db"));
        // A 1 MB label is too long for a command line or a docker label file: the container is created
        // through the API (POST is the test's doing; Drydock itself only reads).
        QJsonObject labels{{QStringLiteral("note"), QStringLiteral("<script>alert(1)</script>")},
                           {QStringLiteral("html"), QStringLiteral("\"><img src=x onerror=alert(2)>")},
                           {QStringLiteral("api_token"), QLatin1String(m_labelSecret)},
                           {QStringLiteral("big"), QString(1 << 20, QLatin1Char('L'))}};
        const QJsonObject body{
            {QStringLiteral("Image"), QStringLiteral("drydock-test/busybox:1")},
            {QStringLiteral("Cmd"), QJsonArray{QStringLiteral("sleep"), QStringLiteral("60")}},
            {QStringLiteral("Env"), QJsonArray{QStringLiteral("API_PASSWORD=") + QLatin1String(m_secret),
                                               QStringLiteral("\"><img src=x onerror=alert(1)>=shown")}},
            {QStringLiteral("Labels"), labels},
            {QStringLiteral("HostConfig"), QJsonObject{{QStringLiteral("Privileged"), true}}}};
        QFile request(m_dir.filePath(QStringLiteral("create.json")));
        QVERIFY(request.open(QIODevice::WriteOnly));
        request.write(QJsonDocument(body).toJson(QJsonDocument::Compact));
        request.close();
        const Ran created = run(
            QStringLiteral("curl"),
            {QStringLiteral("-s"), QStringLiteral("-w"), QStringLiteral("\nHTTP %{http_code}"),
             QStringLiteral("--unix-socket"), test::privateDaemonSocket(), QStringLiteral("-H"),
             QStringLiteral("Content-Type: application/json"), QStringLiteral("--data-binary"),
             QLatin1Char('@') + request.fileName(),
             QStringLiteral("http://localhost/containers/create?name=") + m_prefix + QStringLiteral("-web")});
        QVERIFY2(created.out.contains(QStringLiteral("HTTP 201")), qPrintable(created.out));
        QCOMPARE(test::docker({"create", "--name", m_prefix + QStringLiteral("-plain"), "--user", "10001",
                               "drydock-test/busybox:1", "sleep", "60"}),
                 0);
        QCOMPARE(test::drydock({"history", "waivers", "add", "--db", m_db, "--rule", "CTR-002", "--object",
                                m_prefix + QStringLiteral("-web"), "--reason",
                                QStringLiteral("lab only <script>alert(3)</script>"), "--expires", "30d"}),
                 0);
        QStringList args{"scan", "--host", m_host, "--db", m_db};
        for (const char* f : kFormats) {
            args << QStringLiteral("--format") << QLatin1String(f) << QStringLiteral("--output")
                 << file(QStringLiteral("scan"), f);
        }
        QString err;
        const int rc = test::drydock(args, nullptr, &err);
        QVERIFY2(rc == 0 || rc == 1, qPrintable(err));
        QString list;
        QCOMPARE(test::drydock({"history", "list", "--db", m_db, "--format", "json"}, &list), 0);
        m_scanId = QJsonDocument::fromJson(list.toUtf8())
                       .object()
                       .value(QStringLiteral("scans"))
                       .toArray()
                       .at(0)
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toInteger();
        QVERIFY(m_scanId > 0);
        // The report from the history is written with every detail: each finding's own remediation too (#20).
        QStringList report{"report", QString::number(m_scanId), "--db", m_db, "--detail", "full"};
        for (const char* f : kFormats) {
            report << QStringLiteral("--format") << QLatin1String(f) << QStringLiteral("--output")
                   << file(QStringLiteral("report"), f);
        }
        QCOMPARE(test::drydock(report, nullptr, &err), 0);
    }
    void cleanupTestCase()
    {
        test::docker({"rm", "-f", m_prefix + QStringLiteral("-web"), m_prefix + QStringLiteral("-plain")});
    }

    void countsAreIdenticalInEveryFormat_data()
    {
        QTest::addColumn<QString>("set");
        QTest::newRow("the files drydock scan wrote") << QStringLiteral("scan");
        QTest::newRow("the files drydock report wrote from the history") << QStringLiteral("report");
    }
    void countsAreIdenticalInEveryFormat()
    {
        QFETCH(QString, set);
        const QJsonObject json = QJsonDocument::fromJson(readAll(file(set, "json"))).object();
        const QJsonArray findings = json.value(QStringLiteral("findings")).toArray();
        const QJsonObject summary = json.value(QStringLiteral("summary")).toObject();
        const int total = int(findings.size());
        const int waived = summary.value(QStringLiteral("waived")).toInt();
        QVERIFY(total > 5);
        QVERIFY(waived >= 1); // the waiver on the privileged container
        QCOMPARE(summary.value(QStringLiteral("total")).toInt(), total);

        const QJsonArray results = QJsonDocument::fromJson(readAll(file(set, "sarif")))
                                       .object()
                                       .value(QStringLiteral("runs"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        int suppressed = 0;
        for (const auto& r : results) {
            suppressed += r.toObject().contains(QStringLiteral("suppressions")) ? 1 : 0;
        }
        QCOMPARE(int(results.size()), total);
        QCOMPARE(suppressed, waived);

        const auto rows = parseCsv(QString::fromUtf8(readAll(file(set, "csv"))));
        QCOMPARE(int(rows.size()) - 1, total);
        const int waivedColumn = int(rows[0].indexOf(QStringLiteral("waived")));
        int csvWaived = 0;
        for (const auto& row : rows.mid(1)) {
            csvWaived += row.value(waivedColumn) == QLatin1String("yes") ? 1 : 0;
        }
        QCOMPARE(csvWaived, waived);

        const QJsonObject html = htmlStructure(set);
        QCOMPARE(html.value(QStringLiteral("findings")).toInt(), total - waived);
        QCOMPARE(html.value(QStringLiteral("waivedRows")).toInt(), waived);

        // The PDF's title page and its finding blocks (an "Evidence:" line opens each one).
        const QString text = pdfText(set);
        const QString line = QStringLiteral("Critical %1 · High %2 · Medium %3 · Low %4 · Info %5")
                                 .arg(summary.value(QStringLiteral("critical")).toInt())
                                 .arg(summary.value(QStringLiteral("high")).toInt())
                                 .arg(summary.value(QStringLiteral("medium")).toInt())
                                 .arg(summary.value(QStringLiteral("low")).toInt())
                                 .arg(summary.value(QStringLiteral("info")).toInt());
        QVERIFY2(text.contains(line), qPrintable(line));
        if (set == QLatin1String("report")) { // --detail full: each open finding's block has one "Evidence:" line
            QCOMPARE(int(text.count(QRegularExpression(QStringLiteral("(^|\\n) *Evidence:")))), total - waived);
        } else { // the default detail: each object says how many open findings its table or line lists
            int listed = 0;
            const QRegularExpression perObject(QStringLiteral("·\\s+(\\d+)\\s+findings?:\\s"));
            for (auto it = perObject.globalMatch(text); it.hasNext();) {
                listed += it.next().captured(1).toInt();
            }
            QCOMPARE(listed, total - waived);
        }
    }

    void plantedSecretsAppearInNoFormat_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& set : {QStringLiteral("scan"), QStringLiteral("report")}) {
            for (const char* f : kFormats) {
                QTest::addRow("%s from %s", f, qPrintable(set)) << file(set, f);
            }
        }
    }
    void plantedSecretsAppearInNoFormat()
    {
        QFETCH(QString, path);
        QByteArray bytes = readAll(path);
        QVERIFY(!bytes.isEmpty());
        if (path.endsWith(QStringLiteral(".pdf"))) {
            bytes = run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")}).out.toUtf8();
            QVERIFY(bytes.contains("API_PASSWORD")); // the finding is there, its value is not
        }
        QVERIFY(!bytes.contains(m_secret));
        QVERIFY(!bytes.contains(m_labelSecret));
    }

    void hostileDaemonTextIsInertInHtml()
    {
        const QJsonObject html = htmlStructure(QStringLiteral("scan"));
        QVERIFY(html.value(QStringLiteral("doctype")).toBool());
        QCOMPARE(html.value(QStringLiteral("active")).toArray(), QJsonArray{});
        QCOMPARE(html.value(QStringLiteral("handlers")).toArray(), QJsonArray{});
        QCOMPARE(html.value(QStringLiteral("external")).toArray(), QJsonArray{});
        QCOMPARE(html.value(QStringLiteral("unclosed")).toArray(), QJsonArray{});
        QCOMPARE(html.value(QStringLiteral("unbalanced")).toArray(), QJsonArray{});
        QCOMPARE(html.value(QStringLiteral("h1")).toString(), QStringLiteral("Drydock security report"));
        const QJsonArray ids = html.value(QStringLiteral("ids")).toArray();
        for (const char* id : {"summary", "findings", "waived", "appendix"}) {
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        }
        const QByteArray bytes = readAll(file(QStringLiteral("scan"), "html"));
        QVERIFY(bytes.contains("&lt;script&gt;alert(3)&lt;/script&gt;")); // the waiver reason, shown as text
        QVERIFY(bytes.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")); // the env name in evidence
    }

    void hostileDaemonTextIsShownAsTextInThePdf()
    {
        const QString text = pdfText(QStringLiteral("scan"));
        QVERIFY(text.contains(QStringLiteral("<script>alert(3)</script>")));
        QVERIFY(text.contains(QStringLiteral("\"><img src=x onerror=alert(1)>")));
    }

    void theMegabyteLabelIsCutInEveryFormat_data() { plantedSecretsAppearInNoFormat_data(); }
    void theMegabyteLabelIsCutInEveryFormat()
    {
        QFETCH(QString, path);
        const QByteArray bytes = readAll(path);
        QVERIFY2(bytes.size() < 3 * 1024 * 1024, qPrintable(QString::number(bytes.size())));
        QVERIFY2(longestRun(bytes, 'L') < 70000, qPrintable(QString::number(longestRun(bytes, 'L'))));
    }

    void csvCellsNeverStartAFormula()
    {
        const auto rows = parseCsv(QString::fromUtf8(readAll(file(QStringLiteral("scan"), "csv"))));
        QVERIFY(rows.size() > 1);
        int cells = 0;
        for (const auto& row : rows) {
            QCOMPARE(row.size(), rows[0].size());
            for (const QString& cell : row) {
                ++cells;
                QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@\t\r").contains(cell[0]),
                         qPrintable(cell.left(80)));
            }
        }
        QVERIFY(cells > 100);
    }

    void thePdfIsPaginatedWithEmbeddedFonts()
    {
        const QString path = file(QStringLiteral("scan"), "pdf");
        const QString info = run(QStringLiteral("pdfinfo"), {path}).out;
        const int pages =
            info.section(QStringLiteral("Pages:"), 1).trimmed().section(QLatin1Char('\n'), 0, 0).toInt();
        QVERIFY2(pages >= 3, qPrintable(info));
        const QStringList fonts = run(QStringLiteral("pdffonts"), {path}).out.split(QLatin1Char('\n')).mid(2);
        int embedded = 0;
        for (const QString& line : fonts) {
            if (!line.trimmed().isEmpty()) {
                QVERIFY2(line.contains(QStringLiteral(" yes ")),
                         qPrintable(QStringLiteral("not embedded: ") + line));
                ++embedded;
            }
        }
        QVERIFY(embedded >= 1);
        const QString text = pdfText(QStringLiteral("scan"));
        QVERIFY(text.contains(QStringLiteral("Contents")));
        QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
    }

    void sarifIsValidAgainstTheOfficialSchema_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("from the scan") << file(QStringLiteral("scan"), "sarif");
        QTest::newRow("from the history") << file(QStringLiteral("report"), "sarif");
    }
    void sarifIsValidAgainstTheOfficialSchema()
    {
        QFETCH(QString, path);
        const QString schema = test::sarifToolDir() + QStringLiteral("/sarif-2.1.0.json");
        QVERIFY2(
            QFile::exists(schema),
            qPrintable(schema + QStringLiteral(" is missing: run installer/install-deps.sh --with-tests")));
        const Ran r =
            run(QStringLiteral("/usr/bin/python3"), {test::supportScript("validate-sarif.py"), schema, path});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("0 error(s)")));
    }

    void scanJsonIsValidAgainstItsSchema_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("from the scan") << file(QStringLiteral("scan"), "json");
        QTest::newRow("from the history") << file(QStringLiteral("report"), "json");
    }
    void scanJsonIsValidAgainstItsSchema()
    {
        QFETCH(QString, path);
        const QString schema =
            qEnvironmentVariable("DRYDOCK_SOURCE_DIR") + QStringLiteral("/resources/schema/scan-v2.schema.json");
        const Ran r =
            run(QStringLiteral("/usr/bin/python3"), {test::supportScript("validate-sarif.py"), schema, path});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("0 error(s)")));
        const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 2);
        const auto names = test::scanJsonObjectNames(root);
        QCOMPARE(names.size(), root.value(QStringLiteral("objects")).toArray().size()); // each object once
        for (const auto& f : root.value(QStringLiteral("findings")).toArray()) {
            QVERIFY(names.contains(f.toObject().value(QStringLiteral("objectRef")).toString()));
        }
    }

    void aReportInSchemaOneSaysWhatSchemaTwoSays()
    {
        const QString path = file(QStringLiteral("report-v1"), "json");
        QString err;
        QCOMPARE(test::drydock({"report", QString::number(m_scanId), "--db", m_db, "--format", "json", "--output",
                                path, "--schema", "1"},
                               nullptr, &err),
                 0);
        QVERIFY2(err.contains(QStringLiteral("deprecated")), qPrintable(err));
        const QJsonObject one = QJsonDocument::fromJson(readAll(path)).object();
        const QJsonObject two = QJsonDocument::fromJson(readAll(file(QStringLiteral("report"), "json"))).object();
        QCOMPARE(one.value(QStringLiteral("schemaVersion")).toInt(), 1);
        QCOMPARE(one.value(QStringLiteral("summary")), two.value(QStringLiteral("summary")));
        QHash<QString, QJsonObject> objects;
        for (const auto& v : two.value(QStringLiteral("objects")).toArray()) {
            objects.insert(v.toObject().value(QStringLiteral("ref")).toString(), v.toObject());
        }
        const QJsonArray f1 = one.value(QStringLiteral("findings")).toArray();
        const QJsonArray f2 = two.value(QStringLiteral("findings")).toArray();
        QCOMPARE(f1.size(), f2.size());
        QSet<QString> seen;
        for (qsizetype i = 0; i < f1.size(); ++i) {
            const QJsonObject a = f1.at(i).toObject();
            const QJsonObject b = f2.at(i).toObject();
            const QString ref = b.value(QStringLiteral("objectRef")).toString();
            const QJsonObject object = objects.value(ref);
            QCOMPARE(a.value(QStringLiteral("ruleId")), b.value(QStringLiteral("ruleId")));
            QCOMPARE(a.value(QStringLiteral("evidence")), b.value(QStringLiteral("evidence")));
            QCOMPARE(a.value(QStringLiteral("waiver")), b.value(QStringLiteral("waiver")));
            const QJsonObject was = a.value(QStringLiteral("object")).toObject();
            for (const char* key : {"type", "id", "name"}) {
                QCOMPARE(was.value(QLatin1String(key)), object.value(QLatin1String(key)));
            }
            const QJsonObject r1 = a.value(QStringLiteral("remediation")).toObject();
            const QJsonObject r2 = b.value(QStringLiteral("remediation")).toObject();
            for (const char* key : {"addFlags", "removeFlags", "dockerfile"}) {
                QCOMPARE(r1.value(QLatin1String(key)), r2.value(QLatin1String(key)));
            }
            // The object's command is its first finding's.
            const QJsonObject objectRemediation = object.value(QStringLiteral("remediation")).toObject();
            if (!seen.contains(ref) && !r1.value(QStringLiteral("runCommand")).toString().isEmpty()) {
                QCOMPARE(objectRemediation.value(QStringLiteral("runCommand")), r1.value(QStringLiteral("runCommand")));
            }
            seen.insert(ref);
        }
        QVERIFY(!seen.isEmpty());
    }

    void sarifPassesMicrosoftsValidator()
    {
        const QString tool = test::sarifToolDir() + QStringLiteral("/Sarif.Multitool");
        QVERIFY2(
            QFile::exists(tool),
            qPrintable(tool + QStringLiteral(" is missing: run installer/install-deps.sh --with-tests")));
        const QString log = m_dir.filePath(QStringLiteral("validation.sarif"));
        const Ran r = run(tool, {QStringLiteral("validate"), file(QStringLiteral("scan"), "sarif"),
                                 QStringLiteral("-o"), log});
        QVERIFY2(r.code == 0, qPrintable(r.out));
        const QJsonArray results = QJsonDocument::fromJson(readAll(log))
                                       .object()
                                       .value(QStringLiteral("runs"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("results"))
                                       .toArray();
        QStringList errors;
        for (const auto& v : results) {
            const QJsonObject o = v.toObject();
            const QString level = o.value(QStringLiteral("level")).toString(QStringLiteral("warning"));
            const QString line = o.value(QStringLiteral("ruleId")).toString() + QLatin1Char(' ') + level;
            if (level == QLatin1String("error")) {
                errors << line;
            } else {
                qInfo("SARIF validator: %s", qPrintable(line));
            }
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n')) + QLatin1Char('\n') + r.out));
        QVERIFY(r.out.contains(QStringLiteral("Analysis completed successfully")));
    }
};

QTEST_MAIN(TestReportsIntegration)
#include "TestReportsIntegration.moc"
