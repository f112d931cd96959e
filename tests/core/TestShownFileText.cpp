// A compose file as Drydock shows it (maskedFileText, shownFixDiff): every secret value hidden whatever YAML
// form it is written in — quoted keys, explicit `? key` / `: value`, a value on the next line, flow maps and
// lists, block scalars, anchors — while names, line numbers and everything else stay as written.
#include "core/files/FileReview.h"

#include <QTest>

using namespace drydock;

class TestShownFileText : public QObject
{
    Q_OBJECT

private slots:
    void everyFormOfASecretIsHidden_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("stays");
        const QString head =
            QStringLiteral("services:\n  app:\n    image: example/app:1.2\n    environment:\n");
        QTest::newRow("double-quoted key") << head + "      \"DB_PASSWORD\": Qx7-db-pass-99\n"
                                           << "Qx7-db-pass-99"
                                           << "\"DB_PASSWORD\": ******";
        QTest::newRow("single-quoted key and value") << head + "      'API_TOKEN': 'tok-4f9a8b7c6d5e'\n"
                                                     << "tok-4f9a8b7c6d5e"
                                                     << "'API_TOKEN': '******";
        QTest::newRow("explicit key") << head + "      ? SESSION_SECRET\n      : Zr8-session-key-1\n"
                                      << "Zr8-session-key-1"
                                      << "? SESSION_SECRET";
        QTest::newRow("value on the next line") << head + "      DB_PASSWORD:\n        Nx4-next-line-pw\n"
                                                << "Nx4-next-line-pw"
                                                << "DB_PASSWORD:";
        QTest::newRow("flow map") << head.chopped(1) + " {DB_PASSWORD: Fm2-flow-map-pw, TZ: UTC}\n"
                                  << "Fm2-flow-map-pw"
                                  << "TZ: UTC";
        QTest::newRow("flow list item") << head.chopped(1) + " [\"REDIS_PASSWORD=Fl5-flow-list-pw\"]\n"
                                        << "Fl5-flow-list-pw"
                                        << "REDIS_PASSWORD=";
        QTest::newRow("block scalar key")
            << head + "      TLS_PRIVATE_KEY: |\n        -----BEGIN PRIVATE KEY-----\n"
                      "        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
                      "        -----END PRIVATE KEY-----\n"
            << "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"
            << "TLS_PRIVATE_KEY: |";
        QTest::newRow("anchored value used again")
            << "x-db: &dbpw Ak9-anchored-pw\nservices:\n  app:\n    image: example/app:1.2\n"
               "    environment:\n      DB_PASSWORD: *dbpw\n"
            << "Ak9-anchored-pw"
            << "x-db: &dbpw ";
        QTest::newRow("a health check's password in exec form")
            << "services:\n  db:\n    image: mysql:8\n    healthcheck:\n"
               "      test: [\"CMD\", \"mysqladmin\", \"ping\", \"-uroot\", \"-pHealthPw-9911\"]\n"
            << "HealthPw-9911"
            << "\"-uroot\", \"-p";
        QTest::newRow("a password in a URL on a continued line")
            << head + "      DATABASE_URL: >-\n        postgres://shop:Ur1-url-pass-88@db:5432/shop\n"
            << "Ur1-url-pass-88"
            << "postgres://shop:";
    }

    void everyFormOfASecretIsHidden()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, secret);
        QFETCH(QString, stays);
        const std::string text = yaml.toStdString();
        const std::string shown = maskedFileText(text, ReviewedFileKind::Compose);
        QVERIFY2(shown.find(secret.toStdString()) == std::string::npos, shown.c_str());
        QVERIFY2(shown.find(stays.toStdString()) != std::string::npos, shown.c_str());
        const auto image = text.find("    image: ");
        QVERIFY2(image == std::string::npos ||
                     shown.find(text.substr(image, text.find('\n', image) - image)) != std::string::npos,
                 shown.c_str());
        QCOMPARE(std::count(shown.begin(), shown.end(), '\n'), std::count(text.begin(), text.end(), '\n'));

        // The diff of a fix beside it hides it in its context lines too.
        FileReview review;
        review.path = "compose.yaml";
        review.originalText = text;
        review.fixedText = text + "x-added: true\n";
        bool masked = false;
        const std::string diff = shownFixDiff(review, &masked);
        QVERIFY2(diff.find(secret.toStdString()) == std::string::npos, diff.c_str());
    }

    void aDockerfileHidesWhatItsInstructionsHold_data()
    {
        QTest::addColumn<QString>("dockerfile");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("stays");
        QTest::newRow("ENV in its old NAME value form") << "FROM debian:12\nENV DB_PASSWORD Qx7-db-pass-99\n"
                                                        << "Qx7-db-pass-99"
                                                        << "ENV DB_PASSWORD ";
        QTest::newRow("a pair on a continuation line")
            << "FROM debian:12\nENV A=1 \\\n    SESSION_SECRET=Zr8-session-key-1 \\\n    B=2\n"
            << "Zr8-session-key-1"
            << "SESSION_SECRET=";
        QTest::newRow("a password flag on the next line")
            << "FROM debian:12\nRUN mysql -u root \\\n    -pCont-line-pw-55 -e 'select 1'\n"
            << "Cont-line-pw-55"
            << "mysql -u root";
        QTest::newRow("a label") << "FROM debian:12\nLABEL com.example.token=\"LabelTok-99887766\"\n"
                                 << "LabelTok-99887766"
                                 << "com.example.token=";
    }

    void aDockerfileHidesWhatItsInstructionsHold()
    {
        QFETCH(QString, dockerfile);
        QFETCH(QString, secret);
        QFETCH(QString, stays);
        FileReview review;
        review.path = "Dockerfile";
        review.kind = ReviewedFileKind::Dockerfile;
        review.originalText = dockerfile.toStdString();
        review.fixedText = review.originalText + "USER 10001\n";
        const std::string shown = maskedFileText(review.originalText, ReviewedFileKind::Dockerfile);
        QVERIFY2(shown.find(secret.toStdString()) == std::string::npos, shown.c_str());
        QVERIFY2(shown.find(stays.toStdString()) != std::string::npos, shown.c_str());
        const std::string diff = shownFixDiff(review);
        QVERIFY2(diff.find(secret.toStdString()) == std::string::npos, diff.c_str());
    }

    void whatIsNoSecretStaysAsWritten()
    {
        const std::string text = "services:\n  web:\n    image: nextcloud:29\n    environment:\n"
                                 "      ? POSTGRES_USER\n      : nextcloud\n      PASSWORD_MIN_LENGTH: 12\n"
                                 "      DB_PASSWORD_FILE: /run/secrets/db_password\n";
        QCOMPARE(maskedFileText(text, ReviewedFileKind::Compose), text);
    }

    void aFileThatDoesNotLoadIsMaskedByItsLines()
    {
        const std::string text =
            "services:\n  app:\n    environment:\n      DB_PASSWORD: Qx7-db-pass-99\n  - [oops\n";
        const std::string shown = maskedFileText(text, ReviewedFileKind::Compose);
        QVERIFY2(shown.find("Qx7-db-pass-99") == std::string::npos, shown.c_str());
        QVERIFY2(shown.find("  - [oops\n") != std::string::npos, shown.c_str());
    }
};

QTEST_GUILESS_MAIN(TestShownFileText)
#include "TestShownFileText.moc"
