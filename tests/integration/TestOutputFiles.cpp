// What `drydock` leaves on disk, run as a user would: every report format 0600 and never written through a
// symlink planted at the --output path, the history 0600 in a 0700 folder, and a history folder that other
// users control refused with exit code 4 before anything is written.
#include "tests/support/FileFacts.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace drydock;
using drydock::test::bytesOf;
using drydock::test::modeOf;

namespace {

} // namespace

class TestOutputFiles : public QObject
{
    Q_OBJECT

private:
    QString m_host;

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(),
                 "the private dockerd is not running: run through ctest");
        m_host = QStringLiteral("unix://") + test::privateDaemonSocket();
    }

    void reportsArePrivateAndReplaceASymlinkInsteadOfFollowingIt_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* f : {"json", "html", "sarif", "csv", "text", "pdf"}) {
            QTest::newRow((std::string("a ") + f + " report").c_str()) << QString::fromLatin1(f);
        }
    }

    void reportsArePrivateAndReplaceASymlinkInsteadOfFollowingIt()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString victim = dir.filePath(QStringLiteral("victim"));
        {
            QFile f(victim);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("precious");
        }
        const QString report = dir.filePath(QStringLiteral("report.") + format);
        QVERIFY(QFile::link(victim, report));
        QString err;
        const int rc = test::drydock({QStringLiteral("scan"), QStringLiteral("--host"), m_host,
                                      QStringLiteral("--no-history"), QStringLiteral("--format"), format,
                                      QStringLiteral("--output"), report},
                                     nullptr, &err);
        QVERIFY2(rc == 0 || rc == 1, qPrintable(err)); // 1: findings at the default threshold
        QVERIFY(!QFileInfo(report).isSymLink());
        QVERIFY(QFileInfo(report).size() > 0);
        QCOMPARE(modeOf(report), 0600u);
        QCOMPARE(bytesOf(victim), QByteArray("precious"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temporary file left
    }

    void theHistoryIsPrivate()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("new/drydock"));
        const QString db = data + QStringLiteral("/history.db");
        QString err;
        const int rc =
            test::drydock({QStringLiteral("scan"), QStringLiteral("--host"), m_host, QStringLiteral("--db"),
                           db, QStringLiteral("--output"), QStringLiteral("/dev/null")},
                          nullptr, &err);
        QVERIFY2(rc == 0 || rc == 1, qPrintable(err));
        QCOMPARE(modeOf(data), 0700u);
        QCOMPARE(modeOf(db), 0600u);
        for (const QString& side : {db + QStringLiteral("-wal"), db + QStringLiteral("-shm")}) {
            if (QFileInfo::exists(side)) {
                QCOMPARE(modeOf(side), 0600u);
            }
        }
    }

    void aHistoryFolderOthersMayWriteToIsRefused()
    {
        QTemporaryDir dir;
        const QString shared = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir().mkpath(shared));
        QCOMPARE(::chmod(QFile::encodeName(shared).constData(), 0777), 0);
        QString err;
        const int rc = test::drydock({QStringLiteral("scan"), QStringLiteral("--host"), m_host,
                                      QStringLiteral("--db"), shared + QStringLiteral("/history.db"),
                                      QStringLiteral("--output"), QStringLiteral("/dev/null")},
                                     nullptr, &err);
        QCOMPARE(rc, 4);
        QVERIFY2(err.contains(QStringLiteral("writable by other users")), qPrintable(err));
        QVERIFY(QDir(shared).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    }
};

QTEST_GUILESS_MAIN(TestOutputFiles)
#include "TestOutputFiles.moc"
