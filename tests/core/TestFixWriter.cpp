// FixWriter: `drydock check --fix` writes only over the bytes it reviewed, after a backup, keeping the mode.
#include "core/files/FixWriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace drydock;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestFixWriter : public QObject
{
    Q_OBJECT

private slots:
    void writesTheFixAndABackupKeepingTheMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("compose.yaml");
        write(path, "old\n");
        ::chmod(path.toLocal8Bit().constData(), 0640);
        const auto backup = writeFixToFile(path.toStdString(), "old\n", "new\n");
        QVERIFY2(backup.ok(), backup.ok() ? "" : backup.error().message.c_str());
        QCOMPARE(*backup, path.toStdString() + ".drydock-backup");
        QCOMPARE(readAll(path), QByteArray("new\n"));
        QCOMPARE(readAll(QString::fromStdString(*backup)), QByteArray("old\n"));
        struct stat st{};
        ::stat(path.toLocal8Bit().constData(), &st);
        QCOMPARE(st.st_mode & 0777, 0640u);
    }

    void anEarlierBackupIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("Dockerfile");
        write(path, "one\n");
        write(path + ".drydock-backup", "precious\n");
        const auto backup = writeFixToFile(path.toStdString(), "one\n", "two\n");
        QVERIFY(backup.ok());
        QCOMPARE(*backup, path.toStdString() + ".drydock-backup.1");
        QCOMPARE(readAll(path + ".drydock-backup"), QByteArray("precious\n"));
    }

    void aFileChangedSinceTheReviewIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("compose.yaml");
        write(path, "edited by someone\n");
        const auto backup = writeFixToFile(path.toStdString(), "as reviewed\n", "fixed\n");
        QVERIFY(!backup.ok());
        QVERIFY(backup.error().message.find("changed since it was checked") != std::string::npos);
        QCOMPARE(readAll(path), QByteArray("edited by someone\n"));
        QVERIFY(!QFile::exists(path + ".drydock-backup"));
    }

    void aSymbolicLinkIsNotWrittenThrough()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath("elsewhere.yaml");
        write(target, "x\n");
        const QString link = dir.filePath("compose.yaml");
        QVERIFY(QFile::link(target, link));
        const auto backup = writeFixToFile(link.toStdString(), "x\n", "y\n");
        QVERIFY(!backup.ok());
        QCOMPARE(readAll(target), QByteArray("x\n"));
    }
};

QTEST_GUILESS_MAIN(TestFixWriter)
#include "TestFixWriter.moc"
