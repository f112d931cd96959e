#include "ui/widgets/SeverityBadgeDelegate.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityCell.h"

#include <QApplication>
#include <QPainter>

namespace drydock::ui {

void SeverityBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const
{
    const QVariant severity = index.data(SeverityRole);
    const QVariant badgeText = index.data(BadgeTextRole);
    if (!severity.isValid() && !badgeText.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The row's selection and focus first, then the pill over it.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon(); // the pill carries the shape; the cell's own icon would peek out at its left
    background.features &= ~QStyleOptionViewItem::HasDecoration;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QFont font = option.font;
    font.setWeight(QFont::DemiBold);
    if (severity.isValid()) {
        const auto s = static_cast<Severity>(severity.toInt());
        paintBadgePill(*painter, option.rect, severityText(s), severityColor(s), s, font);
    } else {
        paintBadgePill(*painter, option.rect, badgeText.toString(),
                       index.data(BadgeColorRole).value<QColor>(), std::nullopt, font);
    }
}

QSize SeverityBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (const QVariant severity = index.data(SeverityRole); severity.isValid()) {
        QFont font = option.font;
        font.setWeight(QFont::DemiBold);
        const QString text = severityText(static_cast<Severity>(severity.toInt()));
        size.setWidth(std::max(size.width(), std::max(64, badgePillWidth(text, true, font)) + 12));
    } else if (const QVariant text = index.data(BadgeTextRole); text.isValid()) {
        QFont font = option.font;
        font.setWeight(QFont::DemiBold);
        const QFontMetrics metrics(font);
        size.setWidth(std::max(size.width(), metrics.horizontalAdvance(text.toString()) + 28));
        size.setHeight(std::max(size.height(), metrics.height() + 8)); // room for the pill around its text
    }
    return size;
}

} // namespace drydock::ui
