#include "core/contents/OsvDatabase.h"
#include "core/contents/PackageDatabase.h"
#include "core/json/ContentJson.h"
#include "core/report/PackagesJson.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace drydock;
using drydock::test::dataPath;
using drydock::test::readData;

namespace {

std::vector<InstalledPackage> bookwormPackages()
{
    return packages::parseDpkgStatus(readData("dpkg/status-excerpt"));
}

QSet<QString> ids(const std::vector<Vulnerability>& found)
{
    QSet<QString> out;
    for (const auto& v : found) {
        out.insert(QString::fromStdString(v.id));
    }
    return out;
}

} // namespace

// Package databases, OSV matching with hand-written advisories for the Debian 12 minbase versions, the
// Trivy and Grype imports, and the CycloneDX SBOM's structure.
class TestPackagesAndVulnerabilities : public QObject
{
    Q_OBJECT

private slots:
    void dpkgStatusKeepsInstalledPackagesWithTheirSource()
    {
        const auto pkgs = bookwormPackages();
        QCOMPARE(int(pkgs.size()), 6); // oldlib has only config files left
        const auto bash =
            std::find_if(pkgs.begin(), pkgs.end(), [](const auto& p) { return p.name == "bash"; });
        QVERIFY(bash != pkgs.end());
        QCOMPARE(QString::fromStdString(bash->version), QString("5.2.15-2+b13"));
        QCOMPARE(QString::fromStdString(bash->sourceName), QString("bash"));
        QCOMPARE(QString::fromStdString(bash->sourceVersion), QString("5.2.15-2"));
        const auto tar =
            std::find_if(pkgs.begin(), pkgs.end(), [](const auto& p) { return p.name == "tar"; });
        QCOMPARE(QString::fromStdString(tar->sourceName),
                 QString("tar")); // no Source: the package is its own
    }

    void apkInstalledIsRead()
    {
        const auto pkgs = packages::parseApkInstalled(readData("dpkg/apk-installed"));
        QCOMPARE(int(pkgs.size()), 2);
        QCOMPARE(QString::fromStdString(pkgs[0].version), QString("1.2.4_git20230717-r4"));
        QCOMPARE(QString::fromStdString(pkgs[0].license), QString("MIT"));
        QCOMPARE(QString::fromStdString(pkgs[1].sourceName), QString("busybox"));
    }

    void osReleaseGivesTheOsvEcosystem_data()
    {
        QTest::addColumn<QString>("osRelease");
        QTest::addColumn<QString>("ecosystem");
        QTest::newRow("Debian 12 with quoted values")
            << "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"
            << "Debian:12";
        QTest::newRow("Alpine's point release maps to its branch") << "ID=alpine\nVERSION_ID=3.19.1\n"
                                                                   << "Alpine:v3.19";
        QTest::newRow("Ubuntu keeps its year.month") << "ID=ubuntu\nVERSION_ID=\"22.04\"\n"
                                                     << "Ubuntu:22.04";
        QTest::newRow("an unknown distribution has none") << "ID=plan9\nVERSION_ID=4\n"
                                                          << "";
    }

    void osReleaseGivesTheOsvEcosystem()
    {
        QFETCH(QString, osRelease);
        QFETCH(QString, ecosystem);
        QCOMPARE(
            QString::fromStdString(packages::osvEcosystem(packages::parseOsRelease(osRelease.toStdString()))),
            ecosystem);
    }

    void osvAdvisoriesMatchOnlyAffectedVersions_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("from a directory of advisory files") << "osv/debian";
        QTest::newRow("from the per-ecosystem all.zip") << "osv/debian-all.zip";
    }

    void osvAdvisoriesMatchOnlyAffectedVersions()
    {
        QFETCH(QString, source);
        auto db = OsvDatabase::load(dataPath(source).toStdString(), {}, CancelToken());
        QVERIFY2(db.ok(), db.ok() ? "" : db.error().message.c_str());
        QCOMPARE(int(db->size()), 10);
        const auto found = db->match("Debian:12", bookwormPackages());
        const QSet<QString> expected{"CVE-2099-0001", "CVE-2099-0002", "CVE-2099-0003"};
        QCOMPARE(ids(found), expected);
        for (const auto& v : found) {
            if (v.id == "CVE-2099-0001") {
                QCOMPARE(QString::fromStdString(v.package),
                         QString("glibc")); // once per source, not per binary
                QCOMPARE(QString::fromStdString(v.fixedVersion), QString("2.36-9+deb12u9999"));
                QCOMPARE(QString::fromStdString(v.severity), QString("high"));
            }
            if (v.id == "CVE-2099-0003") {
                QVERIFY(v.fixedVersion.empty()); // last_affected: no fix known
            }
        }
    }

    void aMissingDatabaseIsAClearError()
    {
        auto db = OsvDatabase::load("/nonexistent/osv.zip", {}, CancelToken());
        QVERIFY(!db.ok());
        QVERIFY(QString::fromStdString(db.error().message).contains("does not exist"));
    }

    void trivyAndGrypeReportsBecomeVulnerabilities()
    {
        auto trivy = json::parseTrivyReport(readData("scanners/trivy-debian.json"));
        QVERIFY2(trivy.ok(), trivy.ok() ? "" : trivy.error().message.c_str());
        QCOMPARE(QString::fromStdString(trivy->artifact), QString("drydock-test/debian:bookworm"));
        QCOMPARE(int(trivy->vulnerabilities.size()), 2);
        QCOMPARE(QString::fromStdString(trivy->vulnerabilities[0].severity), QString("high"));
        QCOMPARE(trivy->vulnerabilities[0].cvssScore, 7.8);
        auto grype = json::parseGrypeReport(readData("scanners/grype-debian.json"));
        QVERIFY2(grype.ok(), grype.ok() ? "" : grype.error().message.c_str());
        QCOMPARE(int(grype->vulnerabilities.size()), 2);
        QCOMPARE(QString::fromStdString(grype->vulnerabilities[0].severity), QString("critical"));
        QCOMPARE(QString::fromStdString(grype->vulnerabilities[0].fixedVersion), QString("1:1.2.13.dfsg-99"));
        QCOMPARE(QString::fromStdString(grype->vulnerabilities[1].severity), QString("low")); // Negligible
        // Each parser refuses the other's format with a sentence that says how to make the right file.
        auto wrong = json::parseGrypeReport(readData("scanners/trivy-debian.json"));
        QVERIFY(!wrong.ok());
        QVERIFY(QString::fromStdString(wrong.error().message).contains("grype"));
    }

    void cycloneDxSbomHasTheRequiredStructure()
    {
        Image image;
        image.id = "sha256:1234";
        image.repoTags = {"drydock-test/debian:bookworm"};
        ImageContents contents;
        contents.os = packages::parseOsRelease("ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian 12\"\n");
        contents.packages = bookwormPackages();
        contents.vulnerabilities.push_back(
            {"CVE-2099-0001", "glibc", "2.36-9+deb12u14", "2.36-9+deb12u9999", "high", 7.8, "", "", "osv"});
        const std::string text = json::writeCycloneDx(image, contents, "3e671687-395b-41f5-a30f-a58921a69b79",
                                                      "2026-11-29T05:00:00Z", "0.1.0");
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject bom = doc.object();
        QCOMPARE(bom["bomFormat"].toString(), QString("CycloneDX"));
        QCOMPARE(bom["specVersion"].toString(), QString("1.5"));
        QVERIFY(QRegularExpression(
                    "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
                    .match(bom["serialNumber"].toString())
                    .hasMatch());
        QCOMPARE(bom["version"].toInt(), 1);
        QCOMPARE(bom["metadata"].toObject()["component"].toObject()["type"].toString(), QString("container"));
        QSet<QString> refs;
        int libraries = 0;
        for (const auto& c : bom["components"].toArray()) {
            const QJsonObject o = c.toObject();
            QVERIFY(!o["type"].toString().isEmpty());
            QVERIFY(!o["name"].toString().isEmpty());
            QVERIFY(!refs.contains(o["bom-ref"].toString())); // bom-refs are unique
            refs.insert(o["bom-ref"].toString());
            if (o["type"].toString() == "library") {
                ++libraries;
                QVERIFY(o["purl"].toString().startsWith("pkg:deb/debian/"));
                QVERIFY(o["purl"].toString().contains("distro=debian-12"));
            }
        }
        QCOMPARE(libraries, 6);
        QVERIFY(
            refs.contains("pkg:deb/debian/login@1%3A4.13%2Bdfsg1-1%2Bdeb12u2?arch=amd64&distro=debian-12"));
        // Every dependency and every affected ref points at a declared component or the image itself.
        refs.insert(bom["metadata"].toObject()["component"].toObject()["bom-ref"].toString());
        for (const auto& d : bom["dependencies"].toArray()) {
            QVERIFY(refs.contains(d.toObject()["ref"].toString()));
            for (const auto& r : d.toObject()["dependsOn"].toArray()) {
                QVERIFY(refs.contains(r.toString()));
            }
        }
        const QJsonArray vulns = bom["vulnerabilities"].toArray();
        QCOMPARE(vulns.size(), 1);
        QCOMPARE(vulns[0].toObject()["ratings"].toArray()[0].toObject()["severity"].toString(),
                 QString("high"));
        QVERIFY(refs.contains(vulns[0].toObject()["affects"].toArray()[0].toObject()["ref"].toString()));
    }
};

QTEST_APPLESS_MAIN(TestPackagesAndVulnerabilities)
#include "TestPackagesAndVulnerabilities.moc"
