#pragma once
// Compose documents the tests validate and create for real: the generated snippets of the realistic set
// (RealisticScan.h, hardened by the rule engine) and of every recorded container as it runs, plus the
// validator (tests/support/validate-compose.py against the vendored
// tests/data/compose-spec/compose-spec.json).
#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/RunCommandBuilder.h"
#include "tests/support/RealisticScan.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <map>
#include <set>

namespace drydock::test {

// One generated compose document and what it came from.
struct ComposeDocument
{
    std::string name; // "hardened api-1", "as recorded: priv"
    std::string yaml;
};

// The snippet of every container of the realistic set (one per container: all its findings share it), with
// `prefix` before every container name so a test on a real daemon cannot collide with anything.
inline std::vector<ComposeDocument> realisticComposeSnippets(const std::string& prefix = {})
{
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ScanResult scan = realisticScan(catalogue);
    for (auto& c : scan.inventory.containers) {
        c.name = prefix + c.name;
    }
    const FindingSet findings =
        RuleEngine(catalogue).evaluate(scan.inventory, ScanSettings{}, scan.startedAtUnix);
    std::vector<ComposeDocument> out;
    std::set<std::string> seen;
    for (const auto& f : findings.all()) {
        if (f.object.type == ObjectType::Container && !f.remediation.compose.empty() &&
            seen.insert(f.object.id).second) {
            out.push_back({"hardened " + f.object.name, f.remediation.compose});
        }
    }
    return out;
}

// The snippet of every recorded container of tests/data/api-1.41 as it runs, not hardened.
inline std::vector<ComposeDocument> recordedComposeSnippets(const std::string& prefix = {})
{
    std::vector<Image> images;
    for (const char* image : {"image-app", "image-busybox"}) {
        if (auto parsed =
                json::parseImage(readData(QStringLiteral("api-1.41/%1.json").arg(QLatin1String(image))))) {
            images.push_back(std::move(parsed).value());
        }
    }
    std::vector<ComposeDocument> out;
    for (const char* base : {"webapp", "priv", "hostns", "noseccomp", "plain", "sysunconf", "exited"}) {
        auto c = json::parseContainer(
            readData(QStringLiteral("api-1.41/container-%1.json").arg(QLatin1String(base))));
        if (!c) {
            out.push_back({std::string("unparsable ") + base, ""});
            continue;
        }
        const Image* image = nullptr;
        for (const auto& i : images) {
            image = i.id == c->imageId ? &i : image;
        }
        const RunCommand command = RunCommandBuilder().build(*c, image);
        out.push_back(
            {std::string("as recorded: ") + base,
             ComposeSnippet().render(prefix + base, command, ComposeSnippetOptions::asOnTheDaemon(command))});
    }
    return out;
}

// Runs validate-compose.py on the files: its exit code and what it printed.
inline std::pair<int, QString> validateComposeFiles(const QStringList& files)
{
    const QString source = qEnvironmentVariable("DRYDOCK_SOURCE_DIR");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 QStringList{source + QStringLiteral("/tests/support/validate-compose.py"),
                             source + QStringLiteral("/tests/data/compose-spec/compose-spec.json")} +
                     files);
    if (!python.waitForFinished(120000)) {
        return {-1, QStringLiteral("the validator did not finish")};
    }
    return {python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1,
            QString::fromUtf8(python.readAllStandardOutput() + python.readAllStandardError())};
}

// Writes each document to dir/<index>.yml and returns the paths.
inline QStringList writeComposeFiles(const QTemporaryDir& dir, const std::vector<ComposeDocument>& docs)
{
    QStringList paths;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const QString path = dir.filePath(QStringLiteral("%1.yml").arg(i));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(QByteArray::fromStdString(docs[i].yaml));
        }
        paths << path;
    }
    return paths;
}

} // namespace drydock::test
