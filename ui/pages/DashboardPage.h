#pragma once
#include "core/findings/ScanDelta.h"
#include "core/results/FleetSummary.h"
#include "core/results/ScanResult.h"
#include "core/store/FleetTrend.h"
#include "core/store/ScanRepository.h"

#include <QWidget>

#include <memory>
#include <vector>

class QGroupBox;
class QLabel;
class QListWidget;
class QTabWidget;

namespace drydock::ui {

class FleetSummaryView;
class SeverityBadge;

// The posture at a glance: score and how it is computed, counts by severity and area, worst objects,
// changes since the previous scan, and the trend over time; once the history holds more than one endpoint,
// the fleet too: every endpoint's latest scan side by side, the worst findings across them and the fleet trend.
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(QWidget* parent = nullptr);
    void setScan(const ScanResult& scan);
    // A scan read back from the history (no inventory; its summary has the counts), marked as stored.
    void setStoredScan(const ScanResult& scan, const ScanSummary& summary);
    void setDelta(const ScanDelta* delta);
    void setTrend(const std::vector<TrendPoint>& trend);
    // Null, or a fleet of fewer than two endpoints, hides the fleet view.
    void setFleet(std::shared_ptr<const FleetSummary> fleet, const std::vector<FleetTrendPoint>& trend);
    QLabel* scoreLabel() const { return m_score; }
    QGroupBox* fleetBox() const { return m_fleetBox; }
    FleetSummaryView* fleetView() const { return m_fleetView; }
    QTabWidget* trendTabs() const { return m_trendTabs; }
    const FleetSummary* fleet() const { return m_fleet.get(); }

signals:
    void objectActivated(const QString& objectName);
    void fleetScanRequested();
    void fleetExportRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showFindings(const FindingSet& findings, int objects, const QString& info);
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
    QListWidget* m_worst;
    QGroupBox* m_fleetBox;
    FleetSummaryView* m_fleetView;
    std::shared_ptr<const FleetSummary> m_fleet;
};

} // namespace drydock::ui
