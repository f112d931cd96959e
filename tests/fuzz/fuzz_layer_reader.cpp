// The layer reader: any bytes as a saved image (`docker save` / GET /images/{name}/get, a tar of tars), fed
// in pieces whose size follows the input length. Whatever an attacker builds into an image — broken or
// nested tars, path traversal, absurd sizes, a manifest naming missing layers — the reader returns contents
// or an error within its limits; every path it keeps is normalised (no "..", nothing absolute).
#include "core/common/CancelToken.h"
#include "core/common/ProgressSink.h"
#include "core/contents/ByteSource.h"
#include "core/contents/LayerReader.h"
#include "tests/fuzz/FuzzSupport.h"

#include <string>

using namespace drydock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    ContentLimits limits;
    limits.maxTotalBytes = 8 * 1024 * 1024;
    limits.maxUncompressedBytes = 32 * 1024 * 1024;
    limits.maxIndexBytes = 4 * 1024 * 1024;
    limits.maxMetadataBytes = 256 * 1024;
    limits.maxPackageDbBytes = 1024 * 1024;
    limits.maxKeptContentBytes = 4 * 1024 * 1024;
    MemoryByteSource source(std::string(fuzz::bytes(data, size)), 1 + size % 4093);
    NullProgressSink progress;
    const auto contents = LayerReader(limits).read(source, progress, CancelToken());
    if (!contents) {
        DRYDOCK_FUZZ_REQUIRE(!contents.error().message.empty(), "an error without a message");
        return 0;
    }
    // Every kept path was charged at least its tree node against the index budget.
    DRYDOCK_FUZZ_REQUIRE(contents->files.size() * sizeof(FileTree::value_type) <=
                             static_cast<std::size_t>(limits.maxIndexBytes),
                         "more files kept than the index budget allows");
    for (const auto& [path, entry] : contents->files) {
        (void)entry;
        const auto normal = LayerReader::normalisePath(path, limits);
        DRYDOCK_FUZZ_REQUIRE(normal.ok() && normal.value() == path, "a kept path is not normalised");
    }
    return 0;
}
