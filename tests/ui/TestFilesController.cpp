// FilesController: the Files page's worker. It re-checks a project folder when its files change on disk (real
// writes seen through QFileSystemWatcher, debounced), starts over when asked again mid-check, stops on cancel
// keeping the last finished review, says why a check failed, and writes nothing that has no fix.
#include "core/files/ProjectFiles.h"
#include "ui/bridge/FilesController.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdio>
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

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Discovery on the real folder; every file reviewed as its text, without findings.
Result<ProjectReview> textReview(const ProjectReviewOptions& options)
{
    auto set = discoverProjectFiles(options.discovery);
    if (!set) {
        return set.error();
    }
    ProjectReview review;
    for (const auto& group : set.value().composeGroups) {
        for (const auto& path : group.files) {
            review.files.push_back({path, ReviewedFileKind::Compose, readFile(path), {}, {}, {}, {}, {}});
        }
    }
    for (const auto& path : set.value().dockerfiles) {
        review.files.push_back({path, ReviewedFileKind::Dockerfile, readFile(path), {}, {}, {}, {}, {}});
    }
    return review;
}

// Holds a review on the worker until the test opens the gate or the review is cancelled.
struct Gate
{
    std::atomic<bool> open{false};
    std::atomic<int> calls{0};
    std::atomic<int> sawCancel{0};
};

ProjectReviewer gatedReviewer(std::shared_ptr<Gate> gate)
{
    return [gate](const ProjectReviewOptions& options, const CancelToken& cancel) -> Result<ProjectReview> {
        ++gate->calls;
        while (!gate->open.load()) {
            if (cancel.isCancelled()) {
                ++gate->sawCancel;
                return Error::make(ErrorCode::Cancelled, "the check was cancelled");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return textReview(options);
    };
}

} // namespace

class TestFilesController : public QObject
{
    Q_OBJECT

    std::string textOf(const FilesController& controller, const QString& path) const
    {
        const FileReview* file = controller.file(path);
        return file ? file->originalText : std::string("<not reviewed>");
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void aChangeOnDiskIsCheckedAgain_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("a compose file edited in place") << "edit";
        QTest::newRow("a compose file replaced by a rename, as editors save") << "rename";
        QTest::newRow("a new Dockerfile in the folder") << "add";
        QTest::newRow("a new Dockerfile in a sub-folder that had one") << "add-sub";
        QTest::newRow("a Dockerfile removed") << "remove";
    }

    void aChangeOnDiskIsCheckedAgain()
    {
        QFETCH(QString, change);
        QTemporaryDir dir;
        writeFile(dir.filePath("compose.yaml"), "services:\n  web:\n    image: nginx:1.25\n");
        writeFile(dir.filePath("Dockerfile"), "FROM debian:12\n");
        writeFile(dir.filePath("api/Dockerfile"), "FROM debian:12\n");
        std::atomic<int> calls{0};
        FilesController controller([&calls](const ProjectReviewOptions& o, const CancelToken&) {
            ++calls;
            return textReview(o);
        });
        controller.setDebounceInterval(100);
        QSignalSpy finished(&controller, &FilesController::finished);
        controller.open(dir.path());
        QVERIFY(finished.wait(10000));
        QCOMPARE(controller.review()->files.size(), std::size_t(3));
        QVERIFY(controller.watchedPaths().contains(dir.filePath("compose.yaml")));
        QVERIFY(controller.watchedPaths().contains(dir.filePath("api")));
        QTest::qWait(300); // nothing changed: no second check
        QCOMPARE(calls.load(), 1);

        const std::string changed = "services:\n  web:\n    image: nginx:1.27\n";
        std::size_t expectedFiles = 3;
        if (change == "edit") {
            std::ofstream(dir.filePath("compose.yaml").toStdString(), std::ios::binary | std::ios::trunc)
                << changed;
        } else if (change == "rename") {
            writeFile(dir.filePath(".compose.yaml.swp"), changed);
            QCOMPARE(std::rename(dir.filePath(".compose.yaml.swp").toLocal8Bit().constData(),
                                 dir.filePath("compose.yaml").toLocal8Bit().constData()),
                     0);
        } else if (change == "add") {
            writeFile(dir.filePath("worker.Dockerfile"), "FROM alpine:3.20\n");
            expectedFiles = 4;
        } else if (change == "add-sub") {
            writeFile(dir.filePath("api/Dockerfile.dev"), "FROM alpine:3.20\n");
            expectedFiles = 4;
        } else {
            QVERIFY(QFile::remove(dir.filePath("Dockerfile")));
            expectedFiles = 2;
        }
        QVERIFY(finished.wait(10000));
        QTRY_COMPARE(controller.review()->files.size(), expectedFiles);
        if (change == "edit" || change == "rename") {
            QTRY_COMPARE(textOf(controller, dir.filePath("compose.yaml")), changed);
            // The watch follows the new file: a second edit is seen too.
            QTRY_VERIFY(controller.watchedPaths().contains(dir.filePath("compose.yaml")));
            QTest::qWait(200);
            std::ofstream(dir.filePath("compose.yaml").toStdString(), std::ios::binary | std::ios::trunc)
                << "services: {}\n";
            QTRY_COMPARE_WITH_TIMEOUT(textOf(controller, dir.filePath("compose.yaml")),
                                      std::string("services: {}\n"), 10000);
        }
    }

    void cancelStopsTheCheckAndKeepsTheLastReview()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("Dockerfile"), "FROM debian:12\n");
        auto gate = std::make_shared<Gate>();
        gate->open = true;
        FilesController controller(gatedReviewer(gate));
        QSignalSpy finished(&controller, &FilesController::finished);
        QSignalSpy cancelled(&controller, &FilesController::cancelled);
        QSignalSpy started(&controller, &FilesController::started);
        controller.open(dir.path());
        QVERIFY(finished.wait(10000));
        const auto first = controller.review();

        gate->open = false;
        controller.recheck();
        QCOMPARE(started.size(), 2);
        QVERIFY(controller.isRunning());
        controller.cancel();
        QVERIFY(cancelled.wait(10000));
        QCOMPARE(gate->sawCancel.load(), 1);
        QVERIFY(!controller.isRunning());
        QCOMPARE(controller.review(), first); // the last finished review stays
        QCOMPARE(finished.size(), 1);
    }

    void askingAgainMidCheckStartsOver()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("Dockerfile"), "FROM debian:12\n");
        auto gate = std::make_shared<Gate>();
        FilesController controller(gatedReviewer(gate));
        QSignalSpy finished(&controller, &FilesController::finished);
        QSignalSpy cancelled(&controller, &FilesController::cancelled);
        controller.open(dir.path());
        QTRY_COMPARE(gate->calls.load(), 1);
        writeFile(dir.filePath("Dockerfile"), "FROM debian:13\n"); // changed while it was being read
        controller.recheck();
        QTRY_COMPARE(gate->sawCancel.load(), 1);
        QTRY_COMPARE(gate->calls.load(), 2);
        gate->open = true;
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(cancelled.size(), 0); // starting over is not a cancel the person asked for
        QCOMPARE(textOf(controller, dir.filePath("Dockerfile")), std::string("FROM debian:13\n"));
    }

    void aFailedCheckSaysWhy()
    {
        FilesController controller(
            [](const ProjectReviewOptions& o, const CancelToken&) -> Result<ProjectReview> {
                return Error::make(ErrorCode::NotFound,
                                   o.discovery.paths.at(0) + " does not exist; choose another folder");
            });
        QSignalSpy failed(&controller, &FilesController::failed);
        controller.open(QStringLiteral("/nonexistent/project"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed[0][0].toString(),
                 QStringLiteral("/nonexistent/project does not exist; choose another folder"));
        QVERIFY(!controller.review());
    }

    void applyWritesNothingForAFileWithoutAFix()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("Dockerfile"), "FROM debian:12\n");
        FilesController controller(
            [](const ProjectReviewOptions& o, const CancelToken&) { return textReview(o); });
        QSignalSpy finished(&controller, &FilesController::finished);
        QSignalSpy applyFailed(&controller, &FilesController::applyFailed);
        controller.open(dir.path());
        QVERIFY(finished.wait(10000));
        controller.applyFix(dir.filePath("Dockerfile"));
        QCOMPARE(applyFailed.size(), 1);
        QVERIFY(applyFailed[0][1].toString().contains(QStringLiteral("has no fix")));
        QCOMPARE(readFile(dir.filePath("Dockerfile").toStdString()), std::string("FROM debian:12\n"));
        QVERIFY(!QFileInfo::exists(dir.filePath("Dockerfile.drydock-backup")));
    }
};

QTEST_MAIN(TestFilesController)
#include "TestFilesController.moc"
