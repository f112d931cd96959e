#include "ui/widgets/SeverityBadge.h"

#include "ui/bridge/QtConvert.h"

namespace drydock::ui {

SeverityBadge::SeverityBadge(QWidget* parent) : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    setMinimumWidth(72);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void SeverityBadge::setSeverity(Severity severity, int count)
{
    const QString text = count >= 0 ? QStringLiteral("%1  %2").arg(severityText(severity)).arg(count)
                                    : severityText(severity);
    setText(text);
    setAccessibleName(text);
    setStyleSheet(QStringLiteral("QLabel { background: %1; color: white; border-radius: 9px; padding: 2px 10px;"
                                 " font-weight: 600; }")
                      .arg(severityColor(severity).name()));
}

} // namespace drydock::ui
