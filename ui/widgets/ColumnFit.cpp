#include "ui/widgets/ColumnFit.h"

#include <QHeaderView>
#include <QStyle>
#include <QTableView>
#include <QTreeView>

namespace drydock::ui {

int cellWidthFor(const QAbstractItemView& view, const QString& text)
{
    // QCommonStyle lays an item's text out inside its rect less PM_FocusFrameHMargin + 1 on each side.
    const int margin = view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1;
    return view.fontMetrics().horizontalAdvance(text) + 2 * margin + 2;
}

void fitColumnToTexts(QAbstractItemView& view, int column, const QStringList& texts, bool withIcon)
{
    QHeaderView* header = nullptr;
    if (auto* table = qobject_cast<QTableView*>(&view)) {
        header = table->horizontalHeader();
    } else if (auto* tree = qobject_cast<QTreeView*>(&view)) {
        header = tree->header();
    }
    if (header == nullptr || header->sectionResizeMode(column) == QHeaderView::Stretch) {
        return;
    }
    int width = header->isHidden() ? 0 : header->sectionSizeHint(column);
    // An icon takes its size and the text margin again (QCommonStyle's item layout).
    const int icon = withIcon ? view.style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, &view) +
                                    view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1
                              : 0;
    for (const QString& text : texts) {
        width = std::max(width, cellWidthFor(view, text) + icon);
    }
    if (width > header->sectionSize(column)) {
        header->resizeSection(column, width);
    }
}

} // namespace drydock::ui
