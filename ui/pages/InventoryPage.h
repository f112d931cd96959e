#pragma once
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;

namespace drydock::ui {

class InventoryTableModel;

// Browses what the daemon knows: a navigator (Images, Containers, Networks, Volumes, Daemon, Swarm) with
// counts, and sortable, filterable tables with a worst-severity column per object.
class InventoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit InventoryPage(QWidget* parent = nullptr);
    void setSnapshot(const Inventory& inventory, const FindingSet& findings);
    // Live update: only these objects' rows change (in place), and the navigator's counts.
    void updateObjects(const Inventory& inventory, const FindingSet& findings,
                       const std::vector<std::pair<ObjectType, std::string>>& objects);
    InventoryTableModel* model(int kindIndex) const { return m_models[static_cast<std::size_t>(kindIndex)]; }
    QTableView* containersTable() const { return m_tables[1]; }
    QListWidget* navigator() const { return m_nav; }
    QTableView* imagesTable() const { return m_tables[0]; }
    QAction* imageContentsAction() const { return m_contentsAction; }

signals:
    void objectActivated(const QString& objectName);
    // "Harden…" from a container's context menu.
    void hardenRequested(const QString& objectName);
    // "Packages and contents…" of an image (context menu, the button above the table, Ctrl+Shift+P).
    void contentsRequested(const QString& imageId);

private:
    void updateCounts(const Inventory& inventory);
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QLineEdit* m_filter;
    std::vector<InventoryTableModel*> m_models;
    std::vector<QTableView*> m_tables;
    QPlainTextEdit* m_daemon;
    QPlainTextEdit* m_swarm;
    QAction* m_contentsAction = nullptr;
};

} // namespace drydock::ui
