#include "ui/bridge/LiveUpdater.h"

#include "core/common/Clock.h"
#include "core/docker/TransportFactory.h"
#include "core/findings/Waiver.h"
#include "core/scan/ObjectReevaluator.h"
#include "core/scan/ObjectRemediation.h"
#include "core/store/HistoryStore.h"

#include <QtConcurrent>

#include <algorithm>

namespace drydock::ui {

LiveUpdater::LiveUpdater(const RuleCatalogue& catalogue, QString databasePath, QObject* parent)
    : QObject(parent), m_catalogue(catalogue), m_databasePath(std::move(databasePath)),
      m_alertEngine(std::make_shared<AlertEngine>())
{
    connect(&m_watcher, &QFutureWatcher<LiveUpdate>::finished, this, [this] {
        LiveUpdate update = m_watcher.result();
        if (m_runningGeneration == m_generation) {
            if (update.scan) {
                m_base = update.scan;
            }
            emit updated(update);
        }
        runNext();
    });
}

LiveUpdater::~LiveUpdater() { m_watcher.waitForFinished(); }

void LiveUpdater::setAlerts(bool on, Severity threshold)
{
    m_alertsOn = on;
    m_alertThreshold = threshold;
}

void LiveUpdater::setEndpoint(const DockerEndpoint& endpoint)
{
    m_endpoint = endpoint;
    ++m_generation;
    m_queued.clear();
    m_base.reset();
}

void LiveUpdater::setBase(std::shared_ptr<const ScanResult> scan)
{
    ++m_generation;
    m_queued.clear();
    m_base = std::move(scan);
}

void LiveUpdater::reevaluate(const std::vector<ChangedObject>& objects)
{
    for (const auto& o : objects) {
        if (std::find(m_queued.begin(), m_queued.end(), o) == m_queued.end()) {
            m_queued.push_back(o);
        }
    }
    if (!m_watcher.isRunning()) {
        runNext();
    }
}

void LiveUpdater::runNext()
{
    if (m_queued.empty() || !m_base || m_watcher.isRunning()) {
        return;
    }
    std::vector<ChangedObject> batch;
    batch.swap(m_queued);
    m_runningGeneration = m_generation;
    const auto base = m_base;
    const DockerEndpoint endpoint = m_endpoint;
    const ScanSettings settings = m_settings;
    const std::string dbPath = m_databasePath.toStdString();
    const RuleCatalogue* catalogue = &m_catalogue;
    const std::shared_ptr<AlertEngine> alerts = m_alertsOn ? m_alertEngine : nullptr;
    const Severity threshold = m_alertThreshold;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [=]() -> LiveUpdate {
        LiveUpdate update;
        auto transport = makeTransport(endpoint);
        if (!transport) {
            update.error = QString::fromStdString(transport.error().message);
            return update;
        }
        DockerClient client(std::move(transport.value()), endpoint);
        if (auto v = client.negotiate(); !v) {
            update.error = QString::fromStdString(v.error().message);
            return update;
        }
        std::vector<Waiver> waivers;
        std::unique_ptr<HistoryStore> store;
        if (!dbPath.empty()) {
            if (auto opened = HistoryStore::open(dbPath)) {
                store = std::move(opened.value());
                if (auto list = store->waivers().list()) {
                    waivers = std::move(list.value());
                }
            }
        }
        if (alerts) {
            alerts->setThreshold(threshold);
        }
        const std::int64_t now = SystemClock().nowUnix();
        ObjectReevaluator reevaluator(client, *catalogue);
        Inventory inventory = base->inventory;
        for (const auto& object : batch) {
            auto change = reevaluator.reevaluate(inventory, object.type, object.id, settings, now);
            if (!change) {
                if (change.error().code == ErrorCode::InvalidArgument) {
                    continue;
                }
                update.error = QString::fromStdString(change.error().message);
                return update;
            }
            if (change->removed && change->object.name == change->object.id &&
                std::none_of(base->findings.all().begin(), base->findings.all().end(),
                             [&](const Finding& f) { return f.object.id == object.id; })) {
                // Created and removed between two looks: nothing on screen to change.
                inventory = std::move(change->inventory);
                continue;
            }
            applyWaivers(change->findings, waivers, inventory.endpoint, now);
            ObjectRemediation::refreshAfterWaivers(change->findings, change->inventory);
            if (alerts) {
                std::vector<Finding> previous;
                for (const auto& f : base->findings.all()) {
                    if (f.object.type == change->object.type && f.object.id == change->object.id) {
                        previous.push_back(f);
                    }
                }
                for (const auto& shown : update.changes) { // earlier in this batch
                    if (shown.object.type == change->object.type && shown.object.id == change->object.id) {
                        previous = shown.findings;
                    }
                }
                auto alert = alerts->consider(change->object,
                                              AlertEngine::happenedTo(change->inventory, change->object, change->added),
                                              previous, change->findings, inventory.endpoint, now, change->removed);
                if (alert) {
                    if (!store) {
                        update.alertError = LiveUpdater::tr("The history is not available; the alert was not stored.");
                    } else if (auto id = store->alerts().add(*alert); !id) {
                        update.alertError = QString::fromStdString(id.error().message);
                    } else {
                        alert->id = id.value();
                    }
                    update.alerts.push_back(std::move(*alert));
                }
            }
            inventory = std::move(change->inventory);
            LiveChange live{change->object, change->removed, change->added, std::move(change->findings)};
            // The same object twice in one batch (a network event names its container): keep the latest.
            update.changes.erase(std::remove_if(update.changes.begin(), update.changes.end(),
                                                [&](const LiveChange& c) {
                                                    return c.object.type == live.object.type &&
                                                           c.object.id == live.object.id;
                                                }),
                                 update.changes.end());
            update.changes.push_back(std::move(live));
        }
        auto scan = std::make_shared<ScanResult>();
        scan->startedAtUnix = base->startedAtUnix;
        scan->finishedAtUnix = now;
        scan->catalogueVersion = base->catalogueVersion;
        scan->inventory = std::move(inventory);
        std::vector<Finding> findings;
        findings.reserve(base->findings.size());
        const auto changed = [&](const Finding& f) {
            return std::any_of(update.changes.begin(), update.changes.end(), [&](const LiveChange& c) {
                return c.object.type == f.object.type && c.object.id == f.object.id;
            });
        };
        for (const auto& f : base->findings.all()) {
            if (!changed(f)) {
                findings.push_back(f);
            }
        }
        for (const auto& c : update.changes) {
            findings.insert(findings.end(), c.findings.begin(), c.findings.end());
        }
        scan->findings = FindingSet(std::move(findings));
        scan->findings.sort();
        update.scan = std::move(scan);
        return update;
    }));
}

} // namespace drydock::ui
