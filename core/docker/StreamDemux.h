#pragma once
#include <string>

namespace drydock {

// The output of a container's logs or of an exec without a TTY, from the daemon's multiplexed stream (8-byte
// frame headers: stream, 0, 0, 0, size as 4 bytes big-endian). Text that is not framed (a TTY stream) is
// returned as it is; a frame cut short keeps what arrived.
std::string demuxStream(const std::string& raw);

} // namespace drydock
