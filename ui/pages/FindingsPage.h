#pragma once
#include "core/cis/CisBenchmark.h"
#include "core/findings/Finding.h"
#include "ui/dialogs/WaiverDialog.h"

#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;

namespace drydock::ui {

class FindingDetailsPanel;
class FindingsFilterModel;
class FindingsModel;

// All findings of the shown scan with filters (severity, area, status, free text) and the details panel.
class FindingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPage(QWidget* parent = nullptr);

    // readOnlyLabel non-empty: a stored scan is shown (no waiving), with the label saying which.
    void setFindings(std::shared_ptr<const std::vector<Finding>> findings, const QString& readOnlyLabel = {});
    // Findings of a running scan after the rows shown (the table keeps its selection and scroll position);
    // label says the list is incomplete (waiving waits for the finished scan, which setFindings then shows).
    void appendFindings(std::shared_ptr<const std::vector<Finding>> findings, const QString& label);
    // Changes only the banner above the table (e.g. a cancelled scan's rows marked as incomplete).
    void setBanner(const QString& label);
    // Live update of one object's findings; ignored while a stored scan is shown.
    void replaceObjectFindings(ObjectType type, const std::string& objectId, std::vector<Finding> findings);
    bool showsStoredScan() const;
    void setWaiverPrompt(WaiverPrompt prompt) { m_prompt = std::move(prompt); }
    void focusSearch();
    void showObject(const QString& objectName);
    // The object's findings, with its finding of this rule selected (shown in the details panel).
    void showFinding(const QString& objectName, const QString& ruleId);
    // Every finding of these rules (a benchmark recommendation's), whatever the other filters said, the first
    // selected; a banner names them (label) with a link back to all findings.
    void showRules(const QStringList& ruleIds, const QString& label);
    void showAllRules();
    // The CIS Docker Benchmark version of the CIS column, the search text and the details panel.
    void setCisVersion(CisVersion version);
    void copyCurrentCommand();
    // What the Export dialog offers: the findings the filters let through (in table order), the selected one.
    std::vector<Finding> visibleFindings() const;
    const Finding* currentFinding() const;

    QTableView* table() const { return m_table; }
    FindingsFilterModel* filterModel() const { return m_filter; }
    FindingDetailsPanel* details() const { return m_details; }
    FindingsModel* model() const { return m_model; }
    QLabel* rulesBanner() const { return m_rulesBanner; }
    QLineEdit* searchField() const { return m_search; }
    QComboBox* severityFilter() const { return m_severity; }

signals:
    void waiverRequested(const drydock::Waiver& waiver);
    // The walkthrough for the object of the shown finding (a container name or an image reference/id).
    void hardenRequested(const QString& objectName);

private:
    void updateCount();
    void sizeColumns();
    // Widens the Rule and CIS columns to every distinct id shown (grow only).
    void fitIdColumns();
    void restoreLayout(QSplitter* splitter);
    FindingsModel* m_model;
    FindingsFilterModel* m_filter;
    QTableView* m_table;
    FindingDetailsPanel* m_details;
    QLineEdit* m_search;
    QComboBox* m_severity;
    QComboBox* m_area;
    QComboBox* m_status;
    QLabel* m_count;
    QLabel* m_readOnly;
    QLabel* m_rulesBanner;
    WaiverPrompt m_prompt = defaultWaiverPrompt();
    bool m_growing = false; // rows were appended since the last setFindings (a scan still running)
};

} // namespace drydock::ui
