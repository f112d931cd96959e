#include "core/model/CapabilitySpelling.h"

#include <QTest>

using namespace drydock;

// The one capability normaliser: every spelling that one of its six former copies read (JsonAccess,
// ContainerFacts, ServiceHardeningRule, RunCommandBuilder, RunCommandHardener, CreateBodyJson) gives the
// same answer as before.
class TestCapabilitySpelling : public QObject
{
    Q_OBJECT

private slots:
    void spellings_data();
    void spellings();
    void sameCapability_data();
    void sameCapability();
};

void TestCapabilitySpelling::spellings_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("daemonForm");
    QTest::addColumn<QString>("flagForm");

    QTest::newRow("the daemon's own form stays (newer daemons, rules' tables)") << "CAP_SYS_ADMIN"
                                                                                << "CAP_SYS_ADMIN"
                                                                                << "SYS_ADMIN";
    QTest::newRow("the CLI's form gains the prefix (20.10 keeps what the CLI sent)") << "NET_ADMIN"
                                                                                     << "CAP_NET_ADMIN"
                                                                                     << "NET_ADMIN";
    QTest::newRow("a lower-case bare name is upper-cased") << "net_raw"
                                                           << "CAP_NET_RAW"
                                                           << "NET_RAW";
    QTest::newRow("a lower-case prefix is upper-cased (edits may carry it)") << "cap_net_admin"
                                                                             << "CAP_NET_ADMIN"
                                                                             << "NET_ADMIN";
    QTest::newRow("mixed case and spaces are tidied") << " Cap_Chown "
                                                      << "CAP_CHOWN"
                                                      << "CHOWN";
    QTest::newRow("tabs and line breaks around a name are dropped") << "\tsys_ptrace\n"
                                                                    << "CAP_SYS_PTRACE"
                                                                    << "SYS_PTRACE";
    QTest::newRow("all stays ALL without a prefix") << "all"
                                                    << "ALL"
                                                    << "ALL";
    QTest::newRow("ALL stays ALL") << "ALL"
                                   << "ALL"
                                   << "ALL";
    QTest::newRow("cap_all is not the magic word for the daemon but drops to ALL as a flag value")
        << "cap_all"
        << "CAP_ALL"
        << "ALL";
    QTest::newRow("an empty name stays empty") << ""
                                               << ""
                                               << "";
    QTest::newRow("a blank name is empty") << "   "
                                           << ""
                                           << "";
    QTest::newRow("a lone prefix has no name after it") << "cap_"
                                                        << "CAP_"
                                                        << "";
}

void TestCapabilitySpelling::spellings()
{
    QFETCH(QString, raw);
    QFETCH(QString, daemonForm);
    QFETCH(QString, flagForm);
    QCOMPARE(QString::fromStdString(normaliseCapability(raw.toStdString())), daemonForm);
    QCOMPARE(QString::fromStdString(capabilityFlagValue(raw.toStdString())), flagForm);
    // Both forms are fixed points: normalising twice changes nothing.
    QCOMPARE(QString::fromStdString(normaliseCapability(daemonForm.toStdString())), daemonForm);
    QCOMPARE(QString::fromStdString(capabilityFlagValue(flagForm.toStdString())), flagForm);
}

void TestCapabilitySpelling::sameCapability_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("the daemon's and the CLI's spelling are one capability") << "CAP_NET_RAW"
                                                                            << "NET_RAW" << true;
    QTest::newRow("case and spaces do not matter") << " cap_net_raw"
                                                   << "Net_Raw" << true;
    QTest::newRow("ALL matches all") << "ALL"
                                     << "all" << true;
    QTest::newRow("cap_all matches ALL, as the hardener and create bodies read it") << "cap_all"
                                                                                    << "ALL" << true;
    QTest::newRow("two capabilities differ") << "NET_RAW"
                                             << "NET_ADMIN" << false;
    QTest::newRow("a prefix of a name is another name") << "SYS"
                                                        << "SYS_ADMIN" << false;
}

void TestCapabilitySpelling::sameCapability()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(drydock::sameCapability(a.toStdString(), b.toStdString()), same);
    QCOMPARE(drydock::sameCapability(b.toStdString(), a.toStdString()), same);
}

QTEST_APPLESS_MAIN(TestCapabilitySpelling)
#include "TestCapabilitySpelling.moc"
