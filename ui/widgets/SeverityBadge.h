#pragma once
#include "core/common/Severity.h"

#include <QLabel>

namespace drydock::ui {

// A coloured pill showing a severity (and optionally a count), readable in light and dark themes.
class SeverityBadge : public QLabel
{
    Q_OBJECT
public:
    explicit SeverityBadge(QWidget* parent = nullptr);
    void setSeverity(Severity severity, int count = -1);
};

} // namespace drydock::ui
