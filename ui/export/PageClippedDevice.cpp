#include "ui/export/PageClippedDevice.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QTextItem>

namespace drydock::ui {

// Passes every drawing call on to the target painter with the state it was made in; drops text items whose
// middle lies outside the page. Claims every feature, so QPainter hands it untransformed primitives and the
// world transform instead of emulating anything.
class PageClippedDevice::Engine : public QPaintEngine
{
public:
    Engine(QPainter& target, const QRectF& keep) : QPaintEngine(AllFeatures), m_target(target), m_keep(keep)
    {
    }

    bool begin(QPaintDevice*) override
    {
        m_target.save();
        return true;
    }
    bool end() override
    {
        m_target.restore();
        return true;
    }
    Type type() const override { return User; }

    void updateState(const QPaintEngineState& s) override
    {
        const DirtyFlags dirty = s.state();
        if (dirty & DirtyPen) {
            m_target.setPen(s.pen());
        }
        if (dirty & DirtyBrush) {
            m_target.setBrush(s.brush());
        }
        if (dirty & DirtyBrushOrigin) {
            m_target.setBrushOrigin(s.brushOrigin());
        }
        if (dirty & DirtyFont) {
            m_target.setFont(s.font());
        }
        if (dirty & DirtyBackground) {
            m_target.setBackground(s.backgroundBrush());
        }
        if (dirty & DirtyBackgroundMode) {
            m_target.setBackgroundMode(s.backgroundMode());
        }
        if (dirty & DirtyTransform) {
            m_transform = s.transform();
            m_target.setWorldTransform(m_transform);
        }
        if (dirty & DirtyHints) {
            m_target.setRenderHints(s.renderHints());
        }
        if (dirty & DirtyCompositionMode) {
            m_target.setCompositionMode(s.compositionMode());
        }
        if (dirty & DirtyOpacity) {
            m_target.setOpacity(s.opacity());
        }
        // The clip is the target's own (the page's body, set before this device is painted on): the
        // document's clip says the same thing, and forwarding it would need the coordinates it was set in.
    }

    void drawPath(const QPainterPath& path) override { m_target.drawPath(path); }
    void drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) override
    {
        if (mode == PolylineMode) {
            m_target.drawPolyline(points, count);
        } else {
            m_target.drawPolygon(points, count, mode == WindingMode ? Qt::WindingFill : Qt::OddEvenFill);
        }
    }
    void drawRects(const QRectF* rects, int count) override { m_target.drawRects(rects, count); }
    void drawLines(const QLineF* lines, int count) override { m_target.drawLines(lines, count); }
    void drawEllipse(const QRectF& rect) override { m_target.drawEllipse(rect); }
    void drawPoints(const QPointF* points, int count) override { m_target.drawPoints(points, count); }
    void drawPixmap(const QRectF& r, const QPixmap& pm, const QRectF& sr) override
    {
        m_target.drawPixmap(r, pm, sr);
    }
    void drawTiledPixmap(const QRectF& r, const QPixmap& pm, const QPointF& offset) override
    {
        m_target.drawTiledPixmap(r, pm, offset);
    }
    void drawImage(const QRectF& r, const QImage& image, const QRectF& sr,
                   Qt::ImageConversionFlags flags) override
    {
        m_target.drawImage(r, image, sr, flags);
    }
    void drawTextItem(const QPointF& p, const QTextItem& item) override
    {
        const QRectF box(p.x(), p.y() - item.ascent(), std::max<qreal>(item.width(), 1),
                         item.ascent() + item.descent());
        if (!m_keep.contains(QPointF(m_keep.center().x(), m_transform.mapRect(box).center().y()))) {
            ++m_dropped;
            return;
        }
        m_target.drawTextItem(p, item);
    }

    int dropped() const { return m_dropped; }

private:
    QPainter& m_target;
    QRectF m_keep;
    QTransform m_transform;
    int m_dropped = 0;
};

PageClippedDevice::PageClippedDevice(QPainter& target, const QRectF& keep)
    : m_target(target), m_engine(std::make_unique<Engine>(target, keep))
{
}

PageClippedDevice::~PageClippedDevice() = default;

QPaintEngine* PageClippedDevice::paintEngine() const
{
    return m_engine.get();
}

int PageClippedDevice::droppedTextItems() const
{
    return m_engine->dropped();
}

int PageClippedDevice::metric(PaintDeviceMetric metric) const
{
    const QPaintDevice* d = m_target.device();
    switch (metric) {
    case PdmWidth:
        return d->width();
    case PdmHeight:
        return d->height();
    case PdmWidthMM:
        return d->widthMM();
    case PdmHeightMM:
        return d->heightMM();
    case PdmNumColors:
        return d->colorCount();
    case PdmDepth:
        return d->depth();
    case PdmDpiX:
        return d->logicalDpiX();
    case PdmDpiY:
        return d->logicalDpiY();
    case PdmPhysicalDpiX:
        return d->physicalDpiX();
    case PdmPhysicalDpiY:
        return d->physicalDpiY();
    case PdmDevicePixelRatio:
        return d->devicePixelRatio();
    case PdmDevicePixelRatioScaled:
        return int(d->devicePixelRatio() * devicePixelRatioFScale());
    }
    return QPaintDevice::metric(metric);
}

} // namespace drydock::ui
