#pragma once
#include "core/cis/BenchmarkCoverage.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QStackedWidget;
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
    // The scan to assess (it needs the scan's inventory: a scan read back from the history has none); null
    // shows the empty state.
    void setScan(std::shared_ptr<const ScanResult> scan);
    void setCisVersion(CisVersion version);
    CisVersion cisVersion() const { return m_version; }

    BenchmarkModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    QComboBox* verdictFilter() const { return m_filter; }
    QLabel* counts() const { return m_counts; }
    QLabel* emptyState() const { return m_empty; }
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
    CisVersion m_version = kDefaultCisVersion;
    BenchmarkModel* m_model;
    QStackedWidget* m_stack;
    QLabel* m_empty;
    QLabel* m_heading;
    QLabel* m_counts;
    QComboBox* m_filter;
    QTreeView* m_tree;
    QLabel* m_selected;
};

} // namespace drydock::ui
