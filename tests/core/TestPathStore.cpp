#include "core/contents/PathStore.h"

#include <QTest>

using namespace drydock;

// PathStore: every path of an image once, directory prefixes shared, a path given back exactly as stored.
class TestPathStore : public QObject
{
    Q_OBJECT

private slots:
    void pathsComeBackAsTheyWentIn_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a top-level name") << "etc";
        QTest::newRow("a nested path") << "usr/share/doc/busybox/copyright";
        QTest::newRow("names that differ only in their directory") << "a/b/c";
        QTest::newRow("a name with spaces and UTF-8") << "opt/my app/ünïcode file";
        QTest::newRow("a component that looks like a number") << "1/2/3";
    }

    void pathsComeBackAsTheyWentIn()
    {
        QFETCH(QString, path);
        PathStore store;
        store.intern("a/b");
        store.intern("b/c");
        const auto id = store.intern(path.toStdString());
        QCOMPARE(QString::fromStdString(store.path(id)), path);
        QCOMPARE(store.length(id), std::size_t(path.toUtf8().size()));
        QCOMPARE(store.intern(path.toStdString()), id); // the same path is the same id
    }

    void theEmptyPathIsTheRoot()
    {
        PathStore store;
        QCOMPARE(store.intern(""), PathStore::kRoot);
        QCOMPARE(store.path(PathStore::kRoot), std::string());
    }

    void aSharedPrefixIsStoredOnce_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("entries");
        QTest::newRow("10 000 files 200 directories deep") << 200 << 10000;
        QTest::newRow("100 000 files in one directory") << 1 << 100000;
    }

    void aSharedPrefixIsStoredOnce()
    {
        QFETCH(int, depth);
        QFETCH(int, entries);
        std::string prefix;
        for (int d = 1; d < depth; ++d) {
            prefix += "directory" + std::to_string(d) + "/";
        }
        PathStore store;
        std::size_t plainBytes = 0;
        for (int i = 0; i < entries; ++i) {
            const std::string path = prefix + "file" + std::to_string(i);
            plainBytes += path.size();
            const auto id = store.intern(path);
            QCOMPARE(store.path(id), path); // every path, not a sample
        }
        QCOMPARE(store.size(), std::size_t(1 + depth - 1 + entries));
        // Per entry: a node, a hash slot and the last name; never the prefix again.
        QVERIFY2(
            store.bytes() < std::size_t(entries) * 96 + prefix.size() + 8192,
            qPrintable(QString("%1 bytes for %2 bytes of plain paths").arg(store.bytes()).arg(plainBytes)));
    }
};

QTEST_APPLESS_MAIN(TestPathStore)
#include "TestPathStore.moc"
