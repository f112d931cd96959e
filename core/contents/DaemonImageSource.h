#pragma once
#include "core/common/CancelToken.h"
#include "core/contents/ByteSource.h"
#include "core/docker/DockerClient.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace drydock {

// The saved-image stream of `GET /images/{name}/get` as a pull source. The transport pushes chunks from
// its own thread into a bounded queue (a few MiB), so the daemon is paced by the reader and memory stays
// constant however large the image is. Destroying the source stops the transfer.
class DaemonImageSource final : public ByteSource
{
public:
    DaemonImageSource(DockerClient& client, const std::string& imageIdOrName, const CancelToken& cancel);
    ~DaemonImageSource() override;
    DaemonImageSource(const DaemonImageSource&) = delete;
    DaemonImageSource& operator=(const DaemonImageSource&) = delete;

    Result<std::string_view> next() override;

private:
    static constexpr std::size_t kMaxQueuedBytes = 8 * 1024 * 1024;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_chunks;
    std::size_t m_queuedBytes = 0;
    bool m_finished = false;
    bool m_readerGone = false;
    std::optional<Error> m_error;
    std::string m_current;
    CancelToken m_stop;
    std::thread m_thread;
};

} // namespace drydock
