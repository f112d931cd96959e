// UnifiedDiff: the diffs `drydock check --diff` prints apply with patch(1) and show only what changed.
#include "core/files/UnifiedDiff.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace drydock;

namespace {

void writeFile(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString(), std::ios::binary) << text;
}

std::string readFile(const QString& path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Applies diff to before with patch(1) and returns the result.
std::string applyWithPatch(const std::string& before, const std::string& diff)
{
    QTemporaryDir dir;
    writeFile(dir.filePath("file.txt"), before);
    writeFile(dir.filePath("fix.diff"), diff);
    QProcess patch;
    patch.setWorkingDirectory(dir.path());
    patch.start("patch", {"-p1", "--quiet", "-i", "fix.diff"});
    patch.waitForFinished(30000);
    if (patch.exitCode() != 0) {
        return "patch failed: " + patch.readAllStandardOutput().toStdString() + patch.readAllStandardError().toStdString();
    }
    return readFile(dir.filePath("file.txt"));
}

} // namespace

class TestUnifiedDiff : public QObject
{
    Q_OBJECT

private slots:
    void equalTextsHaveNoDiff() { QCOMPARE(unifiedDiff("a\nb\n", "a\nb\n", "x"), std::string()); }

    void oneAddedLineIsOneHunkWithContext()
    {
        const std::string before = "services:\n  web:\n    image: nginx:1.25\n    ports:\n      - 80:80\n";
        const std::string after = "services:\n  web:\n    image: nginx:1.25\n    read_only: true\n    ports:\n      - 80:80\n";
        const std::string expected = "--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,5 +1,6 @@\n services:\n   web:\n"
                                     "     image: nginx:1.25\n+    read_only: true\n     ports:\n       - 80:80\n";
        QCOMPARE(unifiedDiff(before, after, "compose.yaml"), expected);
    }

    void aMissingFinalNewlineIsMarked()
    {
        const std::string diff = unifiedDiff("a\nb", "a\nc", "file.txt");
        QVERIFY(diff.find("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n") != std::string::npos);
        QCOMPARE(applyWithPatch("a\nb", diff), std::string("a\nc"));
    }

    void distantChangesAreSeparateHunks()
    {
        std::string before;
        for (int i = 0; i < 40; ++i) {
            before += "line " + std::to_string(i) + "\n";
        }
        std::string after = before;
        after.replace(after.find("line 2\n"), 7, "line two\n");
        after.replace(after.find("line 30\n"), 8, "line thirty\n");
        const std::string diff = unifiedDiff(before, after, "file.txt");
        QCOMPARE(std::count(diff.begin(), diff.end(), '@') / 4, 2L);
        QCOMPARE(applyWithPatch(before, diff), after);
    }

    void randomEditsApplyWithPatch()
    {
        QRandomGenerator rng(21);
        for (int round = 0; round < 60; ++round) {
            std::vector<std::string> lines;
            const int n = rng.bounded(0, 60);
            for (int i = 0; i < n; ++i) {
                lines.push_back("l" + std::to_string(rng.bounded(0, 8)) + "\n"); // repeats make diffs ambiguous
            }
            std::vector<std::string> changed = lines;
            const int edits = rng.bounded(1, 8);
            for (int e = 0; e < edits; ++e) {
                const int op = rng.bounded(0, 3);
                const auto at = changed.empty() ? 0 : rng.bounded(0, static_cast<int>(changed.size()));
                if (op == 0 || changed.empty()) {
                    changed.insert(changed.begin() + at, "new" + std::to_string(e) + "\n");
                } else if (op == 1) {
                    changed.erase(changed.begin() + at);
                } else {
                    changed[static_cast<std::size_t>(at)] = "changed" + std::to_string(e) + "\n";
                }
            }
            std::string before;
            std::string after;
            for (const auto& l : lines) {
                before += l;
            }
            for (const auto& l : changed) {
                after += l;
            }
            const std::string diff = unifiedDiff(before, after, "file.txt");
            if (before == after) {
                QVERIFY(diff.empty());
                continue;
            }
            QCOMPARE(applyWithPatch(before, diff), after);
        }
    }

    // A project folder's name is the repository's choice, not the user's: a name with a newline must not
    // become a header of its own (sending patch(1) to another file), and a space must not end the name.
    void oddFileNamesApplyToThatFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a space") << QStringLiteral("my app/compose.yaml");
        QTest::newRow("a newline that spells a header")
            << QStringLiteral("x\n+++ b/evil.yaml\n/compose.yaml");
        QTest::newRow("a tab, a quote and a backslash") << QStringLiteral("a\tb\"c\\d/compose.yaml");
        QTest::newRow("shell syntax") << QStringLiteral("$(touch PWNED)/compose.yaml");
    }

    void oddFileNamesApplyToThatFile()
    {
        QFETCH(QString, path);
        const std::string diff = unifiedDiff("a\nb\n", "a\nc\n", path.toStdString());
        QCOMPARE(std::count(diff.begin(), diff.end(), '\n'), 6L); // two headers, the hunk header, three lines
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QFileInfo(dir.filePath(path)).path()));
        writeFile(dir.filePath(path), "a\nb\n");
        writeFile(dir.filePath("evil.yaml"), "a\nb\n");
        writeFile(dir.filePath("fix.diff"), diff);
        QProcess patch;
        patch.setWorkingDirectory(dir.path());
        patch.start("patch", {"-p1", "--quiet", "--batch", "-i", "fix.diff"});
        QVERIFY(patch.waitForFinished(30000));
        QVERIFY2(patch.exitCode() == 0, patch.readAll().constData());
        QCOMPARE(readFile(dir.filePath(path)), std::string("a\nc\n"));
        QCOMPARE(readFile(dir.filePath("evil.yaml")), std::string("a\nb\n"));
    }

    void unrelatedLargeFilesStayBounded()
    {
        std::string before;
        std::string after;
        for (int i = 0; i < 20000; ++i) {
            before += "a" + std::to_string(i) + "\n";
            after += "b" + std::to_string(i) + "\n";
        }
        const std::string diff = unifiedDiff(before, after, "file.txt");
        QCOMPARE(applyWithPatch(before, diff), after);
    }
    // diffLines (the Files page's side-by-side view): the same edit script, numbered on both sides.
    void lineDiffNumbersBothSides()
    {
        const auto rows = diffLines("a\nb\nc\n", "a\nB\nc\nd");
        QCOMPARE(rows.size(), std::size_t(5));
        QCOMPARE(rows[0].op, DiffLine::Op::Kept);
        QCOMPARE(rows[1].op, DiffLine::Op::Removed);
        QCOMPARE(rows[1].text, std::string("b"));
        QCOMPARE(rows[1].beforeLine, 2);
        QCOMPARE(rows[1].afterLine, 0);
        QCOMPARE(rows[2].op, DiffLine::Op::Added);
        QCOMPARE(rows[2].text, std::string("B"));
        QCOMPARE(rows[2].afterLine, 2);
        QCOMPARE(rows[3].beforeLine, 3);
        QCOMPARE(rows[3].afterLine, 3);
        QCOMPARE(rows[4].op, DiffLine::Op::Added);
        QCOMPARE(rows[4].text, std::string("d"));
        QCOMPARE(rows[4].afterLine, 4);
    }
};

QTEST_GUILESS_MAIN(TestUnifiedDiff)
#include "TestUnifiedDiff.moc"
