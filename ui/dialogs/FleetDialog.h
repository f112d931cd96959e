#pragma once
#include "core/docker/EndpointStore.h"
#include "core/results/FleetSummary.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/FleetScanner.h"

#include <QDialog>

#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace drydock::ui {

class FleetController;
class FleetSummaryView;

// The saved endpoints (add, remove) and a fleet scan over all of them, with each endpoint's progress and the
// fleet view side by side. The same list and history as `drydock endpoints` and `drydock scan --fleet`.
class FleetDialog : public QDialog
{
    Q_OBJECT
public:
    // endpointsFile: the saved list (EndpointStore::defaultPath() normally); maker: a transport seam for
    // tests.
    FleetDialog(const RuleCatalogue& catalogue, const QString& databasePath, const QString& endpointsFile,
                FleetScanner::TransportMaker maker = {}, QWidget* parent = nullptr);

    FleetSummaryView* summaryView() const { return m_view; }
    QPushButton* exportButton() const { return m_export; }

private:
    void reload();
    void addEndpoint();
    void removeSelected();
    void scanAll();

    EndpointStore m_store;
    std::vector<SavedEndpoint> m_saved;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_host;
    QLineEdit* m_certs;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_scan;
    QPushButton* m_export;
    std::shared_ptr<const FleetSummary> m_lastSummary; // of the last fleet scan, for Export
    QLabel* m_message;
    FleetSummaryView* m_view;
    FleetController* m_controller;
};

// Opens the dialog on the user's saved endpoint list, non-modal, deleted when closed.
void openFleetDialog(QWidget* parent, const RuleCatalogue& catalogue, const QString& databasePath);

} // namespace drydock::ui
