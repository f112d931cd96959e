#include "ui/dialogs/ConnectDialog.h"

#include "core/docker/ContextResolver.h"
#include "ui/bridge/QtConvert.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace drydock::ui {

ConnectDialog::ConnectDialog(const DockerEndpoint& current, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect to a Docker daemon"));
    m_contexts = new QListWidget(this);
    const ContextResolver resolver(ResolverEnvironment::fromProcess());
    for (const auto& c : resolver.listContexts()) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2%3").arg(qs(c.name), qs(c.endpoint.display()),
                                                                          c.current ? tr("  (current)") : QString()),
                                         m_contexts);
        item->setData(Qt::UserRole, static_cast<int>(m_contextEndpoints.size()));
        m_contextEndpoints.push_back(c.endpoint);
    }
    m_host = new QLineEdit(qs(current.display()), this);
    m_host->setObjectName(QStringLiteral("hostField"));
    m_host->setPlaceholderText(QStringLiteral("unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host"));
    m_certs = new QLineEdit(qs(current.caFile.empty() ? std::string() : current.caFile.substr(0, current.caFile.rfind('/'))), this);
    m_certs->setPlaceholderText(tr("Folder with ca.pem, cert.pem, key.pem (tcp:// with TLS)"));
    m_error = new QLabel(this);
    // The critical colour for the palette: the badge red on light themes, a light tint on dark ones.
    m_error->setStyleSheet(
        QStringLiteral("color: %1;").arg(severityTextColor(Severity::Critical, palette()).name()));
    m_error->setTextFormat(Qt::PlainText);
    connect(m_contexts, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_host->setText(qs(m_contextEndpoints[static_cast<std::size_t>(row)].display()));
        }
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (endpoint()) {
            accept();
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* form = new QFormLayout;
    form->addRow(tr("Contexts"), m_contexts);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("TLS folder"), m_certs);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

std::optional<DockerEndpoint> ConnectDialog::endpoint() const
{
    const int row = m_contexts->currentRow();
    if (row >= 0 && qs(m_contextEndpoints[static_cast<std::size_t>(row)].display()) == m_host->text()) {
        return m_contextEndpoints[static_cast<std::size_t>(row)];
    }
    auto parsed = ContextResolver::parseHost(ss(m_host->text().trimmed()));
    if (!parsed) {
        m_error->setText(qs(parsed.error().message));
        return std::nullopt;
    }
    DockerEndpoint e = parsed.value();
    e.source = "connect dialog";
    const QString certs = m_certs->text().trimmed();
    if (e.kind == DockerEndpoint::Kind::Tcp && !certs.isEmpty()) {
        e.tls = true;
        e.caFile = ss(certs + QStringLiteral("/ca.pem"));
        e.certFile = ss(certs + QStringLiteral("/cert.pem"));
        e.keyFile = ss(certs + QStringLiteral("/key.pem"));
    }
    m_error->clear();
    return e;
}

ConnectPrompt defaultConnectPrompt()
{
    return [](QWidget* parent, const DockerEndpoint& current) -> std::optional<DockerEndpoint> {
        ConnectDialog dialog(current, parent);
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        return dialog.endpoint();
    };
}

} // namespace drydock::ui
