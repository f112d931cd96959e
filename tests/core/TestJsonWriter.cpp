// JsonWriter writes what nlohmann::json's dump writes for the same document, byte for byte, at every indent —
// including strings with quotes, control characters, non-ASCII text and invalid UTF-8 — so the scan JSON it
// writes is the documented one.
#include "core/report/JsonWriter.h"

#include <nlohmann/json.hpp>

#include <QTest>

using namespace drydock;

namespace {

// The same document through both: an object with every kind of value, nested and empty containers.
std::pair<std::string, std::string> bothWays(const std::string& text, int indent)
{
    nlohmann::ordered_json tree;
    tree["text"] = text;
    tree["number"] = -42;
    tree["count"] = std::size_t(7);
    tree["flag"] = true;
    tree["nothing"] = nullptr;
    tree["empty"] = nlohmann::ordered_json::object();
    tree["none"] = nlohmann::ordered_json::array();
    tree["list"] = {text, "b"};
    tree["nested"] = {{"inner", {{"deep", text}}}, {"after", false}};
    tree[text] = "a key from the daemon";
    tree["contents"] = {{"cvss", 7.5}, {"ids", {"CVE-1"}}};

    JsonWriter w(indent);
    w.beginObject().key("text").value(text).key("number").value(-42).key("count").value(std::size_t(7));
    w.key("flag").value(true).key("nothing").null();
    w.key("empty").beginObject().endObject().key("none").beginArray().endArray();
    w.stringArray("list", {text, "b"});
    w.key("nested").beginObject().key("inner").beginObject().key("deep").value(text).endObject();
    w.key("after").value(false).endObject();
    w.key(text).value("a key from the daemon");
    w.key("contents").serialised(nlohmann::ordered_json({{"cvss", 7.5}, {"ids", {"CVE-1"}}}).dump(indent));
    w.endObject();
    return {w.take(), tree.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace)};
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT
private slots:
    void writesWhatNlohmannDumpWrites_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("indent");
        QTest::newRow("plain text, indented by two") << QByteArray("web-1") << 2;
        QTest::newRow("plain text, compact") << QByteArray("web-1") << -1;
        QTest::newRow("plain text, indent zero") << QByteArray("web-1") << 0;
        QTest::newRow("plain text, indented by four") << QByteArray("web-1") << 4;
        QTest::newRow("quotes and backslashes") << QByteArray("say \"hi\" \\ C:\\path") << 2;
        QTest::newRow("every control character") << QByteArray("\x01\x02\b\t\n\x0b\f\r\x1f\x7f end", 14) << 2;
        QTest::newRow("a NUL byte inside") << QByteArray("a\0b", 3) << 2;
        QTest::newRow("non-ASCII text") << QByteArray("Grüße – 名前 🐳") << 2;
        QTest::newRow("invalid UTF-8 bytes") << QByteArray("bad \xff\xfe tail \xc3") << 2;
        QTest::newRow("an overlong encoding") << QByteArray("\xc0\xaf") << -1;
        QTest::newRow("a UTF-16 surrogate in UTF-8") << QByteArray("\xed\xa0\x80") << 2;
        QTest::newRow("an empty string") << QByteArray("") << 2;
        QTest::newRow("HTML from a label") << QByteArray("<script>alert(1)</script>") << 2;
    }
    void writesWhatNlohmannDumpWrites()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, indent);
        const auto [written, dumped] = bothWays(text.toStdString(), indent);
        QCOMPARE(QByteArray::fromStdString(written), QByteArray::fromStdString(dumped));
        QVERIFY(nlohmann::json::accept(written));
    }

    void aTopLevelArrayAndScalarsNeedNoKeys()
    {
        JsonWriter w(2);
        w.beginArray().value("a").value(1).beginArray().endArray().beginObject().endObject().endArray();
        QCOMPARE(QByteArray::fromStdString(w.take()),
                 QByteArray::fromStdString(nlohmann::ordered_json::parse(R"(["a",1,[],{}])").dump(2)));
    }
};

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "TestJsonWriter.moc"
