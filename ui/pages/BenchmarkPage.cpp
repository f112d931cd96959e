#include "ui/pages/BenchmarkPage.h"

#include "core/report/ScanFromStored.h"
#include "core/rules/RuleCatalogue.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/BenchmarkModel.h"
#include "ui/widgets/SeverityBadgeDelegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

constexpr BenchmarkVerdict kVerdictOrder[] = {BenchmarkVerdict::Fail, BenchmarkVerdict::NotChecked,
                                              BenchmarkVerdict::NotApplicable, BenchmarkVerdict::Pass};

// A verdict's count as a small coloured pill in rich text (the same colours as the table's badges).
QString countPill(BenchmarkVerdict verdict, int count)
{
    return QStringLiteral(
               "<span style=\"background-color:%1; color:white; font-weight:600;\">&nbsp;%2 %3&nbsp;</span>")
        .arg(BenchmarkModel::verdictColor(verdict).name())
        .arg(count)
        .arg(BenchmarkModel::verdictText(verdict).toLower().toHtmlEscaped());
}

// Cuts a reason at its end, as sentences read, while the view cuts titles in their middle.
class ReasonDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideRight;
    }
};

} // namespace

BenchmarkPage::BenchmarkPage(QWidget* parent) : QWidget(parent), m_model(new BenchmarkModel(this))
{
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("benchmarkEmptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(
        tr("No scan yet.\n\nThe CIS Docker Benchmark view assesses every recommendation against a "
           "scan of the daemon (Scan ▸ Scan now, F5), or against a stored scan opened on the History "
           "page."));

    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("benchmarkHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.15);
    m_heading->setFont(headingFont);
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("benchmarkCounts"));
    m_counts->setTextFormat(Qt::RichText);
    m_storedNote = new QLabel(this);
    m_storedNote->setObjectName(QStringLiteral("benchmarkStoredNote"));
    m_storedNote->setTextFormat(Qt::PlainText);
    m_storedNote->setWordWrap(true);
    m_storedNote->hide();
    m_hostFix = new QToolButton(this);
    m_hostFix->setObjectName(QStringLiteral("benchmarkHostFixButton"));
    m_hostFix->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_hostFix->hide(); // until the window hands over its action
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("benchmarkVerdictFilter"));
    m_filter->addItem(tr("All verdicts"), -1);
    for (BenchmarkVerdict v : kVerdictOrder) {
        m_filter->addItem(BenchmarkModel::verdictText(v), static_cast<int>(v));
    }
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        const int v = m_filter->currentData().toInt();
        m_model->setVerdictFilter(v < 0 ? std::nullopt
                                        : std::optional<BenchmarkVerdict>(static_cast<BenchmarkVerdict>(v)));
        m_tree->expandAll();
        showSelected();
    });

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("benchmarkTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(new SeverityBadgeDelegate(m_tree));
    // Rows as high as the verdict badges need (a section heading alone would set a tighter uniform height).
    m_tree->setUniformRowHeights(false);
    // Long titles differ at their end ("… - /usr/bin/containerd-shim"): elided in the middle, they stay
    // apart.
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setItemDelegateForColumn(BenchmarkModel::ReasonColumn, new ReasonDelegate(m_tree));
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setWordWrap(false);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(BenchmarkModel::TitleColumn, QHeaderView::Interactive);
    // Activation (double-click, or Enter on the current row) opens a failing item's findings.
    connect(m_tree, &QTreeView::activated, this, &BenchmarkPage::activate);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &BenchmarkPage::showSelected);

    m_selected = new QLabel(this);
    m_selected->setObjectName(QStringLiteral("benchmarkSelected"));
    m_selected->setTextFormat(Qt::PlainText);
    m_selected->setWordWrap(true);
    m_selected->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* content = new QWidget(this);
    auto* top = new QHBoxLayout;
    top->addWidget(m_counts, 1);
    top->addWidget(m_hostFix);
    top->addWidget(m_filter);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_heading);
    contentLayout->addWidget(m_storedNote);
    contentLayout->addLayout(top);
    contentLayout->addWidget(m_tree, 1);
    contentLayout->addWidget(m_selected);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);
    recompute();
}

bool BenchmarkPage::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void BenchmarkPage::setScan(std::shared_ptr<const ScanResult> scan)
{
    m_scan = std::move(scan);
    m_stored.reset();
    recompute();
}

void BenchmarkPage::setStoredScan(std::shared_ptr<const ScanResult> scan, const ScanSummary& summary)
{
    m_scan = std::move(scan);
    m_stored = m_scan ? std::optional<ScanSummary>(summary) : std::nullopt;
    recompute();
}

void BenchmarkPage::setHostFixAction(QAction* action)
{
    m_hostFix->setDefaultAction(action);
    m_hostFix->setVisible(action != nullptr);
}

void BenchmarkPage::setCisVersion(CisVersion version)
{
    if (version == m_version) {
        return;
    }
    m_version = version;
    recompute();
}

void BenchmarkPage::recompute()
{
    if (!m_scan || m_catalogue == nullptr) {
        m_model->clear();
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    // On the GUI thread: the coverage of a few thousand findings takes milliseconds.
    const QString selected = [this] {
        const BenchmarkItemResult* r = m_model->itemAt(m_tree->currentIndex());
        return r ? qs(r->item.id) : QString();
    }();
    m_model->setCoverage(m_stored ? storedCoverage(*m_stored, *m_scan, *m_catalogue, m_version)
                                  : benchmarkCoverage(*m_scan, *m_catalogue, m_version));
    m_tree->expandAll();
    if (m_tree->header()->sectionSize(BenchmarkModel::TitleColumn) <=
        m_tree->header()->defaultSectionSize()) {
        m_tree->resizeColumnToContents(BenchmarkModel::IdColumn);
        m_tree->setColumnWidth(BenchmarkModel::TitleColumn, 500);
        m_tree->resizeColumnToContents(BenchmarkModel::VerdictColumn);
        m_tree->resizeColumnToContents(BenchmarkModel::FindingsColumn);
    }
    const BenchmarkCoverage& coverage = m_model->coverage();
    const QString scanText =
        m_stored ? tr("stored scan %1 of %2 at %3")
                       .arg(m_stored->id)
                       .arg(displayText(m_scan->inventory.endpoint, 80), dateText(m_scan->startedAtUnix))
                 : tr("scan of %1 at %2")
                       .arg(displayText(m_scan->inventory.endpoint, 80), dateText(m_scan->startedAtUnix));
    m_heading->setText(tr("CIS Docker Benchmark %1 — %2 recommendations, %3")
                           .arg(QString::fromLatin1(toString(coverage.version)))
                           .arg(coverage.items.size())
                           .arg(scanText));
    if (m_stored) {
        m_storedNote->setText(
            tr("Derived from the stored scan: the history keeps its findings and object counts, not the "
               "inventory, so swarm, host and image-contents items without a finding are not checked. "
               "The same list as drydock benchmark --scan %1.")
                .arg(m_stored->id));
    }
    m_storedNote->setVisible(m_stored.has_value());
    QStringList pills;
    for (BenchmarkVerdict v : kVerdictOrder) {
        pills << countPill(v, coverage.count(v));
    }
    m_counts->setText(pills.join(QStringLiteral(" &nbsp; ")));
    m_stack->setCurrentWidget(m_stack->widget(1));
    if (const QModelIndex again = m_model->indexOfItem(selected); again.isValid()) {
        m_tree->setCurrentIndex(again);
    }
    showSelected();
}

void BenchmarkPage::showSelected()
{
    const BenchmarkItemResult* r = m_model->itemAt(m_tree->currentIndex());
    if (r == nullptr) {
        m_selected->setText(
            tr("Select a recommendation to see why; double-click a failing one (or press Enter) "
               "to see its findings."));
        return;
    }
    QString text = tr("§%1 %2 — %3: %4")
                       .arg(qs(r->item.id), qs(r->item.title), BenchmarkModel::verdictText(r->verdict),
                            displayText(r->reason, 600));
    if (!r->findings.empty()) {
        QStringList objects;
        for (const BenchmarkFindingRef& f : r->findings) {
            if (objects.size() == 8) {
                objects << tr("… %1 more").arg(r->findings.size() - 8);
                break;
            }
            objects << QStringLiteral("%1 %2%3").arg(qs(f.ruleId), displayText(f.object.name, 60),
                                                     f.waived ? tr(" (waived)") : QString());
        }
        text += tr("\nFindings: %1").arg(objects.join(QStringLiteral(", ")));
    }
    m_selected->setText(text);
}

void BenchmarkPage::activate(const QModelIndex& index)
{
    const BenchmarkItemResult* r = m_model->itemAt(index.siblingAtColumn(0));
    if (r == nullptr || r->findings.empty()) {
        return;
    }
    QStringList rules;
    for (const BenchmarkFindingRef& f : r->findings) {
        if (!rules.contains(qs(f.ruleId))) {
            rules << qs(f.ruleId);
        }
    }
    emit findingsRequested(rules, tr("CIS Docker Benchmark %1 §%2 %3")
                                      .arg(QString::fromLatin1(toString(m_model->coverage().version)),
                                           qs(r->item.id), displayText(r->item.title, 120)));
}

} // namespace drydock::ui
