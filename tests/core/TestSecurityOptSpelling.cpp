#include "core/model/SecurityOptSpelling.h"

#include <QTest>

using namespace drydock;

// The one security-opt splitter and canonical form, read by the runtime rules (SecurityOpt::parse), the
// run-command builder and hardener and the create bodies, which each had their own before.
class TestSecurityOptSpelling : public QObject
{
    Q_OBJECT

private slots:
    void spellings_data();
    void spellings();
};

void TestSecurityOptSpelling::spellings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("an equals sign splits") << "seccomp=unconfined"
                                           << "seccomp"
                                           << "unconfined"
                                           << "seccomp=unconfined";
    QTest::newRow("the deprecated colon splits and becomes an equals sign") << "seccomp:unconfined"
                                                                            << "seccomp"
                                                                            << "unconfined"
                                                                            << "seccomp=unconfined";
    QTest::newRow("apparmor with a colon") << "apparmor:unconfined"
                                           << "apparmor"
                                           << "unconfined"
                                           << "apparmor=unconfined";
    QTest::newRow("apparmor with a profile") << "apparmor=docker-default"
                                             << "apparmor"
                                             << "docker-default"
                                             << "apparmor=docker-default";
    QTest::newRow("a bare no-new-privileges means true") << "no-new-privileges"
                                                         << "no-new-privileges"
                                                         << ""
                                                         << "no-new-privileges=true";
    QTest::newRow("no-new-privileges with a colon") << "no-new-privileges:true"
                                                    << "no-new-privileges"
                                                    << "true"
                                                    << "no-new-privileges=true";
    QTest::newRow("no-new-privileges=false keeps its value") << "no-new-privileges=false"
                                                             << "no-new-privileges"
                                                             << "false"
                                                             << "no-new-privileges=false";
    QTest::newRow("label=disable") << "label=disable"
                                   << "label"
                                   << "disable"
                                   << "label=disable";
    QTest::newRow("label:disable is label=disable") << "label:disable"
                                                    << "label"
                                                    << "disable"
                                                    << "label=disable";
    QTest::newRow("a colon inside the value of a label option stays") << "label:type:svirt_t"
                                                                      << "label"
                                                                      << "type:svirt_t"
                                                                      << "label=type:svirt_t";
    QTest::newRow("a label user keeps its colon") << "label=user:USER"
                                                  << "label"
                                                  << "user:USER"
                                                  << "label=user:USER";
    // The remediation copies turned the colon into '=' ("label=type=x"); dockerd and the rules split on
    // the '=', so the key is "label:type".
    QTest::newRow("an equals sign wins over an earlier colon, as in dockerd") << "label:type=x"
                                                                              << "label:type"
                                                                              << "x"
                                                                              << "label:type=x";
    QTest::newRow("an inlined seccomp profile keeps its colons") << R"(seccomp={"a":1})"
                                                                 << "seccomp"
                                                                 << R"({"a":1})"
                                                                 << R"(seccomp={"a":1})";
    QTest::newRow("a profile file") << "seccomp=./seccomp-web.json"
                                    << "seccomp"
                                    << "./seccomp-web.json"
                                    << "seccomp=./seccomp-web.json";
    QTest::newRow("systempaths") << "systempaths=unconfined"
                                 << "systempaths"
                                 << "unconfined"
                                 << "systempaths=unconfined";
    QTest::newRow("another bare word stays as written") << "disable"
                                                        << "disable"
                                                        << ""
                                                        << "disable";
    QTest::newRow("an empty entry") << ""
                                    << ""
                                    << ""
                                    << "";
}

void TestSecurityOptSpelling::spellings()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, canonical);
    const std::string t = text.toStdString();
    const SecurityOptSplit split = splitSecurityOpt(t);
    QCOMPARE(QString::fromStdString(std::string(split.key)), key);
    QCOMPARE(QString::fromStdString(std::string(split.value)), value);
    QCOMPARE(QString::fromStdString(canonicalSecurityOpt(t)), canonical);
    QCOMPARE(QString::fromStdString(securityOptKey(t)), key);
    // Pasted text with spaces around it reads the same; the canonical form is a fixed point.
    QCOMPARE(QString::fromStdString(canonicalSecurityOpt(" " + t + "\t")), canonical);
    QCOMPARE(QString::fromStdString(securityOptKey(" " + t + "\n")), key);
    QCOMPARE(QString::fromStdString(canonicalSecurityOpt(canonical.toStdString())), canonical);
}

QTEST_APPLESS_MAIN(TestSecurityOptSpelling)
#include "TestSecurityOptSpelling.moc"
