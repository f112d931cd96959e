#include "core/docker/JsonLineSplitter.h"

namespace drydock {

namespace {

std::string_view stripLine(std::string_view line)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) {
        line.remove_prefix(1);
    }
    return line;
}

} // namespace

Result<bool> JsonLineSplitter::feed(std::string_view chunk,
                                    const std::function<bool(std::string_view)>& onLine)
{
    while (!chunk.empty()) {
        const auto newline = chunk.find('\n');
        const std::string_view piece = chunk.substr(0, newline);
        if (m_pending.size() + piece.size() > m_maxLineBytes) {
            m_pending.clear();
            return Error::make(ErrorCode::MalformedResponse,
                               "The event stream sent a line longer than " + std::to_string(m_maxLineBytes) +
                                   " bytes; it does not look like Docker events. Reconnect to try again.");
        }
        if (newline == std::string_view::npos) {
            m_pending.append(piece);
            return true;
        }
        chunk.remove_prefix(newline + 1);
        std::string_view line;
        if (m_pending.empty()) {
            line = stripLine(piece);
        } else {
            m_pending.append(piece);
            line = stripLine(m_pending);
        }
        bool keepGoing = true;
        if (!line.empty()) {
            keepGoing = onLine(line);
        }
        m_pending.clear();
        if (!keepGoing) {
            return false;
        }
    }
    return true;
}

} // namespace drydock
