#include "ui/pages/MapPage.h"

#include "core/report/ExposureMap.h"
#include "ui/export/ExposurePainter.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QFontMetricsF>
#include <QGraphicsEllipseItem>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <cmath>

namespace drydock::ui {

namespace {

constexpr int kNodeKey = 0;    // item data: the graph node an item belongs to
constexpr int kProjectKey = 1; // item data: the expanded project whose frame an item is
constexpr double kReadableScale = 0.85; // below this, 11 px labels are too small to read

// The node or frame under a view point: the topmost item that belongs to one.
std::pair<int, QString> hit(const QGraphicsView* view, const QPoint& at)
{
    for (QGraphicsItem* item : view->items(at)) {
        const QVariant node = item->data(kNodeKey);
        if (node.isValid() && node.toInt() >= 0) {
            return {node.toInt(), {}};
        }
        const QString project = item->data(kProjectKey).toString();
        if (!project.isEmpty()) {
            return {-1, project};
        }
    }
    return {-1, {}};
}

void tag(QGraphicsItem* item, const DrawItem& d)
{
    item->setData(kNodeKey, d.node);
    if (!d.project.empty()) {
        item->setData(kProjectKey, QString::fromStdString(d.project));
    }
    if (!d.tooltip.empty()) {
        item->setToolTip(QString::fromStdString(d.tooltip));
    }
}

// The scene's items from the drawing: the same shapes the SVG and the PDF draw.
void fillScene(QGraphicsScene& scene, const ExposureDrawing& drawing)
{
    scene.clear();
    scene.setSceneRect(0, 0, drawing.width, drawing.height);
    scene.setBackgroundBrush(ExposurePainter::colour(drawing.background));
    for (const auto& d : drawing.items) {
        switch (d.kind) {
        case DrawItem::Kind::Rect: {
            QPainterPath path;
            path.addRoundedRect(QRectF(d.x, d.y, d.width, d.height), d.radius, d.radius);
            auto* item = scene.addPath(path, ExposurePainter::pen(d),
                                       d.fill.empty() ? QBrush(Qt::NoBrush) : QBrush(ExposurePainter::colour(d.fill)));
            tag(item, d);
            break;
        }
        case DrawItem::Kind::Path: {
            auto* item = scene.addPath(ExposurePainter::path(d), ExposurePainter::pen(d));
            item->setData(kNodeKey, -1);
            break;
        }
        case DrawItem::Kind::Text: {
            const QFont font = ExposurePainter::font(d);
            auto* item = scene.addSimpleText(QString::fromStdString(d.text), font);
            item->setBrush(ExposurePainter::colour(d.fill));
            item->setPos(d.x, d.y - QFontMetricsF(font).ascent());
            tag(item, d);
            break;
        }
        case DrawItem::Kind::Marker: {
            auto* item = scene.addEllipse(d.x - d.radius, d.y - d.radius, 2 * d.radius, 2 * d.radius, Qt::NoPen,
                                          ExposurePainter::colour(d.fill));
            tag(item, d);
            break;
        }
        }
    }
}

} // namespace

MapView::MapView(QWidget* parent) : QGraphicsView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setObjectName(QStringLiteral("mapView"));
}

void MapView::zoomBy(double factor)
{
    const double current = transform().m11();
    const double next = std::clamp(current * factor, 0.02, 4.0);
    scale(next / current, next / current);
}

void MapView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void MapView::mousePressEvent(QMouseEvent* event)
{
    m_pressAt = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void MapView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A click, not the end of a drag of the map.
    if (event->button() == Qt::LeftButton &&
        (event->position().toPoint() - m_pressAt).manhattanLength() < QApplication::startDragDistance()) {
        const auto [node, project] = hit(this, event->position().toPoint());
        if (node >= 0) {
            emit nodeClicked(node);
        }
    }
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const auto [node, project] = hit(this, event->position().toPoint());
    if (node >= 0) {
        emit nodeDoubleClicked(node);
    } else if (!project.isEmpty()) {
        emit frameDoubleClicked(project);
    }
    event->accept();
}

MapPage::MapPage(QWidget* parent) : QWidget(parent)
{
    m_controller = new ExposureController(this);
    m_onlyReachable = new QCheckBox(tr("Only reachable from outside"), this);
    m_onlyReachable->setObjectName(QStringLiteral("onlyReachable"));
    m_onlyReachable->setToolTip(tr("Only containers with a port published on a network address (not loopback) "
                                   "or on the host's network, and their networks"));
    m_fit = new QPushButton(tr("&Fit"), this);
    m_fit->setObjectName(QStringLiteral("fitMap"));
    m_export = new QPushButton(tr("E&xport map…"), this);
    m_export->setObjectName(QStringLiteral("exportMap"));
    m_export->setEnabled(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("mapStatus"));
    m_status->setTextFormat(Qt::PlainText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_onlyReachable);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_fit);
    bar->addWidget(m_export);

    m_emptyText = tr("No scan yet. Scan the daemon (Scan ▸ Scan now, F5) to see what an attacker can reach: the "
                     "host, its networks and containers, published ports and risky settings.");
    m_empty = new QLabel(m_emptyText, this);
    m_empty->setObjectName(QStringLiteral("mapEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_scene = new QGraphicsScene(this);
    m_view = new MapView(this);
    m_view->setScene(m_scene);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_onlyReachable, &QCheckBox::toggled, this, [this](bool on) {
        m_viewOptions.onlyReachable = on;
        m_fitOnShow = true;
        relayout();
    });
    connect(m_fit, &QPushButton::clicked, this, &MapPage::fit);
    connect(m_export, &QPushButton::clicked, this, &MapPage::exportMap);
    connect(m_controller, &ExposureController::ready, this, &MapPage::showResult);
    connect(m_view, &MapView::nodeClicked, this, [this](int node) {
        if (m_shown && node < static_cast<int>(m_shown->graph.nodes.size())) {
            const ExposureNode& n = m_shown->graph.nodes[static_cast<std::size_t>(node)];
            if (n.kind == ExposureNodeKind::Container) {
                emit objectActivated(QString::fromStdString(n.objectName));
            }
        }
    });
    connect(m_view, &MapView::nodeDoubleClicked, this, [this](int node) {
        if (m_shown && node < static_cast<int>(m_shown->graph.nodes.size())) {
            const ExposureNode& n = m_shown->graph.nodes[static_cast<std::size_t>(node)];
            if (n.kind == ExposureNodeKind::ComposeProject) {
                toggleProject(QString::fromStdString(n.project));
            }
        }
    });
    connect(m_view, &MapView::frameDoubleClicked, this, &MapPage::toggleProject);
}

void MapPage::setScan(std::shared_ptr<const ScanResult> scan)
{
    if (scan == m_scan) {
        return;
    }
    const bool sameEndpoint = scan && m_scan && scan->inventory.endpoint == m_scan->inventory.endpoint;
    m_scan = std::move(scan);
    if (!sameEndpoint) {
        m_viewOptions.expandedProjects.clear(); // what was opened stays open across rescans of one daemon
        m_fitOnShow = true;
    }
    relayout();
}

void MapPage::relayout()
{
    if (!m_scan || m_scan->inventory.containers.empty()) {
        m_empty->setText(!m_scan ? m_emptyText
                                 : tr("This scan shows no containers (a scan read back from the history keeps its "
                                      "findings, not the inventory): scan the daemon (F5) to draw its map."));
        m_shown.reset();
        m_scene->clear();
        m_stack->setCurrentWidget(m_empty);
        m_export->setEnabled(false);
        m_status->clear();
        return;
    }
    m_status->setText(tr("Laying out…"));
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_controller->request(m_scan, m_viewOptions, dark);
}

void MapPage::showResult(const std::shared_ptr<const ExposureMapResult>& result)
{
    if (!result || result->scan != m_scan) {
        return; // a map of a scan no longer shown
    }
    m_shown = result;
    m_stack->setCurrentWidget(m_view);
    if (!result->error.isEmpty()) {
        m_scene->clear();
        m_status->setText(result->error);
        m_export->setEnabled(false);
        emit mapShown();
        return;
    }
    const QTransform keep = m_view->transform();
    fillScene(*m_scene, result->drawing);
    m_export->setEnabled(true);
    const std::size_t total = m_scan->inventory.containers.size();
    const std::size_t shown = result->graph.containerCount();
    QString text = result->view.onlyReachable
                       ? tr("%1 of %2 containers reachable from outside").arg(shown).arg(total)
                       : (total == 1 ? tr("1 container") : tr("%1 containers").arg(total));
    text += tr(" · laid out in %1 ms · Ctrl+wheel zooms, double-click a compose box to open it")
                .arg(qRound(result->layoutMs));
    m_status->setText(text);
    if (m_fitOnShow) {
        showReadable();
        m_fitOnShow = false;
    } else {
        m_view->setTransform(keep);
    }
    emit mapShown();
}

void MapPage::fit()
{
    if (m_scene->items().isEmpty()) {
        return;
    }
    m_view->resetTransform();
    m_view->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Never larger than life: a small endpoint is shown at its size, not blown up.
    if (m_view->transform().m11() > 1.0) {
        m_view->resetTransform();
    }
}

void MapPage::showReadable()
{
    fit();
    // A map too large to read whole opens at a size whose text reads, on the host at the top; Fit (and
    // Ctrl+wheel) give the overview.
    if (m_view->transform().m11() < kReadableScale && m_shown && !m_shown->drawing.items.empty()) {
        m_view->resetTransform();
        m_view->scale(kReadableScale, kReadableScale);
        double hostX = m_scene->sceneRect().center().x();
        for (const auto& d : m_shown->drawing.items) {
            if (d.kind == DrawItem::Kind::Rect && d.node == 0) {
                hostX = d.x + d.width / 2;
                break;
            }
        }
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        m_view->centerOn(hostX, visible.height() / 2);
    }
}

void MapPage::toggleProject(const QString& project)
{
    const std::string name = project.toStdString();
    if (!m_viewOptions.expandedProjects.erase(name)) {
        m_viewOptions.expandedProjects.insert(name);
    }
    relayout();
}

QPoint MapPage::viewPointOf(const QString& label) const
{
    if (!m_shown) {
        return {};
    }
    const std::string wanted = label.toStdString();
    for (const auto& d : m_shown->drawing.items) {
        if (d.kind == DrawItem::Kind::Rect && d.node >= 0 && !d.tooltip.empty() &&
            m_shown->graph.nodes[static_cast<std::size_t>(d.node)].label == wanted) {
            return m_view->mapFromScene(QPointF(d.x + d.width / 2, d.y + d.height / 2));
        }
    }
    return {};
}

QString MapPage::exportTo(const QString& path) const
{
    if (!m_shown || m_shown->drawing.items.empty()) {
        return tr("There is no map to export yet: scan the daemon first.");
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return tr("Could not write %1: %2 — choose another folder.").arg(path, file.errorString());
    }
    // The report's light palette: an exported picture goes into documents, not onto this screen.
    const ExposureDrawing light = drawExposure(m_shown->graph, m_shown->layout, exposurePalette());
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        const std::string svg = exposureSvg(light);
        file.write(svg.data(), static_cast<qint64>(svg.size()));
    } else {
        if (!ExposurePainter::image(light, 2.0).save(&file, "PNG")) {
            file.cancelWriting();
            return tr("Could not encode the map as PNG (%1) — try SVG instead.").arg(path);
        }
    }
    if (!file.commit()) {
        return tr("Could not write %1: %2 — choose another folder.").arg(path, file.errorString());
    }
    return {};
}

void MapPage::exportMap()
{
    QString path = m_savePath(this, tr("Export map"), tr("SVG picture (*.svg);;PNG image (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) &&
        !path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".svg");
    }
    const QString error = exportTo(path);
    if (error.isEmpty()) {
        m_status->setText(tr("Map written to %1").arg(path));
    } else {
        m_status->setText(error);
    }
}

} // namespace drydock::ui
