#include "core/contents/PathResolver.h"

#include "core/common/Strings.h"

#include <deque>

namespace drydock {

namespace {

constexpr int kMaxLinks = 40; // Linux's MAXSYMLINKS

void pushFront(std::deque<std::string>& parts, const std::string& path)
{
    const auto pieces = split(path, '/');
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
        if (!it->empty() && *it != ".") {
            parts.push_front(*it);
        }
    }
}

} // namespace

Result<std::string> PathResolver::resolve(const std::string& path) const
{
    std::deque<std::string> parts;
    pushFront(parts, path);
    std::string current;
    int links = 0;
    while (!parts.empty()) {
        const std::string part = std::move(parts.front());
        parts.pop_front();
        if (part == "..") {
            const auto slash = current.rfind('/');
            current = slash == std::string::npos ? std::string() : current.substr(0, slash);
            continue;
        }
        const std::string candidate = current.empty() ? part : current + "/" + part;
        const auto it = m_files.find(candidate);
        if (it != m_files.end() && it->second.type == FileEntry::Type::Symlink) {
            if (++links > kMaxLinks) {
                return Error::make(ErrorCode::InvalidArgument,
                                   "/" + path + " cannot be resolved: its symlinks loop or chain more than " +
                                       std::to_string(kMaxLinks) + " times");
            }
            const std::string& target = it->second.linkTarget;
            if (startsWith(target, "/")) {
                current.clear();
            }
            pushFront(parts, target);
            continue;
        }
        current = candidate;
    }
    return current;
}

const FileEntry* PathResolver::find(const std::string& path, std::string* resolvedPath) const
{
    auto resolved = resolve(path);
    if (!resolved) {
        return nullptr;
    }
    auto it = m_files.find(*resolved);
    if (it == m_files.end()) {
        return nullptr;
    }
    // A hard link carries the mode of its source; its size is the source's.
    if (it->second.type == FileEntry::Type::HardLink) {
        const auto source = m_files.find(it->second.linkTarget);
        if (source != m_files.end()) {
            it = source;
        }
    }
    if (resolvedPath) {
        *resolvedPath = it->first;
    }
    return &it->second;
}

} // namespace drydock
