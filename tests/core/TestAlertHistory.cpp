// The history's alerts table (schema migration 5): an older history upgrades with its scans kept, alerts are
// stored and read back (oldest first, by time and endpoint), and the table never holds evidence.
#include "core/store/HistoryStore.h"
#include "core/store/SchemaMigrator.h"
#include "core/store/SqliteDatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace drydock;

namespace {

Alert alert(std::int64_t at, const std::string& endpoint, const std::string& name)
{
    Alert a;
    a.atUnix = at;
    a.endpoint = endpoint;
    a.object = {ObjectType::Container, "id-" + name, name};
    a.ruleIds = {"CTR-002", "CTR-010"};
    a.severity = Severity::Critical;
    a.sentence = "Container `" + name + "` was started: privileged container (critical, CTR-002, CTR-010)";
    return a;
}

} // namespace

class TestAlertHistory : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_count = 0;
    std::string freshPath() { return m_dir.filePath(QStringLiteral("h%1.db").arg(++m_count)).toStdString(); }

private slots:
    void aSchema4HistoryUpgradesAndKeepsItsScans()
    {
        const std::string path = freshPath();
        {
            auto db = SqliteDatabase::open(path).value();
            QVERIFY(SchemaMigrator::migrate(*db, 4));
            QCOMPARE(SchemaMigrator::currentVersion(*db).value(), 4);
            QVERIFY(db->exec("INSERT INTO scans (endpoint, started_at, finished_at, catalogue_version) "
                             "VALUES ('unix:///old.sock', 1000, 1001, 'test')"));
            QVERIFY(!db->prepare("SELECT * FROM alerts")); // no such table yet
        }
        auto store = HistoryStore::open(path);
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        QCOMPARE(SchemaMigrator::currentVersion(store.value()->database()).value(), 5);
        QCOMPARE(SchemaMigrator::latestVersion(), 5);
        auto scans = store.value()->scans().list();
        QVERIFY(scans);
        QCOMPARE(scans->size(), std::size_t(1));
        QVERIFY(store.value()->alerts().list().value().empty());
        QVERIFY(store.value()->alerts().add(alert(2000, "unix:///old.sock", "web")));
        QCOMPARE(store.value()->alerts().list().value().size(), std::size_t(1));
    }

    void alertsAreStoredAndReadBackOldestFirst()
    {
        auto store = HistoryStore::open(freshPath());
        QVERIFY(store);
        auto& alerts = store.value()->alerts();
        const auto id = alerts.add(alert(3000, "unix:///b.sock", "db"));
        QVERIFY(id && id.value() > 0);
        QVERIFY(alerts.add(alert(1000, "unix:///a.sock", "web")));
        QVERIFY(alerts.add(alert(2000, "unix:///a.sock", "cache")));

        const auto all = alerts.list().value();
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].object.name, std::string("web"));
        QCOMPARE(all[2].object.name, std::string("db"));
        const Alert& back = all[2];
        const Alert sent = alert(3000, "unix:///b.sock", "db");
        QCOMPARE(back.id, id.value());
        QCOMPARE(back.atUnix, sent.atUnix);
        QCOMPARE(back.endpoint, sent.endpoint);
        QCOMPARE(back.object.type, ObjectType::Container);
        QCOMPARE(back.object.id, sent.object.id);
        QCOMPARE(back.ruleIds, sent.ruleIds);
        QCOMPARE(back.severity, Severity::Critical);
        QCOMPARE(back.sentence, sent.sentence);

        const auto since = alerts.list(2000).value();
        QCOMPARE(since.size(), std::size_t(2));
        QCOMPARE(since[0].object.name, std::string("cache"));
        const auto ofA = alerts.list(0, "unix:///a.sock").value();
        QCOMPARE(ofA.size(), std::size_t(2));
        QCOMPARE(alerts.list(0, {}, 1).value().front().object.name, std::string("db")); // the newest one
    }

    // The table keeps what the sentence says and the ids: it has no column for evidence at all.
    void theAlertsTableHasNoPlaceForEvidence()
    {
        auto store = HistoryStore::open(freshPath());
        auto q = store.value()->database().prepare("SELECT name FROM pragma_table_info('alerts')");
        QVERIFY(q);
        QStringList columns;
        while (q->step()) {
            columns << QString::fromStdString(q->text(0));
        }
        QCOMPARE(columns, (QStringList{"id", "at", "endpoint", "object_type", "object_id", "object_name",
                                       "rule_ids", "severity", "sentence"}));
    }
};

QTEST_GUILESS_MAIN(TestAlertHistory)
#include "TestAlertHistory.moc"
