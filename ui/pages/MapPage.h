#pragma once
#include "core/exposure/ExposureGraph.h"
#include "core/results/ScanResult.h"
#include "ui/bridge/ExposureController.h"
#include "ui/wizard/HardeningWizard.h"

#include <QGraphicsView>
#include <QWidget>

#include <memory>

class QCheckBox;
class QGraphicsScene;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace drydock::ui {

// The map's view: Ctrl+wheel zooms around the pointer, a click on a container opens it, a double-click on a
// compose box or frame opens or closes it.
class MapView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit MapView(QWidget* parent = nullptr);
    void zoomBy(double factor);

signals:
    void nodeClicked(int node);
    void nodeDoubleClicked(int node);
    void frameDoubleClicked(const QString& project);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    QPoint m_pressAt;
};

// The Map page: the endpoint as a graph of what an attacker can reach (issue #24). Laid out on a worker; the
// GUI only turns the finished drawing into scene items.
class MapPage : public QWidget
{
    Q_OBJECT
public:
    explicit MapPage(QWidget* parent = nullptr);

    // The scan whose map to show (null: the empty state). Compose projects start collapsed.
    void setScan(std::shared_ptr<const ScanResult> scan);
    void setSavePathPrompt(SavePathPrompt prompt) { m_savePath = std::move(prompt); }

    // What is on screen now; null before the first layout of the current scan.
    const ExposureMapResult* shown() const { return m_shown.get(); }
    MapView* view() const { return m_view; }
    QCheckBox* reachableFilter() const { return m_onlyReachable; }
    QPushButton* exportButton() const { return m_export; }
    QLabel* emptyLabel() const { return m_empty; }
    // True while a layout is on its way.
    // The view coordinates of a node's box centre (for tests and for keyboard users' "show" actions); a null
    // point when the node is not shown.
    QPoint viewPointOf(const QString& label) const;
    // Opens or closes a compose project's box.
    void toggleProject(const QString& project);
    // Writes the map as SVG (path ending in .svg) or PNG; the error sentence, or empty on success.
    QString exportTo(const QString& path) const;
    void fit();
    // Fit when the whole map reads at that size, else a readable size on the host.
    void showReadable();

signals:
    // A container was clicked: its name, for the Findings page.
    void objectActivated(const QString& name);
    // A map finished laying out (tests wait for it).
    void mapShown();

private:
    void relayout();
    void showResult(const std::shared_ptr<const ExposureMapResult>& result);
    void exportMap();

    ExposureController* m_controller = nullptr;
    std::shared_ptr<const ScanResult> m_scan;
    std::shared_ptr<const ExposureMapResult> m_shown;
    ExposureView m_viewOptions;
    SavePathPrompt m_savePath = defaultSavePathPrompt();
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QString m_emptyText;
    MapView* m_view = nullptr;
    QGraphicsScene* m_scene = nullptr;
    QCheckBox* m_onlyReachable = nullptr;
    QPushButton* m_fit = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_status = nullptr;
    bool m_fitOnShow = true;
};

} // namespace drydock::ui
