#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"
#include "tests/support/SecretCorpus.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace drydock;

Q_DECLARE_METATYPE(drydock::SecretDecision)

namespace {

QString decisionName(SecretDecision d)
{
    switch (d) {
    case SecretDecision::Secret:
        return QStringLiteral("secret");
    case SecretDecision::Maybe:
        return QStringLiteral("maybe");
    case SecretDecision::NotSecret:
        break;
    }
    return QStringLiteral("not a secret");
}

// Every run of 6 characters of the secret part must be absent from what is shown. The mask's own words
// ("****** (8-15 chars, password)") are left out: a password may contain "password".
QString leakedPiece(const std::string& secret, std::string shown)
{
    for (std::size_t at = shown.find("****** ("); at != std::string::npos;
         at = shown.find("****** (", at + 6)) {
        const std::size_t close = shown.find(')', at);
        shown.erase(at + 6, close == std::string::npos ? std::string::npos : close + 1 - at - 6);
    }
    for (std::size_t i = 0; i + 6 <= secret.size(); ++i) {
        const std::string piece = secret.substr(i, 6);
        if (piece.find_first_not_of("*") != std::string::npos && shown.find(piece) != std::string::npos) {
            return QString::fromStdString(piece);
        }
    }
    return {};
}

} // namespace

// The one secret classifier (issue #17): name and value together, the reason it gives, the mask, and its
// precision and recall on the labelled corpus of tests/data/secrets/.
class TestSecretClassifier : public QObject
{
    Q_OBJECT

private slots:
    void decides_data();
    void decides();
    void masksWithLengthClassAndKindOnly_data();
    void masksWithLengthClassAndKindOnly();
    void masksAValueWithoutKeepingACharacter_data();
    void masksAValueWithoutKeepingACharacter();
    void masksTextInPlace_data();
    void masksTextInPlace();
    void masksHostileTextInOnePass_data();
    void masksHostileTextInOnePass();
    void corpusMeetsPrecisionAndRecall();
    void noOutputFormShowsSixCharactersOfACorpusSecret();
};

void TestSecretClassifier::decides_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<SecretDecision>("decision");
    QTest::addColumn<QString>("reason");
    const auto secret = SecretDecision::Secret;
    const auto maybe = SecretDecision::Maybe;
    const auto no = SecretDecision::NotSecret;
    QTest::newRow("a GitHub token is a secret whatever its name")
        << "BUILD_INFO"
        << "ghp_" + QString(36, 'a').replace(3, 5, "Q7x9Z") << secret << "known token format";
    QTest::newRow("an AWS key id is a secret under a harmless name")
        << "DEBUG"
        << "AKIAIOSFODNN7EXAMPLE" << secret << "known token format";
    QTest::newRow("a 40-character AWS secret key is a secret without a telling name")
        << "S3"
        << "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" << secret << "known token format";
    QTest::newRow("a connection string with password= is a secret")
        << "CONN"
        << "Server=db;User Id=sa;Password=S3cret!;" << secret << "known token format";
    QTest::newRow("a passphrase is a secret")
        << "SSH_PASSPHRASE"
        << "correct horse battery staple" << secret << "secret-looking name";
    QTest::newRow("a password of plain words is a secret") << "POSTGRES_PASSWORD"
                                                           << "postgres" << secret << "secret-looking name";
    QTest::newRow("a short number under a password name is only a maybe")
        << "ADMIN_PASSWORD"
        << "1234" << maybe << "a number under a password name";
    QTest::newRow("a random value under a name that only hints is a maybe")
        << "SESSION_SEED"
        << "q8Zr3Xv9KmT2wL7pN4bY6cH1" << maybe << "random-looking value";
    QTest::newRow("a minimum password length is a setting") << "PASSWORD_MIN_LENGTH"
                                                            << "12" << no << "the name describes a secret";
    QTest::newRow("a header name is not an API key") << "API_KEY_HEADER"
                                                     << "X-Api-Key" << no << "the name describes a secret";
    QTest::newRow("a header name under a key name is not a key")
        << "API_KEY"
        << "X-Api-Key" << no << "an HTTP header name";
    QTest::newRow("the name of a secret is not the secret")
        << "SECRET_NAME"
        << "db-credentials" << no << "the name describes a secret";
    QTest::newRow("a value naming a secret is not the secret")
        << "DB_PASSWORD"
        << "db-credentials" << no << "the name of a secret";
    QTest::newRow("the _FILE convention is the fix, not a leak")
        << "POSTGRES_PASSWORD_FILE"
        << "/run/secrets/db" << no << "points to a file";
    QTest::newRow("a random root password switch is a setting")
        << "MYSQL_RANDOM_ROOT_PASSWORD"
        << "yes" << no << "the name describes a secret";
    QTest::newRow("a token lifetime is a setting") << "ACCESS_TOKEN_TTL"
                                                   << "3600" << no << "the name describes a secret";
    QTest::newRow("a duration under a token name is no token") << "API_TOKEN"
                                                               << "30m" << no << "a number or duration";
    QTest::newRow("a boolean under an auth name is a switch") << "BASIC_AUTH"
                                                              << "false" << no << "a boolean word";
    QTest::newRow("a variable reference is resolved elsewhere")
        << "DB_PASSWORD"
        << "${DB_PASSWORD:-}" << no << "a reference to another variable";
    QTest::newRow("an empty value holds nothing") << "API_KEY"
                                                  << "" << no << "an empty value";
    QTest::newRow("a public key id is an id")
        << "AWS_KMS_KEY_ID"
        << "1234abcd-12ab-34cd-56ef-1234567890ab" << no << "the name describes a secret";
    QTest::newRow("a secret reference is a pointer")
        << "DB_PASSWORD_SECRET_REF"
        << "vault:secret/data/db#password" << no << "the name describes a secret";
    QTest::newRow("a publishable key is public") << "STRIPE_PUBLISHABLE_KEY"
                                                 << "pk_live_51Hx0000fakefakefake00" << no << "a public part";
    QTest::newRow("an auth method name is no credential")
        << "REGISTRY_AUTH"
        << "htpasswd" << no << "an authentication method name";
    QTest::newRow("a host under a private name is a host") << "PRIVATE_REGISTRY"
                                                           << "registry.internal:5000" << no << "a host name";
    QTest::newRow("a checksum under a plain name is not a secret")
        << "PYTHON_SHA256"
        << "24887b92e2afd4a2ac602419ad4b596372f67ac9b077190f459aba390faf5550" << no << "says nothing secret";
    QTest::newRow("a git commit id is not an AWS secret key")
        << "GIT_COMMIT"
        << "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" << no << "says nothing secret";
}

void TestSecretClassifier::decides()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(SecretDecision, decision);
    QFETCH(QString, reason);
    const SecretJudgement j = SecretDetector::classify(name.toStdString(), value.toStdString());
    QCOMPARE(decisionName(j.decision), decisionName(decision));
    QVERIFY2(QString::fromStdString(j.reason).contains(reason), j.reason.c_str());
}

void TestSecretClassifier::masksWithLengthClassAndKindOnly_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("an AWS secret key shows its fixed length and kind")
        << "AWS_SECRET_ACCESS_KEY"
        << "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        << "****** (40 chars, AWS secret key)";
    QTest::newRow("a password shows only its length class") << "DB_PASSWORD"
                                                            << "hunter2pw"
                                                            << "****** (8-15 chars, password)";
    QTest::newRow("a short password says it is short") << "DB_PASSWORD"
                                                       << "abc"
                                                       << "****** (under 8 chars, password)";
    QTest::newRow("a harmless value is shown as it is") << "PASSWORD_MIN_LENGTH"
                                                        << "12"
                                                        << "12";
    QTest::newRow("a URL keeps user and host, never the password") << "DATABASE_URL"
                                                                   << "postgres://app:s3cretpw@db:5432/app"
                                                                   << "postgres://app:******@db:5432/app";
    QTest::newRow("a URL whose user repeats the password is masked whole") << "BROKER"
                                                                           << "amqp://guestpw:guestpw@mq/"
                                                                           << "amqp://******:******@mq/";
    QTest::newRow("a connection string keeps everything but the password")
        << "CONN"
        << "Server=db;User Id=sa;Password=S3cret!;"
        << "Server=db;User Id=sa;Password=******;";
    QTest::newRow("a maybe is masked too") << "SESSION_SEED"
                                           << "q8Zr3Xv9KmT2wL7pN4bY6cH1"
                                           << "****** (16-31 chars, random-looking value)";
}

void TestSecretClassifier::masksWithLengthClassAndKindOnly()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, shown);
    QCOMPARE(QString::fromStdString(maskedValue(name.toStdString(), value.toStdString())), shown);
}

void TestSecretClassifier::masksAValueWithoutKeepingACharacter_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("masked");
    QTest::newRow("no leading characters are kept") << "hunter2"
                                                    << "password"
                                                    << "****** (under 8 chars, password)";
    QTest::newRow("a token format shows its exact length") << "AKIAABCDEFGHIJKLMNOP"
                                                           << "aws-access-key"
                                                           << "****** (20 chars, AWS access key id)";
    QTest::newRow("a long free-form value shows only a class") << QString(100, 'x') << "token"
                                                               << "****** (64+ chars, token)";
    QTest::newRow("a value of stars is still masked") << "********"
                                                      << "secret"
                                                      << "****** (8-15 chars, secret)";
    QTest::newRow("an unknown kind is named as it is") << "abcdefgh"
                                                       << ""
                                                       << "****** (8-15 chars)";
}

void TestSecretClassifier::masksAValueWithoutKeepingACharacter()
{
    QFETCH(QString, value);
    QFETCH(QString, kind);
    QFETCH(QString, masked);
    QCOMPARE(QString::fromStdString(maskSecret(value.toStdString(), kind.toStdString())), masked);
}

void TestSecretClassifier::masksTextInPlace_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("a flag value goes, the flag stays")
        << "app --password=hunter2pw --verbose"
        << "app --password=****** (8-15 chars, password) --verbose";
    QTest::newRow("a bearer token goes, the header stays")
        << "curl -H \"Authorization: Bearer abcdef123456XYZ\" https://x"
        << "curl -H \"Authorization: Bearer ****** (8-15 chars, token)\" https://x";
    QTest::newRow("a basic-auth password goes, the user stays") << "curl -u deploy:hunter2pw https://x"
                                                                << "curl -u deploy:****** https://x";
    QTest::newRow("a password repeated later goes everywhere")
        << "echo s3cretpw; mysql -ps3cretpw"
        << "echo ******; mysql -p****** (8-15 chars, password)";
    QTest::newRow("a token length setting stays") << "--token-ttl 3600"
                                                  << "--token-ttl 3600";
    // A compose environment list item quoted whole: the masked diff line lost its variable's name.
    QTest::newRow("a quoted NAME=value list item keeps its quote and name")
        << "      - \"WORDPRESS_DB_PASSWORD=Wp-Db-Pa55w0rd-xyz\""
        << "      - \"WORDPRESS_DB_PASSWORD=****** (16-31 chars, password)\"";
    QTest::newRow("a single-quoted NAME: value keeps its name")
        << "      - 'DB_PASSWORD: Wp-Db-Pa55w0rd-xyz'"
        << "      - 'DB_PASSWORD: ****** (16-31 chars, password)'";
    // A compose environment map with quoted keys: the name and its quotes stay, only the value goes.
    QTest::newRow("a double-quoted map key keeps its name")
        << "      \"API_TOKEN\": s3cr3tT0kenValue99"
        << "      \"API_TOKEN\": ****** (16-31 chars, token)";
    QTest::newRow("a single-quoted map key and quoted value keep their quotes")
        << "      'DB_PASSWORD': \"Wp-Db-Pa55w0rd-xyz\""
        << "      'DB_PASSWORD': \"****** (16-31 chars, password)\"";
    QTest::newRow("a .netrc line written by a command hides its password")
        << "echo \"machine example.com login bob password Pw-netrc-4411\" > /root/.netrc"
        << "echo \"machine example.com login bob password ****** (8-15 chars, password)\" > /root/.netrc";
    QTest::newRow("the word password in a sentence stays") << "echo enter your password twice"
                                                           << "echo enter your password twice";
    QTest::newRow("an htpasswd hash in a compose label, its dollars doubled")
        << "traefik.http.middlewares.auth.basicauth.users: \"admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/\""
        << "traefik.http.middlewares.auth.basicauth.users: \"admin:****** (32-63 chars, password hash)\"";
    QTest::newRow("a bcrypt hash")
        << "htpasswd line: deploy:$2y$10$abcdefghijklmnopqrstuuRkH8q6zF2Zl7m1bX0p9VvOaQmWw5G1a"
        << "htpasswd line: deploy:****** (32-63 chars, password hash)";
    QTest::newRow("a price in dollars stays") << "echo costs $5 and $6 today"
                                              << "echo costs $5 and $6 today";
    QTest::newRow("a header line's name stays") << "X-Auth-Token: abcdef123456XYZ"
                                                << "X-Auth-Token: ****** (8-15 chars, token)";
}

void TestSecretClassifier::masksTextInPlace()
{
    QFETCH(QString, text);
    QFETCH(QString, shown);
    QCOMPARE(QString::fromStdString(maskSecretsInText(text.toStdString())), shown);
}

void TestSecretClassifier::masksHostileTextInOnePass_data()
{
    QTest::addColumn<QString>("unit"); // repeated to half a megabyte
    // Each made the assignments inside one value, or the repeated-secret search, go quadratic once.
    QTest::newRow("repeated password assignments") << "password=";
    QTest::newRow("repeated short assignments") << "x=y;";
    QTest::newRow("repeated masked pairs") << "DB_PASSWORD=ab12cd34 ";
    QTest::newRow("repeated header lines") << "token: ";
    QTest::newRow("repeated URL credentials") << "a://b:c@";
}

void TestSecretClassifier::masksHostileTextInOnePass()
{
    QFETCH(QString, unit);
    std::string text;
    while (text.size() < 512 * 1024) {
        text += unit.toStdString();
    }
    const std::string shown = maskSecretsInText(text);
    QVERIFY(!shown.empty());
    QVERIFY(shown.find("ab12cd34") == std::string::npos);
    QVERIFY(!maskedValue("NOTE", text).empty());
}

void TestSecretClassifier::corpusMeetsPrecisionAndRecall()
{
    const auto entries =
        test::readSecretCorpus(test::dataPath(QStringLiteral("secrets/corpus.txt")).toStdString());
    QVERIFY2(entries.size() >= 400, "the corpus must hold at least 400 labelled entries");
    const test::CorpusScore score = test::scoreSecretCorpus(entries);
    QVERIFY(score.tokens >= 50);
    QString detail;
    for (const auto& m : score.misclassified) {
        detail += QString::fromStdString(m) + QLatin1Char('\n');
    }
    qInfo("%zu entries: precision %.4f, recall %.4f, token-format recall %.4f (%zu/%zu)", entries.size(),
          score.precision(), score.recall(), score.tokenRecall(), score.tokensFound, score.tokens);
    QVERIFY2(score.precision() >= 0.98, qPrintable(QStringLiteral("precision below 0.98:\n") + detail));
    QVERIFY2(score.tokensFound == score.tokens,
             qPrintable(QStringLiteral("a known token format was missed:\n") + detail));
}

void TestSecretClassifier::noOutputFormShowsSixCharactersOfACorpusSecret()
{
    const auto entries =
        test::readSecretCorpus(test::dataPath(QStringLiteral("secrets/corpus.txt")).toStdString());
    QStringList leaks;
    for (const auto& e : entries) {
        const SecretJudgement j = SecretDetector::classify(e.name, e.value);
        if (!e.secret || !j.masked()) {
            continue;
        }
        // The secret part: the token of a known format (a URL's or connection string's password), else the
        // whole value.
        std::string secret = e.value;
        const auto spans = findSecretSpans(e.value);
        if (j.knownFormat && !spans.empty()) {
            secret = e.value.substr(spans.front().begin, spans.front().end - spans.front().begin);
        }
        // As a shell or Dockerfile line writes it: quoted.
        const char quote = e.value.find('\'') == std::string::npos ? '\'' : '"';
        const std::string entry = e.name + "=" + quote + e.value + quote;
        for (const std::string& shown :
             {maskedValue(e.name, e.value), maskSecretsInText(entry), maskSecretsInText("run --env " + entry),
              SecretDetector().inspectVariable(e.name, e.value)->describe()}) {
            const QString piece = leakedPiece(secret, shown);
            if (!piece.isEmpty()) {
                leaks << QStringLiteral("line %1 %2: \"%3\" shows")
                             .arg(e.line)
                             .arg(QString::fromStdString(e.name), piece);
            }
        }
    }
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
}

QTEST_APPLESS_MAIN(TestSecretClassifier)
#include "TestSecretClassifier.moc"
