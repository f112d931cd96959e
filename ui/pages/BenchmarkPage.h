#pragma once
#include "core/cis/BenchmarkCoverage.h"
#include "core/store/ScanRepository.h"

#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace drydock {
class RuleCatalogue;
}

namespace drydock::ui {

class BenchmarkModel;

// The CIS Docker Benchmark page: every recommendation of the chosen version with Drydock's verdict for the
// last scan (pass, fail, not applicable, not checked, and why), grouped by section, with the counts per
// verdict and a verdict filter. Activating a failing item asks for its findings on the Findings page.
class BenchmarkPage : public QWidget
{
    Q_OBJECT
public:
    explicit BenchmarkPage(QWidget* parent = nullptr);
    void setCatalogue(const RuleCatalogue* catalogue) { m_catalogue = catalogue; }
    // A live scan to assess, with its inventory; null shows the empty state.
    void setScan(std::shared_ptr<const ScanResult> scan);
    // A scan read back from the history (scanFromStored): it has no inventory, so the verdicts come from
    // storedCoverage — its findings and the object counts its summary kept, as `drydock benchmark --scan ID`
    // computes them — and a note says so.
    void setStoredScan(std::shared_ptr<const ScanResult> scan, const ScanSummary& summary);
    bool showsStoredScan() const { return m_stored.has_value(); }
    // File ▸ Export host fix script…, offered beside the verdicts (the host items are section 1–3's).
    void setHostFixAction(QAction* action);
    void setCisVersion(CisVersion version);
    CisVersion cisVersion() const { return m_version; }

    BenchmarkModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    QComboBox* verdictFilter() const { return m_filter; }
    QLabel* counts() const { return m_counts; }
    QLabel* emptyState() const { return m_empty; }
    QLabel* storedNote() const { return m_storedNote; }
    QToolButton* hostFixButton() const { return m_hostFix; }
    bool showsEmptyState() const;

signals:
    // The findings of a failing recommendation: its rules, and a label naming it ("CIS 1.8.0 §5.4 …").
    void findingsRequested(const QStringList& ruleIds, const QString& label);

private:
    void recompute();
    void activate(const QModelIndex& index);
    void showSelected();

    const RuleCatalogue* m_catalogue = nullptr;
    std::shared_ptr<const ScanResult> m_scan;
    std::optional<ScanSummary> m_stored; // set when m_scan was read back from the history
    CisVersion m_version = kDefaultCisVersion;
    BenchmarkModel* m_model;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QLabel* m_heading;
    QLabel* m_counts;
    QLabel* m_storedNote;
    QComboBox* m_filter;
    QToolButton* m_hostFix;
    QTreeView* m_tree;
    QLabel* m_selected;
};

} // namespace drydock::ui
