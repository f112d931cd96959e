#include "core/contents/ByteSource.h"

#include <cerrno>
#include <cstring>

namespace drydock {

FileByteSource::FileByteSource(const std::string& path) : m_file(std::fopen(path.c_str(), "rb")), m_path(path)
{
    m_buffer.resize(1024 * 1024);
}

FileByteSource::~FileByteSource()
{
    if (m_file) {
        std::fclose(m_file);
    }
}

Result<std::string_view> FileByteSource::next()
{
    if (!m_file) {
        return Error::make(ErrorCode::Io, "Cannot open " + m_path + ": " + std::strerror(errno) + ".");
    }
    const std::size_t n = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file);
    if (n == 0 && std::ferror(m_file)) {
        return Error::make(ErrorCode::Io, "Reading " + m_path + " failed: " + std::strerror(errno) + ".");
    }
    return std::string_view(m_buffer.data(), n);
}

} // namespace drydock
