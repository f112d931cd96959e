#include "core/common/Strings.h"
#include "core/files/dockerfile/DockerfileParser.h"

#include <QTest>

using namespace drydock;

namespace {

// A compact, comparable description of a parse: one line per instruction,
// "KEYWORD@line:column-endLine [flags] {exec|shell} args | heredocs", stages after "--".
std::string describe(const Dockerfile& file)
{
    std::string out = "escape=" + std::string(1, file.escape) + "\n";
    for (const auto& in : file.instructions) {
        out += in.keyword + "@" + std::to_string(in.line) + ":" + std::to_string(in.column) + "-" +
               std::to_string(in.endLine);
        for (const auto& flag : in.flags) {
            out += " --" + flag.name + "=" + flag.value;
        }
        if (in.execForm) {
            out += " exec[" + join(in.execArguments, "|") + "]";
        } else {
            out += " shell<" + in.arguments + ">";
        }
        for (const auto& pair : in.pairs) {
            out += " " + pair.name + (pair.value ? "=" + *pair.value : std::string("(none)"));
        }
        for (const auto& h : in.heredocs) {
            out += " heredoc(" + h.delimiter + (h.stripTabs ? ",strip" : "") + (h.quoted ? ",quoted" : "") +
                   "):" + replaceAll(h.body, "\n", "\\n");
        }
        out += "\n";
    }
    out += "--\n";
    for (const auto& stage : file.stages) {
        out += std::to_string(stage.index) + " " + stage.baseImage + " => " + stage.resolvedBaseImage +
               (stage.name.empty() ? "" : " as " + stage.name) +
               (stage.baseStage >= 0 ? " from stage " + std::to_string(stage.baseStage) : "") + " [" +
               std::to_string(stage.fromInstruction) + "," + std::to_string(stage.endInstruction) + ")\n";
    }
    return out;
}

} // namespace

// The Dockerfile parser: one row per feature of the Dockerfile reference, and hostile inputs.
class TestDockerfileParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesReferenceFeature_data();
    void parsesReferenceFeature();
    void rejectsWithClearError_data();
    void rejectsWithClearError();
    void originalTextCoversEveryLine();
    void hostileInputsStayBounded();
    void substitutesVariables_data();
    void substitutesVariables();
};

void TestDockerfileParser::parsesReferenceFeature_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a keyword is upper-cased and keeps its line and column")
        << "from alpine:3.19\n  run echo hi\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine:3.19>\nRUN@2:3-2 shell<echo hi>\n--\n0 alpine:3.19 => "
           "alpine:3.19 "
           "[0,2)\n";
    QTest::newRow("continuation lines are joined without the escape character")
        << "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n"
        << "escape=\\\nFROM@1:1-1 shell<debian:12>\nRUN@2:1-3 shell<apt-get update &&     apt-get install -y "
           "curl>\n"
           "--\n0 debian:12 => debian:12 [0,2)\n";
    QTest::newRow("comment and empty lines inside a continuation are skipped")
        << "FROM debian:12\nRUN a \\\n# a comment\n\n    && b\n"
        << "escape=\\\nFROM@1:1-1 shell<debian:12>\nRUN@2:1-5 shell<a     && b>\n--\n0 debian:12 => "
           "debian:12 [0,2)\n";
    QTest::newRow("the escape directive makes the backtick continue lines")
        << "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir c:\\ `\n  && echo done\n"
        << "escape=`\nFROM@2:1-2 shell<mcr.microsoft.com/windows/servercore>\nRUN@3:1-4 shell<dir c:\\   && "
           "echo "
           "done>\n--\n0 mcr.microsoft.com/windows/servercore => mcr.microsoft.com/windows/servercore "
           "[0,2)\n";
    QTest::newRow("a directive after a comment is only a comment")
        << "# hello\n# escape=`\nFROM alpine\n"
        << "escape=\\\nFROM@3:1-3 shell<alpine>\n--\n0 alpine => alpine [0,1)\n";
    QTest::newRow("the JSON form is an exec form")
        << "FROM alpine\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nCMD@2:1-2 exec[nginx|-g|daemon off;]\n--\n0 alpine => "
           "alpine "
           "[0,2)\n";
    QTest::newRow("invalid JSON falls back to the shell form")
        << "FROM alpine\nCMD [nginx, -g]\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nCMD@2:1-2 shell<[nginx, -g]>\n--\n0 alpine => alpine "
           "[0,2)\n";
    QTest::newRow("JSON escapes are decoded")
        << "FROM alpine\nENTRYPOINT [\"/bin/echo\", \"a\\\"b\\u00e9\"]\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nENTRYPOINT@2:1-2 exec[/bin/echo|a\"b\xc3\xa9]\n--\n0 alpine "
           "=> "
           "alpine [0,2)\n";
    QTest::newRow("flags of COPY and RUN are parsed before the arguments")
        << "FROM alpine\nCOPY --from=build --chown=app:app --chmod=0755 /out /app\nRUN "
           "--mount=type=cache,target=/root/.cache make\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nCOPY@2:1-2 --from=build --chown=app:app --chmod=0755 "
           "shell</out "
           "/app>\nRUN@3:1-3 --mount=type=cache,target=/root/.cache shell<make>\n--\n0 alpine => alpine "
           "[0,3)\n";
    QTest::newRow("a heredoc runs its body")
        << "FROM alpine\nRUN <<EOF\napk add curl\necho done\nEOF\nUSER app\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nRUN@2:1-5 shell<<<EOF> heredoc(EOF):apk add curl\\necho "
           "done\\n\nUSER@6:1-6 shell<app>\n--\n0 alpine => alpine [0,3)\n";
    QTest::newRow("a dash heredoc strips leading tabs and a quoted one is marked")
        << "FROM alpine\nRUN <<-'END'\n\techo $HOME\n\tEND\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nRUN@2:1-4 shell<<<-'END'> heredoc(END,strip,quoted):echo "
           "$HOME\\n\n--\n0 alpine => alpine [0,2)\n";
    QTest::newRow("two heredocs on one line are read in order")
        << "FROM alpine\nCOPY <<A <<B /dst/\none\nA\ntwo\nB\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nCOPY@2:1-6 shell<<<A <<B /dst/> heredoc(A):one\\n "
           "heredoc(B):two\\n\n--\n0 alpine => alpine [0,2)\n";
    QTest::newRow("a quoted << is no heredoc") << "FROM alpine\nRUN echo \"<<EOF\"\n"
                                               << "escape=\\\nFROM@1:1-1 shell<alpine>\nRUN@2:1-2 shell<echo "
                                                  "\"<<EOF\">\n--\n0 alpine => alpine [0,2)\n";
    QTest::newRow("multi-stage builds name their stages and find the stage they build on")
        << "FROM golang:1.22 AS build\nRUN go build\nFROM build as test\nFROM scratch\nCOPY --from=build /a "
           "/a\n"
        << "escape=\\\nFROM@1:1-1 shell<golang:1.22 AS build>\nRUN@2:1-2 shell<go build>\nFROM@3:1-3 "
           "shell<build as "
           "test>\nFROM@4:1-4 shell<scratch>\nCOPY@5:1-5 --from=build shell</a /a>\n--\n0 golang:1.22 => "
           "golang:1.22 as build [0,2)\n1 build => build as test from stage 0 [2,3)\n2 scratch => scratch "
           "[3,5)\n";
    QTest::newRow("ARG before FROM is substituted into FROM")
        << "ARG NODE_VERSION=20\nARG VARIANT\nFROM node:${NODE_VERSION}-alpine${VARIANT:-3.19}\n"
        << "escape=\\\nARG@1:1-1 shell<NODE_VERSION=20> NODE_VERSION=20\nARG@2:1-2 shell<VARIANT> "
           "VARIANT(none)\nFROM@3:1-3 shell<node:${NODE_VERSION}-alpine${VARIANT:-3.19}>\n--\n0 "
           "node:${NODE_VERSION}-alpine${VARIANT:-3.19} => node:20-alpine3.19 [2,3)\n";
    QTest::newRow("ENV pairs unquote their values and the old form keeps the rest of the line")
        << "FROM alpine\nENV A=\"x y\" B=z\\ w\nENV PATH /usr/local/bin:$PATH\nLABEL "
           "org.opencontainers.image.title='My "
           "app'\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nENV@2:1-2 shell<A=\"x y\" B=z\\ w> A=x y B=z w\nENV@3:1-3 "
           "shell<PATH /usr/local/bin:$PATH> PATH=/usr/local/bin:$PATH\nLABEL@4:1-4 "
           "shell<org.opencontainers.image.title='My app'> org.opencontainers.image.title=My app\n--\n0 "
           "alpine => "
           "alpine [0,4)\n";
    QTest::newRow("syntax, escape and check directives are all read at the top")
        << "# syntax=docker/dockerfile:1\n#  ESCAPE = `\n# check=skip=JSONArgsRecommended\nFROM alpine\n"
        << "escape=`\nFROM@4:1-4 shell<alpine>\n--\n0 alpine => alpine [0,1)\n";
    QTest::newRow("a directive after an empty line is only a comment")
        << "\n# escape=`\nFROM alpine\n"
        << "escape=\\\nFROM@3:1-3 shell<alpine>\n--\n0 alpine => alpine [0,1)\n";
    QTest::newRow("HEALTHCHECK flags are parsed and ONBUILD keeps its instruction as arguments")
        << "FROM alpine\nHEALTHCHECK --interval=30s --retries=3 CMD [\"/bin/check\"]\nONBUILD RUN make\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nHEALTHCHECK@2:1-2 --interval=30s --retries=3 "
           "shell<CMD [\"/bin/check\"]>\nONBUILD@3:1-3 shell<RUN make>\n--\n0 alpine => alpine [0,3)\n";
    QTest::newRow("an empty JSON array is an exec form with nothing in it")
        << "FROM alpine\nCMD []\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nCMD@2:1-2 exec[]\n--\n0 alpine => alpine [0,2)\n";
    QTest::newRow("FROM --platform is a flag, and an unset variable in FROM stays empty")
        << "FROM --platform=$BUILDPLATFORM golang:${GO}1.22 AS build\n"
        << "escape=\\\nFROM@1:1-1 --platform=$BUILDPLATFORM shell<golang:${GO}1.22 AS build>\n--\n0 "
           "golang:${GO}1.22 "
           "=> golang:1.22 as build [0,1)\n";
    QTest::newRow("a byte order mark and CRLF line endings are read as the builder reads them")
        << "\xEF\xBB\xBF"
           "FROM alpine\r\nRUN a \\\r\n  b\r\n"
        << "escape=\\\nFROM@1:1-1 shell<alpine>\nRUN@2:1-3 shell<a   b>\n--\n0 alpine => alpine [0,2)\n";
}

void TestDockerfileParser::parsesReferenceFeature()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = parseDockerfile(text.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
    QCOMPARE(QString::fromStdString(describe(*parsed)), expected);
}

void TestDockerfileParser::rejectsWithClearError_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // a part of the message
    QTest::newRow("an unterminated heredoc names its line and delimiter")
        << QByteArray("FROM alpine\nRUN <<EOF\necho hi\n") << "Line 2, column 1: the heredoc <<EOF";
    QTest::newRow("a NUL byte names its line and column")
        << QByteArray("FROM alpine\nRUN a\0b\n", 20) << "Line 2, column 6: the file holds a NUL byte";
    QTest::newRow("invalid UTF-8 names its line and column")
        << QByteArray("FROM alpine\nLABEL a=\xff\n") << "Line 2, column 9: the file is not valid UTF-8";
    QTest::newRow("an unknown instruction names it")
        << QByteArray("FROM alpine\nRUNN echo\n") << "Line 2, column 1: unknown instruction \"RUNN\"";
    QTest::newRow("an instruction before FROM is refused")
        << QByteArray("RUN echo\nFROM alpine\n") << "Line 1, column 1: RUN comes before the first FROM";
    QTest::newRow("a file without FROM is refused")
        << QByteArray("# just a comment\n") << "has no FROM instruction";
    QTest::newRow("an escape directive other than backslash or backtick is refused")
        << QByteArray("# escape=x\nFROM alpine\n") << "Line 1, column 1: the escape directive accepts only";
    QTest::newRow("FROM with two words is refused")
        << QByteArray("FROM alpine latest\n") << "FROM takes an image and optionally";
}

void TestDockerfileParser::rejectsWithClearError()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const auto parsed =
        parseDockerfile(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
    QVERIFY(!parsed.ok());
    QVERIFY2(QString::fromStdString(parsed.error().message).contains(expected),
             parsed.error().message.c_str());
}

void TestDockerfileParser::originalTextCoversEveryLine()
{
    const std::string text =
        "# syntax=docker/dockerfile:1\nFROM alpine\n\n# note\nRUN a \\\n  b\nCOPY <<X /x\nbody\nX\n";
    const auto parsed = parseDockerfile(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->directives.size(), std::size_t(1));
    QCOMPARE(parsed->instructions.size(), std::size_t(3));
    QCOMPARE(parsed->instructions[1].original, std::string("RUN a \\\n  b\n"));
    QCOMPARE(parsed->instructions[2].original, std::string("COPY <<X /x\nbody\nX\n"));
    for (const auto& in : parsed->instructions) {
        QCOMPARE(text.substr(in.beginOffset, in.endOffset - in.beginOffset), in.original);
    }
}

void TestDockerfileParser::hostileInputsStayBounded()
{
    FileReviewLimits limits;
    // 100,000 continuation lines make one long instruction, read in linear time.
    std::string many = "FROM alpine\nRUN true";
    for (int i = 0; i < 100000; ++i) {
        many += " \\\n && true";
    }
    many += "\n";
    const auto longRun = parseDockerfile(many, limits);
    QVERIFY(longRun.ok());
    QCOMPARE(longRun->instructions.back().endLine, 100002);

    // A file over the size limit is refused before anything is read.
    limits.maxFileBytes = 1024;
    const auto huge = parseDockerfile(std::string(4096, '#'), limits);
    QVERIFY(!huge.ok());
    QCOMPARE(huge.error().code, ErrorCode::TooLarge);
    QVERIFY(QString::fromStdString(huge.error().message).contains("over the limit of 1024 bytes"));

    // Too many instructions.
    limits = FileReviewLimits{};
    limits.maxDockerfileInstructions = 100;
    std::string instructions = "FROM alpine\n";
    for (int i = 0; i < 200; ++i) {
        instructions += "RUN true\n";
    }
    const auto tooMany = parseDockerfile(instructions, limits);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, ErrorCode::TooLarge);
    QVERIFY(QString::fromStdString(tooMany.error().message).contains("more than 100 instructions"));

    // An unterminated heredoc at the end of a large file: an error, not a hang.
    std::string open = "FROM alpine\nRUN <<EOF\n";
    for (int i = 0; i < 50000; ++i) {
        open += "echo line\n";
    }
    const auto unterminated = parseDockerfile(open);
    QVERIFY(!unterminated.ok());
    QVERIFY(QString::fromStdString(unterminated.error().message).contains("has no closing line"));
}

void TestDockerfileParser::substitutesVariables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("unset");
    QTest::newRow("a braced and a bare variable") << "${A}:$A"
                                                  << "1:1"
                                                  << "";
    QTest::newRow("a default applies to an unset variable") << "${B:-x}${B-y}"
                                                            << "xy"
                                                            << "";
    QTest::newRow("colon-dash also replaces an empty value") << "${E:-x}|${E-y}"
                                                             << "x|"
                                                             << "";
    QTest::newRow("plus gives the word only when set") << "${A:+on}${B:+on}"
                                                       << "on"
                                                       << "";
    QTest::newRow("an unset variable is empty and reported") << "img:${TAG}"
                                                             << "img:"
                                                             << "TAG";
    QTest::newRow("an escaped dollar stays") << "\\$A"
                                             << "\\$A"
                                             << "";
}

void TestDockerfileParser::substitutesVariables()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(QString, unset);
    std::vector<std::string> missing;
    const std::map<std::string, std::string> values{{"A", "1"}, {"E", ""}};
    QCOMPARE(QString::fromStdString(substituteVariables(text.toStdString(), values, '\\', &missing)),
             expected);
    QCOMPARE(QString::fromStdString(join(missing, ",")), unset);
}

QTEST_APPLESS_MAIN(TestDockerfileParser)
#include "TestDockerfileParser.moc"
