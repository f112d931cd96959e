#pragma once
// What a test asks of a file on disk: its mode (without following a symlink) and its bytes.
#include <QByteArray>
#include <QFile>
#include <QString>

#include <sys/stat.h>

namespace drydock::test {

// The permission bits of path itself (a symlink is not followed); 0xffff when it does not exist.
inline unsigned modeOf(const QString& path)
{
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode & 07777 : 0xffff;
}

// The file's bytes, or "<unreadable>" (never equal to what a test wrote).
inline QByteArray bytesOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

} // namespace drydock::test
