#include "app/cli/InterruptGuard.h"

#include <cstdio>
#include <ctime>
#include <pthread.h>
#include <unistd.h>

namespace drydock::app {

namespace {

// How often the watcher looks whether it should stop: only delays the end of a command, never a signal.
constexpr long kPollNanoseconds = 100L * 1000 * 1000;

} // namespace

InterruptGuard::InterruptGuard(CancelToken token, Handler onFirst, Handler onSecond)
    : m_token(std::move(token)), m_onFirst(std::move(onFirst)), m_onSecond(std::move(onSecond))
{
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    sigaddset(&m_signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
    m_thread = std::thread([this] { run(); });
}

InterruptGuard::~InterruptGuard()
{
    m_stop = true;
    m_thread.join();
    // A signal that came after the watcher stopped: the work is over, so it only ends the process as usual
    // once the previous mask is back.
    pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
}

std::string InterruptGuard::signalName(int signalNumber)
{
    switch (signalNumber) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "signal " + std::to_string(signalNumber);
    }
}

void InterruptGuard::run()
{
    const timespec poll{0, kPollNanoseconds};
    while (!m_stop.load()) {
        const int taken = sigtimedwait(&m_signals, nullptr, &poll);
        if (taken < 0) {
            continue; // EAGAIN (nothing came) or EINTR
        }
        if (m_first.load() == 0) {
            m_first = taken;
            m_token.cancel();
            if (m_onFirst) {
                m_onFirst(taken);
            }
            continue;
        }
        if (m_onSecond) {
            m_onSecond(taken);
        }
        std::fflush(nullptr);
        _exit(128 + taken);
    }
}

} // namespace drydock::app
