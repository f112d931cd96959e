#pragma once
#include "core/findings/ScanDelta.h"
#include "core/scan/Scanner.h"
#include "core/store/ScanRepository.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QListWidget;

namespace drydock::ui {

class SeverityBadge;

// The posture at a glance: score and how it is computed, counts by severity and area, worst objects,
// changes since the previous scan, and the trend over time.
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(QWidget* parent = nullptr);
    void setScan(const ScanResult& scan);
    void setDelta(const ScanDelta* delta);
    void setTrend(const std::vector<TrendPoint>& trend);
    QLabel* scoreLabel() const { return m_score; }

signals:
    void objectActivated(const QString& objectName);

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* m_score;
    QLabel* m_grade;
    QLabel* m_scoreHelp;
    QLabel* m_scanInfo;
    QLabel* m_changes;
    std::vector<SeverityBadge*> m_badges;
    QWidget* m_areaChartHolder;
    QWidget* m_trendChartHolder;
    QListWidget* m_worst;
};

} // namespace drydock::ui
