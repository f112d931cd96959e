#include "core/secrets/SecretDetector.h"

#include <QtTest>

#include <string>

using drydock::SecretDetector;
using drydock::SecretMatch;

namespace {

QString signalName(SecretDetector::NameSignal signal)
{
    switch (signal) {
    case SecretDetector::NameSignal::None:
        return "none";
    case SecretDetector::NameSignal::Weak:
        return "weak";
    case SecretDetector::NameSignal::Describes:
        return QStringLiteral("describes");
    case SecretDetector::NameSignal::Strong:
        return "strong";
    case SecretDetector::NameSignal::Exempt:
        return "exempt";
    }
    return "?";
}

QStringList described(const std::vector<SecretMatch>& matches)
{
    QStringList out;
    for (const auto& m : matches) {
        out << QString::fromStdString(m.describe());
    }
    return out;
}

QStringList kinds(const std::vector<SecretMatch>& matches)
{
    QStringList out;
    for (const auto& m : matches) {
        if (!out.contains(QString::fromStdString(m.kind))) {
            out << QString::fromStdString(m.kind);
        }
    }
    return out;
}

// Every string a match carries, for the "raw value never stored" checks.
QStringList fieldsOf(const SecretMatch& m)
{
    return {QString::fromStdString(m.name), QString::fromStdString(m.kind), QString::fromStdString(m.masked),
            QString::fromStdString(m.describe()), QString::fromStdString(m.label())};
}

const std::string kGithubToken = "ghp_" + std::string("A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
const std::string kJwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
                         "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const std::string kRsaKey =
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----";

} // namespace

// Tests the secret detector: name rules, value shapes, false-positive traps, text scanning and masking.
class TestSecretDetector : public QObject
{
    Q_OBJECT

private slots:
    void classifiesNames_data();
    void classifiesNames();
    void inspectsVariables_data();
    void inspectsVariables();
    void scansText_data();
    void scansText();
    void reportsWhereTheSecretSits();
    void scansDocuments_data();
    void scansDocuments();
    void judgesRandomness_data();
    void judgesRandomness();
    void measuresEntropy();
    void neverKeepsTheRawValue_data();
    void neverKeepsTheRawValue();
    void survivesHostileInput_data();
    void survivesHostileInput();
};

// clang-format off
void TestSecretDetector::classifiesNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("signal");
    QTest::addColumn<QString>("kind");

    // Token rule.
    QTest::newRow("DB_PASSWORD is a password by its token") << "DB_PASSWORD" << "strong" << "password";
    QTest::newRow("POSTGRES_PASSWD is a password") << "POSTGRES_PASSWD" << "strong" << "password";
    QTest::newRow("MYSQL_ROOT_PWD is a password") << "MYSQL_ROOT_PWD" << "strong" << "password";
    QTest::newRow("SMTP_PASS is a password") << "SMTP_PASS" << "strong" << "password";
    QTest::newRow("APP_PWORD is a password") << "APP_PWORD" << "strong" << "password";
    QTest::newRow("LDAP_PSW is a password") << "LDAP_PSW" << "strong" << "password";
    QTest::newRow("JWT_SECRET is a secret") << "JWT_SECRET" << "strong" << "secret";
    QTest::newRow("SLACK_TOKEN is a token") << "SLACK_TOKEN" << "strong" << "token";
    QTest::newRow("STRIPE_APIKEY is an api key") << "STRIPE_APIKEY" << "strong" << "api-key";
    QTest::newRow("API_KEY reads as one api key") << "API_KEY" << "strong" << "api-key";
    QTest::newRow("SERVICE_CREDENTIAL is a credential") << "SERVICE_CREDENTIAL" << "strong" << "credential";
    QTest::newRow("REGISTRY_CREDENTIALS is a credential")
        << "REGISTRY_CREDENTIALS" << "strong" << "credential";
    QTest::newRow("BASIC_AUTH is an auth value") << "BASIC_AUTH" << "strong" << "auth";
    QTest::newRow("SIGNING_KEY is a key") << "SIGNING_KEY" << "strong" << "key";
    QTest::newRow("PRIVATE_KEY is a private key") << "PRIVATE_KEY" << "strong" << "private-key";
    QTest::newRow("SSH_PRIVATEKEY is a private key") << "SSH_PRIVATEKEY" << "strong" << "private-key";
    QTest::newRow("a password token outranks a key token")
        << "KEYSTORE_KEY_PASSWORD" << "strong" << "password";
    QTest::newRow("dashes split tokens") << "db-password" << "strong" << "password";
    QTest::newRow("dots split tokens") << "com.example.secret" << "strong" << "secret";
    QTest::newRow("camelCase splits tokens") << "apiKey" << "strong" << "api-key";
    QTest::newRow("lower-case names count") << "db_password" << "strong" << "password";

    // Exact names, also behind front-end prefixes.
    QTest::newRow("AWS_ACCESS_KEY_ID is an exact name")
        << "AWS_ACCESS_KEY_ID" << "strong" << "aws-access-key";
    QTest::newRow("AWS_SECRET_ACCESS_KEY is an exact name")
        << "AWS_SECRET_ACCESS_KEY" << "strong" << "aws-secret-key";
    QTest::newRow("AZURE_CLIENT_ID counts only by the exact list")
        << "AZURE_CLIENT_ID" << "strong" << "azure-client-id";
    QTest::newRow("GH_TOKEN is a github token") << "GH_TOKEN" << "strong" << "github-token";
    QTest::newRow("HF_TOKEN is an exact name") << "HF_TOKEN" << "strong" << "token";
    QTest::newRow("VITE_ prefix keeps an exact name") << "VITE_OPENAI_API_KEY" << "strong" << "api-key";
    QTest::newRow("REACT_APP_ prefix keeps an exact name")
        << "REACT_APP_AZURE_CLIENT_ID" << "strong" << "azure-client-id";
    QTest::newRow("REACT_APP_ prefix on GITHUB_TOKEN")
        << "REACT_APP_GITHUB_TOKEN" << "strong" << "github-token";

    // B.1 false-positive traps.
    QTest::newRow("MONKEY is only a weak hint") << "MONKEY" << "weak" << "";
    QTest::newRow("KEYBOARD_LAYOUT is only a weak hint") << "KEYBOARD_LAYOUT" << "weak" << "";
    QTest::newRow("ACCESS_LOG is only a weak hint") << "ACCESS_LOG" << "weak" << "";
    QTest::newRow("TOKENIZER_MODEL is only a weak hint") << "TOKENIZER_MODEL" << "weak" << "";
    QTest::newRow("PASSENGER_APP_ENV is only a weak hint") << "PASSENGER_APP_ENV" << "weak" << "";
    QTest::newRow("GPG_KEY is exempt") << "GPG_KEY" << "exempt" << "";
    QTest::newRow("GPG_KEYS is exempt") << "GPG_KEYS" << "exempt" << "";
    QTest::newRow("PUBLIC_KEY names the public half") << "PUBLIC_KEY" << "exempt" << "";
    QTest::newRow("JWT_PUBLIC_KEY names the public half") << "JWT_PUBLIC_KEY" << "exempt" << "";
    QTest::newRow("publicKey in camelCase names the public half") << "publicKey" << "exempt" << "";
    QTest::newRow("DB_PASSWORD_FILE is a pointer") << "DB_PASSWORD_FILE" << "exempt" << "";
    QTest::newRow("PASSWORD_PATH is a pointer") << "PASSWORD_PATH" << "exempt" << "";
    QTest::newRow("SSH_KEY_DIR is a pointer") << "SSH_KEY_DIR" << "exempt" << "";
    QTest::newRow("AUTH_URL is left to the URL detector") << "AUTH_URL" << "exempt" << "";
    QTest::newRow("AWS_CONFIG_FILE is a pointer") << "AWS_CONFIG_FILE" << "exempt" << "";
    QTest::newRow("GOOGLE_APPLICATION_CREDENTIALS is a pointer")
        << "GOOGLE_APPLICATION_CREDENTIALS" << "exempt" << "";
    QTest::newRow("HF_TOKEN_PATH is a pointer") << "HF_TOKEN_PATH" << "exempt" << "";
    QTest::newRow("OAUTH_CLIENT_ID has no secret token, only a hint") << "OAUTH_CLIENT_ID" << "weak" << "";
    QTest::newRow("NGINX_VERSION says nothing") << "NGINX_VERSION" << "none" << "";
    QTest::newRow("org.opencontainers.image.authors has no auth token, only a hint")
        << "org.opencontainers.image.authors" << "weak" << "";
    QTest::newRow("an empty name says nothing") << "" << "none" << "";

    // Names about a secret, not holding one (issue #17).
    QTest::newRow("PASSWORD_MIN_LENGTH describes a password") << "PASSWORD_MIN_LENGTH" << "describes" << "";
    QTest::newRow("ACCESS_TOKEN_TTL describes a token") << "ACCESS_TOKEN_TTL" << "describes" << "";
    QTest::newRow("SECRET_NAME names a secret") << "SECRET_NAME" << "describes" << "";
    QTest::newRow("API_KEY_HEADER names a header") << "API_KEY_HEADER" << "describes" << "";
    // nginxinc/docker-nginx: RUN … KEY_SHA512="e09f…" checks the downloaded public key; it was SEC-003.
    QTest::newRow("KEY_SHA512 is a checksum of a key") << "KEY_SHA512" << "describes" << "";
    QTest::newRow("TOKEN_CHECKSUM is a checksum of a token") << "TOKEN_CHECKSUM" << "describes" << "";
    QTest::newRow("KMS_KEY_ID is an id") << "KMS_KEY_ID" << "describes" << "";
    QTest::newRow("DB_PASSWORD_SECRET_REF is a reference") << "DB_PASSWORD_SECRET_REF" << "describes" << "";
    QTest::newRow("MYSQL_RANDOM_ROOT_PASSWORD is a switch") << "MYSQL_RANDOM_ROOT_PASSWORD" << "describes" << "";
    QTest::newRow("REDIS_HOST_PASSWORD still ends in the secret") << "REDIS_HOST_PASSWORD" << "strong" << "password";
    QTest::newRow("a passphrase is a password") << "SSH_PASSPHRASE" << "strong" << "password";
    QTest::newRow("a run-together admin password counts") << "ME_CONFIG_MONGODB_ADMINPASSWORD" << "strong"
                                                          << "password";
    QTest::newRow("AUTH far from the end names a feature") << "GF_AUTH_ANONYMOUS_ORG_ROLE" << "weak" << "";
    QTest::newRow("a cookie at the end is the secret") << "RABBITMQ_ERLANG_COOKIE" << "strong" << "secret";
    QTest::newRow("a site key is public") << "RECAPTCHA_SITE_KEY" << "exempt" << "";
    QTest::newRow("a publishable key is public") << "STRIPE_PUBLISHABLE_KEY" << "exempt" << "";
}
// clang-format on

void TestSecretDetector::classifiesNames()
{
    QFETCH(QString, name);
    QFETCH(QString, signal);
    QFETCH(QString, kind);

    const auto verdict = SecretDetector::classifyName(name.toStdString());
    QCOMPARE(signalName(verdict.signal), signal);
    QCOMPARE(QString::fromStdString(std::string(verdict.kind)), kind);
}

// clang-format off
void TestSecretDetector::inspectsVariables_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("kind"); // empty: no secret
    QTest::addColumn<QString>("masked");

    const QString gh = QString::fromStdString(kGithubToken);
    // Name signals.
    QTest::newRow("a password by name is masked to two characters")
        << "DB_PASSWORD" << "hunter2pw" << "password" << "****** (8-15 chars, password)";
    QTest::newRow("a short password shows nothing of itself")
        << "DB_PASSWORD" << "hunter" << "password" << "****** (under 8 chars, password)";
    QTest::newRow("a very short password shows only stars") << "DB_PASSWORD" << "abc" << "password" << "****** (under 8 chars, password)";
    QTest::newRow("a long token caps the stars")
        << "SLACK_TOKEN" << "abcdefghijklmnopqrstuvwxyz" << "token" << "****** (16-31 chars, token)";
    QTest::newRow("a numeric password still counts") << "DB_PASSWORD" << "123456" << "password" << "****** (under 8 chars, password)";
    QTest::newRow("an exact name counts")
        << "AWS_SECRET_ACCESS_KEY" << "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" << "aws-secret-key" << "****** (30 chars, AWS secret key)";
    QTest::newRow("an exact name behind VITE_ counts")
        << "VITE_OPENAI_API_KEY" << "sk-proj-abc123def456" << "api-key" << "****** (16-31 chars, API key)";

    // Value detectors, independent of the name.
    QTest::newRow("an AKIA access key id under a neutral name")
        << "CONFIG" << "AKIAIOSFODNN7EXAMPLE" << "aws-access-key" << "****** (20 chars, AWS access key id)";
    QTest::newRow("an ASIA session key id under a neutral name")
        << "X" << "ASIAIOSFODNN7EXAMPLE" << "aws-access-key" << "****** (20 chars, AWS access key id)";
    QTest::newRow("AKIA with 15 characters is not a key id") << "X" << "AKIAIOSFODNN7EXAMPL" << "" << "";
    QTest::newRow("AKIA inside a longer word is not a key id") << "X" << "XAKIAIOSFODNN7EXAMPLE" << "" << "";
    QTest::newRow("an RSA private key under a neutral name")
        << "TLS_CERT" << QString::fromStdString(kRsaKey) << "private-key" << "****** (64+ chars, private key)";
    QTest::newRow("a PKCS#8 private key")
        << "X" << "-----BEGIN PRIVATE KEY-----\nMIIE" << "private-key" << "****** (32-63 chars, private key)";
    QTest::newRow("an OpenSSH private key")
        << "X" << "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl" << "private-key" << "****** (32-63 chars, private key)";
    QTest::newRow("a PGP private key block")
        << "X" << "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQ" << "private-key" << "****** (32-63 chars, private key)";
    QTest::newRow("a public key is no secret") << "X" << "-----BEGIN PUBLIC KEY-----\nMIIB" << "" << "";
    QTest::newRow("a certificate is no secret")
        << "CA_BUNDLE" << "-----BEGIN CERTIFICATE-----\nMIIB" << "" << "";
    QTest::newRow("a private key under an exempt name still counts")
        << "GPG_KEY" << QString::fromStdString(kRsaKey) << "private-key" << "****** (64+ chars, private key)";
    QTest::newRow("a ghp_ GitHub token") << "X" << gh << "github-token" << "****** (40 chars, GitHub token)";
    QTest::newRow("a gho_ GitHub token")
        << "X" << QString(gh).replace(2, 1, "o") << "github-token" << "****** (40 chars, GitHub token)";
    QTest::newRow("a ghu_ GitHub token")
        << "X" << QString(gh).replace(2, 1, "u") << "github-token" << "****** (40 chars, GitHub token)";
    QTest::newRow("a ghs_ GitHub token")
        << "X" << QString(gh).replace(2, 1, "s") << "github-token" << "****** (40 chars, GitHub token)";
    QTest::newRow("a ghr_ GitHub token")
        << "X" << QString(gh).replace(2, 1, "r") << "github-token" << "****** (40 chars, GitHub token)";
    QTest::newRow("ghx_ is no GitHub token") << "X" << QString(gh).replace(2, 1, "x") << "" << "";
    QTest::newRow("a ghp_ token one character short is not one") << "X" << gh.left(gh.size() - 1) << "" << "";
    QTest::newRow("a fine-grained GitHub token")
        << "X" << "github_pat_11ABCDEFG0123456789_abcdefghij" << "github-token" << "****** (41 chars, GitHub token)";
    QTest::newRow("a GitLab personal access token")
        << "X" << "glpat-Abcdefghij0123456789" << "gitlab-token" << "****** (26 chars, GitLab token)";
    QTest::newRow("a Slack bot token")
        << "X" << "xoxb-123456789012-abcdefABCDEF" << "slack-token" << "****** (30 chars, Slack token)";
    QTest::newRow("a Slack user token") << "X" << "xoxp-123456789012-abcdef" << "slack-token" << "****** (24 chars, Slack token)";
    QTest::newRow("xoxz- is no Slack token") << "X" << "xoxz-123456789012-abcdef" << "" << "";
    QTest::newRow("a Stripe live key")
        << "X" << "sk_live_4eC39HqLyjWDarjtT1zdp7dc" << "stripe-key" << "****** (32 chars, Stripe secret key)";
    QTest::newRow("a Stripe test key is a secret key too")
        << "X" << "sk_test_4eC39HqLyjWDarjtT1zdp7dc" << "stripe-key" << "****** (32 chars, Stripe secret key)";
    QTest::newRow("a JWT") << "X" << QString::fromStdString(kJwt) << "jwt" << "****** (64+ chars, JWT)";
    QTest::newRow("a JWT behind a scheme word")
        << "X" << "Bearer " + QString::fromStdString(kJwt) << "jwt" << "****** (64+ chars, JWT)";
    QTest::newRow("URL credentials mask only the password")
        << "DATABASE_URL" << "postgres://app:s3cretpw@db:5432/app" << "url-credentials"
        << "postgres://app:******@db:5432/app (URL with password)";
    QTest::newRow("URL credentials with an empty user")
        << "REDIS_URL" << "redis://:r3dispass@cache:6379/0" << "url-credentials"
        << "redis://:******@cache:6379/0 (URL with password)";
    QTest::newRow("a password equal to the user hides the whole URL")
        << "BROKER" << "amqp://guestpw:guestpw@mq/" << "url-credentials" << "****** (16-31 chars, URL with password)";
    QTest::newRow("a URL without credentials is fine") << "HOMEPAGE" << "https://example.com/a:b" << "" << "";
    QTest::newRow("a URL with a user only is fine") << "REPO" << "ssh://git@example.com/repo.git" << "" << "";
    QTest::newRow("a URL whose password is a ${VAR} placeholder is fine")
        << "DATABASE_URL" << "postgres://app:${DB_PASSWORD}@db/app" << "" << "";

    // Entropy with a weak name only.
    QTest::newRow("a random hex value under a weak name")
        << "SESSION_SEED" << "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" << "high-entropy" << "****** (32-63 chars, random-looking value)";
    QTest::newRow("a random base64 value under a weak name")
        << "COOKIE_SALT" << "q8Zr3Xv9KmT2wL7pN4bY6cH1" << "secret" << "****** (16-31 chars, secret)";
    QTest::newRow("a random value under a neutral name is a checksum")
        << "BUILD_SHA" << "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" << "" << "";
    QTest::newRow("a host name under a weak name is no secret")
        << "SESSION_STORE" << "redis-cluster-primary-01" << "" << "";

    // False-positive traps from B.1 and everyday images.
    QTest::newRow("MONKEY=banana is fruit") << "MONKEY" << "banana" << "" << "";
    QTest::newRow("KEYBOARD_LAYOUT=us is a layout") << "KEYBOARD_LAYOUT" << "us" << "" << "";
    QTest::newRow("ACCESS_LOG is a path") << "ACCESS_LOG" << "/var/log/nginx/access.log" << "" << "";
    QTest::newRow("GPG_KEY holds a public fingerprint")
        << "GPG_KEY" << "A4A9406876FCBD3C456770C88C718D3B5072E1F5" << "" << "";
    QTest::newRow("PUBLIC_KEY holds a public key")
        << "PUBLIC_KEY" << "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx" << "" << "";
    QTest::newRow("*_FILE holds a path") << "DB_PASSWORD_FILE" << "/run/secrets/db_pw" << "" << "";
    QTest::newRow("*_FILE is a pointer whatever its value") << "API_TOKEN_FILE" << "abcdef123456" << "" << "";
    QTest::newRow("PASSWORD_PATH holds a path") << "PASSWORD_PATH" << "/etc/app/password" << "" << "";
    QTest::newRow("an empty password is no secret") << "DB_PASSWORD" << "" << "" << "";
    QTest::newRow("a blank password is no secret") << "DB_PASSWORD" << "   " << "" << "";
    QTest::newRow("a yes flag is no password") << "MYSQL_ALLOW_EMPTY_PASSWORD" << "yes" << "" << "";
    QTest::newRow("a boolean is no auth value") << "AUTH_ENABLED" << "true" << "" << "";
    QTest::newRow("a TTL is no token") << "TOKEN_TTL" << "3600" << "" << "";
    QTest::newRow("a $VAR reference is no secret") << "API_KEY" << "$API_KEY" << "" << "";
    QTest::newRow("a ${VAR} reference is no secret") << "API_KEY" << "${API_KEY}" << "" << "";
    QTest::newRow("a key file path is no key") << "SSL_KEY" << "/etc/ssl/private/server.key" << "" << "";
    QTest::newRow("a key file name is no key") << "TLS_KEY" << "server.pem" << "" << "";
    QTest::newRow("an already redacted value is no secret") << "DB_PASSWORD" << "********" << "" << "";
    QTest::newRow("GOOGLE_APPLICATION_CREDENTIALS holds a path")
        << "GOOGLE_APPLICATION_CREDENTIALS" << "/secrets/sa.json" << "" << "";
    QTest::newRow("a base64 secret that starts with a slash is no path")
        << "API_KEY" << "/3kF8q2LmZ7xP0vN4bT9wR1c" << "api-key" << "****** (16-31 chars, API key)";
}
// clang-format on

void TestSecretDetector::inspectsVariables()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, kind);
    QFETCH(QString, masked);

    const SecretDetector detector;
    const auto match = detector.inspectVariable(name.toStdString(), value.toStdString());
    QCOMPARE(match.has_value(), !kind.isEmpty());
    if (!match) {
        return;
    }
    QCOMPARE(QString::fromStdString(match->name), name);
    QCOMPARE(QString::fromStdString(match->kind), kind);
    QCOMPARE(QString::fromStdString(match->masked), masked);
    QCOMPARE(QString::fromStdString(match->describe()), name + "=" + masked);
    for (const auto& field : fieldsOf(*match)) {
        QVERIFY2(!field.contains(value), qPrintable(field));
    }
}

// clang-format off
void TestSecretDetector::scansText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    // Real classic-builder and BuildKit history lines (§0.1.13).
    QTest::newRow("a classic RUN line records its build arg")
        << "|1 BUILD_TOKEN=buildsecret123 /bin/sh -c npm ci" << QStringList{"BUILD_TOKEN=****** (8-15 chars, token)"};
    QTest::newRow("a classic RUN line with two build args reports the secret one")
        << "|2 HTTP_PROXY=http://proxy:3128 DB_PASS=s3cretpw /bin/sh -c make"
        << QStringList{"DB_PASS=****** (8-15 chars, password)"};
    QTest::newRow("a classic ENV line")
        << "/bin/sh -c #(nop)  ENV API_KEY=abcdef123456" << QStringList{"API_KEY=****** (8-15 chars, API key)"};
    QTest::newRow("a classic ENV line with two pairs")
        << "/bin/sh -c #(nop)  ENV APP_USER=svc APP_SECRET=Zx81ab7Qw"
        << QStringList{"APP_SECRET=****** (8-15 chars, secret)"};
    QTest::newRow("a classic ARG default")
        << "/bin/sh -c #(nop)  ARG NPM_TOKEN=npm_abcdefgh" << QStringList{"NPM_TOKEN=****** (8-15 chars, token)"};
    QTest::newRow("an ARG without default carries nothing")
        << "/bin/sh -c #(nop)  ARG NPM_TOKEN" << QStringList{};
    QTest::newRow("a BuildKit ENV line")
        << "ENV API_KEY=abcdef123456" << QStringList{"API_KEY=****** (8-15 chars, API key)"};
    QTest::newRow("a BuildKit ARG line")
        << "ARG GITHUB_TOKEN=" + QString::fromStdString(kGithubToken)
        << QStringList{"GITHUB_TOKEN=****** (40 chars, GitHub token)"};
    QTest::newRow("a BuildKit secret mount is the fix, not a finding")
        << "RUN --mount=type=secret,id=npm_token /bin/sh -c npm ci # buildkit" << QStringList{};
    QTest::newRow("an ADD line carries nothing")
        << "/bin/sh -c #(nop) ADD file:4f2a9c in / " << QStringList{};
    QTest::newRow("an imported image has no history text") << "" << QStringList{};

    // Credentials typed into commands.
    QTest::newRow("curl -u user:pass")
        << "RUN /bin/sh -c curl -u deploy:hunter2pw https://repo.example.com # buildkit"
        << QStringList{"curl -u deploy:****** (8-15 chars, basic auth password)"};
    QTest::newRow("curl -uuser:pass attached")
        << "curl -sSf -udeploy:hunter2pw https://repo.example.com"
        << QStringList{"curl -u deploy:****** (8-15 chars, basic auth password)"};
    QTest::newRow("curl --user=user:pass")
        << "curl --user=deploy:hunter2pw https://repo.example.com"
        << QStringList{"curl -u deploy:****** (8-15 chars, basic auth password)"};
    QTest::newRow("curl -u with a quoted value")
        << "curl -u 'deploy:hunter2pw' https://repo.example.com"
        << QStringList{"curl -u deploy:****** (8-15 chars, basic auth password)"};
    QTest::newRow("curl -u without a password prompts, nothing stored")
        << "curl -u deploy https://repo.example.com" << QStringList{};
    QTest::newRow("-u outside curl is a user id") << "docker exec -u 1000:1000 app sh" << QStringList{};
    QTest::newRow("URL credentials in a git clone")
        << "/bin/sh -c git clone https://bob:tok3nvalue@git.example.com/repo.git"
        << QStringList{"https://bob:******@git.example.com/repo.git (URL with password)"};
    QTest::newRow("--password=value")
        << "/bin/sh -c ./configure --password=hunter2pw" << QStringList{"--password ****** (8-15 chars, password)"};
    QTest::newRow("--passwd value")
        << "app --passwd hunter2pw" << QStringList{"--passwd ****** (8-15 chars, password)"};
    QTest::newRow("--token value")
        << "app --token abcdef123456 --verbose" << QStringList{"--token ****** (8-15 chars, token)"};
    QTest::newRow("--secret value")
        << "app --secret abcdef123456" << QStringList{"--secret ****** (8-15 chars, secret)"};
    QTest::newRow("--api-key=value")
        << "app --api-key=sk-abcdef123456" << QStringList{"--api-key ****** (8-15 chars, API key)"};
    QTest::newRow("a Go-style single-dash flag")
        << "app -db-password hunter2pw" << QStringList{"-db-password ****** (8-15 chars, password)"};
    QTest::newRow("redis-server --requirepass")
        << "redis-server --requirepass S3cretRedis" << QStringList{"--requirepass ****** (8-15 chars, password)"};
    QTest::newRow("a Java system property")
        << "java -Dspring.datasource.password=hunter2pw -jar app.jar"
        << QStringList{"-Dspring.datasource.password ****** (8-15 chars, password)"};
    QTest::newRow("mysql -p<value>")
        << "/bin/sh -c mysql -uroot -pS3cretRoot app < dump.sql" << QStringList{"-p ****** (8-15 chars, password)"};
    QTest::newRow("mysqldump -p<value> by path")
        << "/usr/bin/mysqldump -pS3cretRoot --all-databases" << QStringList{"-p ****** (8-15 chars, password)"};
    QTest::newRow("mysql -p alone prompts") << "mysql -uroot -p app" << QStringList{};
    QTest::newRow("-p<port> outside mysql is a port") << "nc -p8080 example.com 80" << QStringList{};
    QTest::newRow("the mysql context ends with its command")
        << "mysql -uroot app; nc -p8080 example.com 80" << QStringList{};
    QTest::newRow("docker login -p")
        << "docker login -u bob -p hunter2pw registry.example.com" << QStringList{"-p ****** (8-15 chars, password)"};
    QTest::newRow("docker login --password-stdin takes no value")
        << "docker login --password-stdin -u bob registry.example.com" << QStringList{};
    QTest::newRow("sshpass -p")
        << "sshpass -p hunter2pw ssh deploy@host" << QStringList{"-p ****** (8-15 chars, password)"};
    QTest::newRow("mongod --auth is a switch") << "mongod --auth --bind_ip_all" << QStringList{};
    QTest::newRow("--auth before a word is still a switch") << "mongod --auth somefile" << QStringList{};
    QTest::newRow("--password-file points at a file")
        << "app --password-file /run/secrets/pw" << QStringList{};
    QTest::newRow("--key with a key file path") << "app --key /etc/ssl/private/app.key" << QStringList{};
    QTest::newRow("--secret with a BuildKit spec")
        << "docker build --secret id=npm,src=/home/u/.npmrc ." << QStringList{};
    QTest::newRow("env assignments on a command line")
        << "env DB_PASSWORD=hunter2pw ./server" << QStringList{"DB_PASSWORD=****** (8-15 chars, password)"};
    QTest::newRow("a bare AWS key id as an argument")
        << "run.sh AKIAIOSFODNN7EXAMPLE" << QStringList{"****** (20 chars, AWS access key id)"};
    QTest::newRow("nginx's own command line is clean") << "nginx -g daemon off;" << QStringList{};
    // docker-library/postgres: RUN key='B97B…4CF8'; gpg --recv-keys "$key" was reported as a secret "key".
    QTest::newRow("a key fingerprint handed to gpg is public")
        << "/bin/sh -c key='B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8'; gpg --batch --recv-keys \"$key\""
        << QStringList{};
    QTest::newRow("a long key id handed to gpg2 is public")
        << "key=0x7FCC7D46ACCC4CF8 && gpg2 --recv-keys $key" << QStringList{};
    QTest::newRow("a token's name on a RUN line that also calls gpg is still a secret")
        << "/bin/sh -c API_TOKEN=B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8 ./fetch && gpg --verify x.asc"
        << QStringList{"API_TOKEN=****** (32-63 chars, token)"};
    QTest::newRow("the same hex under a key name without gpg is still a secret")
        << "/bin/sh -c export key=B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8 && ./deploy"
        << QStringList{"key=****** (32-63 chars, key)"};
    // docker/awesome-compose aspnet-mssql: the health check's sqlcmd -P example_123 was printed in clear in the
    // JSON remediation and the diff while SA_PASSWORD=example_123 itself was masked.
    QTest::newRow("sqlcmd -P in a health check")
        << "/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P example_123 -Q 'SELECT 1' || exit 1"
        << QStringList{"-P ****** (8-15 chars, password)"};
    QTest::newRow("sqlcmd -P with a variable names no value")
        << "sqlcmd -S localhost -U sa -P $SA_PASSWORD -Q 'SELECT 1'" << QStringList{};
    QTest::newRow("redis-cli -a") << "redis-cli -a s3cretRedis ping" << QStringList{"-a ****** (8-15 chars, password)"};
    QTest::newRow("mongosh -p") << "mongosh -u root -p Mongo2pass --eval 'db.ping()'"
                                << QStringList{"-p ****** (8-15 chars, password)"};
    QTest::newRow("-P and -a outside those clients are other flags")
        << "psql -P pager=off -c 'select 1'; ls -a /data" << QStringList{};
    QTest::newRow("a key's SHA-512 checked with sha512sum is no secret")
        << "/bin/sh -c KEY_SHA512=\"e09fa32f0a0eab2b879ccbbc4d0e4fb9751486eedda75e35fac65802cc9faa266425edf83e261137a2f4d16281ce2c1a5f4502930fe75154723da014214f0655\" && sha512sum -c -"
        << QStringList{};
    QTest::newRow("two secrets in one script")
        << "/bin/sh -c export API_TOKEN=abcdef123456 && mysql -pS3cretRoot"
        << QStringList{"API_TOKEN=****** (8-15 chars, token)", "-p ****** (8-15 chars, password)"};
}
// clang-format on

void TestSecretDetector::scansText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    const SecretDetector detector;
    QCOMPARE(described(detector.inspectText(text.toStdString())), expected);
}

void TestSecretDetector::reportsWhereTheSecretSits()
{
    const SecretDetector detector;
    const std::string text = "/bin/sh -c #(nop)  ENV API_KEY=abcdef123456 LANG=C";
    const auto matches = detector.inspectText(text);
    QCOMPARE(matches.size(), std::size_t(1));
    QCOMPARE(text.substr(matches[0].offset, matches[0].length), std::string("API_KEY=abcdef123456"));

    const std::string flag = "app --token abcdef123456 --verbose";
    const auto flagMatches = detector.inspectText(flag);
    QCOMPARE(flagMatches.size(), std::size_t(1));
    QCOMPARE(flag.substr(flagMatches[0].offset, flagMatches[0].length), std::string("--token abcdef123456"));
}

// clang-format off
void TestSecretDetector::scansDocuments_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QStringList>("kinds");

    QTest::newRow("a YAML password") << "db:\n  host: db\n  password: hunter2pw\n" << QStringList{"password"};
    QTest::newRow("a quoted YAML password") << "password: \"two words\"\n" << QStringList{"password"};
    QTest::newRow("a JSON api key")
        << "{\"apiKey\": \"abcdef123456\", \"port\": 8080}" << QStringList{"api-key"};
    QTest::newRow("a .env file")
        << "export API_TOKEN=abcdef123456\nLOG_LEVEL=debug\n" << QStringList{"token"};
    QTest::newRow("a properties file")
        << "spring.datasource.password = hunter2pw\n" << QStringList{"password"};
    QTest::newRow("a PEM private key") << QString::fromStdString(kRsaKey) << QStringList{"private-key"};
    QTest::newRow("URL credentials in YAML")
        << "url: https://u:p4ssw0rd@example.com\n" << QStringList{"url-credentials"};
    QTest::newRow("a plain nginx config") << "server {\n  listen 80;\n  root /srv/www;\n}\n" << QStringList{};
    QTest::newRow("auth: none is a setting") << "auth: none\nkey_file: /etc/app/key.pem\n" << QStringList{};
    QTest::newRow("a public certificate")
        << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" << QStringList{};
    QTest::newRow("CIFS mount options") << "username=bob,password=s3cret,vers=3.0"
                                        << QStringList{"connection-string", "password"};
}
// clang-format on

void TestSecretDetector::scansDocuments()
{
    QFETCH(QString, document);
    QFETCH(QStringList, kinds);

    const SecretDetector detector;
    QCOMPARE(::kinds(detector.inspectDocument(document.toStdString())), kinds);
}

// clang-format off
void TestSecretDetector::judgesRandomness_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("random");

    QTest::newRow("40 random hex digits") << "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" << true;
    QTest::newRow("a UUID") << "3f2b8c1e-9d4a-4e7b-a2c5-8f1d6b0e9a37" << true;
    QTest::newRow("24 random base64 characters") << "q8Zr3Xv9KmT2wL7pN4bY6cH1" << true;
    QTest::newRow("a value under 20 characters") << "q8Zr3Xv9KmT2wL7pN4b" << false;
    QTest::newRow("a hyphenated host name") << "redis-cluster-primary-01" << false;
    QTest::newRow("a version string") << "v1.25.3-alpine-linux-amd64" << false;
    QTest::newRow("a sentence") << "this is not random at all 2024" << false;
    QTest::newRow("an upper-case word run") << "wJalrXUtnFEMI9K7MDENG2bPxRfiCYEXAMPLEKEY" << false;
    QTest::newRow("a path") << "/var/lib/app/data/cache/0123456789" << false;
    QTest::newRow("digits only") << "20240101120000123456" << false;
    QTest::newRow("repeated characters") << "aaaaaaaaaaaaaaaaaaaaaaaa1" << false;
}
// clang-format on

void TestSecretDetector::judgesRandomness()
{
    QFETCH(QString, value);
    QFETCH(bool, random);

    QCOMPARE(SecretDetector::looksRandom(value.toStdString()), random);
}

void TestSecretDetector::measuresEntropy()
{
    QCOMPARE(SecretDetector::shannonEntropy(""), 0.0);
    QCOMPARE(SecretDetector::shannonEntropy("aaaa"), 0.0);
    QCOMPARE(SecretDetector::shannonEntropy("abab"), 1.0);
    QCOMPARE(SecretDetector::shannonEntropy("abcd"), 2.0);
    QCOMPARE(SecretDetector::shannonEntropy("0123456789abcdef"), 4.0);
}

// clang-format off
void TestSecretDetector::neverKeepsTheRawValue_data()
{
    QTest::addColumn<QString>("input");   // a NAME=value variable, or a text line when it has no '=' first
    QTest::addColumn<bool>("isText");
    QTest::addColumn<QString>("secret"); // must not appear in any field of any match

    QTest::newRow("an env password") << "DB_PASSWORD=Vq3Kz8Lw0PmX" << false << "Vq3Kz8Lw0PmX";
    QTest::newRow("URL credentials")
        << "DATABASE_URL=postgres://app:Vq3Kz8Lw0PmX@db/app" << false << "Vq3Kz8Lw0PmX";
    QTest::newRow("an AWS key id") << "X=AKIAVQ3KZ8LW0PMXJ2RT" << false << "AKIAVQ3KZ8LW0PMXJ2RT";
    QTest::newRow("a JWT") << "X=" + QString::fromStdString(kJwt) << false << QString::fromStdString(kJwt);
    QTest::newRow("a value of stars") << "DB_PASSWORD=a*********" << false << "a*********";
    QTest::newRow("a build arg") << "|1 BUILD_TOKEN=Vq3Kz8Lw0PmX /bin/sh -c npm ci" << true << "Vq3Kz8Lw0PmX";
    QTest::newRow("a history ENV") << "/bin/sh -c #(nop)  ENV API_KEY=Vq3Kz8Lw0PmX" << true << "Vq3Kz8Lw0PmX";
    QTest::newRow("curl -u") << "curl -u deploy:Vq3Kz8Lw0PmX https://x" << true << "Vq3Kz8Lw0PmX";
    QTest::newRow("curl -u with the user equal to the password")
        << "curl -u Vq3Kz8Lw:Vq3Kz8Lw https://x" << true << "Vq3Kz8Lw";
    QTest::newRow("mysql -p") << "mysql -pVq3Kz8Lw0PmX" << true << "Vq3Kz8Lw0PmX";
    QTest::newRow("--token") << "app --token Vq3Kz8Lw0PmX" << true << "Vq3Kz8Lw0PmX";
    QTest::newRow("URL credentials in a clone")
        << "git clone https://Vq3Kz8Lw0PmX:Vq3Kz8Lw0PmX@h/r" << true << "Vq3Kz8Lw0PmX";
}
// clang-format on

void TestSecretDetector::neverKeepsTheRawValue()
{
    QFETCH(QString, input);
    QFETCH(bool, isText);
    QFETCH(QString, secret);

    const SecretDetector detector;
    std::vector<SecretMatch> matches;
    if (isText) {
        matches = detector.inspectText(input.toStdString());
    } else {
        const int eq = input.indexOf('=');
        if (auto m =
                detector.inspectVariable(input.left(eq).toStdString(), input.mid(eq + 1).toStdString())) {
            matches.push_back(*m);
        }
    }
    QVERIFY(!matches.empty());
    for (const auto& m : matches) {
        for (const auto& field : fieldsOf(m)) {
            QVERIFY2(!field.contains(secret), qPrintable(field));
            // Nothing of the value, not even in part (the mask's own stars aside).
            for (int at = 0; at + 5 <= secret.size(); ++at) {
                const QString piece = secret.mid(at, 5);
                if (piece.count(QLatin1Char('*')) != piece.size()) {
                    QVERIFY2(!field.contains(piece), qPrintable(field));
                }
            }
        }
    }
}

// clang-format off
void TestSecretDetector::survivesHostileInput_data()
{
    QTest::addColumn<QString>("unit"); // repeated to about a megabyte

    // Each would make a naive scanner restart inside the previous match and go quadratic.
    QTest::newRow("repeated GitLab prefixes") << "glpat-";
    QTest::newRow("repeated Slack prefixes") << "xoxb-";
    QTest::newRow("repeated fine-grained GitHub prefixes") << "github_pat_";
    QTest::newRow("repeated JWT headers") << "eyJ-";
    QTest::newRow("repeated JWT segments") << "eyJhbGciOiJI.";
    QTest::newRow("repeated PEM headers") << "-----BEGIN ";
    QTest::newRow("repeated URL schemes") << "a://b:c@";
    QTest::newRow("repeated assignments") << "password=";
    QTest::newRow("repeated YAML keys") << "token: ";
    QTest::newRow("repeated flags") << "--password ";
    QTest::newRow("repeated build-arg counts") << "|9 ";
    QTest::newRow("repeated quotes") << "\"'";
}
// clang-format on

void TestSecretDetector::survivesHostileInput()
{
    QFETCH(QString, unit);

    const std::string u = unit.toStdString();
    std::string input;
    while (input.size() < 1000000) {
        input += u;
    }
    const SecretDetector detector;
    std::vector<SecretMatch> all = detector.inspectText(input);
    const auto document = detector.inspectDocument(input);
    all.insert(all.end(), document.begin(), document.end());
    const auto variable = detector.inspectVariable("API_TOKEN", input);
    QVERIFY(variable.has_value()); // a megabyte of anything under a token name is still reported
    all.push_back(*variable);
    for (const auto& m : all) {
        // Masks never grow with the input: nothing of it is copied into a match.
        QVERIFY2(m.masked.size() <= 256, m.masked.substr(0, 80).c_str());
        QVERIFY(m.offset + m.length <= input.size());
    }
}

QTEST_APPLESS_MAIN(TestSecretDetector)
#include "TestSecretDetector.moc"
