#pragma once
#include "core/common/CancelToken.h"
#include "core/common/ProgressSink.h"
#include "core/common/Result.h"
#include "core/contents/ByteSource.h"
#include "core/contents/ContentLimits.h"
#include "core/model/ImageContents.h"

#include <string>
#include <string_view>

namespace drydock {

// Reads a saved image (the tar of tars `GET /images/{name}/get` and `docker save` produce, in the legacy
// `manifest.json` + `<id>/layer.tar` layout or the OCI `blobs/sha256/…` one) as a stream and builds the
// final file system view with whiteouts applied. Layer tars are read as nested streams straight out of the
// outer tar: nothing is written to disk and no layer is held in memory. Because the outer order may put
// manifest.json last, every layer is first read into a compact per-path record (metadata plus the few
// small files the checks need); the records are merged in manifest order at the end.
class LayerReader
{
public:
    explicit LayerReader(ContentLimits limits = {}) : m_limits(limits) {}

    // expectedBytes (the image's size, when known) only scales progress ("layer data", MiB done / total).
    Result<ImageContents> read(ByteSource& source, ProgressSink& progress, const CancelToken& cancel,
                               std::int64_t expectedBytes = 0) const;

    // "./usr/bin/../x" style member names to "usr/x"-free canonical form: no leading "./" or "/", no
    // empty or "." components. Refuses ".." (path traversal), absolute names, NUL and names over the limits.
    static Result<std::string> normalisePath(std::string_view raw, const ContentLimits& limits);
    // How many bytes of a file at this path the checks need (0: none are kept).
    static std::int64_t contentCap(std::string_view path, const ContentLimits& limits);

private:
    ContentLimits m_limits;
};

} // namespace drydock
