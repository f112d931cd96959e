#include "ui/pages/InventoryPage.h"

#include <QAction>

#include "core/common/SecretMasker.h"
#include "core/common/Strings.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/InventoryTableModel.h"
#include "ui/widgets/CommandView.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

QString daemonText(const Inventory& inv)
{
    const DaemonInfo& d = inv.daemon;
    QStringList lines;
    const auto row = [&](const QString& k, const std::string& v) { lines << QStringLiteral("%1: %2").arg(k, displayText(v, 300)); };
    row(QObject::tr("Endpoint"), inv.endpoint);
    row(QObject::tr("Engine"), d.serverVersion + " (API " + inv.apiVersion + ", min " + d.minApiVersion + ")");
    row(QObject::tr("Operating system"), d.operatingSystem + ", kernel " + d.kernelVersion + ", " + d.architecture);
    row(QObject::tr("Storage driver"), d.driver);
    row(QObject::tr("Logging driver"), d.loggingDriver);
    row(QObject::tr("Cgroup"), d.cgroupDriver + " v" + d.cgroupVersion);
    row(QObject::tr("Default runtime"), d.defaultRuntime);
    row(QObject::tr("Security options"), join(d.securityOptions, ", "));
    row(QObject::tr("Live restore"), d.liveRestoreEnabled ? "on" : "off");
    row(QObject::tr("Debug"), d.debug ? "on" : "off");
    row(QObject::tr("Experimental"), d.experimentalBuild ? "on" : "off");
    row(QObject::tr("Insecure registries"), join(d.insecureRegistryCidrs, ", "));
    row(QObject::tr("Authorization plugins"), d.authorizationPlugins.empty() ? "none" : join(d.authorizationPlugins, ", "));
    row(QObject::tr("HTTP proxy"), maskUrlCredentials(d.httpProxy));
    row(QObject::tr("HTTPS proxy"), maskUrlCredentials(d.httpsProxy));
    for (const auto& c : d.components) {
        row(QObject::tr("Component %1").arg(qs(c.name)), c.version);
    }
    for (const auto& w : d.warnings) {
        row(QObject::tr("Warning"), w);
    }
    return lines.join(QLatin1Char('\n'));
}

QString openFindingsText(int n)
{
    return n == 1 ? QObject::tr("1 open finding") : QObject::tr("%1 open findings").arg(n);
}

QString swarmText(const Inventory& inv)
{
    if (!inv.swarm) {
        return QObject::tr("Swarm is not active on this daemon.");
    }
    const SwarmState& s = *inv.swarm;
    QStringList lines;
    lines << QObject::tr("Node state: %1, manager: %2").arg(qs(inv.daemon.swarm.localNodeState), s.isManager ? "yes" : "no");
    if (s.isManager) {
        lines << QObject::tr("Autolock: %1").arg(s.cluster.autoLockManagers ? "on" : "off");
        lines << QObject::tr("Nodes: %1, services: %2, secrets: %3, configs: %4")
                     .arg(s.nodes.size())
                     .arg(s.services.size())
                     .arg(s.secrets.size())
                     .arg(s.configs.size());
        for (const auto& svc : s.services) {
            lines << QObject::tr("Service %1: %2").arg(displayText(svc.name, 80), displayText(svc.image, 120));
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

InventoryPage::InventoryPage(QWidget* parent) : QWidget(parent)
{
    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("inventoryNavigator"));
    m_nav->setMaximumWidth(220);
    m_stack = new QStackedWidget(this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by name, image, state…"));
    m_filter->setClearButtonEnabled(true);

    using Kind = InventoryTableModel::Kind;
    for (Kind k : {Kind::Images, Kind::Containers, Kind::Networks, Kind::Volumes}) {
        auto* model = new InventoryTableModel(k, this);
        auto* proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        proxy->setSortRole(InventoryTableModel::SortRole);
        proxy->setFilterKeyColumn(-1);
        proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        connect(m_filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
        auto* table = new QTableView(m_stack);
        table->setModel(proxy);
        table->setSortingEnabled(true);
        table->sortByColumn(0, Qt::DescendingOrder);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setStretchLastSection(true);
        table->setAlternatingRowColors(true);
        connect(table, &QTableView::activated, this, [this, proxy](const QModelIndex& index) {
            emit objectActivated(proxy->data(index, InventoryTableModel::ObjectNameRole).toString());
        });
        if (k == Kind::Containers) {
            auto* harden = new QAction(tr("Harden…"), table);
            harden->setObjectName(QStringLiteral("hardenContainerAction"));
            connect(harden, &QAction::triggered, this, [this, table, proxy] {
                const QModelIndex index = table->currentIndex();
                if (index.isValid()) {
                    emit hardenRequested(proxy->data(index, InventoryTableModel::ObjectNameRole).toString());
                }
            });
            table->addAction(harden);
            table->setContextMenuPolicy(Qt::ActionsContextMenu);
            connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                    [this](const QModelIndex& current) { showContainer(current); });
        }
        if (k == Kind::Images) {
            m_contentsAction = new QAction(tr("&Packages and contents…"), table);
            m_contentsAction->setObjectName(QStringLiteral("imageContentsAction"));
            m_contentsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
            m_contentsAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            m_contentsAction->setToolTip(tr("OS release, layers, installed packages and known vulnerabilities "
                                            "of the selected image (Ctrl+Shift+P)"));
            m_contentsAction->setEnabled(false);
            connect(m_contentsAction, &QAction::triggered, this, [this, table, proxy] {
                const QModelIndex index = table->currentIndex();
                if (index.isValid()) {
                    emit contentsRequested(proxy->data(index, InventoryTableModel::ObjectIdRole).toString());
                }
            });
            connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, m_contentsAction,
                    [this](const QModelIndex& current) { m_contentsAction->setEnabled(current.isValid()); });
            table->addAction(m_contentsAction);
            table->setContextMenuPolicy(Qt::ActionsContextMenu);
        }
        m_stack->addWidget(table);
        m_models.push_back(model);
        m_tables.push_back(table);
    }
    m_daemon = new QPlainTextEdit(m_stack);
    m_daemon->setReadOnly(true);
    m_swarm = new QPlainTextEdit(m_stack);
    m_swarm->setReadOnly(true);
    m_stack->addWidget(m_daemon);
    m_stack->addWidget(m_swarm);
    for (const QString& name : {tr("Images"), tr("Containers"), tr("Networks"), tr("Volumes"), tr("Daemon"), tr("Swarm")}) {
        m_nav->addItem(name);
    }
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(1);

    // Above the images table: the button for the selected image's packages (shown on the Images view only).
    auto* contentsButton = new QToolButton(this);
    contentsButton->setObjectName(QStringLiteral("imageContentsButton"));
    contentsButton->setDefaultAction(m_contentsAction);
    contentsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    contentsButton->setVisible(false);
    connect(m_nav, &QListWidget::currentRowChanged, contentsButton, [contentsButton](int row) {
        contentsButton->setVisible(row == 0);
    });
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(contentsButton);

    // The selected container's hardening: the one command with all the plan's default changes, which its
    // findings carry (the same in each), Copy, and the walkthrough.
    m_details = new QGroupBox(tr("Hardened command"), this);
    m_details->setObjectName(QStringLiteral("containerDetails"));
    m_detailsText = new QLabel(m_details);
    m_detailsText->setTextFormat(Qt::PlainText);
    m_detailsText->setWordWrap(true);
    m_command = new CommandView(m_details);
    m_command->setObjectName(QStringLiteral("hardenedCommand"));
    m_harden = new QPushButton(tr("&Harden…"), m_details);
    m_harden->setObjectName(QStringLiteral("hardenButton"));
    m_harden->setToolTip(tr("Walk through this container's changes: trial run, apply, roll back"));
    connect(m_harden, &QPushButton::clicked, this, [this] {
        if (!m_detailsName.isEmpty()) {
            emit hardenRequested(m_detailsName);
        }
    });
    auto* detailsTop = new QHBoxLayout;
    detailsTop->addWidget(m_detailsText, 1);
    detailsTop->addWidget(m_harden, 0, Qt::AlignTop);
    auto* detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->addLayout(detailsTop);
    detailsLayout->addWidget(m_command);
    connect(m_nav, &QListWidget::currentRowChanged, m_details, [this](int row) { m_details->setVisible(row == 1); });
    showContainer({});

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(filterRow);
    // The command gets room to read (a hardened command runs to twenty lines); the splitter lets people trade.
    auto* split = new QSplitter(Qt::Vertical, right);
    split->addWidget(m_stack);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    split->setSizes({500, 380}); // proportions: the table keeps more than half

    rightLayout->addWidget(split, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_nav);
    layout->addWidget(right, 1);
}

void InventoryPage::setSnapshot(const Inventory& inventory, const FindingSet& findings)
{
    for (auto* m : m_models) {
        m->setSnapshot(inventory, findings);
    }
    for (auto* t : m_tables) {
        t->resizeColumnsToContents();
    }
    indexContainers(findings);
    showContainer(m_tables[1]->currentIndex());
    m_daemon->setPlainText(daemonText(inventory));
    m_swarm->setPlainText(swarmText(inventory));
    updateCounts(inventory);
    m_nav->item(5)->setHidden(!inventory.swarm.has_value());
}

void InventoryPage::updateObjects(const Inventory& inventory, const FindingSet& findings,
                                  const std::vector<std::pair<ObjectType, std::string>>& objects)
{
    for (const auto& [type, id] : objects) {
        for (auto* m : m_models) {
            m->updateObject(inventory, findings, type, id);
        }
        if (type == ObjectType::Container) {
            indexContainers(findings, &id);
        }
    }
    updateCounts(inventory);
    showContainer(m_tables[1]->currentIndex());
}

void InventoryPage::indexContainers(const FindingSet& findings, const std::string* onlyId)
{
    if (onlyId) {
        m_hardening.erase(*onlyId);
    } else {
        m_hardening.clear();
    }
    for (const auto& f : findings.all()) {
        if (f.object.type != ObjectType::Container || f.waiver || (onlyId && f.object.id != *onlyId)) {
            continue;
        }
        ContainerHardening& h = m_hardening[f.object.id];
        ++h.open;
        if (h.command.empty()) {
            h.command = f.remediation.runCommand;
        }
    }
}

void InventoryPage::showContainer(const QModelIndex& proxyIndex)
{
    const QAbstractItemModel* proxy = m_tables[1]->model();
    m_detailsName = proxyIndex.isValid() ? proxy->data(proxyIndex, InventoryTableModel::ObjectNameRole).toString()
                                         : QString();
    const std::string id = proxyIndex.isValid()
                               ? proxy->data(proxyIndex, InventoryTableModel::ObjectIdRole).toString().toStdString()
                               : std::string();
    const auto h = m_hardening.find(id);
    const bool hasCommand = h != m_hardening.end() && !h->second.command.empty();
    const QString name = displayText(m_detailsName.toStdString(), 100);
    if (m_detailsName.isEmpty()) {
        m_detailsText->setText(tr("Select a container to see its hardened command."));
    } else if (h == m_hardening.end()) {
        m_detailsText->setText(tr("%1 has no open finding: nothing to harden.").arg(name));
    } else if (!hasCommand) {
        m_detailsText->setText(tr("%1: %2, none fixed by a change of its docker run command.")
                                   .arg(name, openFindingsText(h->second.open)));
    } else {
        m_detailsText->setText(tr("%1: this one command recreates it with the hardening plan's default changes for "
                                  "its %2. Harden… tries them first and applies them.")
                                   .arg(name, openFindingsText(h->second.open)));
    }
    m_command->setText(hasCommand ? qs(h->second.command) : QString());
    m_command->setVisible(hasCommand);
    m_harden->setEnabled(h != m_hardening.end());
}

void InventoryPage::updateCounts(const Inventory& inventory)
{
    const int counts[] = {static_cast<int>(inventory.images.size()), static_cast<int>(inventory.containers.size()),
                          static_cast<int>(inventory.networks.size()), static_cast<int>(inventory.volumes.size())};
    const QString names[] = {tr("Images"), tr("Containers"), tr("Networks"), tr("Volumes")};
    for (int i = 0; i < 4; ++i) {
        m_nav->item(i)->setText(QStringLiteral("%1  (%2)").arg(names[i]).arg(counts[i]));
    }
}

} // namespace drydock::ui
