// The "Image contents" part of the reports: HTML (browser and print) and the scan JSON show every analysed
// image's OS, packages and vulnerabilities, with hostile package text escaped and counts that match.
#include "core/report/HtmlReportWriter.h"
#include "core/report/ScanJson.h"
#include "core/rules/RuleCatalogue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace drydock;

namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kHandler = "\"><img src=x onerror=alert(2)>";
const std::string kImageId = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

InstalledPackage package(const std::string& name, const std::string& version, const std::string& source = {},
                         const std::string& license = {})
{
    InstalledPackage p;
    p.name = name;
    p.version = version;
    p.sourceName = source.empty() ? name : source;
    p.arch = "amd64";
    p.ecosystem = "deb";
    p.license = license;
    return p;
}

Vulnerability vulnerability(const std::string& id, const std::string& pkg, const std::string& severity,
                            double cvss, const std::string& fixed)
{
    Vulnerability v;
    v.id = id;
    v.package = pkg;
    v.installedVersion = "1.0";
    v.fixedVersion = fixed;
    v.severity = severity;
    v.cvssScore = cvss;
    v.source = "osv";
    return v;
}

// An image whose builder chose hostile package names, versions, licences and an os-release.
ScanResult scanWithContents()
{
    ScanResult r;
    r.startedAtUnix = 1800000000;
    r.finishedAtUnix = 1800000005;
    r.catalogueVersion = "test";
    r.inventory.endpoint = "unix:///var/run/docker.sock";
    Image image;
    image.id = kImageId;
    image.repoTags = {"evil/" + kScript + ":1"};
    r.inventory.images.push_back(image);
    ImageContents c;
    c.imageId = kImageId;
    c.os.id = "debian";
    c.os.versionId = "12";
    c.os.prettyName = "Debian " + kHandler;
    c.layers.resize(3);
    c.bytesRead = 5 * 1024 * 1024;
    c.packages = {package("base-files", "12.4+deb12u5"), package(kScript, "1.0" + kHandler),
                  package("libc6", "2.36-9+deb12u4", "glibc", kScript), package("dpkg", "1.21.22")};
    c.vulnerabilities = {vulnerability("CVE-2023-4911", "glibc", "high", 7.8, "2.36-9+deb12u3"),
                         vulnerability("CVE-2099-0001" + kScript, kScript, "critical", 9.8, ""),
                         vulnerability("GHSA-xxxx", "dpkg", "unknown", 0, "1.21.23")};
    c.notes = {"RPM database present but not read " + kScript};
    r.imageContents.push_back(std::move(c));
    return r;
}

// The text between the first occurrence of open (from its end) and the next close.
std::string between(const std::string& text, const std::string& open, const std::string& close)
{
    const auto start = text.find(open);
    if (start == std::string::npos) {
        return {};
    }
    const auto end = text.find(close, start + open.size());
    return text.substr(start + open.size(),
                       end == std::string::npos ? std::string::npos : end - start - open.size());
}

int count(const std::string& text, const std::string& what)
{
    int n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) {
        ++n;
    }
    return n;
}

} // namespace

class TestReportImageContents : public QObject
{
    Q_OBJECT
private:
    ScanResult m_scan = scanWithContents();
    RuleCatalogue m_catalogue = RuleCatalogue::builtIn();

    std::string html(HtmlReportWriter::Variant variant, const ScanResult& scan)
    {
        ReportData d;
        d.scan = &scan;
        d.catalogue = &m_catalogue;
        return HtmlReportWriter::write(d, variant);
    }

private slots:
    void htmlShowsEachAnalysedImage_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<bool>("folded");
        QTest::newRow("the browser variant folds the package list into details")
            << static_cast<int>(HtmlReportWriter::Variant::Browser) << true;
        QTest::newRow("the print variant lists the packages in a compact table")
            << static_cast<int>(HtmlReportWriter::Variant::Print) << false;
    }
    void htmlShowsEachAnalysedImage()
    {
        QFETCH(int, variant);
        QFETCH(bool, folded);
        const std::string out = html(static_cast<HtmlReportWriter::Variant>(variant), m_scan);
        const std::string section =
            between(out, "id=\"contents\">Image contents</h2>", "id=\"appendix\"");
        QVERIFY2(!section.empty(), "no Image contents section before the appendix");
        QVERIFY(section.find("Debian &quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != std::string::npos);
        // The print variant styles header cells with attributes, so the checks stop at the closing tags.
        QVERIFY(section.find(">Packages</th><td>4</td></tr>") != std::string::npos);
        QVERIFY(section.find(">Known vulnerabilities</th><td>3</td></tr>") != std::string::npos);
        QVERIFY(section.find("3 (5 MiB read)") != std::string::npos);

        const std::string packages = between(section, "class=\"packages\"", "</table>");
        QCOMPARE(count(packages, "<tr>") - 1, 4); // header + one row per package
        QVERIFY(packages.find("base-files") != std::string::npos);
        QVERIFY(packages.find("glibc") != std::string::npos); // libc6's source package
        const std::string vulns = between(section, "class=\"vulns\"", "</table>");
        QCOMPARE(count(vulns, "<tr>") - 1, 3);
        // Worst first: the critical one leads, the unknown severity comes last.
        QVERIFY(vulns.find("CVE-2099-0001") < vulns.find("CVE-2023-4911"));
        QVERIFY(vulns.find("CVE-2023-4911") < vulns.find("GHSA-xxxx"));
        QVERIFY(vulns.find("no fix published") != std::string::npos);
        QVERIFY(vulns.find("9.8") != std::string::npos);

        QCOMPARE(section.find("<details>") != std::string::npos, folded);
        QCOMPARE(section.find("<summary>All 4 packages</summary>") != std::string::npos, folded);
    }

    void hostilePackageTextIsEscapedEverywhere_data()
    {
        QTest::addColumn<int>("variant");
        QTest::newRow("in the browser variant") << static_cast<int>(HtmlReportWriter::Variant::Browser);
        QTest::newRow("in the print variant") << static_cast<int>(HtmlReportWriter::Variant::Print);
    }
    void hostilePackageTextIsEscapedEverywhere()
    {
        QFETCH(int, variant);
        const std::string out = html(static_cast<HtmlReportWriter::Variant>(variant), m_scan);
        QVERIFY(out.find("<script") == std::string::npos);
        // The only images are the print variant's own charts (#20), which the PDF renderer draws.
        QCOMPARE(count(out, "<img"), count(out, "<img src=\"drydock-chart:"));
        QVERIFY(out.find("onerror=alert(2)>") == std::string::npos);
        // Image name, package name, version, licence, vulnerability id and note: each escaped, none lost.
        QVERIFY(count(out, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 6);
    }

    void theLicenceColumnAppearsOnlyWhenAPackageHasALicence()
    {
        QVERIFY(html(HtmlReportWriter::Variant::Browser, m_scan).find("<th>Licence</th>") !=
                std::string::npos);
        ScanResult dpkgOnly = m_scan;
        for (auto& p : dpkgOnly.imageContents.front().packages) {
            p.license.clear();
        }
        for (auto variant : {HtmlReportWriter::Variant::Browser, HtmlReportWriter::Variant::Print}) {
            const std::string out = html(variant, dpkgOnly);
            QVERIFY(out.find("<th>Licence</th>") == std::string::npos);
            QCOMPARE(count(between(out, "class=\"packages\"", "</table>"), "<td>"), 4 * 4);
        }
    }

    void aScanWithoutContentAnalysisHasNoContentsSection()
    {
        ScanResult plain = m_scan;
        plain.imageContents.clear();
        for (auto variant : {HtmlReportWriter::Variant::Browser, HtmlReportWriter::Variant::Print}) {
            QVERIFY(html(variant, plain).find("Image contents") == std::string::npos);
        }
        const QJsonObject root =
            QJsonDocument::fromJson(QByteArray::fromStdString(json::scanToJson(plain))).object();
        QVERIFY(root.value(QStringLiteral("imageContents")).isArray());
        QCOMPARE(root.value(QStringLiteral("imageContents")).toArray().size(), 0);
    }

    void scanJsonCarriesTheContentsOfEachImage()
    {
        const std::string text = json::scanToJson(m_scan);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = doc.object();
        QCOMPARE(root.value(QStringLiteral("schemaVersion")).toInt(), 2);
        const QJsonArray contents = root.value(QStringLiteral("imageContents")).toArray();
        QCOMPARE(contents.size(), 1);
        const QJsonObject image = contents.first().toObject();
        QCOMPARE(image.value(QStringLiteral("imageId")).toString(), QString::fromStdString(kImageId));
        QCOMPARE(image.value(QStringLiteral("image")).toString(),
                 QString::fromStdString("evil/" + kScript + ":1"));
        QCOMPARE(image.value(QStringLiteral("layers")).toInt(), 3);
        const QJsonObject os = image.value(QStringLiteral("os")).toObject();
        QCOMPARE(os.value(QStringLiteral("id")).toString(), QStringLiteral("debian"));
        QCOMPARE(os.value(QStringLiteral("versionId")).toString(), QStringLiteral("12"));

        const QJsonArray packages = image.value(QStringLiteral("packages")).toArray();
        QCOMPARE(packages.size(), 4);
        // JSON keeps hostile text exactly (escaping is the reader's job in its own format).
        QCOMPARE(packages.at(1).toObject().value(QStringLiteral("name")).toString(),
                 QString::fromStdString(kScript));
        const QJsonObject libc = packages.at(2).toObject();
        for (const char* key :
             {"name", "version", "source", "sourceVersion", "arch", "ecosystem", "license"}) {
            QVERIFY2(libc.contains(QLatin1String(key)), key);
        }
        QCOMPARE(libc.value(QStringLiteral("source")).toString(), QStringLiteral("glibc"));
        QCOMPARE(libc.value(QStringLiteral("ecosystem")).toString(), QStringLiteral("deb"));

        const QJsonArray vulns = image.value(QStringLiteral("vulnerabilities")).toArray();
        QCOMPARE(vulns.size(), 3);
        const QJsonObject first = vulns.first().toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("CVE-2023-4911"));
        QCOMPARE(first.value(QStringLiteral("package")).toString(), QStringLiteral("glibc"));
        QCOMPARE(first.value(QStringLiteral("fixedVersion")).toString(), QStringLiteral("2.36-9+deb12u3"));
        QCOMPARE(first.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QCOMPARE(first.value(QStringLiteral("cvss")).toDouble(), 7.8);
        QCOMPARE(image.value(QStringLiteral("notes")).toArray().size(), 1);
    }

    void invalidUtf8InAPackageNameNeverReachesTheHtml_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("an overlong three-byte slash") << QByteArray("\xE0\x80\xAF");
        QTest::newRow("an overlong four-byte letter") << QByteArray("\xF0\x80\x81\x81");
        QTest::newRow("a UTF-16 surrogate") << QByteArray("\xED\xA0\x80");
        QTest::newRow("a code point past U+10FFFF") << QByteArray("\xF4\x90\x80\x80");
        QTest::newRow("a lone continuation byte") << QByteArray("\x80");
    }
    void invalidUtf8InAPackageNameNeverReachesTheHtml()
    {
        QFETCH(QByteArray, bytes);
        ScanResult scan = m_scan;
        scan.imageContents.front().packages.front().name = "pkg" + bytes.toStdString() + "name";
        const std::string out = html(HtmlReportWriter::Variant::Browser, scan);
        QVERIFY(out.find(bytes.toStdString()) == std::string::npos);
        QVERIFY(out.find("pkg\xEF\xBF\xBD") != std::string::npos); // replaced by U+FFFD
        // Valid text round-trips through QString unchanged only when it is valid UTF-8.
        QCOMPARE(QString::fromUtf8(out.data(), static_cast<qsizetype>(out.size())).toUtf8(),
                 QByteArray::fromStdString(out));
    }

    void invalidUtf8InAPackageNameNeverReachesTheJson()
    {
        ScanResult scan = m_scan;
        scan.imageContents.front().packages.front().name = "bad\xff\xfe"
                                                           "name";
        const std::string text = json::scanToJson(scan);
        QJsonParseError error;
        QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(text.find("\xff") == std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestReportImageContents)
#include "TestReportImageContents.moc"
