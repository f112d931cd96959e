#include "ui/bridge/EventWatcher.h"

#include "core/docker/TransportFactory.h"
#include "core/scan/EventTargets.h"

#include <QPointer>

#include <algorithm>
#include <chrono>

namespace drydock::ui {

namespace {

// Sleeps up to ms, waking every 50 ms to see whether the watcher is being stopped.
void pause(int ms, const CancelToken& cancel)
{
    for (int waited = 0; waited < ms && !cancel.isCancelled(); waited += 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

// Runs a callable on the watcher's (GUI) thread, dropped if the watcher is gone by then.
template <typename F> void post(EventWatcher* target, F f)
{
    QPointer<EventWatcher> guard = target;
    QMetaObject::invokeMethod(
        target,
        [guard, f = std::move(f)]() mutable {
            if (guard) {
                f(guard.data());
            }
        },
        Qt::QueuedConnection);
}

} // namespace

EventWatcher::EventWatcher(QObject* parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        std::vector<ChangedObject> batch;
        batch.swap(m_pending);
        if (!batch.empty()) {
            emit objectsChanged(batch);
        }
    });
}

EventWatcher::~EventWatcher()
{
    blockSignals(true); // receivers may already be half destroyed with the window that owns us
    stop();
}

std::vector<ChangedObject> EventWatcher::objectsFor(const DockerEvent& e)
{
    std::vector<ChangedObject> out;
    for (const auto& target : eventTargets(e)) {
        out.push_back({target.type, target.id});
    }
    return out;
}

void EventWatcher::start(const DockerEndpoint& endpoint, std::int64_t sinceUnix)
{
    stop();
    m_endpoint = endpoint;
    m_cancel = CancelToken();
    const CancelToken cancel = m_cancel;
    const int gen = ++m_generation;
    m_thread = std::make_unique<std::thread>([this, endpoint, sinceUnix, cancel, gen] {
        std::int64_t since = sinceUnix;
        int backoffMs = 1000;
        while (!cancel.isCancelled()) {
            QString problem;
            auto transport = makeTransport(endpoint);
            if (!transport) {
                problem = QString::fromStdString(transport.error().message);
            } else {
                DockerClient client(std::move(transport.value()), endpoint);
                if (auto v = client.negotiate(); !v) {
                    problem = QString::fromStdString(v.error().message);
                } else {
                    post(this, [gen](EventWatcher* w) {
                        if (w->m_generation == gen) {
                            w->setState(State::Live, tr("Live updates on"));
                        }
                    });
                    backoffMs = 1000;
                    auto streamed = client.streamEvents(
                        since,
                        [&](const DockerEvent& event) {
                            since = std::max(since, event.timeUnix);
                            auto objects = objectsFor(event);
                            if (!objects.empty()) {
                                post(this, [objects, gen](EventWatcher* w) {
                                    if (w->m_generation == gen) {
                                        w->queue(objects);
                                    }
                                });
                            }
                            return !cancel.isCancelled();
                        },
                        cancel);
                    problem = streamed ? tr("The daemon closed the event stream.")
                                       : QString::fromStdString(streamed.error().message);
                }
            }
            if (cancel.isCancelled()) {
                break;
            }
            post(this, [problem, backoffMs, gen](EventWatcher* w) {
                if (w->m_generation != gen) {
                    return;
                }
                w->setState(State::Reconnecting,
                            tr("Live updates paused: %1 Retrying in %2 s.").arg(problem).arg(backoffMs / 1000));
            });
            pause(backoffMs, cancel);
            backoffMs = std::min(backoffMs * 2, 30000);
        }
    });
    setState(State::Connecting, tr("Connecting to the event stream…"));
}

void EventWatcher::stop()
{
    ++m_generation; // whatever the old thread still posts is dropped
    m_cancel.cancel();
    if (m_thread) {
        m_thread->join();
        m_thread.reset();
    }
    m_debounce.stop();
    m_pending.clear();
    setState(State::Off, tr("Live updates off"));
}

void EventWatcher::setState(State state, const QString& detail)
{
    if (m_state == state && state == State::Off) {
        return;
    }
    m_state = state;
    emit stateChanged(state, detail);
}

void EventWatcher::queue(const std::vector<ChangedObject>& objects)
{
    if (!m_thread) {
        return;
    }
    for (const auto& o : objects) {
        if (std::find(m_pending.begin(), m_pending.end(), o) == m_pending.end()) {
            m_pending.push_back(o);
        }
    }
    if (!m_debounce.isActive()) {
        m_debounce.start(); // a burst (docker compose up, a restart loop) becomes one batch
    }
}

} // namespace drydock::ui
