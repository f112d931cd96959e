#include "ui/bridge/ExposureController.h"

#include "core/exposure/ExposureLayout.h"
#include "core/report/ExposureMap.h"

#include <QtConcurrent>

#include <chrono>

namespace drydock::ui {

ExposureController::ExposureController(QObject* parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const ExposureMapResult>>::finished, this, [this] {
        const auto result = m_watcher.result();
        if (result->scan == m_graphScan) {
            m_graph = result->full;
        }
        if (m_pending) {
            startNext(); // a newer request came while this one ran: its result is what the page wants
            return;
        }
        emit ready(result);
    });
}

ExposureController::~ExposureController()
{
    m_pending.reset();
    m_watcher.waitForFinished();
}

void ExposureController::request(std::shared_ptr<const ScanResult> scan, const ExposureView& view, bool dark)
{
    m_pending = Pending{std::move(scan), view, dark};
    if (!m_watcher.isRunning()) {
        startNext();
    }
}

void ExposureController::startNext()
{
    Pending next = std::move(*m_pending);
    m_pending.reset();
    if (next.scan != m_graphScan) {
        m_graphScan = next.scan;
        m_graph.reset();
    }
    // The whole graph is built on the worker too, once per scan, and kept for the next view of it.
    m_watcher.setFuture(QtConcurrent::run(
        &m_pool, [scan = next.scan, view = next.view, dark = next.dark, full = m_graph]() mutable {
            auto result = std::make_shared<ExposureMapResult>();
            result->view = view;
            result->scan = scan;
            if (!full) {
                full = std::make_shared<const ExposureGraph>(buildExposureGraph(scan->inventory, scan->findings));
            }
            result->full = full;
            result->graph = viewExposureGraph(*full, view);
            const auto start = std::chrono::steady_clock::now();
            auto layout = layoutExposure(result->graph);
            result->layoutMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (!layout) {
                result->error = QString::fromStdString(layout.error().message);
            } else {
                result->layout = std::move(layout).value();
                result->drawing = drawExposure(result->graph, result->layout, exposurePalette(dark));
            }
            return std::shared_ptr<const ExposureMapResult>(std::move(result));
        }));
}

} // namespace drydock::ui
