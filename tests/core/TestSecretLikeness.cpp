#include "core/remediation/SecretLikeness.h"
#include "core/report/OutputMasking.h"

#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::StringList)

// The small secret heuristics that keep credentials out of generated commands.
class TestSecretLikeness : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void values_data();
    void values();
    void args_data();
    void args();
    void envEntriesWithArbitraryNames_data();
    void envEntriesWithArbitraryNames();
    void megabytesOfEqualsSignsAreScannedOnce();
};

void TestSecretLikeness::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    QTest::newRow("a password token") << "DB_PASSWORD" << true;
    QTest::newRow("a short pass token") << "SMTP_PASS" << true;
    QTest::newRow("a key token") << "STRIPE_KEY" << true;
    QTest::newRow("an api key written together") << "OPENAI_APIKEY" << true;
    QTest::newRow("a run-together password") << "MYSQLROOTPASSWORD" << true;
    QTest::newRow("a run-together token suffix") << "ACCESSTOKEN" << true;
    QTest::newRow("dashes and dots split tokens too") << "app.auth-token" << true;
    QTest::newRow("an exact trivy name without a secret token") << "AZURE_CLIENT_ID" << true;
    QTest::newRow("a file pointer is exempt") << "DB_PASSWORD_FILE" << false;
    QTest::newRow("a path is exempt") << "HF_TOKEN_PATH" << false;
    QTest::newRow("a URL is left to the value check") << "AUTH_URL" << false;
    QTest::newRow("a public key is exempt") << "PUBLIC_KEY" << false;
    QTest::newRow("the GPG key of official images is exempt") << "GPG_KEY" << false;
    QTest::newRow("a word merely containing key is not a secret") << "MONKEY" << false;
    QTest::newRow("a tokenizer setting is not a secret") << "TOKENIZERS_PARALLELISM" << false;
    QTest::newRow("a plain setting") << "LOG_LEVEL" << false;
}

void TestSecretLikeness::names()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(SecretLikeness::isSecretName(name.toStdString()), secret);
}

void TestSecretLikeness::values_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("URL credentials keep the user and host") << "postgres://app:s3cret@db:5432/app"
                                                            << "postgres://app:<redacted>@db:5432/app";
    QTest::newRow("a URL without a password stays") << "https://user@example.com/x"
                                                    << "https://user@example.com/x";
    QTest::newRow("an AWS key id inside text") << "id=AKIAIOSFODNN7EXAMPLE;"
                                               << "id=<redacted>;";
    QTest::newRow("a GitHub token") << "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
                                    << "<redacted>";
    QTest::newRow("a GitLab token") << "glpat-abcdefghij1234567890"
                                    << "<redacted>";
    QTest::newRow("a Slack token") << "xoxb-1234567890-abcdef"
                                   << "<redacted>";
    QTest::newRow("a Stripe live key") << "sk_live_abcdef123456"
                                       << "<redacted>";
    QTest::newRow("a JWT") << "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_x"
                           << "Bearer <redacted>";
    QTest::newRow("a private key block")
        << "k=-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----!"
        << "k=<redacted>!";
    QTest::newRow("a certificate is public")
        << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
        << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    QTest::newRow("a short prefix alone is not a token") << "glpat-x"
                                                         << "glpat-x";
    QTest::newRow("ordinary text stays") << "hello world"
                                         << "hello world";
    QTest::newRow("a secret assignment inside markup") << "x onerror=alert(1)>_TOKEN=s3cretvalue9"
                                                       << "x onerror=alert(1)>_TOKEN=<redacted>";
    QTest::newRow("a harmless value after a secret name stays") << "a>AUTH_REQUIRED=true"
                                                                << "a>AUTH_REQUIRED=true";
}

void TestSecretLikeness::values()
{
    QFETCH(QString, text);
    QFETCH(QString, redacted);
    QCOMPARE(QString::fromStdString(SecretLikeness::redactValues(text.toStdString())), redacted);
    QCOMPARE(SecretLikeness::hasSecretValue(text.toStdString()), redacted != text);
}

void TestSecretLikeness::args_data()
{
    QTest::addColumn<StringList>("args");
    QTest::addColumn<StringList>("redacted");
    QTest::newRow("a password option with its value in the next word")
        << StringList{"server", "--password", "pw1", "--port", "80"}
        << StringList{"server", "--password", "<redacted>", "--port", "80"};
    QTest::newRow("a token option with an equals sign")
        << StringList{"cli", "--api-token=abc"} << StringList{"cli", "--api-token=<redacted>"};
    QTest::newRow("a secret option followed by another option keeps it")
        << StringList{"cli", "--token", "--verbose"} << StringList{"cli", "--token", "--verbose"};
    QTest::newRow("mysql's glued password")
        << StringList{"mysql", "-uroot", "-phunter2"} << StringList{"mysql", "-uroot", "-p<redacted>"};
    QTest::newRow("-p of other programs stays")
        << StringList{"server", "-p8080"} << StringList{"server", "-p8080"};
    QTest::newRow("an assignment with a secret name")
        << StringList{"env", "DB_PASSWORD=x1", "MODE=a"}
        << StringList{"env", "DB_PASSWORD=<redacted>", "MODE=a"};
    QTest::newRow("URL credentials in any argument")
        << StringList{"curl", "https://u:p4ss@h/"} << StringList{"curl", "https://u:<redacted>@h/"};
    QTest::newRow("a lone double dash") << StringList{"cmd", "--", "x"} << StringList{"cmd", "--", "x"};
    QTest::newRow("a private key argument starts with dashes but is no flag")
        << StringList{"app", "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----"}
        << StringList{"app", "<redacted>"};
    QTest::newRow("a token after a flag that only describes one stays readable")
        << StringList{"app", "--token-ttl", "3600"} << StringList{"app", "--token-ttl", "3600"};
}

void TestSecretLikeness::args()
{
    QFETCH(StringList, args);
    QFETCH(StringList, redacted);
    QCOMPARE(SecretLikeness::redactArgs(args), redacted);
}

// Docker splits an env entry at its first '=', and the daemon accepts any bytes before it: an entry like
// `"><img src=x onerror=alert(1)>_TOKEN=value` has the "name" `"><img src` and carries the token in its
// value. Both the command redaction and the output masking must still hide the value.
void TestSecretLikeness::envEntriesWithArbitraryNames_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("secret");
    QTest::newRow("a token after markup in the name") << "\"><img src=x onerror=alert(1)>_TOKEN=tok3nvalue77"
                                                      << "tok3nvalue77";
    QTest::newRow("a password after a space in the name") << "my app DB_PASSWORD=hunter2hunter2"
                                                          << "hunter2hunter2";
    QTest::newRow("a key after a quote") << "a'b=c'API_KEY=k3yk3yk3y"
                                         << "k3yk3yk3y";
}

void TestSecretLikeness::envEntriesWithArbitraryNames()
{
    QFETCH(QString, entry);
    QFETCH(QString, secret);
    const std::string redacted = SecretLikeness::redactAssignment(entry.toStdString());
    QVERIFY2(redacted.find(secret.toStdString()) == std::string::npos, redacted.c_str());
    const std::string masked = json::detail::maskEnvEntry(entry.toStdString());
    QVERIFY2(masked.find(secret.toStdString()) == std::string::npos, masked.c_str());
    QVERIFY2(masked.find("=") != std::string::npos, "the entry keeps its shape");
}

// A daemon can hand out an 8 MB value of '=' signs: a scan that restarted at every '=' would never end (the
// test's timeout catches it); both maskers keep the text as it is.
void TestSecretLikeness::megabytesOfEqualsSignsAreScannedOnce()
{
    const std::string entry = "NOTE=" + std::string(8u * 1024u * 1024u, '=');
    QCOMPARE(json::detail::maskEnvEntry(entry).size(), entry.size());
    QCOMPARE(SecretLikeness::redactAssignment(entry).size(), entry.size());
}

QTEST_APPLESS_MAIN(TestSecretLikeness)
#include "TestSecretLikeness.moc"
