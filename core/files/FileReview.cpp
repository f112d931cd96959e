#include "core/files/FileReview.h"

namespace drydock {

const char* toString(ReviewedFileKind kind)
{
    switch (kind) {
    case ReviewedFileKind::Compose: return "compose";
    case ReviewedFileKind::Dockerfile: return "dockerfile";
    }
    return "compose";
}

} // namespace drydock
