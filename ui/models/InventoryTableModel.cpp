#include "ui/models/InventoryTableModel.h"

#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "ui/bridge/QtConvert.h"
#include "ui/widgets/SeverityCell.h"

#include <QBrush>
#include <QGuiApplication>

#include <unordered_map>

namespace drydock::ui {

namespace {

QString portsOf(const Container& c)
{
    QStringList parts;
    for (const auto& p : c.hostConfig.portBindings) {
        for (const auto& b : p.bindings) {
            parts << QStringLiteral("%1%2→%3").arg(b.hostIp.empty() ? QString() : qs(b.hostIp) + QLatin1Char(':'),
                                                   qs(b.hostPort), qs(p.containerPort));
        }
    }
    return parts.join(QStringLiteral(", "));
}

QString bytes(std::int64_t n)
{
    return n >= 1024 * 1024 ? QStringLiteral("%1 MB").arg(n / 1024.0 / 1024.0, 0, 'f', 1)
                            : QStringLiteral("%1 KB").arg(n / 1024);
}

} // namespace

InventoryTableModel::InventoryTableModel(Kind kind, QObject* parent) : QAbstractTableModel(parent), m_kind(kind)
{
    switch (kind) {
    case Kind::Containers:
        m_headers = {tr("Findings"), tr("Name"), tr("Image"), tr("State"), tr("Created"), tr("Ports"), tr("User")};
        break;
    case Kind::Images:
        m_headers = {tr("Findings"), tr("Repository:tag"), tr("ID"), tr("Created"), tr("Size"), tr("User"), tr("Layers")};
        break;
    case Kind::Networks:
        m_headers = {tr("Findings"), tr("Name"), tr("Driver"), tr("Scope"), tr("Containers"), tr("Internal")};
        break;
    case Kind::Volumes:
        m_headers = {tr("Findings"), tr("Name"), tr("Driver"), tr("Mountpoint")};
        break;
    }
}

InventoryTableModel::Row InventoryTableModel::makeRow(const std::string& id, const std::string& name, QStringList cells,
                                                     QVariantList sort, const Worst& w)
{
    Row r;
    r.id = id;
    r.worst = w.severity;
    r.openFindings = w.open;
    r.name = qs(name);
    cells.prepend(w.open ? QStringLiteral("%1 · %2").arg(severityText(*w.severity)).arg(w.open) : QStringLiteral("—"));
    sort.prepend(w.severity ? static_cast<int>(*w.severity) * 100000 + w.open : -1);
    r.text = std::move(cells);
    r.sort = std::move(sort);
    return r;
}

template <typename Add> void InventoryTableModel::forEachRow(const Inventory& inv, const std::string* only, Add add) const
{
    const auto wanted = [only](const std::string& id) { return !only || *only == id; };
    switch (m_kind) {
    case Kind::Containers:
        for (const auto& c : inv.containers) {
            if (!wanted(c.id)) {
                continue;
            }
            const auto created = parseRfc3339(c.created).value_or(0);
            add(c.id, c.name,
                QStringList{displayText(c.name, 80), displayText(c.config.image, 80), qs(c.state.status),
                            dateText(created), portsOf(c),
                            c.config.user.empty() ? tr("root (default)") : displayText(c.config.user, 40)},
                QVariantList{qs(c.name), qs(c.config.image), qs(c.state.status), QVariant::fromValue<qint64>(created),
                             portsOf(c), qs(c.config.user)});
        }
        break;
    case Kind::Images:
        for (const auto& i : inv.images) {
            if (!wanted(i.id)) {
                continue;
            }
            add(i.id, i.displayName(),
                QStringList{displayText(i.displayName(), 80), qs(i.shortId()), dateText(i.createdUnix), bytes(i.size),
                            i.config.user.empty() ? tr("root (default)") : displayText(i.config.user, 40),
                            QString::number(i.rootfsLayers.size())},
                QVariantList{qs(i.displayName()), qs(i.id), QVariant::fromValue<qint64>(i.createdUnix),
                             QVariant::fromValue<qint64>(i.size), qs(i.config.user),
                             static_cast<int>(i.rootfsLayers.size())});
        }
        break;
    case Kind::Networks:
        for (const auto& n : inv.networks) {
            if (!wanted(n.id)) {
                continue;
            }
            add(n.id, n.name,
                QStringList{displayText(n.name, 80), qs(n.driver), qs(n.scope), QString::number(n.containers.size()),
                            n.internal ? tr("yes") : tr("no")},
                QVariantList{qs(n.name), qs(n.driver), qs(n.scope), static_cast<int>(n.containers.size()), n.internal});
        }
        break;
    case Kind::Volumes:
        for (const auto& v : inv.volumes) {
            if (!wanted(v.name)) {
                continue;
            }
            add(v.name, v.name, QStringList{displayText(v.name, 80), qs(v.driver), displayText(v.mountpoint, 120)},
                QVariantList{qs(v.name), qs(v.driver), qs(v.mountpoint)});
        }
        break;
    }
}

void InventoryTableModel::setSnapshot(const Inventory& inv, const FindingSet& findings)
{
    std::unordered_map<std::string, Worst> worst;
    for (const auto& f : findings.all()) {
        if (f.waiver) {
            continue;
        }
        Worst& w = worst[f.object.id];
        ++w.open;
        if (!w.severity || f.severity > *w.severity) {
            w.severity = f.severity;
        }
    }
    std::vector<Row> rows;
    forEachRow(inv, nullptr, [&](const std::string& id, const std::string& name, QStringList cells, QVariantList sort) {
        const auto it = worst.find(id);
        rows.push_back(makeRow(id, name, std::move(cells), std::move(sort), it == worst.end() ? Worst{} : it->second));
    });
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void InventoryTableModel::updateObject(const Inventory& inv, const FindingSet& findings, ObjectType type,
                                       const std::string& id)
{
    const ObjectType mine[] = {ObjectType::Container, ObjectType::Image, ObjectType::Network, ObjectType::Volume};
    if (mine[static_cast<int>(m_kind)] != type) {
        return;
    }
    Worst w;
    for (const Finding* f : findings.forObject(id)) {
        if (!f->waiver && f->object.type == type) {
            ++w.open;
            w.severity = w.severity ? std::max(*w.severity, f->severity) : f->severity;
        }
    }
    std::optional<Row> fresh;
    forEachRow(inv, &id, [&](const std::string& rid, const std::string& name, QStringList cells, QVariantList sort) {
        fresh = makeRow(rid, name, std::move(cells), std::move(sort), w);
    });
    const int row = rowOf(id);
    if (fresh && row >= 0) {
        m_rows[static_cast<std::size_t>(row)] = std::move(*fresh);
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
    } else if (fresh) {
        const int at = static_cast<int>(m_rows.size());
        beginInsertRows({}, at, at);
        m_rows.push_back(std::move(*fresh));
        endInsertRows();
    } else if (row >= 0) {
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
}

int InventoryTableModel::rowOf(const std::string& id) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int InventoryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int InventoryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

QVariant InventoryTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()) || index.column() >= m_headers.size()) {
        return {};
    }
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return r.text.value(index.column());
    case SortRole: return r.sort.value(index.column());
    case ObjectNameRole: return r.name;
    case ObjectIdRole: return QString::fromStdString(r.id);
    case WorstSeverityRole: return r.worst ? static_cast<int>(*r.worst) : -1;
    case Qt::ForegroundRole:
    case Qt::DecorationRole:
        // The worst open finding's shape and colour beside its word ("High · 3").
        if (index.column() == 0 && r.worst && r.openFindings > 0) {
            return severityCellData(*r.worst, role);
        }
        break;
    default: break;
    }
    return {};
}

QVariant InventoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
        return m_headers.value(section);
    }
    return {};
}

} // namespace drydock::ui
