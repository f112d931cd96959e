#pragma once
#include "core/common/Result.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace drydock {

// Cuts a byte stream of newline-delimited JSON (GET /events) into whole lines, whatever the chunk boundaries.
class JsonLineSplitter
{
public:
    // A line longer than this without a newline means the stream is not what we expect.
    static constexpr std::size_t kDefaultMaxLineBytes = std::size_t(4) * 1024 * 1024;

    explicit JsonLineSplitter(std::size_t maxLineBytes = kDefaultMaxLineBytes) : m_maxLineBytes(maxLineBytes)
    {
    }

    // Calls onLine for each complete, non-blank line (without "\r\n") until it returns false; returns
    // false when onLine asked to stop, an Error when a line grows beyond the limit.
    Result<bool> feed(std::string_view chunk, const std::function<bool(std::string_view)>& onLine);
    // Bytes of an unfinished last line.
    std::size_t pendingBytes() const { return m_pending.size(); }

private:
    std::size_t m_maxLineBytes;
    std::string m_pending;
};

} // namespace drydock
