#include "ui/pages/FindingsPage.h"

#include "ui/bridge/QtConvert.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/panels/FindingDetailsPanel.h"
#include "ui/widgets/ColumnFit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <unordered_set>

#include <utility>

namespace drydock::ui {

FindingsPage::FindingsPage(QWidget* parent) : QWidget(parent)
{
    m_model = new FindingsModel(this);
    m_filter = new FindingsFilterModel(this);
    m_filter->setSourceModel(m_model);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("findingSearch"));
    m_search->setPlaceholderText(tr("Search rule, object, title, evidence… (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("severityFilter"));
    m_severity->addItem(tr("All severities"), static_cast<int>(Severity::Info));
    m_severity->addItem(tr("Low and above"), static_cast<int>(Severity::Low));
    m_severity->addItem(tr("Medium and above"), static_cast<int>(Severity::Medium));
    m_severity->addItem(tr("High and above"), static_cast<int>(Severity::High));
    m_severity->addItem(tr("Critical only"), static_cast<int>(Severity::Critical));
    m_area = new QComboBox(this);
    m_area->setObjectName(QStringLiteral("areaFilter"));
    m_area->addItem(tr("All areas"), -1);
    for (Area a : {Area::Image, Area::Container, Area::Runtime, Area::Network, Area::Secrets, Area::Daemon, Area::Swarm, Area::Host}) {
        m_area->addItem(QString::fromLatin1(displayName(a)), static_cast<int>(a));
    }
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Open and waived"));
    m_status->addItem(tr("Open only"));
    m_status->addItem(tr("Waived only"));
    m_count = new QLabel(this);
    m_readOnly = new QLabel(this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyBanner"));
    m_readOnly->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; padding: 4px 8px; border-radius: 4px; }")
                                  .arg(tintedBackground(palette(), QColor(0xf9, 0xab, 0x00)).name(),
                                       palette().color(QPalette::WindowText).name()));
    m_readOnly->hide();
    m_rulesBanner = new QLabel(this);
    m_rulesBanner->setObjectName(QStringLiteral("rulesBanner"));
    m_rulesBanner->setTextFormat(Qt::RichText);
    m_rulesBanner->setStyleSheet(
        QStringLiteral("QLabel { background: %1; padding: 4px 8px; border-radius: 4px; }")
            .arg(tintedBackground(palette(), QColor(0x1d, 0x4e, 0xd8)).name()));
    m_rulesBanner->hide();
    connect(m_rulesBanner, &QLabel::linkActivated, this, &FindingsPage::showAllRules);

    connect(m_search, &QLineEdit::textChanged, m_filter, &FindingsFilterModel::setSearchText);
    connect(m_severity, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumSeverity(static_cast<Severity>(m_severity->currentData().toInt())); });
    connect(m_area, &QComboBox::currentIndexChanged, this, [this] {
        const int a = m_area->currentData().toInt();
        m_filter->setArea(a < 0 ? std::nullopt : std::optional<Area>(static_cast<Area>(a)));
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_filter->setWaivedFilter(static_cast<FindingsFilterModel::WaivedFilter>(i));
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &FindingsPage::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &FindingsPage::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &FindingsPage::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &FindingsPage::updateCount);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(FindingsModel::TitleColumn, QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Sizing a column to its contents measures this many rows (Qt's default, 1,000, cost a quarter of a second
    // of GUI thread per fill with 24,000 findings); the top rows of the sorted table are the ones read first.
    m_table->horizontalHeader()->setResizeContentsPrecision(200);

    m_details = new FindingDetailsPanel(this);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const QModelIndex source = m_filter->mapToSource(current);
                m_details->showFinding(source.isValid() ? m_model->findingAt(source.row()) : nullptr);
            });
    connect(m_details, &FindingDetailsPanel::hardenRequested, this, [this](const Finding& f) {
        emit hardenRequested(QString::fromStdString(f.object.type == ObjectType::Image ? f.object.id : f.object.name));
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
        const QModelIndex current = m_filter->mapToSource(m_table->currentIndex());
        if (current.isValid() && current.row() >= from.row() && current.row() <= to.row()) {
            m_details->showFinding(m_model->findingAt(current.row()));
        }
    });
    connect(m_details, &FindingDetailsPanel::waiveRequested, this, [this](const Finding& f) {
        if (auto w = m_prompt(this, f)) {
            emit waiverRequested(*w);
        }
    });

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_severity);
    filters->addWidget(m_area);
    filters->addWidget(m_status);
    filters->addWidget(m_count);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("findingsSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_rulesBanner);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    updateCount();
    restoreLayout(splitter);
}

// The filters (not the search text, which is a question of the moment), the splitter and the columns are
// remembered between runs, under the XDG config dir like every QSettings value of the application.
void FindingsPage::restoreLayout(QSplitter* splitter)
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("findingsPage"));
    const auto restoreCombo = [&](QComboBox* box, const QString& key) {
        const int i = settings.value(key, 0).toInt();
        if (i >= 0 && i < box->count()) {
            box->setCurrentIndex(i);
        }
        connect(box, &QComboBox::currentIndexChanged, this, [key](int index) {
            QSettings().setValue(QStringLiteral("findingsPage/") + key, index);
        });
    };
    restoreCombo(m_severity, QStringLiteral("severity"));
    restoreCombo(m_area, QStringLiteral("area"));
    restoreCombo(m_status, QStringLiteral("status"));
    splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    settings.endGroup();
    connect(splitter, &QSplitter::splitterMoved, this,
            [splitter] { QSettings().setValue(QStringLiteral("findingsPage/splitter"), splitter->saveState()); });
    const auto saveColumns = [this] {
        QSettings().setValue(QStringLiteral("findingsPage/columns"), m_table->horizontalHeader()->saveState());
    };
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, saveColumns);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionMoved, this, saveColumns);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, saveColumns);
}

void FindingsPage::setFindings(std::shared_ptr<const std::vector<Finding>> findings, const QString& readOnlyLabel)
{
    // The finding being read stays selected when the same one is in the new list (the stored scan shown at
    // opening replaced by the live one, a rescan after a waiver): same rule, object and discriminator. The
    // evidence may have changed, so not findingKey.
    const auto sameFinding = [](const Finding& a, const Finding& b) {
        return a.ruleId == b.ruleId && a.object.type == b.object.type && a.object.name == b.object.name &&
               a.discriminator == b.discriminator;
    };
    std::optional<Finding> reading;
    if (const Finding* f = currentFinding()) {
        reading = *f;
    }
    const bool wasEmpty = m_model->rowCount() == 0;
    // The finished scan replacing its own first findings holds the same rows and more, in the same total
    // order (FindingsFilterModel): the same scroll position shows the same rows, so nothing moves.
    const int scroll = m_table->verticalScrollBar()->value();
    const bool keepScroll = std::exchange(m_growing, false);
    m_details->showFinding(nullptr);
    m_model->setFindings(std::move(findings));
    setBanner(readOnlyLabel);
    if (keepScroll) {
        m_table->doItemsLayout(); // the scroll range of the new rows, now instead of at the next event
        m_table->verticalScrollBar()->setValue(scroll);
    }
    if (wasEmpty) {
        sizeColumns();
    } else {
        fitIdColumns();
    }
    for (int row = 0; reading && row < m_model->rowCount(); ++row) {
        if (sameFinding(*m_model->findingAt(row), *reading)) {
            const QModelIndex shown = m_filter->mapFromSource(m_model->index(row, 0));
            if (shown.isValid()) {
                m_table->setCurrentIndex(shown);
                m_table->scrollTo(shown);
            }
            break;
        }
    }
    updateCount();
}

void FindingsPage::sizeColumns()
{
    // Sized once, when rows first arrive: replacing the list (the live scan after the stored one or after its
    // own first findings) keeps the columns still instead of measuring a thousand rows again on the GUI
    // thread.
    m_table->resizeColumnToContents(FindingsModel::SeverityColumn);
    m_table->resizeColumnToContents(FindingsModel::RuleColumn);
    m_table->resizeColumnToContents(FindingsModel::AreaColumn);
    m_table->resizeColumnToContents(FindingsModel::ObjectColumn); // "container legacy-admin", not "…leg…"
    m_table->resizeColumnToContents(FindingsModel::CisColumn);
    fitIdColumns();
}

void FindingsPage::fitIdColumns()
{
    // resizeColumnToContents measures the top 200 rows: "CTR-002" there, "RUN-018" further down came out as
    // "RUN-0…". The ids are few (one per rule), so every distinct one is measured, and the columns only grow.
    std::unordered_set<std::string> seen;
    QStringList rules;
    QStringList cis;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Finding* f = m_model->findingAt(row);
        if (f == nullptr || !seen.insert(f->ruleId).second) {
            continue;
        }
        rules << m_model->index(row, FindingsModel::RuleColumn).data().toString();
        cis << m_model->index(row, FindingsModel::CisColumn).data().toString();
    }
    fitColumnToTexts(*m_table, FindingsModel::RuleColumn, rules);
    fitColumnToTexts(*m_table, FindingsModel::CisColumn, cis);
    QStringList words;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        words << severityText(s);
    }
    fitColumnToTexts(*m_table, FindingsModel::SeverityColumn, words, true);
}

void FindingsPage::appendFindings(std::shared_ptr<const std::vector<Finding>> findings, const QString& label)
{
    const bool wasEmpty = m_model->rowCount() == 0;
    // Many rows land in the sorted table as one block at its end and one sort after (a layout change that keeps
    // the selection), instead of one insertion per run of neighbouring rows, each moving the rows below it.
    const bool many = findings && findings->size() > 1000 && !wasEmpty;
    if (many) {
        m_filter->setDynamicSortFilter(false);
    }
    m_model->appendFindings(std::move(findings));
    if (many) {
        m_filter->setDynamicSortFilter(true);
    }
    m_growing = true;
    setBanner(label);
    if (wasEmpty && m_model->rowCount() > 0) {
        sizeColumns();
    } else {
        fitIdColumns();
    }
    updateCount();
}

void FindingsPage::setBanner(const QString& label)
{
    m_readOnly->setText(label);
    m_readOnly->setVisible(!label.isEmpty());
    m_details->setWaiveEnabled(label.isEmpty());
}

void FindingsPage::replaceObjectFindings(ObjectType type, const std::string& objectId, std::vector<Finding> findings)
{
    if (showsStoredScan()) {
        return;
    }
    m_model->replaceObjectFindings(type, objectId, std::move(findings));
    fitIdColumns();
    updateCount();
}

bool FindingsPage::showsStoredScan() const { return !m_readOnly->text().isEmpty(); }

void FindingsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FindingsPage::showObject(const QString& objectName)
{
    showAllRules();
    m_search->setText(objectName);
}

void FindingsPage::showRules(const QStringList& ruleIds, const QString& label)
{
    m_search->clear();
    for (QComboBox* box : {m_severity, m_area, m_status}) {
        box->setCurrentIndex(0); // all severities, areas, open and waived: a failing item counts waived ones
    }
    m_filter->setRuleIds(ruleIds);
    m_rulesBanner->setText(
        tr("%1 · %2 · <a href=\"all\">Show all findings</a>")
            .arg(label.toHtmlEscaped(), ruleIds.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_rulesBanner->setVisible(!ruleIds.isEmpty());
    updateCount();
    if (m_filter->rowCount() > 0) {
        const QModelIndex first = m_filter->index(0, 0);
        m_table->setCurrentIndex(first);
        m_table->scrollTo(first);
    }
}

void FindingsPage::showAllRules()
{
    if (m_filter->ruleIds().isEmpty()) {
        return;
    }
    m_filter->setRuleIds({});
    m_rulesBanner->hide();
    updateCount();
}

void FindingsPage::setCisVersion(CisVersion version)
{
    m_model->setCisVersion(version);
    m_details->setCisVersion(version);
    fitIdColumns();
}

void FindingsPage::showFinding(const QString& objectName, const QString& ruleId)
{
    showObject(objectName);
    const std::string rule = ruleId.toStdString();
    const std::string name = objectName.toStdString();
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        const Finding* f = m_model->findingAt(m_filter->mapToSource(index).row());
        if (f && f->ruleId == rule && f->object.name == name) {
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index);
            return;
        }
    }
}

void FindingsPage::copyCurrentCommand() { m_details->copyCurrentCommand(); }

std::vector<Finding> FindingsPage::visibleFindings() const
{
    std::vector<Finding> out;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        if (const Finding* f = m_model->findingAt(m_filter->mapToSource(m_filter->index(row, 0)).row())) {
            out.push_back(*f);
        }
    }
    return out;
}

const Finding* FindingsPage::currentFinding() const
{
    const QModelIndex source = m_filter->mapToSource(m_table->currentIndex());
    return source.isValid() ? m_model->findingAt(source.row()) : nullptr;
}

void FindingsPage::updateCount()
{
    m_count->setText(tr("%1 of %2").arg(m_filter->rowCount()).arg(m_model->rowCount()));
}

} // namespace drydock::ui
