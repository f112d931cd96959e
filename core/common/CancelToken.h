#pragma once
#include <atomic>
#include <memory>

namespace drydock {

// Shared flag a long operation polls; copying the token shares the flag.
class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace drydock
