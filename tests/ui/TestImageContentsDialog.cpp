// The packages view of an image without a daemon: both models pass QAbstractItemModelTester and sort on
// raw values, the dialog shows contents it is given at once, filters, writes the SBOM atomically and says
// inline what went wrong.
#include "ui/dialogs/ImageContentsDialog.h"
#include "ui/models/PackageTableModel.h"
#include "ui/models/VulnerabilityTableModel.h"
#include "ui/widgets/InlineMessage.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;
using namespace drydock::ui;

namespace {

const std::string kScript = "<script>alert(1)</script>";

std::shared_ptr<const ImageContents> sampleContents()
{
    auto c = std::make_shared<ImageContents>();
    c->imageId = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    c->os.id = "debian";
    c->os.versionId = "12";
    c->os.prettyName = "Debian GNU/Linux 12 (bookworm)";
    c->layers.resize(2);
    c->bytesRead = 3 * 1024 * 1024;
    const auto add = [&c](const std::string& name, const std::string& version, const std::string& source) {
        InstalledPackage p;
        p.name = name;
        p.version = version;
        p.sourceName = source;
        p.arch = "amd64";
        p.ecosystem = "deb";
        p.license = "GPL-2+";
        c->packages.push_back(p);
    };
    add("base-files", "12.4+deb12u5", "base-files");
    add("dpkg", "1.21.22", "dpkg");
    add("libc6", "2.36-9+deb12u4", "glibc");
    add("libc-bin", "2.36-9+deb12u4", "glibc");
    add(kScript, "1.0", kScript);
    const auto vuln = [&c](const std::string& id, const std::string& pkg, const std::string& severity,
                           double cvss) {
        Vulnerability v;
        v.id = id;
        v.package = pkg;
        v.installedVersion = "2.36-9+deb12u4";
        v.severity = severity;
        v.cvssScore = cvss;
        v.source = "osv";
        c->vulnerabilities.push_back(v);
    };
    vuln("CVE-2023-4911", "glibc", "high", 7.8);
    vuln("CVE-2024-0001", "dpkg", "low", 3.1);
    vuln("CVE-2024-0002", "glibc", "critical", 9.8);
    vuln("DSA-0000", "dpkg", "unknown", 0);
    return c;
}

QStringList column(QAbstractItemModel* model, int col)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r) {
        out << model->index(r, col).data().toString();
    }
    return out;
}

} // namespace

class TestImageContentsDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    ImageContentsRequest request(std::shared_ptr<const ImageContents> contents)
    {
        ImageContentsRequest r;
        Image image;
        image.id = contents ? contents->imageId : "sha256:33";
        image.repoTags = {"example/app:1"};
        r.image = QString::fromStdString(image.id);
        r.imageInfo = image;
        r.contents = std::move(contents);
        r.directory = m_dir.path();
        return r;
    }

private slots:
    void thePackageModelIsAWellBehavedModel()
    {
        PackageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(sampleContents());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), static_cast<int>(PackageTableModel::ColumnCount));
        QCOMPARE(model.index(0, PackageTableModel::NameColumn).data().toString(),
                 QStringLiteral("base-files"));
        // A package is its own source: the column stays empty so real source packages stand out.
        QCOMPARE(model.index(0, PackageTableModel::SourceColumn).data().toString(), QString());
        QCOMPARE(model.index(2, PackageTableModel::SourceColumn).data().toString(), QStringLiteral("glibc"));
        QCOMPARE(model.index(4, PackageTableModel::NameColumn).data().toString(),
                 QString::fromStdString(kScript));
        model.setContents(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void vulnerabilitiesAreCountedPerPackage_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("expected");
        QTest::newRow("a package without advisories counts none") << 0 << 0;
        QTest::newRow("advisories naming the binary package count") << 1 << 2;
        QTest::newRow("advisories naming the source package count for libc6") << 2 << 2;
        QTest::newRow("and for every other binary of the same source") << 3 << 2;
    }
    void vulnerabilitiesAreCountedPerPackage()
    {
        QFETCH(int, row);
        QFETCH(int, expected);
        PackageTableModel model;
        model.setContents(sampleContents());
        QCOMPARE(model.index(row, PackageTableModel::VulnerabilitiesColumn)
                     .data(PackageTableModel::SortRole)
                     .toInt(),
                 expected);
    }

    void theVulnerabilityModelIsAWellBehavedModelSortedBySeverityRank()
    {
        VulnerabilityTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(sampleContents());
        QCOMPARE(model.rowCount(), 4);
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(VulnerabilityTableModel::SortRole);
        proxy.sort(VulnerabilityTableModel::SeverityColumn, Qt::DescendingOrder);
        // By rank, not alphabetically ("unknown" would otherwise sort first).
        QCOMPARE(column(&proxy, VulnerabilityTableModel::IdColumn),
                 (QStringList{"CVE-2024-0002", "CVE-2023-4911", "CVE-2024-0001", "DSA-0000"}));
        QCOMPARE(column(&proxy, VulnerabilityTableModel::SeverityColumn),
                 (QStringList{"Critical", "High", "Low", "unknown"}));
        QCOMPARE(proxy.index(0, VulnerabilityTableModel::FixedColumn).data().toString(),
                 QStringLiteral("no fix published"));
        QCOMPARE(proxy.index(0, VulnerabilityTableModel::CvssColumn).data().toString(),
                 QStringLiteral("9.8"));
        proxy.sort(VulnerabilityTableModel::CvssColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, VulnerabilityTableModel::IdColumn).data().toString(),
                 QStringLiteral("DSA-0000"));
    }

    void contentsFromTheLastScanAreShownAtOnceAndFilter()
    {
        ImageContentsDialog dialog(request(sampleContents()));
        dialog.show();
        dialog.loadOrAnalyse();
        QVERIFY(!dialog.controller()->isRunning());
        QVERIFY(!dialog.progressBar()->isVisible());
        QCOMPARE(dialog.osLabel()->text(), QStringLiteral("Debian GNU/Linux 12 (bookworm)"));
        QCOMPARE(dialog.tabs()->tabText(0), QStringLiteral("Packages (5)"));
        QCOMPARE(dialog.tabs()->tabText(1), QStringLiteral("Vulnerabilities (4)"));
        QAbstractItemModel* shown = dialog.packageTable()->model();
        QCOMPARE(shown->rowCount(), 5);
        QTest::keyClicks(dialog.filterEdit(), QStringLiteral("GLIBC"));
        QCOMPARE(shown->rowCount(), 2); // libc6 and libc-bin through their source, case-insensitively
        QCOMPARE(column(shown, PackageTableModel::NameColumn), (QStringList{"libc-bin", "libc6"}));
        dialog.filterEdit()->clear();
        QCOMPARE(shown->rowCount(), 5);
        QVERIFY(dialog.exportButton()->isEnabled());
    }

    void theLicenceColumnShowsOnlyWhenThereAreLicences_data()
    {
        QTest::addColumn<bool>("withLicences");
        QTest::newRow("apk and rpm databases carry licences: the column shows") << true;
        QTest::newRow("dpkg keeps licences elsewhere: the empty column is hidden") << false;
    }
    void theLicenceColumnShowsOnlyWhenThereAreLicences()
    {
        QFETCH(bool, withLicences);
        auto contents = std::make_shared<ImageContents>(*sampleContents());
        if (!withLicences) {
            for (auto& p : contents->packages) {
                p.license.clear();
            }
        }
        ImageContentsDialog dialog(request(contents));
        dialog.loadOrAnalyse();
        QCOMPARE(dialog.packageTable()->isColumnHidden(PackageTableModel::LicenseColumn), !withLicences);
    }

    void theSbomIsWrittenAsCycloneDx()
    {
        ImageContentsDialog dialog(request(sampleContents()));
        QString suggested;
        const QString path = m_dir.filePath(QStringLiteral("app.cdx.json"));
        dialog.show();
        dialog.setSbomPathPrompt([&](QWidget*, const QString& s) {
            suggested = s;
            return path;
        });
        dialog.loadOrAnalyse();
        QVERIFY(dialog.exportSbom());
        QCOMPARE(suggested, m_dir.filePath(QStringLiteral("example_app_1.cdx.json")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject bom = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(bom.value(QStringLiteral("bomFormat")).toString(), QStringLiteral("CycloneDX"));
        QStringList names;
        for (const auto& c : bom.value(QStringLiteral("components")).toArray()) {
            names << c.toObject().value(QStringLiteral("name")).toString();
        }
        QVERIFY(names.contains(QStringLiteral("dpkg")));
        QVERIFY(names.contains(QString::fromStdString(kScript)));
        QVERIFY(dialog.message()->text().contains(path));
    }

    void anUnwritableSbomPathIsExplainedInlineAndLeavesNothing()
    {
        ImageContentsDialog dialog(request(sampleContents()));
        dialog.show();
        const QString path = m_dir.filePath(QStringLiteral("missing-dir/app.cdx.json"));
        dialog.setSbomPathPrompt([&](QWidget*, const QString&) { return path; });
        dialog.loadOrAnalyse();
        QVERIFY(!dialog.exportSbom());
        QVERIFY(!QFile::exists(path));
        QVERIFY(dialog.message()->text().contains(QStringLiteral("Could not write the SBOM")));
    }

    void cancellingTheFileChooserWritesNothing()
    {
        ImageContentsDialog dialog(request(sampleContents()));
        dialog.setSbomPathPrompt([](QWidget*, const QString&) { return QString(); });
        dialog.loadOrAnalyse();
        QVERIFY(!dialog.exportSbom());
    }

    void withoutADaemonTheDialogSaysSoInline()
    {
        ImageContentsDialog dialog(request(nullptr));
        dialog.show();
        dialog.loadOrAnalyse();
        QVERIFY(!dialog.controller()->isRunning());
        QVERIFY(dialog.message()->isVisible());
        QVERIFY(dialog.message()->text().contains(QStringLiteral("Not connected")));
        QVERIFY(!dialog.exportButton()->isEnabled());
        QCOMPARE(dialog.packageTable()->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestImageContentsDialog)
#include "TestImageContentsDialog.moc"
