#pragma once
#include "core/common/Result.h"
#include "core/model/ImageContents.h"

#include <string>

namespace drydock {

// Follows symlinks inside an image's file tree the way the kernel would inside the container (absolute
// targets start at the image root; ".." stops at the root). Loops and chains longer than 40 links are an
// Error, never a hang.
class PathResolver
{
public:
    explicit PathResolver(const FileTree& files) : m_files(files) {}

    // The canonical path the given path leads to (which may not exist), or an Error for a loop.
    Result<std::string> resolve(const std::string& path) const;
    // The entry at the end of the path, following every symlink; nullptr when missing or looping.
    const FileEntry* find(const std::string& path, std::string* resolvedPath = nullptr) const;

private:
    const FileTree& m_files;
};

} // namespace drydock
