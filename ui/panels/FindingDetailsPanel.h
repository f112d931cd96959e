#pragma once
#include "core/findings/Finding.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace drydock::ui {

class CommandView;
class SeverityBadge;

// Everything about one finding: what and why, the (masked) evidence, the CIS reference, the fix in plain
// words, and the remediated docker run command, compose snippet and Dockerfile change, each copyable.
class FindingDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FindingDetailsPanel(QWidget* parent = nullptr);
    void showFinding(const Finding* finding);
    CommandView* runCommandView() const { return m_run; }
    void setWaiveEnabled(bool enabled);

public slots:
    void copyCurrentCommand();

signals:
    void waiveRequested(const drydock::Finding& finding);
    void hardenRequested(const drydock::Finding& finding);

private:
    Finding m_current;
    bool m_hasCurrent = false;
    SeverityBadge* m_badge;
    QLabel* m_title;
    QLabel* m_meta;
    QLabel* m_evidence;
    QLabel* m_rationale;
    QLabel* m_fix;
    QLabel* m_waiver;
    QTabWidget* m_tabs;
    CommandView* m_run;
    CommandView* m_compose;
    CommandView* m_dockerfile;
    QPushButton* m_waive;
    QPushButton* m_harden;
};

} // namespace drydock::ui
