#include "core/contents/LayerReader.h"
#include "core/contents/PathResolver.h"
#include "tests/support/TarBuilder.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>

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

la_ssize_t appendTo(archive*, void* user, const void* buffer, std::size_t size)
{
    static_cast<std::string*>(user)->append(static_cast<const char*>(buffer), size);
    return static_cast<la_ssize_t>(size);
}

// bytes compressed by libarchive's own writer (gzip or zstd, as Docker produces them).
std::string compress(const std::string& bytes, int (*addFilter)(archive*))
{
    std::string out;
    archive* a = archive_write_new();
    addFilter(a);
    archive_write_set_format_raw(a);
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr, appendTo, nullptr);
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, "data");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    archive_write_header(a, e);
    archive_write_data(a, bytes.data(), bytes.size());
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

int gzipFilter(archive* a)
{
    return archive_write_add_filter_gzip(a);
}
int zstdFilter(archive* a)
{
    return archive_write_add_filter_zstd(a);
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
        QTest::addColumn<qint64>("maxIndexBytes");
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
            QTest::newRow("more files than a small index budget holds")
                << img(many.finish()) << qint64(16 * 1024) << qint64(0) << "Image too large to analyse";
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
        QFETCH(qint64, maxIndexBytes);
        QFETCH(qint64, maxTotalBytes);
        QFETCH(QString, expected);
        ContentLimits limits;
        if (maxIndexBytes > 0) {
            limits.maxIndexBytes = maxIndexBytes;
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

    // Memory is bounded in bytes, not entries: many entries, long or deep names, all meet the same budget.
    void theFileIndexIsBoundedInBytes_data()
    {
        QTest::addColumn<int>("entries");
        QTest::addColumn<int>("nameLength");
        QTest::addColumn<int>("depth");
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<bool>("fits");
        QTest::newRow("20 000 short names fit in 16 MiB") << 20000 << 8 << 1 << qint64(16 << 20) << true;
        QTest::newRow("20 000 short names do not fit in 1 MiB")
            << 20000 << 8 << 1 << qint64(1 << 20) << false;
        QTest::newRow("5 000 names of 3000 bytes do not fit in 8 MiB")
            << 5000 << 3000 << 1 << qint64(8 << 20) << false;
        QTest::newRow("5 000 names 200 directories deep do not fit in 2 MiB")
            << 5000 << 8 << 200 << qint64(2 << 20) << false;
        QTest::newRow("5 000 names 200 directories deep fit in 16 MiB, the prefix stored once")
            << 5000 << 8 << 200 << qint64(16 << 20) << true;
    }

    void theFileIndexIsBoundedInBytes()
    {
        QFETCH(int, entries);
        QFETCH(int, nameLength);
        QFETCH(int, depth);
        QFETCH(qint64, budget);
        QFETCH(bool, fits);
        std::string prefix;
        for (int d = 1; d < depth; ++d) {
            prefix += "dd/";
        }
        TarBuilder layer;
        for (int i = 0; i < entries; ++i) {
            std::string name = std::to_string(i);
            name += std::string(static_cast<std::size_t>(std::max(0, nameLength - int(name.size()))), 'n');
            layer.file(prefix + name, "");
        }
        ContentLimits limits;
        limits.maxIndexBytes = budget;
        const auto result = readImage(legacySavedImage({layer.finish()}), limits, 64 * 1024);
        if (fits) {
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
            QCOMPARE(int(result->files.size()), entries);
        } else {
            QVERIFY(!result.ok());
            const std::string& m = result.error().message;
            QVERIFY2(m.find("Image too large to analyse") != std::string::npos, m.c_str());
            QVERIFY2(m.find("budget") != std::string::npos, m.c_str());
        }
    }

    // A small compressed layer that expands past the limit stops at the limit, as does a compressed saved
    // image; the outcome is "too large to analyse", not a file view with the rest missing.
    void compressionBombsStopAtTheDecompressedLimit_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const std::string zeros(std::size_t(64) << 20, '\0');
        const std::string bigLayer = TarBuilder().file("zeros", zeros).finish();
        const auto qb = [](const std::string& s) { return QByteArray(s.data(), qsizetype(s.size())); };
        QTest::newRow("a gzip layer of 64 MiB of zeros")
            << qb(legacySavedImage({compress(bigLayer, gzipFilter)}));
        QTest::newRow("a zstd layer of 64 MiB of zeros")
            << qb(legacySavedImage({compress(bigLayer, zstdFilter)}));
        QTest::newRow("a gzip-compressed saved image holding 64 MiB of zeros")
            << qb(compress(legacySavedImage({bigLayer}), gzipFilter));
        {
            // Many small gzip layers that add up: the count is over all layers together.
            const std::string layer =
                compress(TarBuilder().file("z", std::string(std::size_t(3) << 20, 'z')).finish(), gzipFilter);
            QTest::newRow("six gzip layers of 3 MiB each")
                << qb(legacySavedImage({layer, layer, layer, layer, layer, layer}));
        }
    }

    void compressionBombsStopAtTheDecompressedLimit()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(bytes.size() < (4 << 20)); // the input itself is small
        ContentLimits limits;
        limits.maxUncompressedBytes = 16 << 20;
        const auto result = readImage(bytes.toStdString(), limits, 64 * 1024);
        QVERIFY(!result.ok());
        const std::string& m = result.error().message;
        QVERIFY2(m.find("Image too large to analyse") != std::string::npos, m.c_str());
        QVERIFY2(m.find("decompressed") != std::string::npos, m.c_str());
    }

    void compressedLayersWithinTheLimitAreRead()
    {
        const std::string layer = TarBuilder()
                                      .file("etc/os-release", "ID=alpine\n")
                                      .file("big", std::string(1 << 20, 'x'))
                                      .finish();
        for (const auto filter : {gzipFilter, zstdFilter}) {
            const auto result = readImage(compress(legacySavedImage({compress(layer, filter)}), gzipFilter));
            QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
            QVERIFY(has(result.value(), "etc/os-release"));
        }
    }

    void readingStopsAtTheTimeLimit()
    {
        ContentLimits limits;
        limits.maxSeconds = 0;
        const auto result = readImage(legacySavedImage({TarBuilder().file("a", "b").finish()}), limits);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.find("took longer than the limit") != std::string::npos,
                 result.error().message.c_str());
    }

    // Only tar, plain, gzip or zstd are read. Any other compression is refused, and no external program
    // runs for it: stand-ins for every decompressor libarchive could call sit first on PATH and record a run.
    void onlyDockerCompressionsAreReadAndNoProgramRuns_data()
    {
        QTest::addColumn<QByteArray>("magic");
        QTest::newRow("lrzip") << QByteArray("LRZI\x00\x06", 6);
        QTest::newRow("lzop") << QByteArray("\x89LZO\x00\r\n\x1a\n\x10\x30\x20\xa0\x09\x40", 15);
        QTest::newRow("grzip") << QByteArray("GRZipII\x00\x02\x04:)", 12);
        QTest::newRow("lzip") << QByteArray("LZIP\x01\x0c", 6);
        QTest::newRow("xz") << QByteArray("\xfd"
                                          "7zXZ\x00\x00\x04",
                                          8);
        QTest::newRow("bzip2") << QByteArray("BZh91AY&SY", 10);
        QTest::newRow("compress (.Z)") << QByteArray("\x1f\x9d\x90", 3);
        QTest::newRow("lz4") << QByteArray("\x04\x22\x4d\x18\x64\x40\xa7", 7);
    }

    void onlyDockerCompressionsAreReadAndNoProgramRuns()
    {
        QFETCH(QByteArray, magic);
        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        const QString marker = bin.path() + "/ran";
        for (const char* program : {"lrzip", "lzop", "grzip", "lzip", "lzma", "xz", "bzip2", "bunzip2",
                                    "uncompress", "lz4", "zstd", "gzip", "gunzip"}) {
            QFile f(bin.path() + "/" + program);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(
                ("#!/bin/sh\necho " + std::string(program) + " >> '" + marker.toStdString() + "'\nexit 1\n")
                    .c_str());
            f.close();
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", bin.path().toLocal8Bit() + ":" + oldPath);
        std::string payload = magic.toStdString();
        payload += std::string(8192 - payload.size(), '\x5a');
        const auto asStream = readImage(payload);
        const auto asLayer = readImage(legacySavedImage({payload}));
        qputenv("PATH", oldPath);
        QVERIFY(!asStream.ok());
        QVERIFY2(asStream.error().message.find("cannot be opened") != std::string::npos,
                 asStream.error().message.c_str());
        QVERIFY2(asStream.error().message.find("gzip or zstd") != std::string::npos,
                 asStream.error().message.c_str());
        QVERIFY(!asLayer.ok());
        QVERIFY2(asLayer.error().message.find("not a tar archive") != std::string::npos,
                 asLayer.error().message.c_str());
        QVERIFY2(!QFileInfo::exists(marker), "libarchive ran an external decompressor");
    }
};

QTEST_APPLESS_MAIN(TestLayerReader)
#include "TestLayerReader.moc"
