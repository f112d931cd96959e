#pragma once
#include "core/store/ScanRepository.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace drydock::ui {

class HistoryModel;
struct DeltaView;

// Past scans with their counts; open one read-only, or compare two.
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
    QPlainTextEdit* deltaView() const { return m_delta; }

signals:
    void openRequested(qint64 scanId);
    void compareRequested(qint64 baselineId, qint64 laterId);

private:
    void updateButtons();
    HistoryModel* m_model;
    QTableView* m_table;
    QPushButton* m_open;
    QPushButton* m_compare;
    QPlainTextEdit* m_delta;
};

} // namespace drydock::ui
