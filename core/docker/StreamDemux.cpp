#include "core/docker/StreamDemux.h"

#include <algorithm>
#include <cstddef>

namespace drydock {

std::string demuxStream(const std::string& raw)
{
    std::string out;
    std::size_t pos = 0;
    while (pos + 8 <= raw.size()) {
        const auto b = [&](std::size_t i) { return static_cast<unsigned char>(raw[pos + i]); };
        if (b(0) > 2 || b(1) != 0 || b(2) != 0 || b(3) != 0) {
            return raw; // not framed: a TTY stream
        }
        const std::size_t size =
            (std::size_t{b(4)} << 24) | (std::size_t{b(5)} << 16) | (std::size_t{b(6)} << 8) | b(7);
        pos += 8;
        out.append(raw, pos, std::min(size, raw.size() - pos));
        pos += size;
    }
    return pos == 0 ? raw : out;
}

} // namespace drydock
