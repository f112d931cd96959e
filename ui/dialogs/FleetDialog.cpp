#include "ui/dialogs/FleetDialog.h"

#include "core/docker/ContextResolver.h"
#include "ui/bridge/FleetController.h"
#include "ui/bridge/QtConvert.h"
#include "ui/export/FleetReportExport.h"
#include "ui/widgets/FleetSummaryView.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace drydock::ui {

FleetDialog::FleetDialog(const RuleCatalogue& catalogue, const QString& databasePath,
                         const QString& endpointsFile, FleetScanner::TransportMaker maker, QWidget* parent)
    : QDialog(parent), m_store(ss(endpointsFile))
{
    setWindowTitle(tr("Endpoints and fleet scan"));
    resize(960, 640);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("savedEndpoints"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("endpointName"));
    m_name->setPlaceholderText(tr("staging"));
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("endpointHost"));
    m_host->setPlaceholderText(QStringLiteral("ssh://user@host, tcp://host:2376, unix:///path/docker.sock"));
    m_certs = new QLineEdit(this);
    m_certs->setObjectName(QStringLiteral("endpointCerts"));
    m_certs->setPlaceholderText(
        tr("Folder with ca.pem, cert.pem, key.pem (tcp:// with TLS; only the path is saved)"));
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addEndpoint"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeEndpoint"));
    m_scan = new QPushButton(tr("&Scan all"), this);
    m_scan->setObjectName(QStringLiteral("scanFleet"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("fleetMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_view = new FleetSummaryView(this);
    m_view->setChangesShown(true); // each endpoint is compared with its previous scan
    m_controller = new FleetController(catalogue, databasePath, std::move(maker), this);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("TLS folder"), m_certs);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_scan);
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(new QLabel(tr("Saved endpoints (addresses and certificate paths only)"), top));
    topLayout->addWidget(m_list, 1);
    topLayout->addLayout(form);
    topLayout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_view);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = close->addButton(tr("&Export report…"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("exportFleet"));
    m_export->setToolTip(tr("Save this fleet scan as PDF, HTML or JSON"));
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, [this] {
        if (m_lastSummary) {
            exportFleetReport(this, *m_lastSummary);
        }
    });
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(m_message);
    layout->addWidget(close);

    connect(m_add, &QPushButton::clicked, this, &FleetDialog::addEndpoint);
    connect(m_remove, &QPushButton::clicked, this, &FleetDialog::removeSelected);
    connect(m_scan, &QPushButton::clicked, this, &FleetDialog::scanAll);
    connect(m_controller, &FleetController::stageChanged, m_view, &FleetSummaryView::setStage);
    connect(m_controller, &FleetController::finished, this, [this](const FleetOutcome& outcome) {
        m_scan->setEnabled(true);
        if (outcome.summary) {
            m_view->setSummary(*outcome.summary);
            m_lastSummary = outcome.summary;
        }
        m_export->setEnabled(m_lastSummary != nullptr);
        if (!outcome.error.isEmpty()) {
            m_message->setText(tr("Fleet scan failed: %1").arg(outcome.error));
            return;
        }
        m_message->setText(outcome.historyWarning.isEmpty()
                               ? tr("Fleet scan finished.")
                               : tr("Fleet scan finished, but the history did not store every scan: %1")
                                     .arg(outcome.historyWarning));
    });
    reload();
}

void FleetDialog::reload()
{
    m_list->clear();
    auto loaded = m_store.load();
    if (!loaded) {
        m_message->setText(qs(loaded.error().message));
        m_saved.clear();
    } else {
        m_saved = std::move(loaded.value());
    }
    for (const auto& e : m_saved) {
        const QString where = e.context.empty() ? qs(e.host) : tr("context %1").arg(qs(e.context));
        m_list->addItem(QStringLiteral("%1 — %2%3")
                            .arg(displayText(e.name, 64), displayText(ss(where), 200),
                                 e.caFile.empty() ? QString() : tr("  (TLS)")));
    }
    m_remove->setEnabled(!m_saved.empty());
    m_scan->setEnabled(!m_saved.empty() && !m_controller->isRunning());
}

void FleetDialog::addEndpoint()
{
    SavedEndpoint e;
    e.name = ss(m_name->text().trimmed());
    e.host = ss(m_host->text().trimmed());
    const QString certs = m_certs->text().trimmed();
    if (!certs.isEmpty()) {
        e.caFile = ss(certs + QStringLiteral("/ca.pem"));
        e.certFile = ss(certs + QStringLiteral("/cert.pem"));
        e.keyFile = ss(certs + QStringLiteral("/key.pem"));
    }
    if (auto ok = EndpointStore::validate(e, m_saved); !ok) {
        m_message->setText(qs(ok.error().message));
        return;
    }
    auto list = m_saved;
    list.push_back(e);
    if (auto ok = m_store.save(list); !ok) {
        m_message->setText(qs(ok.error().message));
        return;
    }
    m_name->clear();
    m_host->clear();
    m_certs->clear();
    m_message->setText(tr("Saved %1.").arg(qs(e.name)));
    reload();
}

void FleetDialog::removeSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= static_cast<int>(m_saved.size())) {
        m_message->setText(tr("Select an endpoint to remove."));
        return;
    }
    auto list = m_saved;
    const std::string name = list[static_cast<std::size_t>(row)].name;
    list.erase(list.begin() + row);
    if (auto ok = m_store.save(list); !ok) {
        m_message->setText(qs(ok.error().message));
        return;
    }
    m_message->setText(tr("Removed %1.").arg(qs(name)));
    reload();
}

void FleetDialog::scanAll()
{
    if (m_controller->isRunning() || m_saved.empty()) {
        return;
    }
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    std::vector<FleetTarget> targets;
    for (const auto& s : m_saved) {
        auto e = EndpointStore::resolve(s, resolver);
        if (!e) {
            m_message->setText(tr("%1: %2").arg(qs(s.name), qs(e.error().message)));
            return;
        }
        targets.push_back({s.name, e.value()});
    }
    m_scan->setEnabled(false);
    m_message->setText(tr("Scanning %n endpoint(s) in parallel…", nullptr, static_cast<int>(targets.size())));
    m_view->reset(targets);
    m_controller->start(targets);
}

void openFleetDialog(QWidget* parent, const RuleCatalogue& catalogue, const QString& databasePath)
{
    auto* dialog = new FleetDialog(catalogue, databasePath, qs(EndpointStore::defaultPath()), {}, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace drydock::ui
