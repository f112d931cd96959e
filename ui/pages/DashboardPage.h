#pragma once
#include "core/findings/ScanDelta.h"
#include "core/rules/RuleCatalogue.h"
#include "core/results/FleetSummary.h"
#include "core/results/ScanResult.h"
#include "core/store/FleetTrend.h"
#include "core/store/ScanRepository.h"

#include <QDate>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

class QGroupBox;
class QLabel;
class QListWidget;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace drydock::ui {

class FleetSummaryView;
class SeverityBadge;
class WorstObjectsModel;

// The posture at a glance: score and how it is computed, counts by severity and area, what to fix first and the
// quick wins (the report's own ranking, computeFixPriorities), the worst objects as a sortable table, changes
// since the previous scan, and the trend over time; once the history holds more than one endpoint,
// the fleet too: every endpoint's latest scan side by side, the worst findings across them and the fleet trend.
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(QWidget* parent = nullptr);
    // The rules' texts for the Fix first and Quick wins boxes; without a catalogue the boxes stay empty.
    void setCatalogue(const RuleCatalogue* catalogue) { m_catalogue = catalogue; }
    // "Now" for the trend chart's days (tests pin it); the wall clock otherwise.
    void setClock(std::function<std::int64_t()> nowUnix) { m_nowUnix = std::move(nowUnix); }
    void setScan(const ScanResult& scan);
    // A scan read back from the history (no inventory; its summary has the counts), marked as stored.
    void setStoredScan(const ScanResult& scan, const ScanSummary& summary);
    void setDelta(const ScanDelta* delta);
    // scans: the history's list, whose start times put each point on the local day its scan was taken.
    void setTrend(const std::vector<TrendPoint>& trend, const std::vector<ScanSummary>& scans = {});
    // Null, or a fleet of fewer than two endpoints, hides the fleet view.
    void setFleet(std::shared_ptr<const FleetSummary> fleet, const std::vector<FleetTrendPoint>& trend);
    QLabel* scoreLabel() const { return m_score; }
    QGroupBox* fleetBox() const { return m_fleetBox; }
    FleetSummaryView* fleetView() const { return m_fleetView; }
    QTabWidget* trendTabs() const { return m_trendTabs; }
    QTableView* worstObjects() const { return m_worst; }
    QListWidget* fixFirst() const { return m_fixFirst; }
    QListWidget* quickWins() const { return m_quickWins; }
    const FleetSummary* fleet() const { return m_fleet.get(); }

signals:
    void objectActivated(const QString& objectName);
    // A Fix-first line: the object and the rule of its finding.
    void findingActivated(const QString& objectName, const QString& ruleId);
    void fleetScanRequested();
    void fleetExportRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showFindings(const ScanResult& scan, int objects, const QString& info);
    void showPriorities(const ScanResult& scan);
    QDate today() const;
    QLabel* m_score;
    QLabel* m_grade;
    QLabel* m_scoreHelp;
    QLabel* m_scanInfo;
    QLabel* m_changes;
    std::vector<SeverityBadge*> m_badges;
    QWidget* m_areaChartHolder;
    QWidget* m_trendChartHolder;
    QWidget* m_fleetTrendHolder;
    QTabWidget* m_trendTabs;
    QTableView* m_worst;
    WorstObjectsModel* m_worstModel;
    QSortFilterProxyModel* m_worstSorted;
    QListWidget* m_fixFirst;
    QListWidget* m_quickWins;
    const RuleCatalogue* m_catalogue = nullptr;
    std::function<std::int64_t()> m_nowUnix;
    QGroupBox* m_fleetBox;
    FleetSummaryView* m_fleetView;
    std::shared_ptr<const FleetSummary> m_fleet;
};

} // namespace drydock::ui
