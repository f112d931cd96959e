#pragma once
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"

#include <QWidget>

#include <string>
#include <unordered_map>

class QAction;
class QGroupBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;

namespace drydock::ui {

class CommandView;
class InventoryTableModel;

// Browses what the daemon knows: a navigator (Images, Containers, Networks, Volumes, Daemon, Swarm) with
// counts, and sortable, filterable tables with a worst-severity column per object; under the containers, the
// selected container's one hardened command (what its findings carry) with Copy and Harden….
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
    QGroupBox* containerDetails() const { return m_details; }
    QLabel* containerSummary() const { return m_detailsText; }
    CommandView* hardenedCommand() const { return m_command; }
    QPushButton* hardenButton() const { return m_harden; }

signals:
    void objectActivated(const QString& objectName);
    // "Harden…" from a container's context menu.
    void hardenRequested(const QString& objectName);
    // "Packages and contents…" of an image (context menu, the button above the table, Ctrl+Shift+P).
    void contentsRequested(const QString& imageId);

private:
    void updateCounts(const Inventory& inventory);
    // Remembers each container's hardened command and open findings from the scan's findings.
    void indexContainers(const FindingSet& findings, const std::string* onlyId = nullptr);
    void showContainer(const QModelIndex& proxyIndex);
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QLineEdit* m_filter;
    std::vector<InventoryTableModel*> m_models;
    std::vector<QTableView*> m_tables;
    QPlainTextEdit* m_daemon;
    QPlainTextEdit* m_swarm;
    QAction* m_contentsAction = nullptr;
    // One container's hardening at a glance: its remediated command and how many open findings it answers.
    struct ContainerHardening
    {
        std::string command;
        int open = 0;
    };
    std::unordered_map<std::string, ContainerHardening> m_hardening; // container id -> its hardening
    QGroupBox* m_details = nullptr;
    QLabel* m_detailsText = nullptr;
    CommandView* m_command = nullptr;
    QPushButton* m_harden = nullptr;
    QString m_detailsName;
};

} // namespace drydock::ui
