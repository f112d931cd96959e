#include "core/common/Strings.h"
#include "tests/support/ComposeFiles.h"
#include "tests/support/DockerCompose.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

const QString kBusybox = QStringLiteral("drydock-test/busybox:1");

// Compose Specification service keys that docker-compose 1.29 rejects ("Unsupported config option"). The
// snippets name them in their "Needs Compose Specification features" comment; the test removes exactly these
// lines before handing a snippet to 1.29, and checks the vendored schema defines each (a newer feature, not a
// mistake of ours).
const QStringList kNewerServiceKeys{QStringLiteral("cgroup"), QStringLiteral("uts")};
// A value the schema cannot mark: the docker CLI and docker compose v2 turn security_opt
// systempaths=unconfined into empty masked and read-only paths; 1.29 hands it to the daemon, which refuses it
// ("invalid --security-opt 2"). The snippet names it among the features it needs; the test removes the item.
const std::string kNewerSecurityOpt = "      - \"systempaths=unconfined\"";

// The top-level names a snippet declares external in one section ("volumes" or "networks").
QStringList externalNames(const std::string& yaml, const std::string& section)
{
    QStringList names;
    const StringList lines = split(yaml, '\n');
    bool in = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!lines[i].empty() && lines[i][0] != ' ' && lines[i][0] != '#') {
            in = lines[i] == section + ":";
            continue;
        }
        if (in && startsWith(lines[i], "  \"") && i + 1 < lines.size() &&
            lines[i + 1] == "    external: true") {
            const std::string key = lines[i].substr(3, lines[i].rfind('"') - 3);
            names << QString::fromStdString(key);
        }
    }
    return names;
}

} // namespace

// The generated compose snippets are created for real by Debian's docker-compose 1.29.2 on the private
// daemon.
class TestComposeSnippetsCreate : public QObject
{
    Q_OBJECT

private:
    QStringList m_projects; // (project, file) pairs, flattened
    QStringList m_volumes;
    QStringList m_networks;
    QStringList m_tags;

private slots:
    void initTestCase()
    {
        QVERIFY2(!test::privateDaemonSocket().isEmpty(), "run through ctest: the dockerd fixture is needed");
        QVERIFY2(QFile::exists(QStringLiteral("/usr/bin/docker-compose")), "apt-get install docker-compose");
        const QStringList spec = test::composeSpecServiceKeys();
        for (const QString& key : kNewerServiceKeys) {
            QVERIFY2(spec.contains(key),
                     qPrintable(key + QStringLiteral(" is not a Compose Specification key")));
        }
    }

    void cleanup()
    {
        for (int i = 0; i + 1 < m_projects.size(); i += 2) {
            test::dockerCompose(m_projects[i], m_projects[i + 1], {QStringLiteral("down")});
        }
        for (const QString& v : m_volumes) {
            test::docker({QStringLiteral("volume"), QStringLiteral("rm"), v});
        }
        for (const QString& n : m_networks) {
            test::docker({QStringLiteral("network"), QStringLiteral("rm"), n});
        }
        for (const QString& t : m_tags) {
            test::docker({QStringLiteral("rmi"), t});
        }
        m_projects.clear();
        m_volumes.clear();
        m_networks.clear();
        m_tags.clear();
    }

    void everySnippetIsCreated_data()
    {
        QTest::addColumn<int>("set");
        QTest::newRow("the hardened snippets of the 34 realistic containers") << 0;
        QTest::newRow("the snippets of the recorded containers as they run") << 1;
    }

    void everySnippetIsCreated()
    {
        QFETCH(int, set);
        const std::string prefix = test::uniqueName(QStringLiteral("cs")).toStdString() + "-";
        const auto docs =
            set == 0 ? test::realisticComposeSnippets(prefix) : test::recordedComposeSnippets(prefix);
        QVERIFY(docs.size() >= 7);
        QTemporaryDir dir;
        int removedKeys = 0;
        for (std::size_t i = 0; i < docs.size(); ++i) {
            const auto& doc = docs[i];
            // Its images, tagged from the busybox import; its external volumes and networks, made first.
            for (const auto& line : split(doc.yaml, '\n')) {
                if (startsWith(line, "    image: \"")) {
                    const QString image = QString::fromStdString(line.substr(12, line.size() - 13));
                    if (test::docker({QStringLiteral("image"), QStringLiteral("inspect"), image}) != 0) {
                        QCOMPARE(test::docker({QStringLiteral("tag"), kBusybox, image}), 0);
                        m_tags << image;
                    }
                }
            }
            for (const QString& v : externalNames(doc.yaml, "volumes")) {
                if (test::docker({QStringLiteral("volume"), QStringLiteral("inspect"), v}) != 0) {
                    QCOMPARE(test::docker({QStringLiteral("volume"), QStringLiteral("create"), v}), 0);
                    m_volumes << v;
                }
            }
            for (const QString& n : externalNames(doc.yaml, "networks")) {
                if (test::docker({QStringLiteral("network"), QStringLiteral("inspect"), n}) != 0) {
                    QCOMPARE(test::docker({QStringLiteral("network"), QStringLiteral("create"), n}), 0);
                    m_networks << n;
                }
            }
            // Only the newer keys go, and only from a snippet that says it needs them.
            StringList kept;
            for (const auto& line : split(doc.yaml, '\n')) {
                bool newer = false;
                for (const QString& key : kNewerServiceKeys) {
                    newer = newer || startsWith(line, "    " + key.toStdString() + ":");
                }
                if (line == kNewerSecurityOpt) {
                    QVERIFY2(contains(doc.yaml, "security_opt systempaths=unconfined"), doc.yaml.c_str());
                    newer = true;
                }
                if (newer) {
                    QVERIFY2(contains(doc.yaml, "# Needs Compose Specification features"), doc.yaml.c_str());
                    ++removedKeys;
                    continue;
                }
                kept.push_back(line);
            }
            std::string text;
            for (std::size_t k = 0; k < kept.size(); ++k) {
                // A list left without items goes too (null is not a list).
                if (kept[k] == "    security_opt:" &&
                    (k + 1 == kept.size() || !startsWith(kept[k + 1], "      - "))) {
                    continue;
                }
                text += kept[k] + "\n";
            }
            const QString file = dir.filePath(QStringLiteral("%1.yml").arg(i));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(text));
            f.close();
            const QString project = QString::fromStdString(prefix + std::to_string(i));
            m_projects << project << file;
            QString out;
            QString err;
            const int code = test::dockerCompose(project, file, {QStringLiteral("create")}, &out, &err);
            QVERIFY2(code == 0, qPrintable(QString::fromStdString(doc.name + "\n" + doc.yaml) + err));
            QString ids;
            QCOMPARE(test::docker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"),
                                   QStringLiteral("label=com.docker.compose.project=") + project},
                                  &ids),
                     0);
            QCOMPARE(ids.trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 1);
            QCOMPARE(test::docker({QStringLiteral("ps"), QStringLiteral("-q"), QStringLiteral("--filter"),
                                   QStringLiteral("label=com.docker.compose.project=") + project},
                                  &ids),
                     0);
            QVERIFY2(ids.trimmed().isEmpty(), "create started a container");
        }
        qInfo("%d line(s) of %s and security_opt systempaths=unconfined removed for docker-compose 1.29",
              removedKeys, qPrintable(kNewerServiceKeys.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestComposeSnippetsCreate)
#include "TestComposeSnippetsCreate.moc"
