#pragma once
// Debian's docker-compose 1.29.2 against the private dockerd, for tests that create compose files for real
// (nothing is started and nothing is pulled: every image must already be on the daemon).
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

namespace drydock::test {

// Runs `docker-compose -p project -f file args…` against the private daemon: exit code, stdout and stderr.
inline int dockerCompose(const QString& project, const QString& file, const QStringList& args,
                         QString* out = nullptr, QString* err = nullptr)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + privateDaemonSocket());
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(
        QStringLiteral("/usr/bin/docker-compose"),
        QStringList{QStringLiteral("--no-ansi"), QStringLiteral("-p"), project, QStringLiteral("-f"), file} +
            args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (out) {
        *out = QString::fromUtf8(p.readAllStandardOutput());
    }
    if (err) {
        *err = QString::fromUtf8(p.readAllStandardError());
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// The service keys the vendored Compose Specification schema defines.
inline QStringList composeSpecServiceKeys()
{
    QFile f(QString::fromStdString(dataDir()) + QStringLiteral("/compose-spec/compose-spec.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("definitions"))
        .toObject()
        .value(QStringLiteral("service"))
        .toObject()
        .value(QStringLiteral("properties"))
        .toObject()
        .keys();
}

} // namespace drydock::test
