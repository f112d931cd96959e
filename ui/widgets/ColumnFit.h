#pragma once
#include <QString>
#include <QStringList>

class QAbstractItemView;

namespace drydock::ui {

// The width a view's cell needs to show text whole in the view's font and style (the item's text margins
// included).
int cellWidthFor(const QAbstractItemView& view, const QString& text);
// Widens a table's or tree's column until each of texts, and its header, shows whole — rule ids such as
// RUN-018 or HST-049 and CIS ids such as 1.1.18 are short fixed strings that must never be elided, whichever
// rows Qt's sampled resize-to-contents happened to measure; withIcon: each cell also shows a small icon before
// its text (the severities). Never narrows a column.
void fitColumnToTexts(QAbstractItemView& view, int column, const QStringList& texts, bool withIcon = false);

} // namespace drydock::ui
