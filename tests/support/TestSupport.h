#pragma once
#include "core/docker/DockerClient.h"
#include "core/docker/DockerEndpoint.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <string>

class QJsonObject;

namespace drydock::test {

// The repository's tests/data/ folder, and the path of a file under it. (Compiled into TestSupport.cpp only:
// an absolute path in every test's flags would make each clone of the repository miss the compiler cache.)
std::string dataDir();
QString dataPath(const QString& name);
// Contents of a file under tests/data/ (fails the current test when missing).
std::string readData(const QString& name);

// The private dockerd the CTest fixture started (tests/support/private-dockerd.sh), or an empty string
// when the fixture is not running (an integration test then fails with a message saying how to start it).
QString privateDaemonSocket();
DockerEndpoint privateDaemonEndpoint();
std::unique_ptr<DockerClient> connectPrivateDaemon();

// A script under tests/support/ (validate-sarif.py, check-html.py) in the source tree.
QString supportScript(const char* name);
// Where installer/install-deps.sh --with-tests put Microsoft's SARIF validator and the SARIF 2.1.0 schema.
QString sarifToolDir();

// Runs the docker CLI against the private daemon; returns the exit code, stdout in *out when given.
int docker(const QStringList& args, QString* out = nullptr, QString* err = nullptr, int timeoutMs = 120000);
// Runs the drydock executable built with the tests (DRYDOCK_BINARY) with extra environment entries.
int drydock(const QStringList& args, QString* out = nullptr, QString* err = nullptr,
            const QStringList& env = {}, int timeoutMs = 300000);

// The names of the objects of a scan JSON (schemaVersion 2) by ref: a finding's object is
// names[finding["objectRef"]].
QHash<QString, QString> scanJsonObjectNames(const QJsonObject& doc);

// A fresh unique name for test objects ("dd-<prefix>-<random>"), so tests never collide.
QString uniqueName(const QString& prefix);

} // namespace drydock::test
