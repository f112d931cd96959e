#pragma once
#include "core/common/Severity.h"

#include <QLabel>

namespace drydock::ui {

// A coloured pill showing a severity's shape and word (and optionally a count), readable in light and dark
// themes; painted by the same function as the tables' badges (SeverityCell), the text kept for accessibility.
class SeverityBadge : public QLabel
{
    Q_OBJECT
public:
    explicit SeverityBadge(QWidget* parent = nullptr);
    void setSeverity(Severity severity, int count = -1);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Severity m_severity = Severity::Info;
};

} // namespace drydock::ui
