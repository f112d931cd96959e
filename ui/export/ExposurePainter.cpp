#include "ui/export/ExposurePainter.h"

#include <QPainter>

#include <algorithm>

namespace drydock::ui {

QColor ExposurePainter::colour(const MapColour& colour)
{
    return colour.empty() ? QColor(Qt::transparent) : QColor(QString::fromStdString(colour));
}

QFont ExposurePainter::font(const DrawItem& text)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, static_cast<int>(text.fontSize)));
    f.setBold(text.bold);
    return f;
}

QPainterPath ExposurePainter::path(const DrawItem& line)
{
    QPainterPath p;
    if (line.points.empty()) {
        return p;
    }
    p.moveTo(line.points[0].x, line.points[0].y);
    for (std::size_t i = 1; i + 2 < line.points.size(); i += 3) {
        p.cubicTo(line.points[i].x, line.points[i].y, line.points[i + 1].x, line.points[i + 1].y,
                  line.points[i + 2].x, line.points[i + 2].y);
    }
    return p;
}

QPen ExposurePainter::pen(const DrawItem& item)
{
    if (item.stroke.empty()) {
        return Qt::NoPen;
    }
    QPen pen(colour(item.stroke), item.strokeWidth);
    if (item.dashed) {
        pen.setDashPattern({5.0 / std::max(0.5, item.strokeWidth), 3.0 / std::max(0.5, item.strokeWidth)});
    }
    return pen;
}

void ExposurePainter::paint(QPainter& p, const ExposureDrawing& drawing)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRectF(0, 0, drawing.width, drawing.height), colour(drawing.background));
    for (const auto& item : drawing.items) {
        switch (item.kind) {
        case DrawItem::Kind::Rect:
            p.setPen(pen(item));
            p.setBrush(item.fill.empty() ? QBrush(Qt::NoBrush) : QBrush(colour(item.fill)));
            p.drawRoundedRect(QRectF(item.x, item.y, item.width, item.height), item.radius, item.radius);
            break;
        case DrawItem::Kind::Path:
            p.setPen(pen(item));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path(item));
            break;
        case DrawItem::Kind::Text:
            p.setPen(colour(item.fill));
            p.setFont(font(item));
            p.drawText(QPointF(item.x, item.y), QString::fromStdString(item.text));
            break;
        case DrawItem::Kind::Marker:
            p.setPen(Qt::NoPen);
            p.setBrush(colour(item.fill));
            p.drawEllipse(QPointF(item.x, item.y), item.radius, item.radius);
            break;
        }
    }
    p.restore();
}

QImage ExposurePainter::image(const ExposureDrawing& drawing, qreal scale, int maxPixels)
{
    const qreal largest = std::max(drawing.width, drawing.height) * scale;
    if (largest > maxPixels) {
        scale *= maxPixels / largest;
    }
    QImage image(std::max(1, qRound(drawing.width * scale)), std::max(1, qRound(drawing.height * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(colour(drawing.background));
    QPainter p(&image);
    p.scale(scale, scale);
    paint(p, drawing);
    return image;
}

} // namespace drydock::ui
