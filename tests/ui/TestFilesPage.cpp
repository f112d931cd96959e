// The Files page: a project folder's compose files and Dockerfiles listed with their worst severity; a file's
// findings beside its text with the lines marked; its fix side by side, copied as a unified diff or applied
// to the real file (with a backup, refused when the file changed on disk); hostile file text shown as plain
// text. The reviewer is the test's own: it reads the files on disk and builds each FileReview by hand.
#include "core/files/UnifiedDiff.h"
#include "ui/MainWindow.h"
#include "ui/bridge/FilesController.h"
#include "ui/models/FileFindingsModel.h"
#include "ui/models/ProjectFilesModel.h"
#include "ui/pages/FilesPage.h"
#include "ui/widgets/CodeTextView.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SourceView.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolTip>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace drydock;
using namespace drydock::ui;

namespace {

void writeFile(const QString& path, const std::string& text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    std::ofstream(path.toStdString(), std::ios::binary | std::ios::trunc) << text;
}

std::string readFile(const QString& path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string kPrivileged = "    privileged: true\n";
const std::string kHardened = "    read_only: true\n    security_opt:\n      - no-new-privileges:true\n";

// One file as the test's reviewer sees it: a finding on every line naming "privileged: true" (critical, with
// a fix) or ":latest" (medium, no fix); a file holding "PARSE-ERROR" could not be parsed.
FileReview reviewText(const std::string& path, ReviewedFileKind kind, const std::string& text)
{
    FileReview review;
    review.path = path;
    review.kind = kind;
    review.originalText = text;
    if (text.find("PARSE-ERROR") != std::string::npos) {
        review.error =
            Error::make(ErrorCode::InvalidArgument, path + ":2:3: mapping values are not allowed here");
        return review;
    }
    std::istringstream lines(text);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n) {
        Finding f;
        f.location = SourceLocation{path, n, 5};
        f.object.name = "web";
        if (line.find("privileged: true") != std::string::npos) {
            f.ruleId = "CTR-001";
            f.severity = Severity::Critical;
            f.title = "Container runs privileged";
            f.evidence = "privileged: true";
        } else if (line.find(":latest") != std::string::npos) {
            f.ruleId = "IMG-001";
            f.severity = Severity::Medium;
            f.title = "Image uses the mutable tag latest";
            f.evidence = line;
        } else {
            continue;
        }
        review.findings.push_back(f);
    }
    if (const auto at = text.find(kPrivileged); at != std::string::npos) {
        review.fixedText = std::string(text).replace(at, kPrivileged.size(), kHardened);
        review.fixedRuleIds = {"CTR-001"};
    }
    if (kind == ReviewedFileKind::Compose && text.find("${DB_PASSWORD}") != std::string::npos) {
        review.notes.push_back("DB_PASSWORD is not set; read as empty");
    }
    if (kind == ReviewedFileKind::Compose && text.find("${API_TOKEN}") != std::string::npos) {
        review.notes.push_back("API_TOKEN is not set; read as empty");
    }
    return review;
}

// A reviewer over the real files: what discovery finds under the folder, each reviewed by reviewText.
ProjectReviewer diskReviewer(std::shared_ptr<std::atomic<int>> calls)
{
    return [calls](const ProjectReviewOptions& options, const CancelToken&) -> Result<ProjectReview> {
        ++*calls;
        auto set = discoverProjectFiles(options.discovery);
        if (!set) {
            return set.error();
        }
        ProjectReview review;
        for (const auto& group : set.value().composeGroups) {
            for (const auto& path : group.files) {
                review.files.push_back(
                    reviewText(path, ReviewedFileKind::Compose, readFile(QString::fromStdString(path))));
            }
        }
        for (const auto& path : set.value().dockerfiles) {
            review.files.push_back(
                reviewText(path, ReviewedFileKind::Dockerfile, readFile(QString::fromStdString(path))));
        }
        return review;
    };
}

const std::string kCompose =
    "services:\n  web:\n    image: nginx:latest\n" + kPrivileged +
    "    environment:\n      DB_PASSWORD: ${DB_PASSWORD}\n    ports:\n      - \"80:80\"\n";

} // namespace

class TestFilesPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<std::atomic<int>> m_calls;
    std::unique_ptr<FilesController> m_controller;
    std::unique_ptr<FilesPage> m_page;
    QStringList m_questions; // what the Apply prompt asked
    bool m_confirm = true;

    QString path(const QString& name) const { return m_dir->filePath(name); }

    // The page over a folder with a compose file, a Dockerfile, a clean Dockerfile and a broken compose file,
    // after its first check.
    void openProject()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        writeFile(path("compose.yaml"), kCompose);
        writeFile(path("Dockerfile"), "FROM debian:latest\nRUN apt-get update\n");
        writeFile(path("clean/Dockerfile"), "FROM debian:12\nUSER app\n");
        writeFile(path("broken/compose.yml"), "services:\n  web: PARSE-ERROR: x\n");
        openFolder();
    }

    void openFolder()
    {
        m_calls = std::make_shared<std::atomic<int>>(0);
        m_page.reset();
        m_controller = std::make_unique<FilesController>(diskReviewer(m_calls));
        m_page = std::make_unique<FilesPage>(m_controller.get());
        m_page->setConfirmPrompt([this](QWidget*, const QString& question) {
            m_questions << question;
            return m_confirm;
        });
        m_page->resize(1200, 800);
        m_page->show();
        QSignalSpy finished(m_controller.get(), &FilesController::finished);
        m_controller->open(m_dir->path());
        QVERIFY(finished.wait(10000));
    }

    int fileRow(const QString& name) const { return m_page->filesModel()->rowOf(path(name)); }

    QVariant filesCell(const QString& name, int column, int role = Qt::DisplayRole) const
    {
        auto* model = m_page->filesModel();
        return model->data(model->index(fileRow(name), column), role);
    }

    void clickRow(QTableView* view, int row)
    {
        view->scrollTo(view->model()->index(row, 0));
        const QRect rect = view->visualRect(view->model()->index(row, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void cleanup()
    {
        m_page.reset();
        m_controller.reset();
        m_questions.clear();
        m_confirm = true;
    }

    void fileListShowsEachFileWithItsWorstSeverity_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("worst");
        QTest::addColumn<int>("severity"); // -1: no badge
        QTest::addColumn<int>("findings");
        QTest::addColumn<QString>("fix");
        QTest::newRow("the compose file's worst finding is critical and it can be fixed")
            << "compose.yaml"
            << "Compose"
            << "Critical" << int(Severity::Critical) << 2 << "Yes";
        QTest::newRow("the Dockerfile's worst is medium and it has no fix")
            << "Dockerfile"
            << "Dockerfile"
            << "Medium" << int(Severity::Medium) << 1 << "";
        QTest::newRow("a Dockerfile in a sub-folder without findings shows none") << "clean/Dockerfile"
                                                                                  << "Dockerfile"
                                                                                  << "None" << -1 << 0 << "";
        QTest::newRow("a compose file that could not be parsed says it was not checked")
            << "broken/compose.yml"
            << "Compose"
            << "Not checked" << -1 << 0 << "";
    }

    void fileListShowsEachFileWithItsWorstSeverity()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(QString, worst);
        QFETCH(int, severity);
        QFETCH(int, findings);
        QFETCH(QString, fix);
        openProject();
        QVERIFY(!m_page->isShowingEmptyState());
        QCOMPARE(m_page->filesModel()->rowCount(), 4);
        QVERIFY2(fileRow(file) >= 0, qPrintable(file));
        QCOMPARE(filesCell(file, ProjectFilesModel::FileColumn).toString(), file);
        QCOMPARE(filesCell(file, ProjectFilesModel::KindColumn).toString(), kind);
        QCOMPARE(filesCell(file, ProjectFilesModel::WorstColumn).toString(), worst);
        const QVariant badge =
            filesCell(file, ProjectFilesModel::WorstColumn, SeverityBadgeDelegate::SeverityRole);
        QCOMPARE(badge.isValid() ? badge.toInt() : -1, severity);
        QCOMPARE(filesCell(file, ProjectFilesModel::FindingsColumn).toInt(), findings);
        QCOMPARE(filesCell(file, ProjectFilesModel::FixColumn).toString(), fix);
    }

    void selectingAFileShowsItsFindingsAndItsNotesOrError()
    {
        openProject();
        clickRow(m_page->filesView(), fileRow("Dockerfile"));
        QCOMPARE(m_page->selectedPath(), path("Dockerfile"));
        auto* findings = m_page->findingsView()->model();
        QCOMPARE(findings->rowCount(), 1);
        QCOMPARE(findings->index(0, FileFindingsModel::RuleColumn).data().toString(),
                 QStringLiteral("IMG-001"));
        QCOMPARE(findings->index(0, FileFindingsModel::LineColumn).data().toString(), QStringLiteral("1:5"));
        QCOMPARE(findings->index(0, FileFindingsModel::TitleColumn).data().toString(),
                 QStringLiteral("Image uses the mutable tag latest"));
        QCOMPARE(m_page->sourceView()->toPlainText(),
                 QStringLiteral("FROM debian:latest\nRUN apt-get update"));
        QCOMPARE(m_page->sourceView()->markedLines(), QList<int>{1});

        clickRow(m_page->filesView(), fileRow("compose.yaml"));
        QCOMPARE(findings->rowCount(), 2);
        QCOMPARE(findings->index(0, FileFindingsModel::LineColumn).data().toString(), QStringLiteral("3:5"));
        QCOMPARE(findings->index(1, FileFindingsModel::RuleColumn).data().toString(),
                 QStringLiteral("CTR-001"));
        QCOMPARE(m_page->fileMessage()->text(), QStringLiteral("DB_PASSWORD is not set; read as empty"));

        // Two notes are two lines; the newline joining them was shown as U+FFFD, in one run-on strip.
        writeFile(path("two/compose.yaml"), kCompose + "      API_TOKEN: ${API_TOKEN}\n");
        QSignalSpy again(m_controller.get(), &FilesController::finished);
        m_controller->open(m_dir->path());
        QVERIFY(again.wait(10000));
        clickRow(m_page->filesView(), fileRow("two/compose.yaml"));
        QCOMPARE(
            m_page->fileMessage()->text(),
            QStringLiteral("DB_PASSWORD is not set; read as empty\nAPI_TOKEN is not set; read as empty"));
        clickRow(m_page->filesView(), fileRow("compose.yaml"));

        clickRow(m_page->filesView(), fileRow("broken/compose.yml"));
        QCOMPARE(findings->rowCount(), 0);
        QVERIFY2(m_page->fileMessage()->text().contains(QStringLiteral("compose.yml:2:3: mapping values")),
                 qPrintable(m_page->fileMessage()->text()));
        QVERIFY(!m_page->tabs()->isTabEnabled(FilesPage::FixTab));
        QCOMPARE(m_page->fixUnavailableLabel()->text(),
                 QStringLiteral("No fix: the file could not be checked."));
    }

    void selectingAFindingScrollsTheFileToItsLineAndMarksIt_data()
    {
        QTest::addColumn<int>("line");
        QTest::newRow("a finding near the top") << 3;
        QTest::newRow("a finding in the middle of a long file") << 150;
        QTest::newRow("a finding on the last line") << 400;
    }

    void selectingAFindingScrollsTheFileToItsLineAndMarksIt()
    {
        QFETCH(int, line);
        m_dir = std::make_unique<QTemporaryDir>();
        std::string text;
        for (int n = 1; n <= 400; ++n) {
            text +=
                n == line ? std::string("    privileged: true\n") : "    # line " + std::to_string(n) + "\n";
        }
        writeFile(path("compose.yaml"), text);
        openFolder();
        m_page->tabs()->setCurrentIndex(FilesPage::FixTab);
        SourceView* source = m_page->sourceView();
        QCOMPARE(source->markedSeverity(line), std::optional<Severity>(Severity::Critical));
        QCOMPARE(source->markedSeverity(line + (line > 1 ? -1 : 1)), std::optional<Severity>());
        QCOMPARE(source->lineToolTip(line), QStringLiteral("CTR-001 Container runs privileged"));
        clickRow(m_page->findingsView(), 0);
        QCOMPARE(m_page->tabs()->currentIndex(), int(FilesPage::FileTab));
        QCOMPARE(source->highlightedLine(), line);
        QCOMPARE(source->textCursor().blockNumber(), line - 1);
        QTRY_VERIFY(source->isRowVisible(line - 1));
        // The view really moved: the first line is out of sight for a line far down.
        QCOMPARE(source->isRowVisible(0), line < 20);
        // Hovering the marked line shows its findings' titles, escaped so a title is never markup.
        const QRect at = source->cursorRect(QTextCursor(source->document()->findBlockByNumber(line - 1)));
        QHelpEvent hover(QEvent::ToolTip, at.center(), source->viewport()->mapToGlobal(at.center()));
        QApplication::sendEvent(source->viewport(), &hover);
        QTRY_COMPARE(QToolTip::text(),
                     QStringLiteral("<p style='white-space:pre'>CTR-001 Container runs privileged</p>"));
        QToolTip::hideText();
    }

    void aRunningCheckShowsItIsBusyAndCanBeCancelled()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        writeFile(path("compose.yaml"), kCompose);
        m_controller = std::make_unique<FilesController>(
            [](const ProjectReviewOptions&, const CancelToken& cancel) -> Result<ProjectReview> {
                while (!cancel.isCancelled()) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                }
                return Error::make(ErrorCode::Cancelled, "cancelled");
            });
        m_page = std::make_unique<FilesPage>(m_controller.get());
        m_page->show();
        QVERIFY(m_page->isShowingEmptyState());
        QVERIFY(!m_page->busyIndicator()->isVisible());
        m_controller->open(m_dir->path());
        QVERIFY(!m_page->isShowingEmptyState());
        QVERIFY(m_page->busyIndicator()->isVisible());
        QVERIFY(m_page->cancelButton()->isVisible());
        QVERIFY(!m_page->recheckButton()->isEnabled());
        QSignalSpy cancelled(m_controller.get(), &FilesController::cancelled);
        QTest::mouseClick(m_page->cancelButton(), Qt::LeftButton);
        QVERIFY(cancelled.wait(10000));
        QVERIFY(!m_page->busyIndicator()->isVisible());
        QVERIFY(!m_page->cancelButton()->isVisible());
        QVERIFY(m_page->recheckButton()->isEnabled());
        QCOMPARE(m_page->message()->text(), QStringLiteral("Check cancelled; nothing was checked."));
    }

    void theFixTabShowsTheFixSideBySideInAlignedRows()
    {
        openProject();
        QVERIFY(m_page->selectFile(path("compose.yaml")));
        QVERIFY(m_page->tabs()->isTabEnabled(FilesPage::FixTab));
        QVERIFY(m_page->fixUnavailableLabel()->text().isEmpty());
        m_page->tabs()->setCurrentIndex(FilesPage::FixTab);
        DiffView* diff = m_page->diffView();
        using Kind = DiffView::Row::Kind;
        // Lines 1-3 kept; "privileged" replaced by the first hardened line; two more added; the rest kept.
        const std::vector<DiffView::Row>& rows = diff->rows();
        QCOMPARE(rows.size(), std::size_t(10));
        QCOMPARE(rows[2].kind, Kind::Kept);
        QCOMPARE(rows[3].kind, Kind::Changed);
        QCOMPARE(rows[3].beforeLine, 4);
        QCOMPARE(rows[3].afterLine, 4);
        QCOMPARE(rows[4].kind, Kind::Added);
        QCOMPARE(rows[4].beforeLine, 0);
        QCOMPARE(rows[5].kind, Kind::Added);
        QCOMPARE(rows[6].kind, Kind::Kept);
        QCOMPARE(rows[6].beforeLine, 5);
        QCOMPARE(rows[6].afterLine, 7);
        const QStringList left = diff->beforeView()->toPlainText().split(QLatin1Char('\n'));
        const QStringList right = diff->afterView()->toPlainText().split(QLatin1Char('\n'));
        QCOMPARE(left.size(), right.size());
        QCOMPARE(left[3], QStringLiteral("    privileged: true"));
        QCOMPARE(right[3], QStringLiteral("    read_only: true"));
        QCOMPARE(left[4], QString());
        QCOMPARE(right[5], QStringLiteral("      - no-new-privileges:true"));
        QCOMPARE(left[6], right[6]);
        // One row per line on both sides (a wrapped line would push the rows out of line).
        for (CodeTextView* side : {diff->beforeView(), diff->afterView()}) {
            QCOMPARE(side->document()->defaultTextOption().wrapMode(), QTextOption::NoWrap);
            QCOMPARE(side->lineWrapMode(), QPlainTextEdit::NoWrap);
        }
        // The two sides scroll together.
        diff->resize(600, 80);
        QTRY_VERIFY(diff->beforeView()->verticalScrollBar()->maximum() > 0);
        diff->afterView()->verticalScrollBar()->setValue(3);
        QCOMPARE(diff->beforeView()->verticalScrollBar()->value(), 3);

        QVERIFY(m_page->selectFile(path("Dockerfile")));
        QVERIFY(!m_page->tabs()->isTabEnabled(FilesPage::FixTab));
        QCOMPARE(m_page->tabs()->currentIndex(), int(FilesPage::FileTab));
        QCOMPARE(m_page->fixUnavailableLabel()->text(),
                 QStringLiteral("No automatic fix for these findings; each finding says what to change."));
        QVERIFY(m_page->selectFile(path("clean/Dockerfile")));
        QCOMPARE(m_page->fixUnavailableLabel()->text(), QStringLiteral("Nothing to fix in this file."));
    }

    void copyPutsTheUnifiedDiffOnTheClipboard()
    {
        openProject();
        QVERIFY(m_page->selectFile(path("compose.yaml")));
        m_page->tabs()->setCurrentIndex(FilesPage::FixTab);
        QApplication::clipboard()->clear();
        QTest::mouseClick(m_page->diffView()->copyButton(), Qt::LeftButton);
        const std::string fixed =
            std::string(kCompose).replace(kCompose.find(kPrivileged), kPrivileged.size(), kHardened);
        QCOMPARE(QApplication::clipboard()->text(),
                 QString::fromStdString(unifiedDiff(kCompose, fixed, "compose.yaml")));
        QVERIFY(QApplication::clipboard()->text().startsWith(
            QStringLiteral("--- a/compose.yaml\n+++ b/compose.yaml\n")));
    }

    void applyWritesTheFileKeepsABackupAndChecksAgain()
    {
        openProject();
        QVERIFY(m_page->selectFile(path("compose.yaml")));
        m_page->tabs()->setCurrentIndex(FilesPage::FixTab);
        const int callsBefore = *m_calls;
        QSignalSpy applied(m_controller.get(), &FilesController::applied);
        QSignalSpy finished(m_controller.get(), &FilesController::finished);
        QTest::mouseClick(m_page->diffView()->applyButton(), Qt::LeftButton);
        QCOMPARE(m_questions.size(), 1);
        QVERIFY(m_questions[0].contains(QStringLiteral("Write the fix into compose.yaml?")));
        QVERIFY(m_questions[0].contains(QStringLiteral("backup")));
        QVERIFY(applied.wait(10000));
        const std::string fixed =
            std::string(kCompose).replace(kCompose.find(kPrivileged), kPrivileged.size(), kHardened);
        QCOMPARE(readFile(path("compose.yaml")), fixed);
        QCOMPARE(applied[0][1].toString(), path("compose.yaml.drydock-backup"));
        QCOMPARE(readFile(path("compose.yaml.drydock-backup")), kCompose);
        QVERIFY2(m_page->message()->text().contains(path("compose.yaml.drydock-backup")),
                 qPrintable(m_page->message()->text()));
        // Checked again: the file is now what the fix made it, with nothing left to fix.
        QVERIFY(finished.wait(10000));
        QCOMPARE(*m_calls, callsBefore + 1);
        QCOMPARE(filesCell("compose.yaml", ProjectFilesModel::WorstColumn).toString(),
                 QStringLiteral("Medium"));
        QCOMPARE(filesCell("compose.yaml", ProjectFilesModel::FixColumn).toString(), QString());
        QCOMPARE(m_page->selectedPath(), path("compose.yaml"));
        QVERIFY(!m_page->tabs()->isTabEnabled(FilesPage::FixTab));
        QVERIFY(m_page->message()->text().contains(QStringLiteral("backup")) ||
                m_page->message()->text().contains(QStringLiteral("kept in")));
    }

    void applyIsRefusedWhenTheFileChangedOnDisk_data()
    {
        QTest::addColumn<bool>("confirm");
        QTest::addColumn<QString>("expected"); // in the page's message; empty: no message
        QTest::newRow("an edit since the check: refused, file left alone")
            << true << QStringLiteral("changed since it was checked");
        QTest::newRow("a declined question: nothing written") << false << QString();
    }

    void applyIsRefusedWhenTheFileChangedOnDisk()
    {
        QFETCH(bool, confirm);
        QFETCH(QString, expected);
        openProject();
        m_controller->setDebounceInterval(60000); // the edit's own re-check must not come first
        QVERIFY(m_page->selectFile(path("compose.yaml")));
        m_page->tabs()->setCurrentIndex(FilesPage::FixTab);
        const std::string edited = kCompose + "# edited by someone else\n";
        writeFile(path("compose.yaml"), confirm ? edited : kCompose);
        m_confirm = confirm;
        QSignalSpy failed(m_controller.get(), &FilesController::applyFailed);
        QTest::mouseClick(m_page->diffView()->applyButton(), Qt::LeftButton);
        if (confirm) {
            QVERIFY(failed.wait(10000));
            QVERIFY2(m_page->message()->text().contains(expected), qPrintable(m_page->message()->text()));
        } else {
            QTest::qWait(200);
            QCOMPARE(failed.size(), 0);
            QVERIFY(m_page->message()->text().isEmpty());
        }
        QCOMPARE(readFile(path("compose.yaml")), confirm ? edited : kCompose);
        QVERIFY(!QFileInfo::exists(path("compose.yaml.drydock-backup")));
        QVERIFY(m_page->diffView()->applyButton()->isEnabled());
    }

    void hostileFileTextIsShownAsPlainText_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("shown");
        QTest::newRow("HTML markup stays literal")
            << QByteArray("<b>bold</b><img src=\"file:///etc/passwd\"><a href=x>link</a>")
            << QStringLiteral("<b>bold</b><img src=\"file:///etc/passwd\"><a href=x>link</a>");
        QTest::newRow("a right-to-left override is spelled out")
            << QByteArray("image: \xe2\x80\xae"
                          "tsetal:xnign")
            << QStringLiteral("image: \\u202etsetal:xnign");
        QTest::newRow("a NUL byte is spelled out") << QByteArray("a\0b", 3) << QStringLiteral("a\\u0000b");
        QTest::newRow("an escape sequence is spelled out")
            << QByteArray("\x1b[2J\x1b]0;owned\x07") << QStringLiteral("\\u001b[2J\\u001b]0;owned\\u0007");
        QTest::newRow("invalid UTF-8 is spelled out") << QByteArray("caf\xe9") << QStringLiteral("caf\\xe9");
        QTest::newRow("tabs stay tabs and a CRLF ends the line")
            << QByteArray("\tname:\tvalue\r") << QStringLiteral("\tname:\tvalue");
        QTest::newRow("a secret value is shown masked")
            << QByteArray("  DB_PASSWORD: \"Tr0ub4dor-and-3-more\"")
            << QStringLiteral("  DB_PASSWORD: \"****** (16-31 chars, password)\"");
    }

    void hostileFileTextIsShownAsPlainText()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, shown);
        m_dir = std::make_unique<QTemporaryDir>();
        const std::string text = "services:\n" + line.toStdString() + "\n    privileged: true\n";
        writeFile(path("compose.yaml"), text);
        openFolder();
        SourceView* source = m_page->sourceView();
        QCOMPARE(source->blockCount(), 3);
        QCOMPARE(source->document()->findBlockByNumber(1).text(), shown);
        QCOMPARE(source->markedLines(), QList<int>{3});
        // Nothing of the text became markup: no image or anchor in the document.
        QVERIFY(!source->document()->toHtml().contains(QStringLiteral("<img")));
        QVERIFY(!source->document()->toHtml().contains(QStringLiteral("<a href")));
        // The fix's two sides show it the same way.
        m_page->tabs()->setCurrentIndex(FilesPage::FixTab);
        QCOMPARE(m_page->diffView()->beforeView()->document()->findBlockByNumber(1).text(), shown);
        QCOMPARE(m_page->diffView()->afterView()->document()->findBlockByNumber(1).text(), shown);
    }

    void theWindowOpensAProjectFolderFromTheFileMenu()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        writeFile(path("compose.yaml"), kCompose);
        QSettings().setValue(QStringLiteral("files/lastFolder"), QDir::tempPath());
        const RuleCatalogue catalogue = RuleCatalogue::builtIn();
        QTemporaryDir db;
        auto calls = std::make_shared<std::atomic<int>>(0);
        QStringList prompted;
        QString answer;
        MainWindowServices s;
        s.catalogue = &catalogue;
        s.databasePath = db.filePath(QStringLiteral("history.db"));
        s.endpointError = QStringLiteral("no daemon in this test");
        s.scanOnStart = false;
        s.projectReviewer = diskReviewer(calls);
        s.folderPrompt = [&](QWidget*, const QString& start) {
            prompted << start;
            return answer;
        };
        MainWindow w(std::move(s));
        w.show();
        QVERIFY(w.openProjectFolderAction()->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
        auto* nav = w.findChild<QListWidget*>(QStringLiteral("pageNavigator"));
        QCOMPARE(nav->item(MainWindow::FilesPageIndex)->text(), QStringLiteral("Files"));
        nav->setCurrentRow(MainWindow::FilesPageIndex);
        QVERIFY(w.files()->isShowingEmptyState());

        // Cancelled dialog: nothing checked. The dialog starts in the folder opened last time.
        QTest::mouseClick(w.files()->emptyOpenButton(), Qt::LeftButton);
        QCOMPARE(prompted, QStringList{QDir::tempPath()});
        QCOMPARE(calls->load(), 0);
        QVERIFY(w.files()->isShowingEmptyState());

        w.showPage(MainWindow::DashboardPageIndex);
        answer = m_dir->path();
        w.openProjectFolderAction()->trigger();
        QCOMPARE(w.currentPage(), int(MainWindow::FilesPageIndex));
        QTRY_COMPARE(w.files()->filesModel()->rowCount(), 1);
        QCOMPARE(calls->load(), 1);
        QVERIFY(!w.files()->isShowingEmptyState());
        QCOMPARE(w.files()->selectedPath(), path("compose.yaml"));
        QCOMPARE(QSettings().value(QStringLiteral("files/lastFolder")).toString(), m_dir->path());
        w.openProjectFolderAction()->trigger();
        QCOMPARE(prompted.last(), m_dir->path());
        QTRY_COMPARE(calls->load(), 2);
        w.close();
    }
};

QTEST_MAIN(TestFilesPage)
#include "TestFilesPage.moc"
