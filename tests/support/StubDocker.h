#pragma once
#include "core/model/Common.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace drydock::test {

// What shell text did when run against a stub docker.
struct StubShellRun
{
    bool started = false;
    int exitCode = -1;
    std::vector<StringList> calls; // each docker call's argv after "docker", exactly as the program got it
    QStringList leftovers;         // files the text created in its (empty) working directory
    QString errors;                // the shell's stderr
};

// Runs shell text as a person would (a saved script under sh, a pasted command under bash) with a stub
// `docker` first on PATH that only records its argv (NUL-separated) and a `sleep` that returns at once, in an
// empty temporary directory: any file left there (a PWNED) is a side effect. `docker inspect` prints
// inspectAnswer, so a script that checks the container sees it running.
// shell is the program and its first arguments: {"/bin/sh"}, {"/usr/bin/busybox", "sh"}.
StubShellRun runWithStubDocker(const QStringList& shell, const std::string& text,
                               const QString& inspectAnswer = QStringLiteral("true"));

// The shells a copied command is for that are installed here (bash, BusyBox ash; both read $'…').
QList<QStringList> interactiveShells();

} // namespace drydock::test
