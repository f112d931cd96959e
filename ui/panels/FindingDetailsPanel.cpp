#include "ui/panels/FindingDetailsPanel.h"

#include "core/common/Time.h"
#include "ui/bridge/ComposeFixLoader.h"
#include "ui/bridge/QtConvert.h"
#include "ui/widgets/CommandView.h"
#include "ui/widgets/SeverityBadge.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

QLabel* plainLabel(QWidget* parent, const char* objectName)
{
    auto* l = new QLabel(parent);
    l->setObjectName(QLatin1String(objectName));
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText); // container names and labels are attacker-controlled: never rich text
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

} // namespace

FindingDetailsPanel::FindingDetailsPanel(QWidget* parent) : QWidget(parent)
{
    m_badge = new SeverityBadge(this);
    m_title = plainLabel(this, "findingTitle");
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_meta = plainLabel(this, "findingMeta");
    m_evidence = plainLabel(this, "findingEvidence");
    m_evidence->setFont(QFont(QStringLiteral("monospace")));
    m_rationale = plainLabel(this, "findingRationale");
    m_fix = plainLabel(this, "findingFix");
    m_waiver = plainLabel(this, "findingWaiver");
    m_run = new CommandView(this);
    m_run->setObjectName(QStringLiteral("runCommandView"));
    m_compose = new CommandView(this);
    m_compose->setObjectName(QStringLiteral("composeView"));
    m_dockerfile = new CommandView(this);
    m_dockerfile->setObjectName(QStringLiteral("dockerfileView"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_run, tr("docker run"));
    m_tabs->addTab(m_compose, tr("Compose"));
    m_tabs->addTab(m_dockerfile, tr("Dockerfile"));
    m_composeFile = new CommandView(this);
    m_composeFile->setObjectName(QStringLiteral("composeFileView"));
    m_composeFileTab = m_tabs->addTab(m_composeFile, tr("Compose file"));
    m_tabs->setTabToolTip(m_composeFileTab, tr("docker compose created this container: the fix made to its service "
                                               "in its compose file, which the next compose up would otherwise undo"));
    m_tabs->setTabVisible(m_composeFileTab, false);
    m_composeLoader = new ComposeFixLoader(this);
    // One command per container: every finding on it shows the same one, which fixes all of them at once.
    m_tabs->setTabToolTip(0, tr("The container's docker run command with the fixes of all its open findings "
                                "(waived ones left out)"));
    m_tabs->setTabToolTip(1, tr("The container as a compose service, with the same fixes"));
    m_waive = new QPushButton(tr("Waive…"), this);
    m_waive->setObjectName(QStringLiteral("waiveButton"));
    m_waive->setToolTip(tr("Accept this risk with a reason and an optional expiry"));
    connect(m_waive, &QPushButton::clicked, this, [this] {
        if (m_hasCurrent) {
            emit waiveRequested(m_current);
        }
    });

    m_harden = new QPushButton(tr("Harden…"), this);
    m_harden->setObjectName(QStringLiteral("hardenButton"));
    m_harden->setToolTip(tr("Walk through the changes that harden this container or image, with trial and apply"));
    connect(m_harden, &QPushButton::clicked, this, [this] {
        if (m_hasCurrent) {
            emit hardenRequested(m_current);
        }
    });

    m_hostFix = new QToolButton(this);
    m_hostFix->setObjectName(QStringLiteral("hostFixButton"));
    m_hostFix->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_hostFix->hide();

    auto* header = new QHBoxLayout;
    header->addWidget(m_badge, 0, Qt::AlignTop);
    header->addWidget(m_title, 1);
    header->addWidget(m_hostFix, 0, Qt::AlignTop);
    header->addWidget(m_harden, 0, Qt::AlignTop);
    header->addWidget(m_waive, 0, Qt::AlignTop);
    auto* form = new QFormLayout;
    form->addRow(tr("Evidence"), m_evidence);
    form->addRow(tr("Why it matters"), m_rationale);
    form->addRow(tr("How to fix"), m_fix);
    form->addRow(QString(), m_waiver);

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->addLayout(header);
    layout->addWidget(m_meta);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    showFinding(nullptr);
}

void FindingDetailsPanel::setWaiveEnabled(bool enabled) { m_waive->setVisible(enabled); }

void FindingDetailsPanel::setHostFixAction(QAction* action)
{
    m_hostFix->setDefaultAction(action);
    m_hostFix->setVisible(action != nullptr && m_hasCurrent && m_current.area == Area::Host);
}

void FindingDetailsPanel::setCisVersion(CisVersion version)
{
    m_cisVersion = version;
    if (m_hasCurrent) {
        m_meta->setText(metaText(m_current));
    }
}

QString FindingDetailsPanel::metaText(const Finding& f) const
{
    QString meta = QStringLiteral("%1 · %2 · %3 %4")
                       .arg(qs(f.ruleId), QString::fromLatin1(displayName(f.area)),
                            QString::fromLatin1(toString(f.object.type)), displayText(f.object.name, 120));
    if (const CisReference cis = translateCis(f.cis, m_cisVersion); !cis.id.empty()) {
        meta += tr(" · CIS Docker Benchmark %1 §%2").arg(qs(cis.version), qs(cis.id));
    } else if (!f.cis.id.empty()) {
        meta += tr(" · not in CIS Docker Benchmark %1 (§%2 of %3)")
                    .arg(QString::fromLatin1(toString(m_cisVersion)), qs(f.cis.id), qs(f.cis.version));
    }
    return meta;
}

void FindingDetailsPanel::showFinding(const Finding* f)
{
    m_hasCurrent = f != nullptr;
    if (!f) {
        m_current = Finding{};
        m_badge->hide();
        m_title->setText(tr("Select a finding to see its evidence and the fix."));
        for (QLabel* l : {m_meta, m_evidence, m_rationale, m_fix, m_waiver}) {
            l->clear();
        }
        m_run->setText({});
        m_compose->setText({});
        m_dockerfile->setText({});
        m_composeFile->setText({});
        m_tabs->setTabVisible(m_composeFileTab, false);
        m_composeLoader->forget();
        m_waive->setEnabled(false);
        m_harden->setEnabled(false);
        m_hostFix->hide();
        return;
    }
    m_current = *f;
    m_badge->show();
    m_badge->setSeverity(f->severity);
    m_title->setText(displayText(f->title, 300));
    m_meta->setText(metaText(*f));
    m_evidence->setText(displayText(f->evidence, 2000));
    m_rationale->setText(displayText(f->rationale, 2000));
    m_fix->setText(displayText(f->fix, 2000));
    if (f->waiver) {
        QString text = tr("Waived: %1").arg(displayText(f->waiver->reason, 500));
        if (f->waiver->expiresAtUnix) {
            text += tr(" (until %1)").arg(dateText(*f->waiver->expiresAtUnix));
        }
        m_waiver->setText(text);
    } else {
        m_waiver->clear();
    }
    m_run->setText(qs(f->remediation.runCommand));
    m_compose->setText(qs(f->remediation.compose));
    m_dockerfile->setText(qs(f->remediation.dockerfile));
    m_tabs->setTabEnabled(0, !f->remediation.runCommand.empty());
    m_tabs->setTabEnabled(1, !f->remediation.compose.empty());
    m_tabs->setTabEnabled(2, !f->remediation.dockerfile.empty());
    auto composeJob = m_composeLookup && f->object.type == ObjectType::Container && !f->waiver
                          ? m_composeLookup(*f)
                          : ComposeFileJob();
    m_tabs->setTabVisible(m_composeFileTab, static_cast<bool>(composeJob));
    if (composeJob) {
        m_composeFile->setText(tr("# Reading the compose file of %1 …").arg(displayText(f->object.name, 120)));
        m_composeLoader->load(std::move(composeJob),
                              [this](const std::optional<ComposeOriginFix>& fix) { showComposeFile(fix); });
    } else {
        m_composeLoader->forget();
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->isTabEnabled(i)) {
            m_tabs->setCurrentIndex(i);
            break;
        }
    }
    m_waive->setEnabled(!f->waiver);
    m_harden->setEnabled(f->object.type == ObjectType::Container || f->object.type == ObjectType::Image);
    m_hostFix->setVisible(m_hostFix->defaultAction() != nullptr && f->area == Area::Host);
}

void FindingDetailsPanel::copyCurrentCommand()
{
    if (auto* view = qobject_cast<CommandView*>(m_tabs->currentWidget())) {
        view->copyToClipboard();
    }
}

void FindingDetailsPanel::showComposeFile(const std::optional<ComposeOriginFix>& fix)
{
    if (!fix) {
        m_tabs->setTabVisible(m_composeFileTab, false);
        return;
    }
    QString text;
    for (const auto& n : fix->notes) {
        text += QStringLiteral("# ") + qs(n) + QLatin1Char('\n');
    }
    m_composeFile->setText(text + qs(fix->diff)); // masked where it was made
}

} // namespace drydock::ui
