#include "ui/dialogs/WaiverDialog.h"

#include "ui/bridge/QtConvert.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace drydock::ui {

WaiverDialog::WaiverDialog(const Finding& finding, QWidget* parent) : QDialog(parent), m_finding(finding)
{
    setWindowTitle(tr("Waive finding"));
    auto* intro = new QLabel(tr("%1 on %2").arg(qs(finding.ruleId), displayText(finding.object.name, 80)), this);
    intro->setTextFormat(Qt::PlainText);
    m_scope = new QButtonGroup(this);
    auto* object = new QRadioButton(tr("Only this object"), this);
    auto* pattern = new QRadioButton(tr("Objects whose name matches"), this);
    auto* rule = new QRadioButton(tr("This rule everywhere"), this);
    object->setChecked(true);
    m_scope->addButton(object, static_cast<int>(Waiver::Scope::Object));
    m_scope->addButton(pattern, static_cast<int>(Waiver::Scope::Pattern));
    m_scope->addButton(rule, static_cast<int>(Waiver::Scope::Rule));
    m_pattern = new QLineEdit(qs(finding.object.name) + QLatin1Char('*'), this);
    m_pattern->setEnabled(false);
    connect(pattern, &QRadioButton::toggled, m_pattern, &QLineEdit::setEnabled);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(QStringLiteral("waiverReason"));
    m_reason->setPlaceholderText(tr("Why is this risk accepted? (required)"));
    m_expires = new QCheckBox(tr("Expires on"), this);
    m_date = new QDateEdit(QDate::currentDate().addDays(90), this);
    m_date->setCalendarPopup(true);
    m_date->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_date, &QDateEdit::setEnabled);
    m_expires->setChecked(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &WaiverDialog::updateOk);

    auto* form = new QFormLayout;
    form->addRow(object);
    form->addRow(pattern, m_pattern);
    form->addRow(rule);
    form->addRow(tr("Reason"), m_reason);
    form->addRow(m_expires, m_date);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    updateOk();
}

void WaiverDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_reason->toPlainText().trimmed().isEmpty());
}

Waiver WaiverDialog::waiver() const
{
    Waiver w;
    w.scope = static_cast<Waiver::Scope>(m_scope->checkedId());
    w.ruleId = m_finding.ruleId;
    w.objectPattern = w.scope == Waiver::Scope::Pattern ? ss(m_pattern->text())
                      : w.scope == Waiver::Scope::Object ? m_finding.object.name
                                                         : std::string();
    w.reason = ss(m_reason->toPlainText().trimmed());
    w.author = qEnvironmentVariable("USER").toStdString();
    w.createdAtUnix = QDateTime::currentSecsSinceEpoch();
    if (m_expires->isChecked()) {
        w.expiresAtUnix = QDateTime(m_date->date(), QTime(0, 0)).toSecsSinceEpoch();
    }
    return w;
}

WaiverPrompt defaultWaiverPrompt()
{
    return [](QWidget* parent, const Finding& finding) -> std::optional<Waiver> {
        WaiverDialog dialog(finding, parent);
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        return dialog.waiver();
    };
}

} // namespace drydock::ui
