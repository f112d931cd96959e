#include "core/contents/LayerReader.h"

#include "core/common/Strings.h"
#include "core/contents/ContentPatterns.h"
#include "core/contents/PathStore.h"
#include "core/json/ContentJson.h"

#include <archive.h>
#include <archive_entry.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace drydock {

namespace {

constexpr std::int64_t kMiB = 1024 * 1024;
constexpr std::int64_t kProgressStep = 8 * kMiB;

// Frees a libarchive reader when its unique_ptr goes.
struct ArchiveDeleter
{
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

// One member of one layer tar, before the layers are merged: a path id and the header fields the checks
// use, nothing that grows with the name. The rare link target or kept content sits in LayerRecord::extras.
struct LayerItem
{
    enum class Kind : std::uint8_t
    {
        Add,
        Whiteout, // .wh.<name>: path is the removed name
        Opaque    // .wh..wh..opq: path is the directory whose lower contents are hidden
    };
    static constexpr std::uint32_t kNoExtra = 0xffffffffu;
    PathStore::Id path = PathStore::kRoot;
    Kind kind = Kind::Add;
    FileEntry::Type type = FileEntry::Type::Regular;
    bool hasCapabilities = false;
    std::uint32_t mode = 0;
    std::uint32_t extra = kNoExtra;
    std::int64_t uid = 0;
    std::int64_t gid = 0;
    std::int64_t size = 0;
};

// The rare, large parts of a layer member kept apart from LayerItem: a link target, kept file content.
struct LayerExtra
{
    std::string linkTarget;
    std::optional<std::string> content;
};

// Everything read from one layer tar, to be merged into the final tree once every layer is in.
struct LayerRecord
{
    std::vector<LayerItem> items;
    std::vector<LayerExtra> extras;
    std::int64_t bytes = 0;
    std::optional<std::string>
        failure; // the member is not a tar we can read (fatal only if the manifest lists it)
};

// What one path of the final tree costs at most: the map node with its entry, and the path's own heap
// buffer when it is too long for the small-string buffer. Counted before the tree is built, so the index
// budget holds for the tree too.
constexpr std::int64_t kTreeNodeBytes = static_cast<std::int64_t>(sizeof(FileTree::value_type)) + 48;

std::int64_t treeBytes(std::size_t pathLength, std::size_t linkLength)
{
    const auto heap = [](std::size_t n) { return n > 15 ? static_cast<std::int64_t>(n) + 17 : 0; };
    return kTreeNodeBytes + heap(pathLength) + heap(linkLength);
}

using SteadyClock = std::chrono::steady_clock;

std::string shortMember(const std::string& member)
{
    return member.size() > 40 ? member.substr(0, 40) + "…" : member;
}

std::string sizeText(std::int64_t bytes)
{
    return bytes >= kMiB ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes) + " bytes";
}

std::string printable(std::string_view raw)
{
    return terminalText(raw, 120);
}

// The outcome for an image beyond a limit: said plainly, and never a partial file view that looks clean.
Error tooLarge(const std::string& what)
{
    return Error::make(
        ErrorCode::TooLarge,
        "Image too large to analyse: " + what +
            ". Drydock stopped reading it, so no content findings are reported for this image; the "
            "limits keep a huge or hostile image from exhausting this machine. Slim the image, or "
            "analyse it where larger limits are acceptable.");
}

// State shared by the read callbacks: the source, limits, counters and the first error seen.
struct OuterState
{
    ByteSource* source = nullptr;
    const CancelToken* cancel = nullptr;
    ProgressSink* progress = nullptr;
    const ContentLimits* limits = nullptr;
    SteadyClock::time_point deadline;
    std::int64_t bytes = 0;
    std::int64_t nextProgress = kProgressStep;
    int totalMiB = 0;
    std::optional<Error> error;

    // Cancellation and the time limit, checked wherever bytes are pulled (also while libarchive skips or
    // decompresses a member nobody reads). False, with error set, when reading must stop.
    bool mayGoOn()
    {
        if (error) {
            return false;
        }
        if (cancel->isCancelled()) {
            error = Error::make(ErrorCode::Cancelled, "Content analysis was cancelled.");
            return false;
        }
        if (SteadyClock::now() > deadline) {
            error = tooLarge("reading it took longer than the limit of " +
                             std::to_string(limits->maxSeconds) + " s");
            return false;
        }
        return true;
    }
};

la_ssize_t outerRead(archive* a, void* user, const void** buffer)
{
    auto* s = static_cast<OuterState*>(user);
    if (!s->mayGoOn()) {
        archive_set_error(a, ECANCELED, "stopped");
        return -1;
    }
    auto piece = s->source->next();
    if (!piece) {
        s->error = piece.error();
        archive_set_error(a, EIO, "source failed");
        return -1;
    }
    s->bytes += static_cast<std::int64_t>(piece->size());
    if (s->bytes > s->limits->maxTotalBytes) {
        s->error = tooLarge("the saved image is larger than the content-analysis limit of " +
                            sizeText(s->limits->maxTotalBytes));
        archive_set_error(a, EFBIG, "too large");
        return -1;
    }
    if (s->bytes >= s->nextProgress) {
        s->nextProgress = s->bytes + kProgressStep;
        const int done = static_cast<int>(s->bytes / kMiB);
        s->progress->progress("layer data", done, std::max(done, s->totalMiB));
    }
    *buffer = piece->data();
    return static_cast<la_ssize_t>(piece->size());
}

// The inner (layer) archive reads its bytes from the current outer member: first what was peeked to
// classify the member, then the outer archive's own blocks, without copying.
struct InnerState
{
    archive* outer = nullptr;
    OuterState* shared = nullptr;
    std::int64_t earlierLayerBytes = 0; // decompressed bytes of the layers read before this one
    std::string peek;
    bool peekGiven = false;
    std::optional<std::string> outerError;
};

la_ssize_t innerRead(archive* a, void* user, const void** buffer)
{
    auto* s = static_cast<InnerState*>(user);
    if (!s->shared->mayGoOn()) {
        archive_set_error(a, ECANCELED, "stopped");
        return -1;
    }
    // What the decompressor has handed the tar reader so far, against the limit on decompressed bytes.
    if (s->earlierLayerBytes + archive_filter_bytes(a, 0) > s->shared->limits->maxUncompressedBytes) {
        s->shared->error = tooLarge("its layers expand to more than " +
                                    sizeText(s->shared->limits->maxUncompressedBytes) + " when decompressed");
        archive_set_error(a, EFBIG, "too large");
        return -1;
    }
    if (!s->peekGiven) {
        s->peekGiven = true;
        if (!s->peek.empty()) {
            *buffer = s->peek.data();
            return static_cast<la_ssize_t>(s->peek.size());
        }
    }
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    const int r = archive_read_data_block(s->outer, &block, &size, &offset);
    if (r == ARCHIVE_EOF) {
        return 0;
    }
    if (r < ARCHIVE_WARN) {
        const char* msg = archive_error_string(s->outer);
        s->outerError = msg ? msg : "read error";
        archive_set_error(a, EIO, "outer archive failed");
        return -1;
    }
    *buffer = block;
    return static_cast<la_ssize_t>(size);
}

// Only the formats and compressions Docker produces (tar; none, gzip, zstd). Never "all": libarchive would
// then run external programs (lrzip, lzop, grzip, …) for compressions it has no library for, on bytes an
// image owner chose. ARCHIVE_WARN from the gzip or zstd call means exactly that, so it is refused too.
Result<void> supportDockerFormats(archive* a)
{
    if (archive_read_support_format_tar(a) != ARCHIVE_OK ||
        archive_read_support_filter_none(a) != ARCHIVE_OK ||
        archive_read_support_filter_gzip(a) != ARCHIVE_OK ||
        archive_read_support_filter_zstd(a) != ARCHIVE_OK) {
        return Error::make(
            ErrorCode::Internal,
            "The libarchive on this machine lacks built-in gzip or zstd support and would run an "
            "external program to decompress image layers; Drydock refuses that. Install a "
            "libarchive built with zlib and libzstd (Debian's libarchive13 is).");
    }
    return success();
}

Error hostile(const std::string& where, const std::string& what)
{
    return Error::make(ErrorCode::MalformedResponse,
                       where + ": " + what +
                           ". The image was not analysed: its layers are malformed or deliberately hostile; "
                           "inspect where it came from before running it.");
}

// One run of the layer reader over a saved image: manifest and layers read, merged, kept to the limits.
class Reader
{
public:
    Reader(const ContentLimits& limits, ProgressSink& progress, const CancelToken& cancel)
        : m_limits(limits), m_progress(progress), m_cancel(cancel)
    {
    }

    Result<ImageContents> run(ByteSource& source, std::int64_t expectedBytes)
    {
        ArchivePtr outer(archive_read_new());
        if (!outer) {
            return Error::make(ErrorCode::Internal,
                               "libarchive could not allocate a reader (out of memory?).");
        }
        // `docker save | gzip` (or zstd) files from disk are read too.
        if (auto ok = supportDockerFormats(outer.get()); !ok) {
            return ok.error();
        }
        m_outer.source = &source;
        m_outer.cancel = &m_cancel;
        m_outer.progress = &m_progress;
        m_outer.limits = &m_limits;
        m_outer.deadline = SteadyClock::now() + std::chrono::seconds(std::max(0, m_limits.maxSeconds));
        m_outer.totalMiB = static_cast<int>(std::min<std::int64_t>(expectedBytes / kMiB, 1 << 30));
        if (archive_read_open(outer.get(), &m_outer, nullptr, outerRead, nullptr) != ARCHIVE_OK) {
            return outerFailure(outer.get(), "The saved image cannot be opened as a tar archive");
        }
        for (;;) {
            archive_entry* entry = nullptr;
            const int r = archive_read_next_header(outer.get(), &entry);
            if (r == ARCHIVE_EOF) {
                break;
            }
            if (r < ARCHIVE_WARN) {
                return outerFailure(outer.get(), "The saved image archive is damaged");
            }
            if (auto ok = outerMember(outer.get(), entry); !ok) {
                return ok.error();
            }
        }
        m_progress.progress("layer data", static_cast<int>(m_outer.bytes / kMiB),
                            static_cast<int>(m_outer.bytes / kMiB));
        return assemble();
    }

private:
    Error outerFailure(archive* a, const std::string& what)
    {
        if (m_outer.error) {
            return *m_outer.error;
        }
        const char* msg = archive_error_string(a);
        return Error::make(
            ErrorCode::MalformedResponse,
            what + " (" + (msg ? msg : "unknown error") +
                "). Drydock reads tar streams, plain or compressed with gzip or zstd; check that "
                "the daemon produced a complete `docker save` stream.");
    }

    Result<void> outerMember(archive* outer, archive_entry* entry)
    {
        const char* rawName = archive_entry_pathname(entry);
        if (!rawName) {
            rawName = archive_entry_pathname_utf8(entry);
        }
        if (!rawName) {
            return hostile("The saved image", "a member has a name that cannot be decoded");
        }
        auto name = LayerReader::normalisePath(rawName, m_limits);
        if (!name) {
            return hostile("The saved image", name.error().message);
        }
        // Duplicate layers of the legacy layout are links to the first copy.
        if (const char* hard = archive_entry_hardlink(entry)) {
            auto target = LayerReader::normalisePath(hard, m_limits);
            if (target) {
                m_aliases[*name] = *target;
            }
            return success();
        }
        const auto type = archive_entry_filetype(entry);
        if (type == AE_IFLNK) {
            const char* link = archive_entry_symlink(entry);
            const std::string dir(dirName(*name));
            auto target =
                LayerReader::normalisePath((dir.empty() ? "" : dir + "/") + (link ? link : ""), m_limits);
            if (target) {
                m_aliases[*name] = *target;
            }
            return success();
        }
        if (type != AE_IFREG) {
            return success();
        }
        const std::string_view base = baseName(*name);
        if (base == "VERSION" || base == "repositories" || base == "oci-layout") {
            return success();
        }
        const std::int64_t declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : -1;
        if (declared > m_limits.maxTotalBytes) {
            return hostile("The saved image", "member " + shortMember(*name) + " declares " +
                                                  sizeText(declared) +
                                                  ", more than the content-analysis limit of " +
                                                  sizeText(m_limits.maxTotalBytes));
        }
        // A member cannot hold more than it declares: the saved-image tar, after any gzip or zstd of its own,
        // stays within the decompressed limit.
        if (archive_filter_bytes(outer, 0) + std::max<std::int64_t>(declared, 0) >
            m_limits.maxUncompressedBytes) {
            return tooLarge("the saved image expands to more than " +
                            sizeText(m_limits.maxUncompressedBytes) + " when decompressed");
        }
        if (declared == 0) {
            return success();
        }
        // Peek the first bytes: JSON documents are metadata, anything else is tried as a layer tar.
        std::string peek;
        bool ended = false;
        while (peek.size() < 512) {
            const void* block = nullptr;
            std::size_t size = 0;
            la_int64_t offset = 0;
            const int r = archive_read_data_block(outer, &block, &size, &offset);
            if (r == ARCHIVE_EOF) {
                ended = true;
                break;
            }
            if (r < ARCHIVE_WARN) {
                return outerFailure(outer, "The saved image archive is damaged inside " + shortMember(*name));
            }
            peek.append(static_cast<const char*>(block), size);
        }
        const auto first = peek.find_first_not_of(" \t\r\n");
        const bool json = first != std::string::npos && (peek[first] == '{' || peek[first] == '[');
        if (json && declared <= m_limits.maxMetadataBytes) {
            return readMetadata(outer, *name, std::move(peek), ended);
        }
        // A compressed layer can be smaller than one tar block (a layer that only deletes a file).
        const bool compressed = startsWith(peek, "\x1f\x8b") || startsWith(peek, "\x28\xb5\x2f\xfd");
        if (ended && peek.size() < 512 && !compressed) {
            return success(); // too small to be a tar; nothing to look at
        }
        return readLayer(outer, *name, std::move(peek));
    }

    Result<void> readMetadata(archive* outer, const std::string& name, std::string data, bool ended)
    {
        while (!ended) {
            const void* block = nullptr;
            std::size_t size = 0;
            la_int64_t offset = 0;
            const int r = archive_read_data_block(outer, &block, &size, &offset);
            if (r == ARCHIVE_EOF) {
                break;
            }
            if (r < ARCHIVE_WARN) {
                return outerFailure(outer, "The saved image archive is damaged inside " + shortMember(name));
            }
            if (static_cast<std::int64_t>(data.size() + size) > m_limits.maxMetadataBytes) {
                return hostile("The saved image",
                               "metadata member " + shortMember(name) + " is larger than " +
                                   std::to_string(m_limits.maxMetadataBytes / kMiB) + " MiB");
            }
            data.append(static_cast<const char*>(block), size);
        }
        m_metadataBytes += static_cast<std::int64_t>(data.size());
        if (m_metadataBytes > m_limits.maxKeptContentBytes) {
            return hostile("The saved image", "it carries more metadata than the content-analysis limit");
        }
        m_metadata[name] = std::move(data);
        return success();
    }

    Result<void> readLayer(archive* outer, const std::string& member, std::string peek)
    {
        InnerState state;
        state.outer = outer;
        state.shared = &m_outer;
        state.earlierLayerBytes = m_layerBytes;
        state.peek = std::move(peek);
        ArchivePtr inner(archive_read_new());
        if (!inner) {
            return Error::make(ErrorCode::Internal,
                               "libarchive could not allocate a reader (out of memory?).");
        }
        if (auto ok = supportDockerFormats(inner.get()); !ok) {
            return ok.error();
        }
        LayerRecord record;
        const std::int64_t startBytes = m_outer.bytes;
        const std::string where = "Layer " + shortMember(member);
        if (archive_read_open(inner.get(), &state, nullptr, innerRead, nullptr) != ARCHIVE_OK) {
            if (m_outer.error) {
                return *m_outer.error;
            }
            const char* msg = archive_error_string(inner.get());
            record.failure = msg ? msg : "not a tar archive";
            m_layers[member] = std::move(record);
            return success();
        }
        for (;;) {
            archive_entry* entry = nullptr;
            const int r = archive_read_next_header(inner.get(), &entry);
            if (r == ARCHIVE_EOF) {
                break;
            }
            if (r < ARCHIVE_WARN) {
                if (m_outer.error) {
                    return *m_outer.error;
                }
                const char* msg = archive_error_string(inner.get());
                return hostile(where,
                               std::string("the layer tar is damaged (") + (msg ? msg : "unknown") + ")");
            }
            if (auto ok = layerMember(inner.get(), entry, where, record); !ok) {
                return ok.error();
            }
        }
        m_layerBytes += archive_filter_bytes(inner.get(), 0);
        record.bytes = m_outer.bytes - startBytes;
        const std::size_t grown = record.items.capacity();
        record.items.shrink_to_fit();
        m_indexBytes -= static_cast<std::int64_t>((grown - record.items.capacity()) * sizeof(LayerItem));
        m_layers[member] = std::move(record);
        return success();
    }

    // Memory for the file index, counted in bytes as it grows: the path store, the layer records, and the
    // final tree each newly added path will need.
    Result<void> chargeIndex(std::int64_t bytes)
    {
        m_indexBytes += bytes;
        const std::int64_t total = m_indexBytes + static_cast<std::int64_t>(m_paths.bytes());
        if (total > m_limits.maxIndexBytes) {
            return tooLarge("its file index needs more than the content-analysis budget of " +
                            sizeText(m_limits.maxIndexBytes) + " of memory (" +
                            std::to_string(m_memberCount) + " layer entries read so far)");
        }
        return success();
    }

    Result<void> keep(LayerRecord& record, const LayerItem& item)
    {
        const std::size_t before = record.items.capacity();
        record.items.push_back(item);
        return chargeIndex(static_cast<std::int64_t>((record.items.capacity() - before) * sizeof(LayerItem)));
    }

    Result<void> layerMember(archive* inner, archive_entry* entry, const std::string& where,
                             LayerRecord& record)
    {
        if (!m_outer.mayGoOn()) {
            return *m_outer.error;
        }
        ++m_memberCount;
        const char* rawName = archive_entry_pathname(entry);
        if (!rawName) {
            rawName = archive_entry_pathname_utf8(entry);
        }
        if (!rawName) {
            return hostile(where, "a member has a name that cannot be decoded");
        }
        auto path = LayerReader::normalisePath(rawName, m_limits);
        if (!path) {
            return hostile(where, path.error().message);
        }
        if (path->empty()) {
            return success(); // "./" itself
        }
        const std::int64_t size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
        if (size < 0 || size > m_limits.maxTotalBytes) {
            return hostile(where, "'" + printable(rawName) + "' declares an impossible size (" +
                                      std::to_string(size) + " bytes)");
        }
        // A member holds at most what it declares: checked before libarchive decompresses (or skips) it.
        if (m_layerBytes + archive_filter_bytes(inner, 0) + size > m_limits.maxUncompressedBytes) {
            return tooLarge("its layers expand to more than " + sizeText(m_limits.maxUncompressedBytes) +
                            " when decompressed");
        }
        LayerItem item;
        const std::string_view base = baseName(*path);
        if (startsWith(base, ".wh.")) {
            const std::string dir(dirName(*path));
            if (base == ".wh..wh..opq") {
                item.kind = LayerItem::Kind::Opaque;
                item.path = m_paths.intern(dir);
            } else {
                const std::string_view hidden = base.substr(4);
                if (hidden.empty() || hidden == "." || hidden == "..") {
                    return hostile(where, "whiteout '" + printable(rawName) + "' names no file");
                }
                item.kind = LayerItem::Kind::Whiteout;
                item.path = m_paths.intern((dir.empty() ? "" : dir + "/") + std::string(hidden));
            }
            return keep(record, item);
        }
        item.path = m_paths.intern(*path);
        item.size = size;
        item.mode = static_cast<std::uint32_t>(archive_entry_perm(entry)) & 07777u;
        item.uid = archive_entry_uid(entry);
        item.gid = archive_entry_gid(entry);
        LayerExtra extra;
        if (const char* hard = archive_entry_hardlink(entry)) {
            auto target = LayerReader::normalisePath(hard, m_limits);
            if (!target) {
                return hostile(where, "hard link '" + printable(rawName) + "': " + target.error().message);
            }
            item.type = FileEntry::Type::HardLink;
            extra.linkTarget = std::move(target.value());
        } else {
            switch (archive_entry_filetype(entry)) {
            case AE_IFREG:
                item.type = FileEntry::Type::Regular;
                break;
            case AE_IFDIR:
                item.type = FileEntry::Type::Directory;
                break;
            case AE_IFLNK: {
                item.type = FileEntry::Type::Symlink;
                const char* link = archive_entry_symlink(entry);
                extra.linkTarget = link ? link : "";
                if (extra.linkTarget.size() > m_limits.maxPathLength) {
                    return hostile(where, "symlink '" + printable(rawName) + "' has a target longer than " +
                                              std::to_string(m_limits.maxPathLength) + " bytes");
                }
                break;
            }
            default:
                item.type = FileEntry::Type::Other;
                break;
            }
        }
        if (archive_entry_xattr_reset(entry) > 0) {
            const char* xname = nullptr;
            const void* value = nullptr;
            std::size_t vsize = 0;
            while (archive_entry_xattr_next(entry, &xname, &value, &vsize) == ARCHIVE_OK) {
                if (xname && std::strcmp(xname, "security.capability") == 0) {
                    item.hasCapabilities = true;
                }
            }
        }
        if (item.type == FileEntry::Type::Regular && size > 0) {
            const std::int64_t cap = LayerReader::contentCap(*path, m_limits);
            if (cap > 0) {
                const std::int64_t want = std::min(cap, size);
                if (m_keptBytes + want <= m_limits.maxKeptContentBytes) {
                    std::string content(static_cast<std::size_t>(want), '\0');
                    std::size_t got = 0;
                    while (got < content.size()) {
                        const la_ssize_t n =
                            archive_read_data(inner, content.data() + got, content.size() - got);
                        if (n < 0) {
                            if (m_outer.error) {
                                return *m_outer.error;
                            }
                            return hostile(where, "reading '" + printable(rawName) + "' failed");
                        }
                        if (n == 0) {
                            break;
                        }
                        got += static_cast<std::size_t>(n);
                    }
                    content.resize(got);
                    m_keptBytes += static_cast<std::int64_t>(got);
                    extra.content = std::move(content);
                }
            }
        }
        // The final tree holds each distinct added path once: its cost is charged the first time.
        std::int64_t charge = 0;
        if (item.path >= m_inTree.size()) {
            const std::size_t before = m_inTree.capacity();
            m_inTree.resize(m_paths.size(), false);
            charge += static_cast<std::int64_t>((m_inTree.capacity() - before) / 8);
        }
        if (!m_inTree[item.path]) {
            m_inTree[item.path] = true;
            charge += treeBytes(path->size(), extra.linkTarget.size());
        }
        if (!extra.linkTarget.empty() || extra.content) {
            item.extra = static_cast<std::uint32_t>(record.extras.size());
            charge +=
                static_cast<std::int64_t>(sizeof(LayerExtra)) +
                (extra.linkTarget.size() > 15 ? static_cast<std::int64_t>(extra.linkTarget.size()) + 17 : 0);
            record.extras.push_back(std::move(extra));
        }
        if (auto ok = chargeIndex(charge); !ok) {
            return ok;
        }
        return keep(record, item);
    }

    // Removes one path (and, for a directory, everything below it), remembering deleted secret-looking
    // files: a whiteout hides them from the final view but not from the earlier layer's tar.
    static void erase(ImageContents& out, const std::string& path, bool subtreeOnly, int layer)
    {
        FileTree& tree = out.files;
        const auto remember = [&](FileTree::iterator it) {
            if (it->second.type == FileEntry::Type::Regular &&
                secretFileKind(it->first) != SecretFileKind::None) {
                out.removedFiles.push_back({it->first, it->second, layer});
            }
            return tree.erase(it);
        };
        if (!subtreeOnly) {
            if (auto it = tree.find(path); it != tree.end()) {
                remember(it);
            }
        }
        const std::string prefix = path.empty() ? std::string() : path + "/";
        auto it = tree.lower_bound(prefix);
        while (it != tree.end() && startsWith(it->first, prefix)) {
            it = remember(it);
        }
    }

    std::string resolveAlias(std::string member) const
    {
        for (int hops = 0; hops < 8; ++hops) {
            const auto it = m_aliases.find(member);
            if (it == m_aliases.end()) {
                break;
            }
            member = it->second;
        }
        return member;
    }

    Result<ImageContents> assemble()
    {
        const auto manifestIt = m_metadata.find("manifest.json");
        if (manifestIt == m_metadata.end()) {
            return Error::make(
                ErrorCode::MalformedResponse,
                "The saved image has no manifest.json, so its layer order is unknown. Is it the "
                "output of `docker save` (or GET /images/{name}/get)?");
        }
        auto manifests = json::parseSavedImageManifest(manifestIt->second);
        if (!manifests) {
            return manifests.error();
        }
        if (manifests->empty()) {
            return Error::make(ErrorCode::MalformedResponse,
                               "The saved image's manifest.json lists no image.");
        }
        const json::SavedImageManifest& manifest = manifests->front();
        ImageContents out;
        out.bytesRead = m_outer.bytes;
        json::ImageConfigLayers config;
        if (const auto c = m_metadata.find(manifest.config); c != m_metadata.end()) {
            auto parsed = json::parseImageConfigLayers(c->second);
            if (parsed) {
                config = std::move(parsed.value());
                if (!manifest.config.empty() && startsWith(manifest.config, "blobs/sha256/")) {
                    out.imageId = "sha256:" + manifest.config.substr(13);
                } else if (endsWith(manifest.config, ".json")) {
                    out.imageId = "sha256:" + manifest.config.substr(0, manifest.config.size() - 5);
                }
            }
        }
        // A layer listed twice is applied twice; its record is released after its last use.
        std::map<std::string, std::size_t> lastUse;
        for (std::size_t i = 0; i < manifest.layers.size(); ++i) {
            if (auto member = LayerReader::normalisePath(manifest.layers[i], m_limits)) {
                lastUse[resolveAlias(*member)] = i;
            }
        }
        for (std::size_t i = 0; i < manifest.layers.size(); ++i) {
            auto member = LayerReader::normalisePath(manifest.layers[i], m_limits);
            if (!member) {
                return hostile("The saved image's manifest.json", member.error().message);
            }
            const std::string resolved = resolveAlias(*member);
            const auto it = m_layers.find(resolved);
            if (it == m_layers.end()) {
                return Error::make(
                    ErrorCode::MalformedResponse,
                    "The saved image's manifest.json lists layer " + shortMember(*member) +
                        " but the archive does not contain it; the stream is incomplete — try again.");
            }
            if (it->second.failure) {
                return hostile("Layer " + shortMember(*member),
                               "it is not a tar archive Drydock can read (" + *it->second.failure + ")");
            }
            LayerSummary summary;
            summary.path = *member;
            summary.diffId = i < config.diffIds.size() ? config.diffIds[i] : std::string();
            summary.createdBy = i < config.layerCommands.size() ? config.layerCommands[i] : std::string();
            summary.bytes = it->second.bytes;
            summary.files = static_cast<std::int64_t>(it->second.items.size());
            out.layers.push_back(std::move(summary));
            const bool last = lastUse[resolved] == i;
            applyLayer(out, it->second, static_cast<int>(i), last);
            if (last) {
                it->second.items = {};
                it->second.extras = {};
            }
        }
        return out;
    }

    void applyLayer(ImageContents& out, LayerRecord& record, int index, bool lastUse) const
    {
        // Whiteouts and opaque markers hide what lower layers put there, whatever their order in the tar.
        for (const auto& item : record.items) {
            if (item.kind == LayerItem::Kind::Opaque) {
                erase(out, m_paths.path(item.path), true, index);
            } else if (item.kind == LayerItem::Kind::Whiteout) {
                erase(out, m_paths.path(item.path), false, index);
            }
        }
        for (const auto& item : record.items) {
            if (item.kind != LayerItem::Kind::Add) {
                continue;
            }
            std::string path = m_paths.path(item.path);
            auto existing = out.files.find(path);
            if (existing != out.files.end() && existing->second.type == FileEntry::Type::Directory &&
                item.type != FileEntry::Type::Directory) {
                erase(out, path, true, index); // a file replacing a directory hides everything below it
            }
            FileEntry e;
            e.type = item.type;
            e.mode = item.mode;
            e.uid = item.uid;
            e.gid = item.gid;
            e.size = item.size;
            e.hasCapabilities = item.hasCapabilities;
            e.layer = index;
            if (item.extra != LayerItem::kNoExtra) {
                LayerExtra& extra = record.extras[item.extra];
                e.linkTarget = lastUse ? std::move(extra.linkTarget) : extra.linkTarget;
                e.content = lastUse ? std::move(extra.content) : extra.content;
            }
            out.files.insert_or_assign(std::move(path), std::move(e));
        }
    }

    const ContentLimits& m_limits;
    ProgressSink& m_progress;
    const CancelToken& m_cancel;
    OuterState m_outer;
    std::map<std::string, LayerRecord> m_layers;
    std::map<std::string, std::string> m_metadata;
    std::map<std::string, std::string> m_aliases;
    PathStore m_paths;
    std::vector<bool> m_inTree;    // by path id: already charged for the final tree
    std::int64_t m_indexBytes = 0; // layer records and the final tree's estimate (the store counts itself)
    std::int64_t m_memberCount = 0;
    std::int64_t m_layerBytes = 0; // decompressed bytes of the layers read so far
    std::int64_t m_keptBytes = 0;
    std::int64_t m_metadataBytes = 0;
};

} // namespace

Result<std::string> LayerReader::normalisePath(std::string_view raw, const ContentLimits& limits)
{
    if (raw.size() > limits.maxPathLength) {
        return Error::make(ErrorCode::InvalidArgument,
                           "a member name is longer than " + std::to_string(limits.maxPathLength) + " bytes");
    }
    if (raw.find('\0') != std::string_view::npos) {
        return Error::make(ErrorCode::InvalidArgument, "a member name contains a NUL byte");
    }
    if (!raw.empty() && raw.front() == '/') {
        return Error::make(ErrorCode::InvalidArgument,
                           "member '" + printable(raw) +
                               "' has an absolute name, which would write outside the "
                               "image root");
    }
    std::string out;
    out.reserve(raw.size());
    int depth = 0;
    std::size_t pos = 0;
    while (pos <= raw.size()) {
        const auto slash = raw.find('/', pos);
        const std::string_view part =
            raw.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
        if (part == "..") {
            return Error::make(ErrorCode::InvalidArgument,
                               "member '" + printable(raw) +
                                   "' contains '..' and would escape the image root "
                                   "(path traversal)");
        }
        if (!part.empty() && part != ".") {
            if (++depth > limits.maxPathDepth) {
                return Error::make(ErrorCode::InvalidArgument, "a member name nests deeper than " +
                                                                   std::to_string(limits.maxPathDepth) +
                                                                   " directories");
            }
            if (!out.empty()) {
                out += '/';
            }
            out.append(part);
        }
        if (slash == std::string_view::npos) {
            break;
        }
        pos = slash + 1;
    }
    return out;
}

std::int64_t LayerReader::contentCap(std::string_view path, const ContentLimits& limits)
{
    constexpr std::int64_t kConfigCap = 1024 * 1024;
    if (path == "var/lib/dpkg/status" || path == "lib/apk/db/installed" ||
        startsWith(path, "var/lib/dpkg/status.d/")) {
        return limits.maxPackageDbBytes;
    }
    if (path == "etc/passwd" || path == "etc/group" || path == "etc/shadow" || path == "etc/os-release" ||
        path == "usr/lib/os-release" || path == "etc/alpine-release" || path == "etc/debian_version" ||
        path == "etc/sudoers" || path == "etc/apk/repositories" || path == "etc/apt/sources.list" ||
        startsWith(path, "etc/sudoers.d/") || startsWith(path, "etc/apt/sources.list.d/")) {
        return kConfigCap;
    }
    if (secretFileKind(path) != SecretFileKind::None) {
        return limits.maxSmallFileBytes;
    }
    return 0;
}

Result<ImageContents> LayerReader::read(ByteSource& source, ProgressSink& progress, const CancelToken& cancel,
                                        std::int64_t expectedBytes) const
{
    Reader reader(m_limits, progress, cancel);
    return reader.run(source, expectedBytes);
}

} // namespace drydock
