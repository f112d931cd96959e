// `drydock check` end to end: the real binary on a project folder copied to a temporary directory — findings with
// file, line and column in every format (JSON and SARIF validated against their schemas), the fix as a diff that
// patch(1) applies and that leaves every untouched line as it was, --fix with its backup, a hostile file that
// stops nothing else, .gitignore honoured, and the secret value of a compose file in no output at all.
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const QString kSecret = QStringLiteral("Sup3r-S3cret-Passw0rd!");

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).path());
        QFile::copy(file, target);
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
}

// drydock check run in dir (relative paths, as a user types them).
int check(const QString& dir, const QStringList& args, QString* out = nullptr, QString* err = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(qEnvironmentVariable("DRYDOCK_BINARY"), QStringList{QStringLiteral("check")} + args);
    p.waitForFinished(120000);
    if (out) {
        *out = QString::fromUtf8(p.readAllStandardOutput());
    }
    if (err) {
        *err = QString::fromUtf8(p.readAllStandardError());
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Each finding of a check's JSON as "RULE objectRef file": what tells findings apart across two checks.
QSet<QString> findingKeys(const QByteArray& json)
{
    QSet<QString> out;
    for (const auto& v : QJsonDocument::fromJson(json).object().value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        out.insert(f.value(QStringLiteral("ruleId")).toString() + QLatin1Char(' ') +
                   f.value(QStringLiteral("objectRef")).toString() + QLatin1Char(' ') +
                   f.value(QStringLiteral("location")).toObject().value(QStringLiteral("file")).toString());
    }
    return out;
}

int validate(const QString& schema, const QString& document, QString* out)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {test::supportScript("validate-sarif.py"), schema, document});
    p.waitForFinished(120000);
    *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return p.exitCode();
}

} // namespace

class TestCheckCommand : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        copyTree(QString::fromStdString(test::dataDir()) + QStringLiteral("/files/check"), m_dir->path());
        QDir().mkpath(m_dir->filePath(QStringLiteral("ignored")));
        QFile ignore(m_dir->filePath(QStringLiteral(".gitignore")));
        QVERIFY(ignore.open(QIODevice::WriteOnly));
        ignore.write("ignored/\n");
        ignore.close();
        QFile planted(m_dir->filePath(QStringLiteral("ignored/Dockerfile")));
        QVERIFY(planted.open(QIODevice::WriteOnly));
        planted.write("FROM scratch\nUSER root\n");
    }

    void findingsNameFileLineAndColumn()
    {
        QString out;
        QString err;
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop")}, &out, &err), 0);
        // the privileged line of the db service, the published port, the Dockerfile's unpinned base
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("^shop/compose.yaml:24:\\d+  critical CTR-"),
                                                 QRegularExpression::MultilineOption)),
                 qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("^shop/web/Dockerfile:2:\\d+  "),
                                                 QRegularExpression::MultilineOption)),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("(service db)")));
        QVERIFY(out.contains(QStringLiteral("drydock check --diff")));
        QVERIFY(!out.contains(kSecret) && !err.contains(kSecret));
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--fail-on"), QStringLiteral("high")}), 1);
    }

    void ignoredFoldersAndHostileFiles()
    {
        QString out;
        QString err;
        // broken/compose.yaml is a billion-laughs file: it is named with its reason, the others are still checked
        QCOMPARE(check(m_dir->path(), {}, &out, &err), 6);
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("^broken/compose.yaml: error: .+"),
                                                 QRegularExpression::MultilineOption)),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("shop/compose.yaml:")));
        QVERIFY(!out.contains(QStringLiteral("ignored/Dockerfile")));
        QCOMPARE(check(m_dir->path(), {QStringLiteral("--no-gitignore"), QStringLiteral("--exclude"),
                                       QStringLiteral("broken/")},
                       &out),
                 0);
        QVERIFY(out.contains(QStringLiteral("ignored/Dockerfile")));
    }

    void everyFormatCarriesTheLocationsAndNoSecret_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("json, valid against scan-v2") << "json";
        QTest::newRow("sarif, valid against SARIF 2.1.0") << "sarif";
        QTest::newRow("csv") << "csv";
        QTest::newRow("html") << "html";
        QTest::newRow("pdf") << "pdf";
    }
    void everyFormatCarriesTheLocationsAndNoSecret()
    {
        QFETCH(QString, format);
        const QString path = m_dir->filePath(QStringLiteral("report.") + format);
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--format"), format,
                                       QStringLiteral("--output"), path}),
                 0);
        QByteArray bytes = readAll(path);
        if (format == QStringLiteral("pdf")) {
            QProcess p;
            p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
            p.waitForFinished(60000);
            bytes = p.readAllStandardOutput();
        }
        QVERIFY(!bytes.isEmpty());
        QVERIFY2(!bytes.contains(kSecret.toUtf8()), "the compose file's password is in the report");
        QVERIFY2(bytes.contains("shop/compose.yaml"), bytes.left(2000).constData());
        QString validation;
        if (format == QStringLiteral("json")) {
            const QString schema =
                qEnvironmentVariable("DRYDOCK_SOURCE_DIR") + QStringLiteral("/resources/schema/scan-v2.schema.json");
            QVERIFY2(validate(schema, path, &validation) == 0, qPrintable(validation));
            const auto findings = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("findings")).toArray();
            QVERIFY(!findings.isEmpty());
            for (const auto& f : findings) {
                const QJsonObject at = f.toObject().value(QStringLiteral("location")).toObject();
                QVERIFY(at.value(QStringLiteral("file")).toString().startsWith(QStringLiteral("shop/")));
                QVERIFY(at.value(QStringLiteral("line")).toInt() >= 1);
            }
        } else if (format == QStringLiteral("sarif")) {
            const QString schema = test::sarifToolDir() + QStringLiteral("/sarif-2.1.0.json");
            QVERIFY2(QFile::exists(schema), "run installer/install-deps.sh --with-tests");
            QVERIFY2(validate(schema, path, &validation) == 0, qPrintable(validation));
            const auto results = QJsonDocument::fromJson(bytes)
                                     .object()
                                     .value(QStringLiteral("runs"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("results"))
                                     .toArray();
            QVERIFY(!results.isEmpty());
            for (const auto& r : results) {
                const QJsonObject physical = r.toObject()
                                                 .value(QStringLiteral("locations"))
                                                 .toArray()
                                                 .at(0)
                                                 .toObject()
                                                 .value(QStringLiteral("physicalLocation"))
                                                 .toObject();
                QVERIFY(physical.value(QStringLiteral("artifactLocation"))
                            .toObject()
                            .value(QStringLiteral("uri"))
                            .toString()
                            .startsWith(QStringLiteral("shop/")));
                QVERIFY(physical.value(QStringLiteral("region")).toObject().value(QStringLiteral("startLine")).toInt() >= 1);
            }
        }
    }

    // A secret in the file stays masked in the diff too (a terminal, a CI log): the note says --fix writes it.
    void theDiffMasksTheSecretItRemoves()
    {
        QString diff;
        QString err;
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--diff")}, &diff, &err), 0);
        QVERIFY(!diff.contains(kSecret) && !err.contains(kSecret));
        QVERIFY2(diff.contains(QRegularExpression(QStringLiteral("^-      POSTGRES_PASSWORD: \"\\*+ \\(16-31 chars, password\\)\"$"),
                                                  QRegularExpression::MultilineOption)),
                 qPrintable(diff));
        QVERIFY(diff.contains(QStringLiteral("+      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password")));
        QVERIFY(err.contains(QStringLiteral("the diff of shop/compose.yaml shows secret values masked")));
    }

    // docker/awesome-compose's aspnet-mssql types its SA password into the health check too: SA_PASSWORD was
    // masked, the health check's copy was printed in clear in the JSON remediation and in the diff.
    void aSecretTypedTwiceIsMaskedEverywhere_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("text, verbose") << QStringList{QStringLiteral("--verbose")};
        QTest::newRow("json") << QStringList{QStringLiteral("--format"), QStringLiteral("json")};
        QTest::newRow("sarif") << QStringList{QStringLiteral("--format"), QStringLiteral("sarif")};
        QTest::newRow("the diff") << QStringList{QStringLiteral("--diff")};
    }
    void aSecretTypedTwiceIsMaskedEverywhere()
    {
        QFETCH(QStringList, args);
        QString out;
        QString err;
        QCOMPARE(check(m_dir->path(), QStringList{QStringLiteral("mssql")} + args, &out, &err), 0);
        QVERIFY2(out.contains(QStringLiteral("mssql/compose.yaml")), qPrintable(out.left(2000)));
        QVERIFY2(!out.contains(QStringLiteral("Wh4le-Hell0-2024")), qPrintable(out));
        QVERIFY(!err.contains(QStringLiteral("Wh4le-Hell0-2024")));
    }

    // A VPN sidecar (network_mode: "service:vpn", the self-hosting pattern) lost its shared network in the fix
    // with no word: sharing another container's namespace is a decision, named in the note like the others.
    void aSidecarsSharedNetworkIsNamedAsADecision()
    {
        QString out;
        QCOMPARE(check(m_dir->path(), {QStringLiteral("sidecar")}, &out), 0);
        QVERIFY2(out.contains(QRegularExpression(
                     QStringLiteral("^sidecar/compose.yaml: note: the fix also changes what usually needs a "
                                    "decision \\([^)]*CTR-010"),
                     QRegularExpression::MultilineOption)),
                 qPrintable(out));
    }

    // Without a secret to mask, the diff is what --fix writes: it applies with patch -p1, only the edited lines
    // change, and the patched files have none of the findings the fix claims to resolve.
    void theDiffAppliesAndResolvesWithoutTouchingTheRest()
    {
        {
            const QString path = m_dir->filePath(QStringLiteral("shop/compose.yaml"));
            QByteArray text = readAll(path);
            text.replace("      POSTGRES_PASSWORD: \"" + kSecret.toUtf8() + "\"\n", "");
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        }
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--format"), QStringLiteral("json"),
                                       QStringLiteral("--output"), QStringLiteral("before.json")}),
                 0);
        const QSet<QString> beforeKeys = findingKeys(readAll(m_dir->filePath(QStringLiteral("before.json"))));
        QString diff;
        QString err;
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--diff")}, &diff, &err), 0);
        QVERIFY2(diff.startsWith(QStringLiteral("--- a/shop/")), qPrintable(diff + err));
        QVERIFY(!diff.contains(kSecret));
        QVERIFY(err.contains(QStringLiteral("shop/compose.yaml:"))); // the findings went to stderr
        const QByteArray before = readAll(m_dir->filePath(QStringLiteral("shop/compose.yaml")));
        QProcess patch;
        patch.setWorkingDirectory(m_dir->path());
        patch.start(QStringLiteral("patch"), {QStringLiteral("-p1"), QStringLiteral("--quiet")});
        patch.write(diff.toUtf8());
        patch.closeWriteChannel();
        patch.waitForFinished(30000);
        QCOMPARE(patch.exitCode(), 0);
        const QByteArray after = readAll(m_dir->filePath(QStringLiteral("shop/compose.yaml")));
        QVERIFY(after != before);
        QVERIFY(!after.contains(kSecret.toUtf8()));
        // Comments and the anchor are where they were.
        for (const char* kept : {"# The shop: a web front end", "x-logging: &default-logging",
                                 "    image: shop/web:1.4.2   # built by CI", "    logging: *default-logging"}) {
            QVERIFY2(after.contains(kept), kept);
        }
        // Read back, the patched project has fewer findings and none that it did not have before.
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--format"), QStringLiteral("json"),
                                       QStringLiteral("--output"), QStringLiteral("after.json")}),
                 0);
        const QSet<QString> afterKeys = findingKeys(readAll(m_dir->filePath(QStringLiteral("after.json"))));
        QVERIFY2(afterKeys.size() < beforeKeys.size(), qPrintable(QString::number(afterKeys.size())));
        for (const QString& k : afterKeys) {
            QVERIFY2(beforeKeys.contains(k), qPrintable(k + QStringLiteral(" is new after the fix")));
        }
        QVERIFY2(!QJsonDocument::fromJson(readAll(m_dir->filePath(QStringLiteral("after.json"))))
                      .object()
                      .value(QStringLiteral("summary"))
                      .toObject()
                      .value(QStringLiteral("critical"))
                      .toInt(),
                 "a critical finding is left after the fix");
    }

    void fixWritesTheFileAndKeepsABackup()
    {
        const QString compose = m_dir->filePath(QStringLiteral("shop/compose.yaml"));
        const QByteArray before = readAll(compose);
        QString err;
        QCOMPARE(check(m_dir->path(), {QStringLiteral("shop"), QStringLiteral("--fix")}, nullptr, &err), 0);
        QVERIFY2(err.contains(QStringLiteral("fixed shop/compose.yaml")), qPrintable(err));
        QCOMPARE(readAll(compose + QStringLiteral(".drydock-backup")), before);
        QVERIFY(readAll(compose) != before);
        QVERIFY(!err.contains(kSecret));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("a path that does not exist") << QStringList{QStringLiteral("no/such/folder")};
        QTest::newRow("--diff with --fix") << QStringList{QStringLiteral("--diff"), QStringLiteral("--fix")};
        QTest::newRow("--diff with a report on standard output")
            << QStringList{QStringLiteral("--diff"), QStringLiteral("--format"), QStringLiteral("json")};
        QTest::newRow("an unknown severity") << QStringList{QStringLiteral("--fail-on"), QStringLiteral("severe")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QString err;
        QCOMPARE(check(m_dir->path(), args, nullptr, &err), 2);
        QVERIFY(err.startsWith(QStringLiteral("drydock: ")));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "TestCheckCommand.moc"
