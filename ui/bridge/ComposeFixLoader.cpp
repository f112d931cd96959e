#include "ui/bridge/ComposeFixLoader.h"

#include <QPointer>

namespace drydock::ui {

ComposeFixLoader::ComposeFixLoader(QObject* parent) : QObject(parent) { m_pool.setMaxThreadCount(1); }

ComposeFixLoader::~ComposeFixLoader()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void ComposeFixLoader::load(Job job, Done done)
{
    const quint64 ticket = ++m_ticket;
    m_pending = true;
    m_pool.clear(); // a request not started yet is pointless now
    QPointer<ComposeFixLoader> self = this;
    m_pool.start([self, ticket, job = std::move(job), done = std::move(done)] {
        auto fix = std::make_shared<std::optional<ComposeOriginFix>>(job());
        QMetaObject::invokeMethod(
            self,
            [self, ticket, fix, done] {
                if (self && ticket == self->m_ticket) {
                    self->m_pending = false;
                    done(*fix);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace drydock::ui
