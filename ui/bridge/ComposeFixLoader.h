#pragma once
#include "core/files/ComposeOrigin.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace drydock::ui {

// Reads and patches a container's compose file on a worker thread for the finding details panel (a large
// compose file takes seconds), and hands the result back on the GUI thread — only the newest request's:
// moving on to another finding makes the one still running pointless.
class ComposeFixLoader : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<std::optional<ComposeOriginFix>()>;
    using Done = std::function<void(const std::optional<ComposeOriginFix>&)>;

    explicit ComposeFixLoader(QObject* parent = nullptr);
    ~ComposeFixLoader() override;
    // Runs job on the worker; done runs on the GUI thread unless another load() or forget() came first.
    void load(Job job, Done done);
    // Drops interest in the request still running.
    void forget()
    {
        ++m_ticket;
        m_pending = false;
    }
    bool busy() const { return m_pending; }

private:
    QThreadPool m_pool; // not Qt's global pool, which Qt 6 also paints with (see HistoryController)
    quint64 m_ticket = 0;
    bool m_pending = false;
};

} // namespace drydock::ui
