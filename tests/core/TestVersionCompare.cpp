#include "core/contents/VersionCompare.h"

#include <QTest>

using namespace drydock;

// Package version order for vulnerability matching: Debian's algorithm (deb-version(7), dpkg's verrevcmp)
// and apk-tools', on the published edge cases. Every pair is also checked the other way round.
class TestVersionCompare : public QObject
{
    Q_OBJECT

private:
    static void addRows()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("expected");
    }

private slots:
    void debianOrder_data()
    {
        addRows();
        QTest::newRow("a larger minor version is newer") << "1.0"
                                                         << "1.1" << -1;
        QTest::newRow("equal versions are equal") << "1.2.3"
                                                  << "1.2.3" << 0;
        QTest::newRow("a tilde sorts before the release (1.0~rc1 < 1.0)") << "1.0~rc1"
                                                                          << "1.0" << -1;
        QTest::newRow("release candidates order among themselves") << "1.0~rc1"
                                                                   << "1.0~rc2" << -1;
        QTest::newRow("a double tilde sorts before a single one") << "1.0~~"
                                                                  << "1.0~" << -1;
        QTest::newRow("~~ before ~~a (policy example)") << "1.0~~"
                                                        << "1.0~~a" << -1;
        QTest::newRow("~~a before ~ (policy example)") << "1.0~~a"
                                                       << "1.0~" << -1;
        QTest::newRow("a letter after the version sorts after the end") << "1.0"
                                                                        << "1.0a" << -1;
        QTest::newRow("a plus after the version sorts after the end") << "1.0"
                                                                      << "1.0+dfsg" << -1;
        QTest::newRow("letters sort before other characters (1.0+b1 < 1.0.1)") << "1.0+b1"
                                                                               << "1.0.1" << -1;
        QTest::newRow("an epoch beats any upstream version") << "1:1.0"
                                                             << "2.0" << 1;
        QTest::newRow("epoch 1:0 beats 0:9999") << "1:0"
                                                << "0:9999" << 1;
        QTest::newRow("epoch 0 is the same as no epoch") << "0:1.0"
                                                         << "1.0" << 0;
        QTest::newRow("a missing revision equals revision 0") << "1.0"
                                                              << "1.0-0" << 0;
        QTest::newRow("leading zeros do not count in digit runs") << "1.001"
                                                                  << "1.1" << 0;
        QTest::newRow("revisions compare after upstream") << "1.0-1"
                                                          << "1.0-2" << -1;
        QTest::newRow("upstream decides before the revision") << "1.0-9"
                                                              << "1.0.1-1" << -1;
        QTest::newRow("the last hyphen starts the revision") << "1.0-beta-2"
                                                             << "1.0-beta-10" << -1;
        QTest::newRow("security updates count numerically (deb12u10 > deb12u9)") << "2.36-9+deb12u10"
                                                                                 << "2.36-9+deb12u9" << 1;
        QTest::newRow("a point release update is newer than the release") << "2.36-9+deb12u3"
                                                                          << "2.36-9" << 1;
        QTest::newRow("a binNMU is newer than its source version") << "5.2.15-2+b2"
                                                                   << "5.2.15-2" << 1;
        QTest::newRow("a backport sorts before the release it backports") << "2.0-1~bpo12+1"
                                                                          << "2.0-1" << -1;
        QTest::newRow("digits compare as numbers, not text") << "1.10"
                                                             << "1.9" << 1;
    }

    void debianOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        QCOMPARE(compareDebianVersions(a.toStdString(), b.toStdString()), expected);
        QCOMPARE(compareDebianVersions(b.toStdString(), a.toStdString()), -expected);
    }

    void apkOrder_data()
    {
        addRows();
        QTest::newRow("a longer version with the same prefix is newer") << "1.0"
                                                                        << "1.0.1" << -1;
        QTest::newRow("digits compare as numbers (1.2.10 > 1.2.9)") << "1.2.10"
                                                                    << "1.2.9" << 1;
        QTest::newRow("_alpha before _beta") << "1.0_alpha1"
                                             << "1.0_beta1" << -1;
        QTest::newRow("_beta before _pre") << "1.0_beta1"
                                           << "1.0_pre1" << -1;
        QTest::newRow("_pre before _rc") << "1.0_pre1"
                                         << "1.0_rc1" << -1;
        QTest::newRow("_rc before the release") << "1.0_rc1"
                                                << "1.0" << -1;
        QTest::newRow("the release before _p (patch)") << "1.0"
                                                       << "1.0_p1" << -1;
        QTest::newRow("_git snapshots after the release") << "1.0"
                                                          << "1.0_git20230101" << -1;
        QTest::newRow("suffix numbers compare as numbers") << "1.0_rc10"
                                                           << "1.0_rc9" << 1;
        QTest::newRow("patch levels order among themselves") << "1.0_p1"
                                                             << "1.0_p2" << -1;
        QTest::newRow("a letter sorts after no letter") << "1.0"
                                                        << "1.0a" << -1;
        QTest::newRow("letters order alphabetically") << "1.0a"
                                                      << "1.0b" << -1;
        QTest::newRow("-r revisions order") << "1.0-r1"
                                            << "1.0-r2" << -1;
        QTest::newRow("-r revisions compare as numbers") << "1.36.1-r15"
                                                         << "1.36.1-r2" << 1;
        QTest::newRow("no revision equals -r0") << "1.0"
                                                << "1.0-r0" << 0;
        QTest::newRow("a release candidate of a major is newer than the previous minor") << "2.0_rc1"
                                                                                         << "1.9.9" << 1;
        QTest::newRow("openssl-style versions") << "3.0.12-r0"
                                                << "3.0.13-r0" << -1;
        QTest::newRow("equal versions are equal") << "3.1.4-r5"
                                                  << "3.1.4-r5" << 0;
    }

    void apkOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, expected);
        QCOMPARE(compareApkVersions(a.toStdString(), b.toStdString()), expected);
        QCOMPARE(compareApkVersions(b.toStdString(), a.toStdString()), -expected);
    }
};

QTEST_APPLESS_MAIN(TestVersionCompare)
#include "TestVersionCompare.moc"
