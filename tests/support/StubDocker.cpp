#include "tests/support/StubDocker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace drydock::test {

namespace {

// Each call appends its argument count, then every argument, each ended by a NUL byte.
constexpr const char* kStubDocker =
    "#!/bin/sh\n"
    "printf '%s\\0' \"$#\" >>\"$DRYDOCK_STUB_LOG\"\n"
    "for a in \"$@\"; do printf '%s\\0' \"$a\" >>\"$DRYDOCK_STUB_LOG\"; done\n"
    "if [ \"$1\" = inspect ]; then printf '%s\\n' \"$DRYDOCK_STUB_INSPECT\"; fi\n"
    "exit 0\n";

bool writeExecutable(const QString& path, const QByteArray& content)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return false;
    }
    f.write(content);
    f.close();
    return f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

std::vector<StringList> parseLog(const QByteArray& log)
{
    std::vector<std::string> fields;
    std::string current;
    for (const char c : log) {
        if (c == '\0') {
            fields.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    std::vector<StringList> calls;
    for (std::size_t i = 0; i < fields.size();) {
        const std::size_t n = std::stoul(fields[i++]);
        StringList argv(fields.begin() + static_cast<std::ptrdiff_t>(i),
                        fields.begin() + static_cast<std::ptrdiff_t>(std::min(fields.size(), i + n)));
        i += n;
        calls.push_back(std::move(argv));
    }
    return calls;
}

} // namespace

StubShellRun runWithStubDocker(const QStringList& shell, const std::string& text,
                               const QString& inspectAnswer)
{
    StubShellRun run;
    QTemporaryDir tools;
    QTemporaryDir work;
    if (!tools.isValid() || !work.isValid()) {
        return run;
    }
    const QString bin = tools.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    const QString script = tools.filePath(QStringLiteral("text.sh"));
    const QString log = tools.filePath(QStringLiteral("docker-calls"));
    if (!writeExecutable(bin + QStringLiteral("/docker"), kStubDocker) ||
        !writeExecutable(bin + QStringLiteral("/sleep"), "#!/bin/sh\nexit 0\n") ||
        !writeExecutable(script, QByteArray::fromStdString(text))) {
        return run;
    }
    QProcess sh;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), bin + QStringLiteral(":/usr/bin:/bin"));
    env.insert(QStringLiteral("HOME"), work.path());
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("DRYDOCK_STUB_LOG"), log);
    env.insert(QStringLiteral("DRYDOCK_STUB_INSPECT"), inspectAnswer);
    sh.setProcessEnvironment(env);
    sh.setWorkingDirectory(work.path());
    sh.start(shell.front(), shell.mid(1) << script);
    if (!sh.waitForStarted(10000)) {
        return run;
    }
    run.started = true;
    if (!sh.waitForFinished(60000)) {
        sh.kill();
        sh.waitForFinished();
    }
    run.exitCode = sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
    run.errors = QString::fromUtf8(sh.readAllStandardError());
    QFile calls(log);
    if (calls.open(QIODevice::ReadOnly)) {
        run.calls = parseLog(calls.readAll());
    }
    run.leftovers =
        QDir(work.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    return run;
}

QList<QStringList> interactiveShells()
{
    QList<QStringList> shells;
    const QStringList dirs{QStringLiteral("/usr/bin"), QStringLiteral("/bin")};
    if (const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"), dirs); !bash.isEmpty()) {
        shells << QStringList{bash};
    }
    if (const QString busybox = QStandardPaths::findExecutable(QStringLiteral("busybox"), dirs);
        !busybox.isEmpty()) {
        shells << QStringList{busybox, QStringLiteral("sh")};
    }
    return shells;
}

} // namespace drydock::test
