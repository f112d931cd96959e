#include "ui/bridge/SearchTextBuilder.h"

#include "ui/bridge/QtConvert.h"

#include <QPointer>

namespace drydock::ui {

SearchTextBuilder::SearchTextBuilder(QObject* parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    // Only spare CPU (SCHED_IDLE on Linux): building ahead must not slow the GUI thread's own sort of the
    // same rows on a 2-core machine, and a filter typed before it is done builds what it needs itself.
    m_pool.setThreadPriority(QThread::IdlePriority);
}

SearchTextBuilder::~SearchTextBuilder()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QString SearchTextBuilder::searchTextOf(const Finding& f, CisVersion version)
{
    const std::string cis = f.cis.id.empty() ? std::string() : translateCis(f.cis, version).id;
    return qs(f.ruleId + '\n' + f.object.name + '\n' + f.title + '\n' + f.evidence + '\n' + cis)
        .toCaseFolded();
}

void SearchTextBuilder::build(std::shared_ptr<const std::vector<Finding>> findings, quint64 ticket,
                              CisVersion version)
{
    std::vector<std::shared_ptr<const Finding>> rows;
    rows.reserve(findings->size());
    for (const Finding& f : *findings) {
        rows.emplace_back(findings, &f); // aliasing: shares ownership of the whole vector
    }
    build(std::move(rows), ticket, version);
}

void SearchTextBuilder::build(std::vector<std::shared_ptr<const Finding>> rows, quint64 ticket,
                              CisVersion version)
{
    // A newer list makes the one still waiting pointless.
    m_pool.clear();
    QPointer<SearchTextBuilder> self = this;
    m_pool.start([self, rows = std::move(rows), ticket, version] {
        auto texts = std::make_shared<Texts>();
        texts->reserve(rows.size());
        for (const auto& f : rows) {
            texts->push_back(searchTextOf(*f, version));
        }
        QMetaObject::invokeMethod(
            self,
            [self, ticket, texts] {
                if (self) {
                    emit self->built(ticket, texts);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace drydock::ui
