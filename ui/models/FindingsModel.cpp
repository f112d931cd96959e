#include "ui/models/FindingsModel.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityCell.h"

#include <QBrush>
#include <QGuiApplication>

namespace drydock::ui {

FindingsModel::FindingsModel(QObject* parent) : QAbstractTableModel(parent), m_builder(new SearchTextBuilder(this))
{
    connect(m_builder, &SearchTextBuilder::built, this, &FindingsModel::adoptSearchText);
}

void FindingsModel::setFindings(std::shared_ptr<const std::vector<Finding>> findings)
{
    beginResetModel();
    m_rows.clear();
    m_searchText.clear();
    m_searchTextBuilt = false;
    ++m_ticket;
    if (findings) {
        m_rows.reserve(findings->size());
        for (const Finding& f : *findings) {
            m_rows.emplace_back(findings, &f); // aliasing: shares ownership of the whole vector
        }
        m_builder->build(findings, m_ticket, m_cisVersion);
    }
    endResetModel();
}

void FindingsModel::setCisVersion(CisVersion version)
{
    if (version == m_cisVersion) {
        return;
    }
    m_cisVersion = version;
    m_cisShown.clear();
    emit headerDataChanged(Qt::Horizontal, CisColumn, CisColumn);
    // The search texts hold the CIS ids: rebuilt for the new version, like a new list.
    m_searchText.clear();
    m_searchTextBuilt = false;
    ++m_ticket;
    if (!m_rows.empty()) {
        m_builder->build(m_rows, m_ticket, m_cisVersion);
        emit dataChanged(index(0, CisColumn), index(rowCount() - 1, CisColumn));
    }
}

void FindingsModel::appendFindings(std::shared_ptr<const std::vector<Finding>> findings)
{
    if (!findings || findings->empty()) {
        return;
    }
    // Search texts the builder is making for the earlier rows are dropped (their count no longer matches);
    // the filter builds texts on first use meanwhile.
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(findings->size()) - 1);
    m_rows.reserve(m_rows.size() + findings->size());
    for (const Finding& f : *findings) {
        m_rows.emplace_back(findings, &f);
    }
    if (!m_searchText.empty()) {
        m_searchText.resize(m_rows.size());
    }
    endInsertRows();
}

void FindingsModel::adoptSearchText(quint64 ticket, const std::shared_ptr<std::vector<QString>>& texts)
{
    // Only for the rows the builder saw, in their order: a newer list or a live update since made it stale.
    // Rows a filter already built on first use are kept.
    if (ticket != m_ticket || texts->size() != m_rows.size()) {
        return;
    }
    if (m_searchText.size() != m_rows.size()) {
        m_searchText = std::move(*texts);
    } else {
        for (std::size_t i = 0; i < m_searchText.size(); ++i) {
            if (m_searchText[i].isEmpty()) {
                m_searchText[i] = std::move((*texts)[i]);
            }
        }
    }
    m_searchTextBuilt = true;
}

bool FindingsModel::searchTextReady() const { return m_rows.empty() || m_searchTextBuilt; }

const QString& FindingsModel::searchText(int row) const
{
    if (m_searchText.size() != m_rows.size()) {
        m_searchText.assign(m_rows.size(), QString());
    }
    QString& text = m_searchText[static_cast<std::size_t>(row)];
    if (text.isEmpty()) {
        text = SearchTextBuilder::searchTextOf(*m_rows[static_cast<std::size_t>(row)], m_cisVersion);
    }
    return text;
}

void FindingsModel::replaceObjectFindings(ObjectType type, const std::string& objectId, std::vector<Finding> findings)
{
    // The search texts move with their rows; a changed or new row's is rebuilt on first use. A list the
    // builder is still working on no longer matches the rows.
    ++m_ticket;
    const bool texts = m_searchText.size() == m_rows.size();
    auto fresh = std::make_shared<const std::vector<Finding>>(std::move(findings));
    std::vector<bool> used(fresh->size(), false);
    std::vector<int> stale;
    int firstChanged = -1;
    int lastChanged = -1;
    for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
        const Finding& old = *m_rows[static_cast<std::size_t>(row)];
        if (old.object.type != type || old.object.id != objectId) {
            continue;
        }
        bool kept = false;
        for (std::size_t i = 0; i < fresh->size(); ++i) {
            const Finding& f = (*fresh)[i];
            if (!used[i] && f.ruleId == old.ruleId && f.discriminator == old.discriminator) {
                used[i] = true;
                m_rows[static_cast<std::size_t>(row)] = std::shared_ptr<const Finding>(fresh, &f);
                if (texts) {
                    m_searchText[static_cast<std::size_t>(row)] = QString();
                }
                firstChanged = firstChanged < 0 ? row : firstChanged;
                lastChanged = row;
                kept = true;
                break;
            }
        }
        if (!kept) {
            stale.push_back(row);
        }
    }
    if (firstChanged >= 0) {
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    }
    // Remove from the back, one signal per run of neighbouring rows.
    for (int end = static_cast<int>(stale.size()) - 1; end >= 0;) {
        int begin = end;
        while (begin > 0 && stale[static_cast<std::size_t>(begin - 1)] == stale[static_cast<std::size_t>(begin)] - 1) {
            --begin;
        }
        const int first = stale[static_cast<std::size_t>(begin)];
        const int last = stale[static_cast<std::size_t>(end)];
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        if (texts) {
            m_searchText.erase(m_searchText.begin() + first, m_searchText.begin() + last + 1);
        }
        endRemoveRows();
        end = begin - 1;
    }
    std::vector<std::shared_ptr<const Finding>> added;
    for (std::size_t i = 0; i < fresh->size(); ++i) {
        if (!used[i]) {
            added.emplace_back(fresh, &(*fresh)[i]);
        }
    }
    if (!added.empty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        m_rows.insert(m_rows.end(), added.begin(), added.end());
        if (texts) {
            m_searchText.resize(m_rows.size());
        }
        endInsertRows();
    }
}

const QString& FindingsModel::shownCis(const Finding& f) const
{
    auto [it, added] = m_cisShown.try_emplace({f.cis.id, f.cis.version});
    if (added && !f.cis.id.empty()) {
        it->second = qs(translateCis(f.cis, m_cisVersion).id);
    }
    return it->second;
}

const Finding* FindingsModel::findingAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_rows.size())) {
        return nullptr;
    }
    return m_rows[static_cast<std::size_t>(row)].get();
}

int FindingsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FindingsModel::data(const QModelIndex& index, int role) const
{
    const Finding* f = index.isValid() ? findingAt(index.row()) : nullptr;
    if (!f) {
        return {};
    }
    if (index.column() == SeverityColumn) {
        // The word, its shape and its colour, as every severity cell shows them.
        if (QVariant cell = severityCellData(f->severity, role); cell.isValid()) {
            return cell;
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RuleColumn: return qs(f->ruleId);
        case AreaColumn: return QString::fromLatin1(displayName(f->area));
        case ObjectColumn: return QStringLiteral("%1 %2").arg(QString::fromLatin1(toString(f->object.type)),
                                                               displayText(f->object.name, 80));
        case TitleColumn: return displayText(f->title, 200);
        case StatusColumn: return f->waiver ? tr("Waived") : tr("Open");
        case CisColumn: return shownCis(*f);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case SeverityColumn: return static_cast<int>(f->severity);
        case AreaColumn: return static_cast<int>(f->area);
        case StatusColumn: return f->waiver ? 1 : 0;
        case CisColumn: {
            // "2.10" after "2.9": each number padded, so the column sorts in the benchmark's order.
            QStringList parts = shownCis(*f).split(QLatin1Char('.'));
            for (QString& part : parts) {
                part = part.rightJustified(4, QLatin1Char('0'));
            }
            return parts.join(QLatin1Char('.'));
        }
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (f->waiver) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn || index.column() == ObjectColumn) {
            return displayText(f->evidence, 300);
        }
        if (index.column() == StatusColumn && f->waiver) {
            return displayText(f->waiver->reason, 300);
        }
        if (index.column() == CisColumn) {
            const CisReference shown = translateCis(f->cis, m_cisVersion);
            const CisItem* item = shown.id.empty() ? nullptr : CisBenchmark::of(m_cisVersion).find(shown.id);
            if (item) {
                return tr("CIS Docker Benchmark %1 §%2: %3")
                    .arg(qs(shown.version), qs(shown.id), qs(item->title));
            }
        }
        break;
    case SeverityRole: return static_cast<int>(f->severity);
    case AreaRole: return static_cast<int>(f->area);
    case WaivedRole: return f->waiver.has_value();
    case SearchTextRole:
        return SearchTextBuilder::searchTextOf(*f, m_cisVersion);
    default: break;
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case RuleColumn: return tr("Rule");
    case AreaColumn: return tr("Area");
    case ObjectColumn: return tr("Object");
    case TitleColumn: return tr("Finding");
    case StatusColumn: return tr("Status");
    case CisColumn:
        return tr("CIS %1").arg(QString::fromLatin1(toString(m_cisVersion)));
    }
    return {};
}

} // namespace drydock::ui
