#include "core/contents/LayerReader.h"
#include "core/contents/PathResolver.h"
#include "tests/support/TarBuilder.h"

#include <QTest>

using namespace drydock;
using drydock::test::legacySavedImage;
using drydock::test::TarBuilder;

namespace {

Result<ImageContents> readImage(const std::string& bytes, ContentLimits limits = {}, std::size_t piece = 4096)
{
    MemoryByteSource source(bytes, piece);
    NullProgressSink progress;
    return LayerReader(limits).read(source, progress, CancelToken());
}

bool has(const ImageContents& c, const std::string& path)
{
    return c.files.count(path) > 0;
}

} // namespace

// The saved-image reader: layer order from manifest.json wherever it sits, whiteouts, kept contents, and
// hostile archives rejected with a clear error instead of a crash, a hang or unbounded memory.
class TestLayerReader : public QObject
{
    Q_OBJECT

private slots:
    void layersMergeInManifestOrderWithWhiteouts_data()
    {
        QTest::addColumn<bool>("manifestFirst");
        QTest::addColumn<int>("piece");
        QTest::newRow("legacy layout with manifest.json last, read in 4 KiB pieces") << false << 4096;
        QTest::newRow("manifest.json first, read in 7-byte pieces") << true << 7;
    }

    void layersMergeInManifestOrderWithWhiteouts()
    {
        QFETCH(bool, manifestFirst);
        QFETCH(int, piece);
        const std::string base = TarBuilder()
                                     .dir("etc/")
                                     .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                                     .file("etc/motd", "hello")
                                     .dir("opt/app/")
                                     .file("opt/app/old.txt", "old")
                                     .dir("usr/bin/")
                                     .file("usr/bin/dash", std::string(3000, 'x'), 0755)
                                     .symlink("bin", "usr/bin")
                                     .finish();
        const std::string second =
            TarBuilder()
                .file("etc/.wh.motd", "")
                .dir("opt/app/")
                .file("opt/app/.wh..wh..opq", "")
                .file("opt/app/new.txt", "new")
                .file("root/.ssh/id_rsa",
                      "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n", 0600)
                .file("usr/bin/su", "su", 04755)
                .finish();
        const std::string third = TarBuilder().file("root/.ssh/.wh.id_rsa", "").finish();
        auto result =
            readImage(legacySavedImage({base, second, third}, manifestFirst), {}, std::size_t(piece));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        const ImageContents& c = result.value();
        QCOMPARE(int(c.layers.size()), 3);
        QCOMPARE(QString::fromStdString(c.layers[1].createdBy), QString("RUN step 1"));
        QCOMPARE(QString::fromStdString(c.layers[0].diffId), QString("sha256:0"));
        QVERIFY(!has(c, "etc/motd"));            // whiteout
        QVERIFY(!has(c, "opt/app/old.txt"));     // opaque directory hides the lower layer
        QVERIFY(has(c, "opt/app/new.txt"));      // but not what the same layer adds
        QVERIFY(!has(c, "root/.ssh/id_rsa"));    // deleted in the third layer …
        QCOMPARE(int(c.removedFiles.size()), 1); // … and remembered as a deleted secret
        QCOMPARE(QString::fromStdString(c.removedFiles[0].path), QString("root/.ssh/id_rsa"));
        QCOMPARE(c.removedFiles[0].entry.layer, 1);
        QCOMPARE(c.removedFiles[0].removedInLayer, 2);
        QVERIFY(c.removedFiles[0].entry.content.has_value());
        QCOMPARE(c.files.at("usr/bin/su").mode, 04755u);
        QCOMPARE(c.files.at("usr/bin/su").layer, 1);
        QCOMPARE(c.files.at("usr/bin/dash").size, std::int64_t(3000));
        QVERIFY(!c.files.at("usr/bin/dash").content.has_value()); // ordinary files are never kept
        QCOMPARE(QString::fromStdString(*c.files.at("etc/os-release").content),
                 QString("ID=debian\nVERSION_ID=\"12\"\n"));
        // bin -> usr/bin, so /bin/dash is found through the symlink.
        std::string resolved;
        QVERIFY(PathResolver(c.files).find("bin/dash", &resolved));
        QCOMPARE(QString::fromStdString(resolved), QString("usr/bin/dash"));
    }

    void ociLayoutIsReadLikeTheLegacyOne()
    {
        const std::string layer = TarBuilder().file("./app/run.sh", "#!/bin/sh\n", 0755).finish();
        const std::string config =
            "{\"rootfs\":{\"diff_ids\":[\"sha256:abc\"]},\"history\":[{\"created_by\":\"COPY run.sh\"}]}";
        const std::string saved =
            TarBuilder()
                .dir("blobs/")
                .dir("blobs/sha256/")
                .file("blobs/sha256/1111", layer)
                .file("blobs/sha256/2222", config)
                .file("index.json", "{\"schemaVersion\":2}")
                .file("manifest.json",
                      "[{\"Config\":\"blobs/sha256/2222\",\"Layers\":[\"blobs/sha256/1111\"]}]")
                .file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .finish();
        auto result = readImage(saved);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QVERIFY(has(result.value(), "app/run.sh"));
        QCOMPARE(QString::fromStdString(result->imageId), QString("sha256:2222"));
        QCOMPARE(QString::fromStdString(result->layers[0].createdBy), QString("COPY run.sh"));
    }

    void hostileArchivesAreRejectedWithAClearError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("maxFiles");
        QTest::addColumn<qint64>("maxTotalBytes");
        QTest::addColumn<QString>("expected");
        const auto img = [](const std::string& layer) {
            const std::string s = legacySavedImage({layer});
            return QByteArray(s.data(), qsizetype(s.size()));
        };
        QTest::newRow("a layer member that climbs out with ../")
            << img(TarBuilder().file("../../etc/cron.d/evil", "x").finish()) << qint64(0) << qint64(0)
            << "path traversal";
        QTest::newRow("a layer member hidden behind a directory and ../")
            << img(TarBuilder().file("usr/../../evil", "x").finish()) << qint64(0) << qint64(0)
            << "path traversal";
        QTest::newRow("a layer member with an absolute name")
            << img(TarBuilder().file("/etc/passwd", "x").finish()) << qint64(0) << qint64(0)
            << "absolute name";
        QTest::newRow("a whiteout that names the parent directory")
            << img(TarBuilder().file("etc/.wh...", "").finish()) << qint64(0) << qint64(0) << "names no file";
        {
            TarBuilder::Entry huge{"big.bin", "", '0', 0644, 0, 0, {}, 077777777777, {}};
            QTest::newRow("a layer file that declares 8 GiB in a 1 GiB budget")
                << img(TarBuilder().add(huge).finish(false)) << qint64(0) << (qint64(1) << 30)
                << "impossible size";
            TarBuilder::Entry hugeLayer{"l0/layer.tar", "", '0', 0644, 0, 0, {}, 077777777777, {}};
            QTest::newRow("a layer member that declares 8 GiB in a 1 GiB budget")
                << QByteArray::fromStdString(TarBuilder().add(hugeLayer).finish(false)) << qint64(0)
                << (qint64(1) << 30) << "declares";
        }
        {
            std::string deep;
            for (int i = 0; i < 300; ++i) {
                deep += "d/";
            }
            QTest::newRow("a path nested 300 directories deep")
                << img(TarBuilder().file(deep + "f", "x").finish()) << qint64(0) << qint64(0)
                << "nests deeper";
            QTest::newRow("a path longer than 4096 bytes")
                << img(TarBuilder().file(std::string(5000, 'a'), "x").finish()) << qint64(0) << qint64(0)
                << "longer than";
        }
        {
            TarBuilder many;
            for (int i = 0; i < 150; ++i) {
                many.file("f" + std::to_string(i), "");
            }
            QTest::newRow("more files than the limit")
                << img(many.finish()) << qint64(100) << qint64(0) << "more than 100 files";
        }
        {
            const std::string layer = TarBuilder().file("blob", std::string(60000, 'z')).finish();
            const std::string s = legacySavedImage({layer, layer});
            QTest::newRow("layers that each fit but together stream more bytes than the limit")
                << QByteArray(s.data(), qsizetype(s.size())) << qint64(0) << qint64(100000)
                << "larger than the content-analysis limit";
        }
        {
            const std::string s =
                TarBuilder().file("l0/layer.tar", TarBuilder().file("a", "b").finish()).finish();
            QTest::newRow("a saved image without manifest.json")
                << QByteArray(s.data(), qsizetype(s.size())) << qint64(0) << qint64(0) << "no manifest.json";
        }
        {
            const std::string s =
                TarBuilder()
                    .file("manifest.json", "[{\"Config\":\"x.json\",\"Layers\":[\"gone/layer.tar\"]}]")
                    .finish();
            QTest::newRow("a manifest that lists a layer the archive lacks")
                << QByteArray(s.data(), qsizetype(s.size())) << qint64(0) << qint64(0)
                << "does not contain it";
        }
        {
            const std::string full =
                legacySavedImage({TarBuilder().file("a", std::string(5000, 'a')).finish()});
            QTest::newRow("a stream cut off in the middle of a layer")
                << QByteArray(full.data(), 3000) << qint64(0) << qint64(0) << "damaged";
        }
        QTest::newRow("bytes that are not a tar at all")
            << QByteArray("this is not a tar archive, just text that goes on and on") << qint64(0)
            << qint64(0) << "cannot be opened";
        QTest::newRow("a layer that is not a tar")
            << img(std::string(4096, '\x7f')) << qint64(0) << qint64(0) << "not a tar archive";
        QTest::newRow("a manifest.json that is not JSON of the right shape")
            << QByteArray::fromStdString(TarBuilder().file("manifest.json", "{\"not\":\"a list\"}").finish())
            << qint64(0) << qint64(0) << "manifest.json cannot be read";
    }

    void hostileArchivesAreRejectedWithAClearError()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, maxFiles);
        QFETCH(qint64, maxTotalBytes);
        QFETCH(QString, expected);
        ContentLimits limits;
        if (maxFiles > 0) {
            limits.maxFiles = maxFiles;
        }
        if (maxTotalBytes > 0) {
            limits.maxTotalBytes = maxTotalBytes;
        }
        auto result = readImage(bytes.toStdString(), limits);
        QVERIFY(!result.ok());
        const QString message = QString::fromStdString(result.error().message);
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void symlinkLoopsAreAnErrorNotAHang_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("two links pointing at each other") << "a";
        QTest::newRow("a link to itself") << "self";
        QTest::newRow("a directory link that loops back through its parent") << "loop/x/y";
    }

    void symlinkLoopsAreAnErrorNotAHang()
    {
        QFETCH(QString, path);
        const std::string layer = TarBuilder()
                                      .symlink("a", "b")
                                      .symlink("b", "/a")
                                      .symlink("self", "self")
                                      .symlink("loop", "./loop/")
                                      .finish();
        auto result = readImage(legacySavedImage({layer}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        PathResolver resolver(result->files);
        auto resolved = resolver.resolve(path.toStdString());
        QVERIFY(!resolved.ok());
        QVERIFY(QString::fromStdString(resolved.error().message).contains("loop"));
        QVERIFY(resolver.find(path.toStdString()) == nullptr);
    }

    void cancelStopsTheRead()
    {
        const std::string saved =
            legacySavedImage({TarBuilder().file("a", std::string(100000, 'a')).finish()});
        MemoryByteSource source(saved, 512);
        NullProgressSink progress;
        CancelToken cancel;
        cancel.cancel();
        auto result = LayerReader().read(source, progress, cancel);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }

    void capabilitiesAndHardLinksAreRecorded()
    {
        TarBuilder::Entry ping{
            "usr/bin/ping", "elf", '0', 0755, 0, 0, {}, -1, {{"SCHILY.xattr.security.capability", "\x01"}}};
        const std::string layer = TarBuilder().add(ping).hardlink("usr/bin/ping2", "usr/bin/ping").finish();
        auto result = readImage(legacySavedImage({layer}));
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QVERIFY(result->files.at("usr/bin/ping").hasCapabilities);
        QVERIFY(result->files.at("usr/bin/ping2").type == FileEntry::Type::HardLink);
        QCOMPARE(QString::fromStdString(result->files.at("usr/bin/ping2").linkTarget),
                 QString("usr/bin/ping"));
    }
};

QTEST_APPLESS_MAIN(TestLayerReader)
#include "TestLayerReader.moc"
