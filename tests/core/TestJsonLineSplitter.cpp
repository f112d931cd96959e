#include "core/docker/JsonLineSplitter.h"

#include <QTest>

using namespace drydock;

// JsonLineSplitter: whole event lines out of a stream, wherever the chunks happen to be cut.
class TestJsonLineSplitter : public QObject
{
    Q_OBJECT

private:
    static std::vector<std::string> feedAll(JsonLineSplitter& splitter,
                                            const std::vector<std::string>& chunks)
    {
        std::vector<std::string> lines;
        for (const auto& c : chunks) {
            auto r = splitter.feed(c, [&](std::string_view line) {
                lines.emplace_back(line);
                return true;
            });
            if (!r.ok()) {
                lines.push_back("ERROR");
            }
        }
        return lines;
    }

private slots:
    void splitsLines_data()
    {
        QTest::addColumn<QStringList>("chunks");
        QTest::addColumn<QStringList>("lines");
        QTest::newRow("one chunk with two whole lines")
            << QStringList{"{\"a\":1}\n{\"b\":2}\n"} << QStringList{"{\"a\":1}", "{\"b\":2}"};
        QTest::newRow("a line cut in the middle of a string")
            << QStringList{"{\"Action\":\"st", "art\"}\n"} << QStringList{"{\"Action\":\"start\"}"};
        QTest::newRow("a line cut across three chunks")
            << QStringList{"{\"a\"", ":", "1}\n"} << QStringList{"{\"a\":1}"};
        QTest::newRow("a cut right before the newline")
            << QStringList{"{\"a\":1}", "\n{\"b\":2}\n"} << QStringList{"{\"a\":1}", "{\"b\":2}"};
        QTest::newRow("CRLF endings and blank lines are dropped")
            << QStringList{"{\"a\":1}\r\n\r\n\n", "{\"b\":2}\r\n"} << QStringList{"{\"a\":1}", "{\"b\":2}"};
        QTest::newRow("an unfinished last line is held back")
            << QStringList{"{\"a\":1}\n{\"b\""} << QStringList{"{\"a\":1}"};
        QTest::newRow("a newline inside a chunk boundary pair")
            << QStringList{"{}\n", "\n", "{}\n"} << QStringList{"{}", "{}"};
    }

    void splitsLines()
    {
        QFETCH(QStringList, chunks);
        QFETCH(QStringList, lines);
        std::vector<std::string> in;
        for (const auto& c : chunks) {
            in.push_back(c.toStdString());
        }
        JsonLineSplitter splitter;
        const auto out = feedAll(splitter, in);
        QStringList got;
        for (const auto& l : out) {
            got << QString::fromStdString(l);
        }
        QCOMPARE(got, lines);
    }

    void everyCutOfAStreamGivesTheSameLines()
    {
        const std::string stream =
            "{\"Type\":\"container\",\"Action\":\"start\"}\n{\"Type\":\"image\"}\n{\"x\":\"é\"}\n";
        for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
            JsonLineSplitter splitter;
            const auto out = feedAll(splitter, {stream.substr(0, cut), stream.substr(cut)});
            QCOMPARE(out.size(), std::size_t(3));
            QCOMPARE(out[0], std::string("{\"Type\":\"container\",\"Action\":\"start\"}"));
            QCOMPARE(out[2], std::string("{\"x\":\"é\"}"));
            QCOMPARE(splitter.pendingBytes(), std::size_t(0));
        }
    }

    void stopsWhenTheHandlerSaysSo()
    {
        JsonLineSplitter splitter;
        int seen = 0;
        auto r = splitter.feed("a\nb\nc\n", [&](std::string_view) { return ++seen < 2; });
        QVERIFY(r.ok());
        QCOMPARE(r.value(), false);
        QCOMPARE(seen, 2);
    }

    void refusesAnEndlessLine()
    {
        JsonLineSplitter splitter(16);
        auto first = splitter.feed("0123456789", [](std::string_view) { return true; });
        QVERIFY(first.ok());
        auto second = splitter.feed("0123456789", [](std::string_view) { return true; });
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::MalformedResponse);
        QCOMPARE(splitter.pendingBytes(), std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestJsonLineSplitter)
#include "TestJsonLineSplitter.moc"
