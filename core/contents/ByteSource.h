#pragma once
#include "core/common/Result.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace drydock {

// A pull-based stream of bytes (a saved image from the daemon, a file, memory). next() returns the next
// piece, valid until the following call; an empty piece means the end.
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    virtual Result<std::string_view> next() = 0;
};

// Bytes already in memory, handed out in pieces of a fixed size (tests use small pieces on purpose).
class MemoryByteSource final : public ByteSource
{
public:
    explicit MemoryByteSource(std::string data, std::size_t piece = 64 * 1024)
        : m_data(std::move(data)), m_piece(piece == 0 ? 1 : piece)
    {
    }
    Result<std::string_view> next() override
    {
        const std::size_t n = std::min(m_piece, m_data.size() - m_pos);
        std::string_view out(m_data.data() + m_pos, n);
        m_pos += n;
        return out;
    }

private:
    std::string m_data;
    std::size_t m_piece;
    std::size_t m_pos = 0;
};

// A local file read in 1 MiB pieces (docker save output on disk, benchmarks).
class FileByteSource final : public ByteSource
{
public:
    explicit FileByteSource(const std::string& path);
    ~FileByteSource() override;
    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;
    bool isOpen() const { return m_file != nullptr; }
    Result<std::string_view> next() override;

private:
    std::FILE* m_file = nullptr;
    std::string m_path;
    std::string m_buffer;
};

} // namespace drydock
