#include "tests/support/TestSupport.h"

#include "core/docker/TransportFactory.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTest>

namespace drydock::test {

std::string dataDir() { return DRYDOCK_TEST_DATA_DIR; }

QString dataPath(const QString& name) { return QStringLiteral(DRYDOCK_TEST_DATA_DIR "/") + name; }

std::string readData(const QString& name)
{
    QFile f(dataPath(name));
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("missing test data file %s", qPrintable(dataPath(name)));
        return {};
    }
    return f.readAll().toStdString();
}

QString privateDaemonSocket()
{
    const QString state = qEnvironmentVariable("DRYDOCK_TEST_STATE_DIR");
    if (state.isEmpty()) {
        return {};
    }
    QFile f(state + QStringLiteral("/socket"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

DockerEndpoint privateDaemonEndpoint()
{
    DockerEndpoint e;
    e.kind = DockerEndpoint::Kind::Unix;
    e.socketPath = privateDaemonSocket().toStdString();
    e.source = "test fixture";
    return e;
}

std::unique_ptr<DockerClient> connectPrivateDaemon()
{
    const DockerEndpoint e = privateDaemonEndpoint();
    if (e.socketPath.empty()) {
        qWarning("private dockerd not running: run the tests through ctest (fixture dockerd_start)");
        return nullptr;
    }
    auto transport = makeTransport(e);
    if (!transport) {
        qWarning("%s", transport.error().message.c_str());
        return nullptr;
    }
    auto client = std::make_unique<DockerClient>(std::move(transport.value()), e);
    auto v = client->negotiate();
    if (!v) {
        qWarning("%s", v.error().message.c_str());
        return nullptr;
    }
    return client;
}

namespace {

int runProcess(const QString& program, const QStringList& args, QString* out, QString* err,
               const QProcessEnvironment& env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        if (err) {
            *err = QStringLiteral("could not start ") + program;
        }
        return -1;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        if (err) {
            *err = QStringLiteral("timed out: ") + program + QLatin1Char(' ') + args.join(QLatin1Char(' '));
        }
        return -2;
    }
    if (out) {
        *out = QString::fromUtf8(p.readAllStandardOutput());
    }
    if (err) {
        *err = QString::fromUtf8(p.readAllStandardError());
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3;
}

} // namespace

int docker(const QStringList& args, QString* out, QString* err, int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + privateDaemonSocket());
    env.insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("0"));
    const QString program = QFile::exists(QStringLiteral("/usr/bin/docker")) ? QStringLiteral("/usr/bin/docker")
                                                                              : QStringLiteral("docker");
    return runProcess(program, args, out, err, env, timeoutMs);
}

QString supportScript(const char* name)
{
    return qEnvironmentVariable("DRYDOCK_SOURCE_DIR") + QStringLiteral("/tests/support/") + QLatin1String(name);
}

QString sarifToolDir()
{
    const QString dir = qEnvironmentVariable("DRYDOCK_SARIF_MULTITOOL_DIR");
    return dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.cache/drydock-tests/sarif-multitool/package") : dir;
}

int drydock(const QStringList& args, QString* out, QString* err, const QStringList& extraEnv, int timeoutMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : extraEnv) {
        const int eq = kv.indexOf(QLatin1Char('='));
        if (eq > 0) {
            env.insert(kv.left(eq), kv.mid(eq + 1));
        }
    }
    return runProcess(qEnvironmentVariable("DRYDOCK_BINARY"), args, out, err, env, timeoutMs);
}

QHash<QString, QString> scanJsonObjectNames(const QJsonObject& doc)
{
    QHash<QString, QString> names;
    for (const auto& v : doc.value(QStringLiteral("objects")).toArray()) {
        const QJsonObject o = v.toObject();
        names.insert(o.value(QStringLiteral("ref")).toString(), o.value(QStringLiteral("name")).toString());
    }
    return names;
}

QString uniqueName(const QString& prefix)
{
    return QStringLiteral("dd-%1-%2").arg(prefix).arg(QRandomGenerator::global()->generate() % 1000000, 6, 10,
                                                          QLatin1Char('0'));
}

} // namespace drydock::test
