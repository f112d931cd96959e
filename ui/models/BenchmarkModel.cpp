#include "ui/models/BenchmarkModel.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SeverityCell.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>

namespace drydock::ui {

namespace {
// Item rows carry their group in the internal id (group + 1); section rows carry 0.
constexpr quintptr kSectionId = 0;
} // namespace

BenchmarkModel::BenchmarkModel(QObject* parent) : QAbstractItemModel(parent) {}

void BenchmarkModel::setCoverage(BenchmarkCoverage coverage)
{
    beginResetModel();
    m_coverage = std::move(coverage);
    m_has = true;
    rebuild();
    endResetModel();
}

void BenchmarkModel::clear()
{
    beginResetModel();
    m_coverage = BenchmarkCoverage{};
    m_has = false;
    m_groups.clear();
    endResetModel();
}

void BenchmarkModel::setVerdictFilter(std::optional<BenchmarkVerdict> verdict)
{
    if (verdict == m_filter) {
        return;
    }
    beginResetModel();
    m_filter = verdict;
    rebuild();
    endResetModel();
}

void BenchmarkModel::rebuild()
{
    m_groups.clear();
    if (!m_has) {
        return;
    }
    const CisBenchmark& benchmark = CisBenchmark::of(m_coverage.version);
    for (int i = 0; i < static_cast<int>(m_coverage.items.size()); ++i) {
        const BenchmarkItemResult& r = m_coverage.items[static_cast<std::size_t>(i)];
        if (m_filter && r.verdict != *m_filter) {
            continue;
        }
        // Items come in document order, so one section's items are neighbours.
        const CisSection* section = benchmark.sectionOf(r.item);
        const QString id = section ? qs(section->id) : QString();
        if (m_groups.empty() || m_groups.back().id != id) {
            m_groups.push_back({id, section ? qs(section->title) : qs(r.section), {}});
        }
        m_groups.back().items.push_back(i);
    }
}

int BenchmarkModel::itemCount() const
{
    int n = 0;
    for (const Group& g : m_groups) {
        n += static_cast<int>(g.items.size());
    }
    return n;
}

const BenchmarkItemResult* BenchmarkModel::itemAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.internalId() == kSectionId) {
        return nullptr;
    }
    const Group& g = m_groups[index.internalId() - 1];
    return &m_coverage.items[static_cast<std::size_t>(g.items[static_cast<std::size_t>(index.row())])];
}

QModelIndex BenchmarkModel::indexOfItem(const QString& id) const
{
    const std::string wanted = id.toStdString();
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        for (std::size_t row = 0; row < m_groups[g].items.size(); ++row) {
            if (m_coverage.items[static_cast<std::size_t>(m_groups[g].items[row])].item.id == wanted) {
                return createIndex(static_cast<int>(row), 0, static_cast<quintptr>(g + 1));
            }
        }
    }
    return {};
}

QString BenchmarkModel::verdictText(BenchmarkVerdict verdict)
{
    switch (verdict) {
    case BenchmarkVerdict::Pass:
        return tr("Pass");
    case BenchmarkVerdict::Fail:
        return tr("Fail");
    case BenchmarkVerdict::NotApplicable:
        return tr("Not applicable");
    case BenchmarkVerdict::NotChecked:
        return tr("Not checked");
    }
    return {};
}

QColor BenchmarkModel::verdictColor(BenchmarkVerdict verdict)
{
    // Dark enough for white text in the badge (contrast 4.5:1 or better), apart in light and dark themes.
    switch (verdict) {
    case BenchmarkVerdict::Pass:
        return QColor(0x15, 0x80, 0x3d);
    case BenchmarkVerdict::Fail:
        return QColor(0xb9, 0x1c, 0x1c);
    case BenchmarkVerdict::NotApplicable:
        return QColor(0x4b, 0x55, 0x63);
    case BenchmarkVerdict::NotChecked:
        return QColor(0x92, 0x40, 0x0e);
    }
    return {};
}

QModelIndex BenchmarkModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    if (!parent.isValid()) {
        return row < static_cast<int>(m_groups.size()) ? createIndex(row, column, kSectionId) : QModelIndex();
    }
    if (parent.internalId() != kSectionId || parent.row() >= static_cast<int>(m_groups.size())) {
        return {};
    }
    const Group& g = m_groups[static_cast<std::size_t>(parent.row())];
    return row < static_cast<int>(g.items.size())
               ? createIndex(row, column, static_cast<quintptr>(parent.row() + 1))
               : QModelIndex();
}

QModelIndex BenchmarkModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kSectionId) {
        return {};
    }
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kSectionId);
}

int BenchmarkModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return static_cast<int>(m_groups.size());
    }
    if (parent.internalId() != kSectionId || parent.column() != 0) {
        return 0;
    }
    return static_cast<int>(m_groups[static_cast<std::size_t>(parent.row())].items.size());
}

int BenchmarkModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant BenchmarkModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    if (index.internalId() == kSectionId) {
        const Group& g = m_groups[static_cast<std::size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == IdColumn) {
                return g.id;
            }
            return index.column() == TitleColumn ? g.title : QVariant();
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        case IsSectionRole:
            return true;
        default:
            return {};
        }
    }
    const BenchmarkItemResult* r = itemAt(index);
    const int findings = static_cast<int>(r->findings.size());
    if (index.column() == FindingsColumn && findings > 0 &&
        (role == Qt::DecorationRole || role == Qt::ForegroundRole)) {
        // The worst of its findings, as its shape and colour beside its word ("High · 3").
        Severity worst = Severity::Info;
        for (const BenchmarkFindingRef& f : r->findings) {
            worst = std::max(worst, f.severity);
        }
        return severityCellData(worst, role);
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return qs(r->item.id);
        case TitleColumn:
            return qs(r->item.title);
        case VerdictColumn:
            return verdictText(r->verdict);
        case FindingsColumn: {
            if (findings == 0) {
                return QString();
            }
            Severity worst = Severity::Info;
            for (const BenchmarkFindingRef& f : r->findings) {
                worst = std::max(worst, f.severity);
            }
            return QStringLiteral("%1 · %2").arg(severityText(worst)).arg(findings);
        }
        case ReasonColumn:
            return displayText(r->reason, 300);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn || index.column() == ReasonColumn) {
            QString tip = qs(r->item.title) + QStringLiteral("\n") + displayText(r->reason, 600);
            if (!r->ruleIds.empty()) {
                tip += tr("\nChecked by %1").arg(qs(join(r->ruleIds, ", ")));
            }
            if (r->item.assessment == CisAssessment::Manual) {
                tip += tr("\nManual in the benchmark");
            }
            if (findings > 0) {
                tip += tr("\nDouble-click or Enter: its findings on the Findings page");
            }
            return tip;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == FindingsColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        break;
    case VerdictRole:
        return static_cast<int>(r->verdict);
    case IsSectionRole:
        return false;
    case SeverityBadgeDelegate::BadgeTextRole:
        return index.column() == VerdictColumn ? verdictText(r->verdict) : QVariant();
    case SeverityBadgeDelegate::BadgeColorRole:
        return index.column() == VerdictColumn ? verdictColor(r->verdict) : QVariant();
    default:
        break;
    }
    return {};
}

QVariant BenchmarkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case IdColumn:
        return tr("Id");
    case TitleColumn:
        return tr("Recommendation");
    case VerdictColumn:
        return tr("Verdict");
    case FindingsColumn:
        return tr("Findings");
    case ReasonColumn:
        return tr("Why");
    }
    return {};
}

} // namespace drydock::ui
