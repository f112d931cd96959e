// MainWindow's first size, when the settings hold no geometry of an earlier run: most of the screen's available
// area (what panels and docks leave), centred, neither a postage stamp on a 4K screen nor wider than a person
// reads across on an ultra-wide one.
#include "ui/MainWindow.h"

#include <QScreen>

namespace drydock::ui {

QRect firstWindowGeometry(const QRect& available)
{
    // 85 % of the available area, at most 1920 × 1200 (26k findings' tables gain nothing from more) and at
    // least 1024 × 700 where the screen has room for it.
    const auto side = [](int availableSide, int cap, int floor) {
        const int wanted = std::min(availableSide * 85 / 100, cap);
        return std::min(availableSide, std::max(wanted, floor));
    };
    const QSize size(side(available.width(), 1920, 1024), side(available.height(), 1200, 700));
    QRect r(QPoint(0, 0), size);
    r.moveCenter(available.center());
    return r;
}

void MainWindow::applyFirstGeometry()
{
    const QScreen* s = screen();
    if (s == nullptr) {
        return;
    }
    const QRect r = firstWindowGeometry(s->availableGeometry());
    resize(r.size());
    move(r.topLeft());
}

} // namespace drydock::ui
