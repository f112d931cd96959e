// StringSetSearch: many strings found in one pass, the longest at each end position, compared with the naive
// search on random texts; and the masking it serves: every secret of a file full of them, overlaps as one.
#include "core/common/StringSetSearch.h"
#include "core/files/FileReview.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace drydock;

class TestStringSetSearch : public QObject
{
    Q_OBJECT

private:
    // The longest string ending at each end position, by trying every string at every position.
    static std::map<std::size_t, std::size_t> naive(const std::vector<std::string>& strings,
                                                    std::string_view text)
    {
        std::map<std::size_t, std::size_t> longest; // end → string
        for (std::size_t s = 0; s < strings.size(); ++s) {
            if (strings[s].empty()) {
                continue;
            }
            for (std::size_t at = text.find(strings[s]); at != std::string_view::npos;
                 at = text.find(strings[s], at + 1)) {
                const std::size_t end = at + strings[s].size();
                const auto it = longest.find(end);
                if (it == longest.end() || strings[it->second].size() < strings[s].size()) {
                    longest[end] = s;
                }
            }
        }
        return longest;
    }

private slots:
    void findsTheLongestStringEndingAtEachPlace()
    {
        const std::vector<std::string> strings{"he", "she", "his", "hers", ""};
        const auto hits = StringSetSearch(strings).findAll("ushers and his");
        std::vector<std::pair<std::size_t, std::string>> seen;
        for (const auto& h : hits) {
            seen.emplace_back(h.begin, strings[h.string]);
        }
        // "she" ends where "he" does and is longer; "hers" overlaps it.
        const std::vector<std::pair<std::size_t, std::string>> expected{{1, "she"}, {2, "hers"}, {11, "his"}};
        QCOMPARE(seen, expected);
    }

    void agreesWithTheNaiveSearchOnRandomTexts()
    {
        QRandomGenerator random(20261207);
        for (int round = 0; round < 200; ++round) {
            std::vector<std::string> strings(random.bounded(1, 12));
            for (auto& s : strings) {
                s.resize(random.bounded(1, 6));
                for (char& c : s) {
                    c = char('a' + random.bounded(3)); // a small alphabet: many overlaps and suffixes
                }
            }
            std::string text(random.bounded(0, 200), 'a');
            for (char& c : text) {
                c = char('a' + random.bounded(3));
            }
            std::map<std::size_t, std::size_t> found;
            for (const auto& h : StringSetSearch(strings).findAll(text)) {
                found[h.begin + strings[h.string].size()] = h.string;
            }
            const auto expected = naive(strings, text);
            QCOMPARE(found.size(), expected.size());
            for (const auto& [end, s] : expected) {
                QVERIFY(found.count(end));
                QCOMPARE(strings[found[end]].size(), strings[s].size()); // equal strings may differ in index
            }
        }
    }

    void aFileFullOfSecretsIsMaskedEverywhere()
    {
        // 20,000 passwords (bench_file_masking prints how long this takes; masking each value on its own
        // copied the file once per value: minutes).
        std::string text = "services:\n  app:\n    image: example/app:1.2\n    environment:\n";
        QRandomGenerator random(7);
        std::vector<std::string> values;
        for (int i = 0; i < 20000; ++i) {
            std::string v = "Pw-";
            for (int k = 0; k < 12; ++k) {
                v += char('A' + random.bounded(26));
            }
            values.push_back(v);
            text += "      APP" + std::to_string(i) + "_PASSWORD: " + v + "\n";
        }
        const std::string shown = maskedFileText(text, ReviewedFileKind::Compose);
        for (std::size_t i = 0; i < values.size(); i += 97) {
            QVERIFY2(shown.find(values[i]) == std::string::npos, values[i].c_str());
        }
        QVERIFY(shown.find("      APP19999_PASSWORD: ******") != std::string::npos);
    }

    void overlappingSecretsAreMaskedAsOne()
    {
        // "prefS3cret" and "S3cretLongValue" overlap in the text: neither part may show.
        const std::string text = "services:\n  app:\n    image: example/app:1.2\n    environment:\n"
                                 "      A_PASSWORD: prefS3cret\n      B_PASSWORD: S3cretLongValue\n"
                                 "    command: run prefS3cretLongValue\n";
        const std::string shown = maskedFileText(text, ReviewedFileKind::Compose);
        QVERIFY2(shown.find("LongValue") == std::string::npos, shown.c_str());
        QVERIFY2(shown.find("pref") == std::string::npos, shown.c_str());
        QVERIFY2(shown.find("    command: run ******") != std::string::npos, shown.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStringSetSearch)
#include "TestStringSetSearch.moc"
