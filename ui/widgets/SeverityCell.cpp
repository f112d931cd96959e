#include "ui/widgets/SeverityCell.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityBadgeDelegate.h"

#include <QBrush>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPolygonF>

#include <array>

namespace drydock::ui {

namespace {

QPainterPath shapePath(const QRectF& b, Severity severity)
{
    QPainterPath path;
    const QPointF c = b.center();
    const double w = b.width();
    const double h = b.height();
    switch (severity) {
    case Severity::Critical: { // an octagon, as a stop sign
        const double k = 0.29;
        path.addPolygon(QPolygonF({{b.left() + w * k, b.top()},
                                   {b.right() - w * k, b.top()},
                                   {b.right(), b.top() + h * k},
                                   {b.right(), b.bottom() - h * k},
                                   {b.right() - w * k, b.bottom()},
                                   {b.left() + w * k, b.bottom()},
                                   {b.left(), b.bottom() - h * k},
                                   {b.left(), b.top() + h * k}}));
        break;
    }
    case Severity::High: // a warning triangle
        path.addPolygon(QPolygonF({{c.x(), b.top()}, {b.right(), b.bottom()}, {b.left(), b.bottom()}}));
        break;
    case Severity::Medium: // a diamond
        path.addPolygon(QPolygonF({{c.x(), b.top()}, {b.right(), c.y()}, {c.x(), b.bottom()}, {b.left(), c.y()}}));
        break;
    case Severity::Low:
        path.addEllipse(b.adjusted(w * 0.06, h * 0.06, -w * 0.06, -h * 0.06));
        break;
    case Severity::Info:
        path.addRoundedRect(b.adjusted(w * 0.12, h * 0.12, -w * 0.12, -h * 0.12), w * 0.12, h * 0.12);
        break;
    }
    path.closeSubpath();
    return path;
}

} // namespace

void paintSeverityShape(QPainter& painter, const QRectF& box, Severity severity, const QColor& fill,
                        const QColor& rim)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(rim.alpha() == 0 ? QPen(Qt::NoPen) : QPen(rim, std::max(1.0, box.width() / 10.0)));
    painter.setBrush(fill);
    painter.drawPath(shapePath(box, severity));
    painter.restore();
}

QIcon severityIcon(Severity severity)
{
    static std::array<QIcon, severityCount> cache;
    QIcon& icon = cache[static_cast<std::size_t>(severity)];
    if (icon.isNull()) {
        for (int size : {16, 32}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            const double m = size / 16.0;
            paintSeverityShape(painter, QRectF(1.5 * m, 1.5 * m, 13 * m, 13 * m), severity, severityColor(severity),
                               QColor(255, 255, 255, 220));
            icon.addPixmap(pixmap);
        }
    }
    return icon;
}

QVariant severityCellData(Severity severity, int role)
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return severityText(severity);
    case Qt::DecorationRole:
        return severityIcon(severity);
    case Qt::ForegroundRole:
        return QBrush(severityTextColor(severity, QGuiApplication::palette()));
    case SeverityBadgeDelegate::SeverityRole:
        return static_cast<int>(severity);
    default:
        return {};
    }
}

int badgePillWidth(const QString& text, bool glyph, const QFont& font)
{
    const QFontMetrics metrics(font);
    return metrics.horizontalAdvance(text) + 16 + (glyph ? metrics.height() - 2 : 0);
}

int paintBadgePill(QPainter& painter, const QRect& cell, const QString& text, const QColor& colour,
                   std::optional<Severity> glyph, const QFont& font)
{
    const QFontMetrics metrics(font);
    const int height = std::min(cell.height() - 4, metrics.height() + 4);
    const int width = std::min(cell.width() - 8, std::max(64, badgePillWidth(text, glyph.has_value(), font)));
    const QRect pill(cell.left() + 4, cell.center().y() - height / 2 + 1, width, height);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(pill, height / 2.0, height / 2.0);
    QRect textRect = pill;
    if (glyph) {
        const double side = std::max(6, height - 8);
        const QRectF box(pill.left() + 7, pill.center().y() - side / 2 + 0.5, side, side);
        paintSeverityShape(painter, box, *glyph, Qt::white, Qt::transparent);
        textRect.setLeft(static_cast<int>(box.right()) + 1);
    }
    painter.setPen(Qt::white);
    painter.setFont(font);
    painter.drawText(textRect, Qt::AlignCenter, text);
    painter.restore();
    return width;
}

} // namespace drydock::ui
