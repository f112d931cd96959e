#pragma once
#include "core/store/ScanRepository.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace drydock::ui {

class HistoryModel;
struct DeltaView;

// Past scans with their counts; open one read-only, or compare two (what changed: a line of counts and a table
// of the new and resolved findings, each severity as its shape and word).
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(QWidget* parent = nullptr);
    void setScans(std::vector<ScanSummary> scans);
    void showDelta(const DeltaView& view);
    QTableView* table() const { return m_table; }
    QPushButton* compareButton() const { return m_compare; }
    QPushButton* openButton() const { return m_open; }
    QLabel* deltaSummary() const { return m_deltaSummary; }
    QTreeWidget* deltaTable() const { return m_deltaTable; }

signals:
    void openRequested(qint64 scanId);
    void compareRequested(qint64 baselineId, qint64 laterId);

private:
    void updateButtons();
    HistoryModel* m_model;
    QTableView* m_table;
    QPushButton* m_open;
    QPushButton* m_compare;
    QLabel* m_deltaSummary;
    QTreeWidget* m_deltaTable;
};

} // namespace drydock::ui
