#pragma once
#include "core/exposure/ExposureDrawing.h"
#include "core/exposure/ExposureGraph.h"
#include "core/results/ScanResult.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace drydock::ui {

// A laid-out map: the graph as the view shows it and its drawing (or why there is none).
struct ExposureMapResult
{
    ExposureGraph graph;
    ExposureLayout layout;
    ExposureDrawing drawing;
    ExposureView view;
    QString error; // what went wrong and what to do; empty when the drawing is there
    double layoutMs = 0;
    std::shared_ptr<const ScanResult> scan;       // whose map this is
    std::shared_ptr<const ExposureGraph> full;    // the whole endpoint's graph, kept for the next view
};

// Builds, filters, groups and lays out the exposure map off the GUI thread (Graphviz takes a while on a large
// endpoint and keeps global state): the latest request wins, an older result that arrives late is dropped.
class ExposureController : public QObject
{
    Q_OBJECT
public:
    explicit ExposureController(QObject* parent = nullptr);
    ~ExposureController() override;

    // Lays out the scan's map as the view asks; dark picks the dark palette.
    void request(std::shared_ptr<const ScanResult> scan, const ExposureView& view, bool dark);

signals:
    void ready(const std::shared_ptr<const drydock::ui::ExposureMapResult>& result);

private:
    void startNext();

    // The request waiting while one runs: only the last one counts.
    struct Pending
    {
        std::shared_ptr<const ScanResult> scan;
        ExposureView view;
        bool dark = false;
    };
    std::optional<Pending> m_pending;
    std::shared_ptr<const ScanResult> m_graphScan; // whose graph m_graph is
    std::shared_ptr<const ExposureGraph> m_graph;   // the whole endpoint, built once per scan
    // Its own pool, not Qt's global one, whose threads Qt borrows to paint.
    QThreadPool m_pool;
    QFutureWatcher<std::shared_ptr<const ExposureMapResult>> m_watcher;
};

} // namespace drydock::ui
