#pragma once
#include "core/findings/Finding.h"
#include "core/findings/Waiver.h"

#include <QDialog>

#include <functional>
#include <optional>

class QButtonGroup;
class QCheckBox;
class QDateEdit;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace drydock::ui {

// Asks why a finding is accepted, for which scope (this object, a name pattern, the rule everywhere) and
// until when. OK stays disabled until a reason is written.
class WaiverDialog : public QDialog
{
    Q_OBJECT
public:
    WaiverDialog(const Finding& finding, QWidget* parent = nullptr);
    Waiver waiver() const;

private:
    void updateOk();
    Finding m_finding;
    QButtonGroup* m_scope;
    QLineEdit* m_pattern;
    QPlainTextEdit* m_reason;
    QCheckBox* m_expires;
    QDateEdit* m_date;
    QDialogButtonBox* m_buttons;
};

// The seam through which pages ask for a waiver; tests install their own answer.
using WaiverPrompt = std::function<std::optional<Waiver>(QWidget* parent, const Finding& finding)>;
WaiverPrompt defaultWaiverPrompt();

} // namespace drydock::ui
