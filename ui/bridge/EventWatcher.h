#pragma once
#include "core/common/CancelToken.h"
#include "core/docker/DockerClient.h"
#include "core/docker/DockerEndpoint.h"
#include "core/findings/Finding.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace drydock::ui {

// One object the daemon said changed: what to re-evaluate.
struct ChangedObject
{
    ObjectType type = ObjectType::Container;
    std::string id;
    bool operator==(const ChangedObject&) const = default;
};

// Follows the daemon's GET /events on a worker thread and reports, after a short debounce that folds bursts
// together, which containers, images, networks and volumes changed. Reconnects with a growing pause
// (1 s … 30 s) when the stream breaks; stop() (also on endpoint change and in the destructor) ends the
// thread within about 100 ms. Only reads: the stream is one GET.
class EventWatcher : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Off,
        Connecting,
        Live,
        Reconnecting
    };
    Q_ENUM(State)

    explicit EventWatcher(QObject* parent = nullptr);
    ~EventWatcher() override;

    // Starts following endpoint from sinceUnix (0: from now); restarts when already running.
    void start(const DockerEndpoint& endpoint, std::int64_t sinceUnix);
    void stop();
    bool isRunning() const { return m_state != State::Off; }
    State state() const { return m_state; }
    const DockerEndpoint& endpoint() const { return m_endpoint; }
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }

    // Which objects one event asks to re-evaluate (none for events that change nothing Drydock checks).
    static std::vector<ChangedObject> objectsFor(const DockerEvent& event);

signals:
    void stateChanged(drydock::ui::EventWatcher::State state, const QString& detail);
    void objectsChanged(const std::vector<drydock::ui::ChangedObject>& objects);

private:
    void setState(State state, const QString& detail);
    void queue(const std::vector<ChangedObject>& objects);

    DockerEndpoint m_endpoint;
    State m_state = State::Off;
    CancelToken m_cancel;
    std::unique_ptr<std::thread> m_thread;
    QTimer m_debounce;
    std::vector<ChangedObject> m_pending;
    int m_generation = 0; // bumped by start/stop: posts from an older thread are ignored
};

} // namespace drydock::ui

Q_DECLARE_METATYPE(drydock::ui::ChangedObject)
