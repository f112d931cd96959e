#include "core/common/Strings.h"
#include "core/files/BuildContext.h"
#include "core/files/dockerfile/DockerfileChecks.h"
#include "core/files/dockerfile/DockerfileParser.h"
#include "core/files/dockerfile/DockerfileReview.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace drydock;

namespace {

const QString kCorpus = QStringLiteral("files/dockerfile/");

// The secrets the corpus files hold; none may ever show in clear.
const std::vector<std::string> kSecrets{"kX9vQ2mR7tLw4ZpB8nYc3HfJ", "Sup3rS3cretPassw0rd",
                                        "glpat-Xk2mQ9vR4tLw7ZpB3nYc", "AKIAIOSFODNN7EXAMPLE"};

std::string located(const std::vector<Finding>& findings)
{
    std::string out;
    for (const auto& f : findings) {
        out += std::to_string(f.location ? f.location->line : -1) + ":" +
               std::to_string(f.location ? f.location->column : -1) + " " + f.ruleId + "\n";
    }
    return out;
}

// The .expected sidecar without comments and blank lines.
std::string expectedOf(const QString& name)
{
    std::string out;
    for (const auto& line : split(test::readData(kCorpus + name + QStringLiteral(".expected")), '\n')) {
        const std::string t = trim(line);
        if (!t.empty() && t.front() != '#') {
            out += t + "\n";
        }
    }
    return out;
}

// Lines with their terminators, so a CRLF that turned into LF counts as a change.
std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t nl = text.find('\n', begin);
        const std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
        lines.push_back(text.substr(begin, end - begin));
        begin = end;
    }
    return lines;
}

// Indices of the original lines a longest common subsequence with the patched lines keeps.
std::set<std::size_t> keptLines(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::set<std::size_t> kept;
    for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        if (a[i] == b[j]) {
            kept.insert(i);
            ++i;
            ++j;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return kept;
}

std::string everythingShown(const FileReview& review)
{
    std::string all;
    for (const auto& f : review.findings) {
        all += f.title + "\n" + f.evidence + "\n" + f.discriminator + "\n" + f.remediation.dockerfile + "\n" +
               f.object.name + "\n";
    }
    for (const auto& note : review.notes) {
        all += note + "\n";
    }
    return all;
}

} // namespace

// Reviewing Dockerfiles: the corpus' findings at their lines, secrets masked, patches minimal and re-checked.
class TestDockerfileReview : public QObject
{
    Q_OBJECT

private slots:
    void corpusFindingsMatchExpected_data();
    void corpusFindingsMatchExpected();
    void patchIsMinimalAndResolvesWhatItClaims_data();
    void patchIsMinimalAndResolvesWhatItClaims();
    void patchShapes_data();
    void patchShapes();
    void findingSitsOnItsInstruction_data();
    void findingSitsOnItsInstruction();
    void buildStagesGetTheBuildRulesNamedByStage();
    void parseErrorFillsOnlyTheError();
    void runTooLongForAReviewIsAClearError();
    void dockerfileChecksHaveTheirTexts();
    void scanSettingsApplyToRulesAndChecks();
    void notesSayWhatIsLeftAlone();
    void globalArgsChainIntoTheBaseImage();
    void copyOfAFolderTakesTheContextsSecrets();
    void largeFilesAreReviewed_data();
    void largeFilesAreReviewed();
};

void TestDockerfileReview::corpusFindingsMatchExpected_data()
{
    QTest::addColumn<QString>("name");
    const QDir dir(test::dataPath(kCorpus));
    const auto files = dir.entryList({QStringLiteral("*.Dockerfile")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 8);
    for (const auto& file : files) {
        QTest::newRow(qPrintable(file + QStringLiteral(" gives exactly its expected findings"))) << file;
    }
}

void TestDockerfileReview::corpusFindingsMatchExpected()
{
    QFETCH(QString, name);
    const std::string text = test::readData(kCorpus + name);
    const FileReview review = reviewDockerfile(name.toStdString(), text);
    QVERIFY2(!review.error, review.error ? review.error->message.c_str() : "");
    QCOMPARE(QString::fromStdString(located(review.findings)), QString::fromStdString(expectedOf(name)));
    QCOMPARE(review.originalText, text);
    QCOMPARE(review.kind, ReviewedFileKind::Dockerfile);
    const std::string shown = everythingShown(review);
    for (const auto& secret : kSecrets) {
        QVERIFY2(!contains(shown, secret), secret.c_str());
        QVERIFY2(!review.fixedText || !contains(*review.fixedText, secret), secret.c_str());
    }
    for (const auto& f : review.findings) {
        QCOMPARE(f.location->file, name.toStdString());
        QVERIFY(f.location->line > 0 && f.location->column > 0);
        QCOMPARE(f.object.type, ObjectType::Image);
        QCOMPARE(f.object.id, name.toStdString());
        QVERIFY(f.object.name == name.toStdString() || startsWith(f.object.name, name.toStdString() + ":"));
    }
}

void TestDockerfileReview::patchIsMinimalAndResolvesWhatItClaims_data()
{
    QTest::addColumn<QString>("name");
    const QDir dir(test::dataPath(kCorpus));
    for (const auto& file : dir.entryList({QStringLiteral("*.Dockerfile")}, QDir::Files, QDir::Name)) {
        QTest::newRow(qPrintable(file + QStringLiteral(": the patch is exact, minimal and re-checked")))
            << file;
    }
}

void TestDockerfileReview::patchIsMinimalAndResolvesWhatItClaims()
{
    QFETCH(QString, name);
    const std::string text = test::readData(kCorpus + name);
    const FileReview review = reviewDockerfile(name.toStdString(), text);
    QCOMPARE(QFile::exists(test::dataPath(kCorpus + name + QStringLiteral(".fixed"))),
             review.fixedText.has_value());
    if (!review.fixedText) {
        // Only a file with nothing the patcher knows how to fix has no patch.
        // Only a file with nothing the patcher knows how to fix has no patch, or one whose notes say why.
        for (const auto& f : review.findings) {
            const bool explained =
                std::any_of(review.notes.begin(), review.notes.end(), [&](const std::string& n) {
                    return startsWith(n, f.ruleId + " is not patched");
                });
            QVERIFY2(explained || (f.ruleId != "IMG-001" && f.ruleId != "IMG-004" && f.ruleId != "SEC-002"),
                     qPrintable(QString::fromStdString(f.ruleId + " left without a patch")));
        }
        return;
    }
    QVERIFY(!review.fixedRuleIds.empty());
    // The exact patch, kept next to the file so a change to it is reviewed like code.
    QCOMPARE(QString::fromStdString(*review.fixedText),
             QString::fromStdString(test::readData(kCorpus + name + QStringLiteral(".fixed"))));
    // Lines outside the edited instructions are byte-identical and stay in order.
    // A last line without a terminator gains one when lines are appended after it.
    const auto parsedForEnds = parseDockerfile(text);
    const std::string terminated =
        endsWith(text, "\n") ? text : text + (parsedForEnds.ok() && parsedForEnds->crlf ? "\r\n" : "\n");
    const auto before = linesOf(terminated);
    const auto after = linesOf(*review.fixedText);
    const auto kept = keptLines(before, after);
    const auto parsed = parseDockerfile(text);
    QVERIFY(parsed.ok());
    std::set<int> editable;
    for (const auto& f : review.findings) {
        for (const auto& in : parsed->instructions) {
            if (in.line == f.location->line) {
                for (int l = in.line; l <= in.endLine; ++l) {
                    editable.insert(l);
                }
            }
        }
    }
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (!kept.count(i)) {
            QVERIFY2(
                editable.count(static_cast<int>(i) + 1),
                qPrintable(
                    QStringLiteral("line %1 changed: %2").arg(i + 1).arg(QString::fromStdString(before[i]))));
        }
    }
    if (parsed->crlf) {
        for (const auto& line : after) {
            QVERIFY2(endsWith(line, "\r\n") || &line == &after.back(), line.c_str());
        }
    }
    // The patched file parses and has none of the claimed rules' findings left.
    const FileReview again = reviewDockerfile(name.toStdString(), *review.fixedText);
    QVERIFY2(!again.error, again.error ? again.error->message.c_str() : "");
    for (const auto& f : again.findings) {
        const bool claimed = std::find(review.fixedRuleIds.begin(), review.fixedRuleIds.end(), f.ruleId) !=
                             review.fixedRuleIds.end();
        QVERIFY2(!claimed, qPrintable(QString::fromStdString(f.ruleId + " still found after its fix")));
        QVERIFY2(f.severity < Severity::High ||
                     std::any_of(review.findings.begin(), review.findings.end(),
                                 [&](const Finding& o) { return o.ruleId == f.ruleId; }),
                 qPrintable(QString::fromStdString("the patch introduced " + f.ruleId)));
    }
}

void TestDockerfileReview::patchShapes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("apt install gets no-recommends and the lists removed in the same RUN")
        << "FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install -y curl\nUSER "
           "1000\nHEALTHCHECK CMD "
           "true\n"
        << "FROM debian:12-slim\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y "
           "curl && rm "
           "-rf /var/lib/apt/lists/*\nUSER 1000\nHEALTHCHECK CMD true\n";
    QTest::newRow("dist-upgrade is removed with its separator")
        << "FROM debian:12-slim\nRUN apt-get update && apt-get dist-upgrade -y && apt-get install -y "
           "--no-install-recommends "
           "curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\nHEALTHCHECK CMD true\n"
        << "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm "
           "-rf "
           "/var/lib/apt/lists/*\nUSER 1000\nHEALTHCHECK CMD true\n";
    QTest::newRow("a RUN ending in a shell comment is left alone, so nothing appended is commented out")
        << "FROM alpine:3.19\nRUN apk add curl # tools\nUSER 1000\nHEALTHCHECK CMD true\n"
        << "";
    QTest::newRow("apk add gets --no-cache")
        << "FROM alpine:3.19\nRUN apk add curl\nUSER 1000\nHEALTHCHECK CMD true\n"
        << "FROM alpine:3.19\nRUN apk add --no-cache curl\nUSER 1000\nHEALTHCHECK CMD true\n";
    QTest::newRow("a user the file creates becomes the USER")
        << "FROM debian:12-slim\nRUN useradd -u 1001 -m web\nHEALTHCHECK CMD true\n"
        << "FROM debian:12-slim\nRUN useradd -u 1001 -m web\nHEALTHCHECK CMD true\n# drydock (IMG-001): run "
           "as the "
           "user this file creates\nUSER web\n";
    QTest::newRow("an Alpine base gets adduser -D")
        << "FROM alpine:3.19\nHEALTHCHECK CMD true"
        << "FROM alpine:3.19\nHEALTHCHECK CMD true\n# drydock (IMG-001): the base looks Alpine/BusyBox, "
           "whose adduser "
           "-D creates a user without a password\nRUN adduser -D -u 10001 app\nUSER 10001:10001\n";
    QTest::newRow("an nginx base gets no USER: its default configuration needs root")
        << "FROM nginx:1.25\nCOPY site /usr/share/nginx/html\nHEALTHCHECK CMD true\n"
        << "";
    QTest::newRow("a secret ENV pair is removed and the other pairs kept as written")
        << "FROM scratch\nENV A=\"x y\" DB_PASSWORD=Zx8qPl2mVn5rTs9w B=2\nUSER 1\nHEALTHCHECK NONE\n"
        << "FROM scratch\n# drydock: ENV DB_PASSWORD removed, it held a secret. Pass it at run time as a "
           "file (compose "
           "secrets:, DB_PASSWORD_FILE=/run/secrets/db_password), or at build time with RUN "
           "--mount=type=secret,id=db_password\nENV A=\"x y\" B=2\nUSER 1\nHEALTHCHECK NONE\n";
    QTest::newRow("ADD of a local archive stays ADD, of a local file becomes COPY")
        << "FROM scratch\nADD rootfs.tar.gz /\nadd --chown=1:1 app.conf /etc/\nUSER 1\nHEALTHCHECK NONE\n"
        << "FROM scratch\nADD rootfs.tar.gz /\ncopy --chown=1:1 app.conf /etc/\nUSER 1\nHEALTHCHECK NONE\n";
}

void TestDockerfileReview::patchShapes()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const FileReview review = reviewDockerfile("Dockerfile", text.toStdString());
    QVERIFY2(!review.error, review.error ? review.error->message.c_str() : "");
    if (expected.isEmpty()) {
        QVERIFY(!review.fixedText);
        QVERIFY(review.fixedRuleIds.empty());
        return;
    }
    QVERIFY2(review.fixedText, located(review.findings).c_str());
    QCOMPARE(QString::fromStdString(*review.fixedText), expected);
}

void TestDockerfileReview::findingSitsOnItsInstruction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("finding"); // "line:column RULE-ID" that must be among the findings
    QTest::newRow("a heredoc RUN is judged by its body")
        << "FROM debian:12\nUSER 1\nRUN <<EOF\napt-get update\napt-get install -y gcc\nEOF\n"
        << "3:1 IMG-010";
    QTest::newRow("a continued RUN is found on its first line, indented keyword at its column")
        << "FROM debian:12\nUSER 1\n  RUN apt-get update \\\n   && apt-get dist-upgrade -y\n"
        << "3:3 IMG-009";
    QTest::newRow("the backtick escape joins lines just the same")
        << "# escape=`\nFROM debian:12\nUSER 1\nRUN curl -fsSL https://x.example/i.sh `\n  | sh\n"
        << "4:1 IMG-015";
    QTest::newRow("USER root is where the root finding points")
        << "FROM debian:12\nUSER app\nUSER root\nHEALTHCHECK NONE\n"
        << "3:1 IMG-001";
    QTest::newRow("HEALTHCHECK NONE is where the healthcheck finding points")
        << "FROM debian:12\nUSER app\nHEALTHCHECK NONE\n"
        << "3:1 IMG-002";
    QTest::newRow("EXPOSE 22 is found on the EXPOSE line") << "FROM debian:12\nUSER app\nEXPOSE 80 22\n"
                                                           << "3:1 IMG-012";
    QTest::newRow("an ARG default secret in a stage is build history")
        << "FROM debian:12\nARG DB_PASSWORD=Zx8qPl2mVn5rTs9w\nUSER app\n"
        << "2:1 SEC-003";
    QTest::newRow("a secret ENV set from a build argument is passed in at build time")
        << "FROM debian:12\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nUSER app\n"
        << "3:1 DKF-004";
    QTest::newRow("an ENV inherited through a stage chain is located in the earlier stage")
        << "FROM debian:12 AS base\nENV API_TOKEN=Zx8qPl2mVn5rTs9wQ4\nFROM base\nUSER app\n"
        << "2:1 SEC-002";
    QTest::newRow("ARG substitution in FROM makes the base image judged")
        << "ARG TAG=latest\nFROM debian:${TAG}\nUSER app\n"
        << "2:1 DKF-002";
    QTest::newRow("a global ARG whose default names an earlier one is expanded before FROM reads it")
        << "ARG V=latest\nARG BASE=debian:${V}\nFROM ${BASE}\nUSER app\n"
        << "3:1 DKF-002";
    QTest::newRow("a default holding a reference of its own is read to its closing brace")
        << "ARG TAG\nFROM debian:${TAG:-${FALLBACK:-latest}}\nUSER app\n"
        << "2:1 DKF-002";
}

void TestDockerfileReview::findingSitsOnItsInstruction()
{
    QFETCH(QString, text);
    QFETCH(QString, finding);
    const FileReview review = reviewDockerfile("Dockerfile", text.toStdString());
    QVERIFY2(!review.error, review.error ? review.error->message.c_str() : "");
    const std::string all = located(review.findings);
    QVERIFY2(contains(all, finding.toStdString() + "\n"), all.c_str());
}

void TestDockerfileReview::globalArgsChainIntoTheBaseImage()
{
    // ARG NODE_VERSION then ARG BASE=node:${NODE_VERSION}-slim then FROM ${BASE}: the builder expands the
    // second default with the first; a pinned base is then no DKF-002 and no "unresolved" note.
    const std::string text = "ARG NODE_VERSION=20.10\nARG BASE=node:${NODE_VERSION}-bookworm-slim\n"
                             "FROM ${BASE} AS deps\nRUN true\nFROM ${BASE}\nUSER node\nHEALTHCHECK NONE\n";
    const auto parsed = parseDockerfile(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->stages[0].resolvedBaseImage, std::string("node:20.10-bookworm-slim"));
    QVERIFY(parsed->stages[0].unresolvedVariables.empty());
    const FileReview review = reviewDockerfile("Dockerfile", text);
    for (const auto& f : review.findings) {
        QVERIFY2(f.ruleId != "DKF-002", f.evidence.c_str());
    }
    QVERIFY2(review.notes.empty() || !contains(join(review.notes, "\n"), "has no default"),
             join(review.notes, "\n").c_str());
    // A default naming a variable no global ARG sets leaves the base unresolved, as a plain unset one does.
    const auto unset = parseDockerfile("ARG BASE=node:${NODE_VERSION}\nFROM ${BASE}\n");
    QVERIFY(unset.ok());
    QVERIFY(!unset->stages[0].unresolvedVariables.empty());
}

void TestDockerfileReview::copyOfAFolderTakesTheContextsSecrets()
{
    QTemporaryDir dir;
    const auto write = [&dir](const QString& name, const QByteArray& bytes) {
        QDir().mkpath(QFileInfo(dir.filePath(name)).path());
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    const std::string text =
        "FROM node:20.10-slim\nWORKDIR /app\nCOPY package.json ./\nCOPY . .\n"
        "COPY config/ /etc/app/\nCOPY --from=node:20 /x /x\nUSER node\nHEALTHCHECK NONE\n";
    write(QStringLiteral("Dockerfile"), QByteArray::fromStdString(text));
    write(QStringLiteral(".env"), "DB_PASSWORD=Zx8qPl2mVn5rTs9w\n"); // kept out of git, not of the build
    write(QStringLiteral(".gitignore"), ".env\n");
    write(QStringLiteral(".env.example"), "DB_PASSWORD=\n"); // a template, no secret
    write(QStringLiteral("config/server.key"), "key\n");
    write(QStringLiteral("certs/ca.pem"), "pem\n"); // excluded below
    write(QStringLiteral("sub/ca.pem"), "pem\n");   // *.pem in .dockerignore is the root's only
    write(QStringLiteral("node_modules/lib/test/key.pem"), "sample\n"); // a package's fixture
    write(QStringLiteral(".dockerignore"), "# build context\ncerts\n*.pem\nnode_modules\n");
    const auto secrets = secretFilesInBuildContext(dir.path().toStdString(), "Dockerfile");
    QCOMPARE(QString::fromStdString(join(secrets, " ")), QStringLiteral(".env config/server.key sub/ca.pem"));
    const FileReview review = reviewDockerfile("Dockerfile", text, {}, {}, secrets);
    std::string all;
    for (const auto& f : review.findings) {
        if (f.ruleId == "DKF-001") {
            all += std::to_string(f.location->line) + ":" + f.discriminator + " ";
            QVERIFY2(contains(f.evidence, "from the build context"), f.evidence.c_str());
        }
    }
    // COPY . . takes all three; COPY config/ only its key; COPY package.json and COPY --from nothing.
    QCOMPARE(QString::fromStdString(all),
             QStringLiteral("4:.env 4:config/server.key 4:sub/ca.pem 5:config/server.key "));
    // The fix is in .dockerignore, not in the Dockerfile: the COPY stays.
    QVERIFY(!review.fixedText || contains(*review.fixedText, "COPY . .\n"));
    // Everything excluded: nothing found, the same Dockerfile reviewed as before.
    write(QStringLiteral(".dockerignore"), "**/*.key\n.env\n**/*.pem\nnode_modules\n");
    QVERIFY(secretFilesInBuildContext(dir.path().toStdString(), "Dockerfile").empty());
    // A Dockerfile's own ignore file wins over the context's.
    write(QStringLiteral("api.Dockerfile.dockerignore"), "*\n!config\n");
    QCOMPARE(QString::fromStdString(
                 join(secretFilesInBuildContext(dir.path().toStdString(), "api.Dockerfile"), " ")),
             QStringLiteral("config/server.key"));
}

void TestDockerfileReview::buildStagesGetTheBuildRulesNamedByStage()
{
    const std::string text = "FROM alpine:3.19 AS fetch\nRUN wget -qO- https://get.example.com | sh\n"
                             "ENV GITHUB_TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\nRUN apk add curl\n"
                             "FROM scratch\nCOPY --from=fetch /out /out\nUSER 1\nHEALTHCHECK NONE\n";
    const FileReview review = reviewDockerfile("build/Dockerfile", text);
    std::set<std::string> rules;
    for (const auto& f : review.findings) {
        rules.insert(f.ruleId);
        if (f.location->line <= 4) {
            QCOMPARE(f.object.name, std::string("build/Dockerfile:fetch"));
        }
        if (f.ruleId == "IMG-015" || f.ruleId == "SEC-002") {
            QVERIFY2(startsWith(f.evidence, "stage fetch: "), f.evidence.c_str());
        }
        QVERIFY(!contains(f.evidence, "ghp_0123456789"));
    }
    // The curl|sh and the secret are reported for the build stage; its package cache is not (not shipped).
    QVERIFY(rules.count("IMG-015"));
    QVERIFY(rules.count("SEC-002"));
    QVERIFY(!rules.count("IMG-010"));
    QVERIFY(!rules.count("IMG-001"));
}

void TestDockerfileReview::parseErrorFillsOnlyTheError()
{
    const std::string text = "FROM alpine\nRUN <<EOF\necho never closed\n";
    const FileReview review = reviewDockerfile("app/Dockerfile", text);
    QVERIFY(review.error);
    QVERIFY2(startsWith(review.error->message, "app/Dockerfile: Line 2, column 1:"),
             review.error->message.c_str());
    QVERIFY(review.findings.empty());
    QVERIFY(!review.fixedText);
    QVERIFY(review.fixedRuleIds.empty());
    QCOMPARE(review.originalText, text);
}

void TestDockerfileReview::runTooLongForAReviewIsAClearError()
{
    // Parsing 50,000 continuation lines is linear; judging one RUN's commands against each other is not.
    std::string text = "FROM debian:12\n  RUN true";
    for (int i = 0; i < 50000; ++i) {
        text += " \\\n && apt-get install -y gcc-" + std::to_string(i);
    }
    text += "\n";
    QVERIFY(parseDockerfile(text).ok());
    const FileReview review = reviewDockerfile("Dockerfile", text);
    QVERIFY(review.error);
    QCOMPARE(review.error->code, ErrorCode::TooLarge);
    QVERIFY2(
        startsWith(review.error->message, "Dockerfile: Line 2, column 3: this RUN holds more than 500 shell"),
        review.error->message.c_str());
    QVERIFY(review.findings.empty());
    QVERIFY(!review.fixedText);
}

void TestDockerfileReview::notesSayWhatIsLeftAlone()
{
    const std::string text = "FROM debian:12\nRUN curl -u deploy:Zx8qPl2mVn5rTs9w https://x.example/a\n";
    const FileReview review = reviewDockerfile("Dockerfile", text);
    const std::string notes = join(review.notes, "\n");
    QVERIFY2(contains(notes, "SEC-003 is not patched on line 2"), notes.c_str());
    QVERIFY2(contains(notes, "IMG-002 is not patched"), notes.c_str());
    QVERIFY(!contains(notes, "Zx8qPl2mVn5rTs9w"));
    for (const auto& f : review.findings) {
        QVERIFY(!contains(f.evidence, "Zx8qPl2mVn5rTs9w"));
    }
}

void TestDockerfileReview::scanSettingsApplyToRulesAndChecks()
{
    const std::string text = test::readData(kCorpus + QStringLiteral("nginx-proxy.Dockerfile"));
    ScanSettings settings;
    settings.disabledRules = {"DKF-001"};
    settings.severityOverrides = {{"IMG-001", Severity::High}, {"DKF-002", Severity::Critical}};
    const FileReview review = reviewDockerfile("nginx-proxy.Dockerfile", text, {}, settings);
    QCOMPARE(QString::fromStdString(located(review.findings)),
             QStringLiteral("2:1 DKF-002\n2:1 IMG-001\n4:1 IMG-004\n"));
    for (const auto& f : review.findings) {
        if (f.ruleId == "IMG-001") {
            QCOMPARE(f.severity, Severity::High);
        }
        if (f.ruleId == "DKF-002") {
            QCOMPARE(f.severity, Severity::Critical);
        }
    }
    settings = ScanSettings{};
    settings.onlyAreas = {Area::Secrets};
    const FileReview secretsOnly =
        reviewDockerfile("static-site.Dockerfile",
                         test::readData(kCorpus + QStringLiteral("static-site.Dockerfile")), {}, settings);
    QCOMPARE(QString::fromStdString(located(secretsOnly.findings)),
             QStringLiteral("1:1 DKF-005\n9:1 SEC-002\n"));
}

void TestDockerfileReview::dockerfileChecksHaveTheirTexts()
{
    std::set<std::string> ids;
    for (const auto& info : dockerfileCheckInfos()) {
        QVERIFY(startsWith(info.id, "DKF-"));
        QVERIFY(ids.insert(info.id).second);
        QVERIFY(!info.title.empty() && !info.rationale.empty() && !info.fix.empty());
    }
    QCOMPARE(ids.size(), std::size_t(5));
}

void TestDockerfileReview::largeFilesAreReviewed_data()
{
    QTest::addColumn<QString>("repeated");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("rule");
    QTest::newRow("a chain of 2,500 stages, each built on the one before")
        << "FROM s%1 AS s%2\nRUN wget -qO- https://x.example/i | sh\n"
        << 2500 << "IMG-015";
    QTest::newRow("5,000 ENV lines, each a secret") << "ENV DB_PASSWORD_%1=Zx8qPl2mVn5rTs9w%2\n"
                                                    << 5000 << "SEC-002";
    QTest::newRow("2,500 EXPOSE lines between apt-get lines") << "EXPOSE %1\nRUN apt-get install -y gcc-%2\n"
                                                              << 2500 << "IMG-010";
    QTest::newRow("2,500 independent stages with a secret each")
        << "FROM alpine:%1 AS s%2\nENV TOKEN=ghp_0123456789abcdefghijABCDEFGHIJ012345\n"
        << 2500 << "SEC-002";
}

void TestDockerfileReview::largeFilesAreReviewed()
{
    QFETCH(QString, repeated);
    QFETCH(int, count);
    QFETCH(QString, rule);
    QString text = QStringLiteral("FROM alpine:3.19 AS s0\n");
    for (int i = 0; i < count; ++i) {
        text += repeated.arg(i).arg(i + 1);
    }
    const FileReview review = reviewDockerfile("Dockerfile", text.toStdString());
    QVERIFY2(!review.error, review.error ? review.error->message.c_str() : "");
    QVERIFY(std::any_of(review.findings.begin(), review.findings.end(),
                        [&](const Finding& f) { return f.ruleId == rule.toStdString(); }));
}

QTEST_APPLESS_MAIN(TestDockerfileReview)
#include "TestDockerfileReview.moc"
