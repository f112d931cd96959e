#pragma once
#include "core/results/FleetSummary.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableWidget;

namespace drydock::ui {

// The fleet view: one row per endpoint side by side (stage while scanning, then posture and open findings
// by severity and what changed since its previous scan, or why it is unreachable), and the worst open
// findings across the fleet below.
class FleetSummaryView : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        AddressColumn,
        StatusColumn,
        ScoreColumn,
        CriticalColumn,
        HighColumn,
        MediumColumn,
        LowColumn,
        InfoColumn,
        ChangesColumn, // new and resolved findings since the endpoint's previous scan
        ColumnCount
    };

    explicit FleetSummaryView(QWidget* parent = nullptr);

    // A new fleet scan begins: one row per target, all "waiting".
    void reset(const std::vector<FleetTarget>& targets);
    void setStage(int index, const QString& stage, const QString& detail);
    void setSummary(const FleetSummary& summary);
    // A fleet scan compares each endpoint with its previous scan; the fleet read from the history does not,
    // so its view hides the column (the default).
    void setChangesShown(bool shown);

    QTableWidget* endpointTable() const { return m_endpoints; }
    QTableWidget* worstTable() const { return m_worst; }

private:
    QLabel* m_headline;
    QTableWidget* m_endpoints;
    QTableWidget* m_worst;
};

} // namespace drydock::ui
