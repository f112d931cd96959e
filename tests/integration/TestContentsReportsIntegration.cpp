// `drydock scan --contents` of the real Debian minbase image in the private dockerd, written as HTML, PDF and
// JSON in one run: each report carries the image's contents, with the same package count in every format,
// and the HTML stays inert (python3's html.parser: no active content, every tag balanced).
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const QString kDebian = QStringLiteral("drydock-test/debian:bookworm");

QString runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestContentsReportsIntegration : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* format) const
    {
        return m_dir.filePath(QStringLiteral("contents.") + QLatin1String(format));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "the private dockerd fixture is not running");
        QString out;
        QString err;
        const int code = test::drydock(
            {"scan", "--host", QStringLiteral("unix://") + test::privateDaemonSocket(), "--no-history",
             "--contents", "--image", kDebian, "--format", "html", "--output", path("html"), "--format",
             "pdf", "--output", path("pdf"), "--format", "json", "--output", path("json")},
            &out, &err);
        QVERIFY2(code == 0 || code == 1, qPrintable(err)); // 1: findings at or above the default threshold
    }

    void everyFormatCarriesTheSamePackages()
    {
        const QJsonObject root = QJsonDocument::fromJson(readText(path("json")).toUtf8()).object();
        const QJsonArray contents = root.value(QStringLiteral("imageContents")).toArray();
        QCOMPARE(contents.size(), 1);
        const QJsonObject image = contents.first().toObject();
        QCOMPARE(image.value(QStringLiteral("image")).toString(), kDebian);
        QCOMPARE(image.value(QStringLiteral("os")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("debian"));
        QStringList names;
        for (const auto& p : image.value(QStringLiteral("packages")).toArray()) {
            names << p.toObject().value(QStringLiteral("name")).toString();
        }
        QVERIFY(names.contains(QStringLiteral("base-files")));
        QVERIFY(names.contains(QStringLiteral("dpkg")));

        const QString html = readText(path("html"));
        QVERIFY(html.contains(QStringLiteral("<h2 id=\"contents\">Image contents</h2>")));
        QVERIFY(html.contains(QStringLiteral("<summary>All %1 packages</summary>").arg(names.size())));
        QVERIFY(html.contains(QStringLiteral("<tr><th>Packages</th><td>%1</td></tr>").arg(names.size())));

        const QString pdf = runTool(QStringLiteral("pdftotext"), {path("pdf"), QStringLiteral("-")});
        QVERIFY(pdf.contains(QStringLiteral("Image contents")));
        QVERIFY(pdf.contains(QStringLiteral("Packages (%1)").arg(names.size())));
        // Not "base-files": the PDF's text has the "fi" ligature there.
        QVERIFY(pdf.contains(QStringLiteral("dpkg")));
        QVERIFY(pdf.contains(QStringLiteral("adduser")));
    }

    void theHtmlWithContentsStaysInert()
    {
        const QString out =
            runTool(QStringLiteral("/usr/bin/python3"), {qEnvironmentVariable("DRYDOCK_SOURCE_DIR") +
                                                             QStringLiteral("/tests/support/check-html.py"),
                                                         path("html")});
        const QJsonObject r = QJsonDocument::fromJson(out.toUtf8()).object();
        QVERIFY2(!r.isEmpty(), qPrintable(out));
        for (const char* key : {"active", "handlers", "external", "unclosed", "unbalanced"}) {
            QVERIFY2(r.value(QLatin1String(key)).toArray().isEmpty(), key);
        }
        QVERIFY(r.value(QStringLiteral("tags")).toObject().value(QStringLiteral("details")).toInt() == 1);
        QVERIFY(r.value(QStringLiteral("ids")).toArray().contains(QStringLiteral("contents")));
    }
};

QTEST_MAIN(TestContentsReportsIntegration)
#include "TestContentsReportsIntegration.moc"
