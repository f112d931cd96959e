#include "ui/widgets/SeverityBadgeDelegate.h"

#include "ui/bridge/QtConvert.h"

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
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QString text;
    QColor colour;
    if (severity.isValid()) {
        const auto s = static_cast<Severity>(severity.toInt());
        text = severityText(s);
        colour = severityColor(s);
    } else {
        text = badgeText.toString();
        colour = index.data(BadgeColorRole).value<QColor>();
    }
    QFont font = option.font;
    font.setWeight(QFont::DemiBold);
    const QFontMetrics metrics(font);
    const int height = std::min(option.rect.height() - 4, metrics.height() + 4);
    const int width = std::min(option.rect.width() - 8, std::max(64, metrics.horizontalAdvance(text) + 16));
    const QRect pill(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize SeverityBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(SeverityRole).isValid()) {
        size.setWidth(std::max(size.width(), 76));
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
