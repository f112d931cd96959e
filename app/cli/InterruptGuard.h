#pragma once
#include "core/common/CancelToken.h"

#include <atomic>
#include <csignal>
#include <functional>
#include <string>
#include <thread>

namespace drydock::app {

// Turns SIGINT, SIGTERM and SIGHUP into a cancel of the work in progress. The signals are blocked in this
// thread (and so in every thread started afterwards) and taken by one watcher thread with sigtimedwait, so
// the reaction runs as ordinary code, free of async-signal-safety limits. The first signal cancels the
// token and calls onFirst; a second one calls onSecond (which says what is left and how to restore it) and
// ends the process at once with 128 + the signal number. Build it before any other thread is started.
class InterruptGuard
{
public:
    using Handler = std::function<void(int signalNumber)>;

    InterruptGuard(CancelToken token, Handler onFirst, Handler onSecond);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    // The first signal taken; 0 while none came.
    int signalNumber() const { return m_first.load(); }
    static std::string signalName(int signalNumber); // "SIGTERM"

private:
    void run();

    CancelToken m_token;
    Handler m_onFirst;
    Handler m_onSecond;
    sigset_t m_signals{};
    sigset_t m_previous{};
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_first{0};
    std::thread m_thread;
};

} // namespace drydock::app
