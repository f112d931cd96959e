#include "core/hardening/ContainerResolver.h"
#include "tests/support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace drydock;

namespace {

// The containers of a recorded `GET /containers/json?all=1` (ids and names only matter here), plus one
// extra container when a row needs a name that collides with an id.
std::vector<Container> recordedContainers(const QString& extraName)
{
    std::vector<Container> out;
    const auto list =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(test::readData(QStringLiteral("api-1.41/containers-list.json"))))
            .array();
    for (const auto& entry : list) {
        Container c;
        c.id = entry.toObject().value(QStringLiteral("Id")).toString().toStdString();
        c.name =
            entry.toObject().value(QStringLiteral("Names")).toArray().at(0).toString().mid(1).toStdString();
        out.push_back(c);
    }
    if (!extraName.isEmpty()) {
        Container c;
        c.id = std::string(64, 'e'); // no recorded id starts with e
        c.name = extraName.toStdString();
        out.push_back(c);
    }
    return out;
}

const QString kWebappId = QStringLiteral("730fc778a2b9bf4e30185ad596ae4e8f51632aebddee83cfac9d8151140ff425");

} // namespace

// Containers are found as the docker CLI finds them: full id, exact name, then a unique id start.
class TestContainerResolver : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("extraName");
        QTest::addColumn<QString>("expectedName"); // empty: nothing found
        QTest::addColumn<int>("expectedKind");
        QTest::addColumn<QString>("error"); // a part of the refusal; empty: no error
        const int fullId = int(ContainerMatchKind::FullId);
        const int name = int(ContainerMatchKind::Name);
        const int prefix = int(ContainerMatchKind::IdPrefix);
        QTest::newRow("a full id finds its container") << kWebappId << ""
                                                       << "webapp" << fullId << "";
        QTest::newRow("an exact name finds its container") << "webapp"
                                                           << ""
                                                           << "webapp" << name << "";
        QTest::newRow("a name with the API's leading slash finds it") << "/webapp"
                                                                      << ""
                                                                      << "webapp" << name << "";
        QTest::newRow("a unique id start finds its container") << "730fc7"
                                                               << ""
                                                               << "webapp" << prefix << "";
        QTest::newRow("a unique id start of one character is enough, as for docker")
            << "7"
            << ""
            << "webapp" << prefix << "";
        QTest::newRow("an id start two containers share is refused, naming both")
            << "1"
            << ""
            << "" << 0 << "sysunconf (1a1c190b6471)";
        QTest::newRow("an ambiguous start is never resolved to the first container")
            << "1"
            << ""
            << "" << 0 << "agent.wyj2fdmtkdumq20mg9k5b31i0.z8f7tgcs0mofpxfvt2dp42pia (1df1daf70af0)";
        QTest::newRow("a name wins over another container's id start") << "db45"
                                                                       << "db45"
                                                                       << "db45" << name << "";
        QTest::newRow("a full id wins over a container named like it")
            << kWebappId << kWebappId << "webapp" << fullId << "";
        QTest::newRow("the start of a name finds nothing") << "weba"
                                                           << ""
                                                           << "" << 0 << "";
        QTest::newRow("names are case-sensitive") << "WebApp"
                                                  << ""
                                                  << "" << 0 << "";
        QTest::newRow("an id start in capitals finds nothing, as ids are lower case") << "730FC7"
                                                                                      << ""
                                                                                      << "" << 0 << "";
        QTest::newRow("a longer word than any id finds nothing") << kWebappId + "0"
                                                                 << ""
                                                                 << "" << 0 << "";
        QTest::newRow("an empty word is refused") << ""
                                                  << ""
                                                  << "" << 0 << "empty";
        QTest::newRow("a lone slash is refused") << "/"
                                                 << ""
                                                 << "" << 0 << "empty";
    }

    void resolve()
    {
        QFETCH(QString, word);
        QFETCH(QString, extraName);
        QFETCH(QString, expectedName);
        QFETCH(int, expectedKind);
        QFETCH(QString, error);
        const auto containers = recordedContainers(extraName);
        const auto found = ContainerResolver::resolve(containers, word.toStdString());
        if (!error.isEmpty()) {
            QVERIFY(!found);
            QVERIFY2(QString::fromStdString(found.error().message).contains(error),
                     found.error().message.c_str());
            return;
        }
        QVERIFY2(found, found ? "" : found.error().message.c_str());
        if (expectedName.isEmpty()) {
            QVERIFY(!found.value().has_value());
            return;
        }
        QVERIFY(found.value().has_value());
        QCOMPARE(QString::fromStdString(found.value()->container->name), expectedName);
        QCOMPARE(int(found.value()->kind), expectedKind);
    }

    void onlyAnExactNameOrTheFullIdMayNameWhatAnApplyChanges_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("the full id") << int(ContainerMatchKind::FullId) << true;
        QTest::newRow("the exact name") << int(ContainerMatchKind::Name) << true;
        QTest::newRow("an id start") << int(ContainerMatchKind::IdPrefix) << false;
    }

    void onlyAnExactNameOrTheFullIdMayNameWhatAnApplyChanges()
    {
        QFETCH(int, kind);
        QFETCH(bool, allowed);
        QCOMPARE(ContainerResolver::isExactEnoughToChange(static_cast<ContainerMatchKind>(kind)), allowed);
    }
};

QTEST_GUILESS_MAIN(TestContainerResolver)
#include "TestContainerResolver.moc"
