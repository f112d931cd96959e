#include "core/contents/DaemonImageSource.h"

#include "core/docker/UrlEncoding.h"

namespace drydock {

DaemonImageSource::DaemonImageSource(DockerClient& client, const std::string& imageIdOrName,
                                     const CancelToken& cancel)
{
    HttpRequest request;
    request.method = "GET"; // read-only, like every DockerClient call
    request.path = "/v" + client.apiVersion().toString() + "/images/" + urlEncode(imageIdOrName) + "/get";
    request.timeoutMs = 30000; // the headers must come in time; the body may take as long as it needs
    m_thread = std::thread([this, &client, request, cancel] {
        auto result = client.transport().stream(
            request,
            [this, &cancel](std::string_view chunk) {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [&] { return m_queuedBytes < kMaxQueuedBytes || m_readerGone; });
                if (m_readerGone || cancel.isCancelled()) {
                    return false;
                }
                m_chunks.emplace_back(chunk);
                m_queuedBytes += chunk.size();
                m_changed.notify_all();
                return true;
            },
            m_stop);
        std::lock_guard lock(m_mutex);
        m_finished = true;
        if (!result) {
            m_error = result.error();
        } else if (cancel.isCancelled()) {
            m_error = Error::make(ErrorCode::Cancelled, "Content analysis was cancelled.");
        }
        m_changed.notify_all();
    });
}

DaemonImageSource::~DaemonImageSource()
{
    {
        std::lock_guard lock(m_mutex);
        m_readerGone = true;
    }
    m_stop.cancel();
    m_changed.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

Result<std::string_view> DaemonImageSource::next()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_chunks.empty() || m_finished; });
    if (!m_chunks.empty()) {
        m_current = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_queuedBytes -= m_current.size();
        m_changed.notify_all();
        return std::string_view(m_current);
    }
    if (m_error) {
        return *m_error;
    }
    return std::string_view();
}

} // namespace drydock
