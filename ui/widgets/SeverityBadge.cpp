#include "ui/widgets/SeverityBadge.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityCell.h"

#include <QPainter>

namespace drydock::ui {

namespace {
QFont badgeFont(const QFont& base)
{
    QFont f = base;
    f.setWeight(QFont::DemiBold);
    return f;
}
} // namespace

SeverityBadge::SeverityBadge(QWidget* parent) : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    setMinimumWidth(72);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void SeverityBadge::setSeverity(Severity severity, int count)
{
    m_severity = severity;
    const QString text = count >= 0 ? QStringLiteral("%1  %2").arg(severityText(severity)).arg(count)
                                    : severityText(severity);
    setText(text);
    setAccessibleName(text);
    updateGeometry();
    update();
}

QSize SeverityBadge::sizeHint() const
{
    const QFont font = badgeFont(this->font());
    const QFontMetrics metrics(font);
    return {std::max(72, std::max(64, badgePillWidth(text(), true, font)) + 8), metrics.height() + 8};
}

void SeverityBadge::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    // The pill starts 4 px into its rect: the rect starts 4 px to the left so the badge keeps its own margins.
    paintBadgePill(painter, rect().adjusted(-4, 0, 0, 0), text(), severityColor(m_severity), m_severity,
                   badgeFont(font()));
}

} // namespace drydock::ui
