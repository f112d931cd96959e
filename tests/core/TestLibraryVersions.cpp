// The library versions behind `drydock --version` and the About dialog: asked at run time, so a package
// running against newer shared libraries reports those; and the binary's --version prints them.
#include "core/common/LibraryVersions.h"
#include "tests/support/TestSupport.h"

#include <QRegularExpression>
#include <QTest>

#include <curl/curl.h>
#include <sqlite3.h>

// Same weak reference as core: null unless libarchive is linked into the test binary (through core).
extern "C" const char* archive_version_string(void) __attribute__((weak));

using namespace drydock;

namespace {
const LibraryVersion* find(const std::vector<LibraryVersion>& libs, const std::string& name)
{
    for (const auto& lib : libs) {
        if (lib.name == name) {
            return &lib;
        }
    }
    return nullptr;
}
QString libarchiveRuntimeVersion()
{
    if (archive_version_string == nullptr) {
        return {};
    }
    return QString::fromLatin1(archive_version_string()).remove(QStringLiteral("libarchive "));
}
} // namespace

class TestLibraryVersions : public QObject
{
    Q_OBJECT
private slots:
    void reportsTheVersionInUse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("licence");
        QTest::newRow("libcurl reports the shared library it runs with")
            << "libcurl" << QString::fromLatin1(curl_version_info(CURLVERSION_NOW)->version) << "curl";
        QTest::newRow("SQLite reports the shared library it runs with")
            << "SQLite" << QString::fromLatin1(sqlite3_libversion()) << "blessing (public domain)";
        QTest::newRow("libarchive reports its version when linked, else that it is not used")
            << "libarchive" << libarchiveRuntimeVersion() << "BSD-2-Clause";
    }
    void reportsTheVersionInUse()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QFETCH(QString, licence);
        const auto libs = coreLibraryVersions();
        const LibraryVersion* lib = find(libs, name.toStdString());
        QVERIFY2(lib, qPrintable(name + QStringLiteral(" is missing")));
        QCOMPARE(QString::fromStdString(lib->version), expected);
        QCOMPARE(lib->used(), !expected.isEmpty());
        QCOMPARE(QString::fromStdString(lib->licence), licence);
        QVERIFY(QString::fromStdString(lib->url).startsWith(QStringLiteral("https://")));
    }

    void nlohmannJsonReportsItsCompiledInVersion()
    {
        const auto libs = coreLibraryVersions();
        const LibraryVersion* lib = find(libs, "nlohmann/json");
        QVERIFY(lib);
        QVERIFY(QRegularExpression(QStringLiteral("^3\\.\\d+\\.\\d+$"))
                    .match(QString::fromStdString(lib->version))
                    .hasMatch());
        QCOMPARE(QString::fromStdString(lib->licence), QStringLiteral("MIT"));
    }

    void theDesktopListPutsQtFirstThenCoresLibraries()
    {
        const auto libs = libraryVersionsWithQt("6.4.2", "6.4.1");
        const auto core = coreLibraryVersions();
        QCOMPARE(libs.size(), core.size() + 1);
        QCOMPARE(QString::fromStdString(libs.front().name), QStringLiteral("Qt"));
        QCOMPARE(QString::fromStdString(libs.front().version), QStringLiteral("6.4.2"));
        QCOMPARE(QString::fromStdString(libs.front().detail), QStringLiteral("built with 6.4.1"));
        QVERIFY(QString::fromStdString(libs.front().licence).contains(QStringLiteral("LGPL-3.0-only")));
        QVERIFY(QString::fromStdString(libs.front().url).startsWith(QStringLiteral("https://")));
        for (std::size_t i = 0; i < core.size(); ++i) {
            QCOMPARE(QString::fromStdString(libs[i + 1].name), QString::fromStdString(core[i].name));
        }
    }

    void buildInfoNamesVersionTypeAndCompiler()
    {
        const BuildInfo build = buildInfo();
        QCOMPARE(QString::fromStdString(build.version), QStringLiteral(DRYDOCK_VERSION));
        QVERIFY(!build.buildType.empty());
        QVERIFY2(build.buildType != "unknown", "the build type reaches LibraryVersions.cpp from CMake");
        QVERIFY(QString::fromStdString(build.compiler)
                    .contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+"))));
    }

    void reportListsEveryLibraryOnItsOwnLine_data()
    {
        QTest::addColumn<QString>("expectedLine");
        QTest::newRow("the version comes first") << "drydock 9.8.7";
        QTest::newRow("then how it was built") << "build: Release, GCC 1.2.3";
        QTest::newRow("a used library with its licence and detail, aligned")
            << "  libcurl     8.0.0     curl (OpenSSL/3.0.0)";
        QTest::newRow("a used library without detail") << "  SQLite      3.40.1    blessing (public domain)";
        QTest::newRow("an unused library says so") << "  libarchive  not used";
    }
    void reportListsEveryLibraryOnItsOwnLine()
    {
        QFETCH(QString, expectedLine);
        const BuildInfo build{"9.8.7", "Release", "GCC 1.2.3"};
        const std::vector<LibraryVersion> libs{
            {"libcurl", "8.0.0", "OpenSSL/3.0.0", "curl", "https://curl.se"},
            {"SQLite", "3.40.1", "", "blessing (public domain)", ""},
            {"libarchive", "", "", "BSD-2-Clause", ""}};
        const QStringList lines = QString::fromStdString(versionReport(build, libs)).split(QLatin1Char('\n'));
        QVERIFY2(lines.contains(expectedLine), qPrintable(lines.join(QLatin1Char('\n'))));
    }

    void versionOptionPrintsTheLibrariesTheBinaryRunsWith()
    {
        QString out;
        QString err;
        QCOMPARE(test::drydock({QStringLiteral("--version")}, &out, &err), 0);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QStringList lines = out.split(QLatin1Char('\n'));
        QCOMPARE(lines.value(0), QStringLiteral("drydock " DRYDOCK_VERSION));
        QVERIFY(lines.value(1).startsWith(QStringLiteral("build: ")));
        auto lineOf = [&](const QString& name) {
            for (const QString& line : lines) {
                if (line.startsWith(QStringLiteral("  ") + name + QLatin1Char(' '))) {
                    return line;
                }
            }
            return QString();
        };
        QVERIFY(lineOf(QStringLiteral("libcurl"))
                    .contains(QString::fromLatin1(curl_version_info(CURLVERSION_NOW)->version)));
        QVERIFY(lineOf(QStringLiteral("SQLite")).contains(QString::fromLatin1(sqlite3_libversion())));
        QVERIFY(!lineOf(QStringLiteral("nlohmann/json")).isEmpty());
        QVERIFY(!lineOf(QStringLiteral("libarchive")).isEmpty());
#ifdef DRYDOCK_TEST_WITH_GUI
        QVERIFY2(lineOf(QStringLiteral("Qt")).contains(QLatin1String(qVersion())), qPrintable(out));
#endif
    }
};

QTEST_GUILESS_MAIN(TestLibraryVersions)
#include "TestLibraryVersions.moc"
