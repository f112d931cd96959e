#pragma once
#include <QStyledItemDelegate>

namespace drydock::ui {

// Paints a table cell's severity as the SeverityBadge pill (same colours, shape and word: SeverityCell), so a
// sortable table shows the badge without a widget per row. The cell's SeverityRole holds int(Severity), or nothing for a plain
// cell; a cell with BadgeTextRole and BadgeColorRole (a QColor) instead gets a pill of that text and colour
// (the Benchmark page's verdicts).
class SeverityBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int SeverityRole = Qt::UserRole + 40;
    static constexpr int BadgeTextRole = Qt::UserRole + 41;
    static constexpr int BadgeColorRole = Qt::UserRole + 42;
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace drydock::ui
