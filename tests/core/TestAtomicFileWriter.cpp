#include "core/common/AtomicFileWriter.h"

#include "tests/support/FileFacts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace drydock;
using drydock::test::bytesOf;
using drydock::test::modeOf;

namespace {

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

} // namespace

// AtomicFileWriter, the one way reports, exports and lists reach the disk: new private files, renamed into
// place, never through a symlink, never half written — whatever the umask says.
class TestAtomicFileWriter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    mode_t m_umask = 022;

    QString path(const char* name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    QStringList leftovers() const
    {
        return QDir(m_dir->path())
            .entryList({QStringLiteral(".*.part")}, QDir::Files | QDir::Hidden | QDir::System);
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_umask = ::umask(0); // the most permissive umask: modes must come from the writer alone
    }
    void cleanup() { ::umask(m_umask); }

    void filesGetExactlyTheModeAsked_data()
    {
        QTest::addColumn<unsigned>("mode");
        QTest::addColumn<bool>("existing");
        QTest::newRow("a new report is 0600") << 0600u << false;
        QTest::newRow("a world-readable report that is replaced becomes 0600") << 0600u << true;
        QTest::newRow("a script the caller wants executable is 0700") << 0700u << false;
    }

    void filesGetExactlyTheModeAsked()
    {
        QFETCH(unsigned, mode);
        QFETCH(bool, existing);
        const QString target = path("report.html");
        if (existing) {
            writeText(target, "old report");
            QVERIFY(::chmod(QFile::encodeName(target).constData(), 0644) == 0);
        }
        const auto written = AtomicFileWriter::write(target.toStdString(), "<html>new</html>", mode);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        QCOMPARE(bytesOf(target), QByteArray("<html>new</html>"));
        QCOMPARE(modeOf(target), mode);
        QVERIFY(leftovers().isEmpty());
    }

    void aSymlinkAtThePathIsReplacedNeverFollowed_data()
    {
        QTest::addColumn<bool>("dangling");
        QTest::newRow("a symlink to another file of the user's") << false;
        QTest::newRow("a dangling symlink to where an attacker wants a file") << true;
    }

    // Someone who can plant a symlink where a report will go must not get the report written elsewhere (or
    // another file overwritten): the link itself is replaced by the report.
    void aSymlinkAtThePathIsReplacedNeverFollowed()
    {
        QFETCH(bool, dangling);
        const QString victim = path("victim");
        if (!dangling) {
            writeText(victim, "precious");
            QVERIFY(::chmod(QFile::encodeName(victim).constData(), 0644) == 0);
        }
        const QString link = path("report.json");
        QVERIFY(QFile::link(victim, link));
        const auto written = AtomicFileWriter::write(link.toStdString(), "{\"report\":1}");
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        QVERIFY(!QFileInfo(link).isSymLink());
        QCOMPARE(bytesOf(link), QByteArray("{\"report\":1}"));
        QCOMPARE(modeOf(link), 0600u);
        if (dangling) {
            QVERIFY(!QFileInfo::exists(victim));
        } else {
            QCOMPARE(bytesOf(victim), QByteArray("precious"));
            QCOMPARE(modeOf(victim), 0644u);
        }
    }

    void aDeviceIsWrittenInPlace_data()
    {
        QTest::addColumn<bool>("throughALink");
        QTest::newRow("/dev/null itself") << false;
        QTest::newRow("a symlink to /dev/null, like /dev/stdout") << true;
    }

    void aDeviceIsWrittenInPlace()
    {
        QFETCH(bool, throughALink);
        QString target = QStringLiteral("/dev/null");
        if (throughALink) {
            target = path("out");
            QVERIFY(QFile::link(QStringLiteral("/dev/null"), target));
        }
        const auto written = AtomicFileWriter::write(target.toStdString(), "discarded");
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        QCOMPARE(QFileInfo(target).isSymLink(), throughALink); // the link is not replaced by a file
        struct stat st
        {
        };
        QCOMPARE(::stat("/dev/null", &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
        QVERIFY(leftovers().isEmpty());
    }

    void aWriterDroppedBeforeCommitLeavesNothing()
    {
        const QString target = path("report.pdf");
        writeText(target, "the previous report");
        {
            auto writer = AtomicFileWriter::begin(target.toStdString());
            QVERIFY(writer.ok());
            QVERIFY(writer->append("half a rep").ok());
            QCOMPARE(leftovers().size(), 1); // the temporary file exists, hidden, beside the target
            QCOMPARE(modeOf(m_dir->filePath(leftovers().front())), 0600u);
        }
        QVERIFY(leftovers().isEmpty());
        QCOMPARE(bytesOf(target), QByteArray("the previous report"));
    }

    void aFolderThatDoesNotExistIsAClearError()
    {
        const auto written = AtomicFileWriter::write(path("missing/report.html").toStdString(), "x");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::Io);
        QVERIFY2(written.error().message.find("missing/report.html") != std::string::npos,
                 written.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestAtomicFileWriter)
#include "TestAtomicFileWriter.moc"
