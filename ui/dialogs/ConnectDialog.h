#pragma once
#include "core/docker/DockerEndpoint.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLineEdit;
class QListWidget;
class QLabel;

namespace drydock::ui {

// Chooses the daemon: one of the Docker contexts, or a socket / tcp:// URI with an optional TLS folder.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(const DockerEndpoint& current, QWidget* parent = nullptr);
    std::optional<DockerEndpoint> endpoint() const;

private:
    QListWidget* m_contexts;
    QLineEdit* m_host;
    QLineEdit* m_certs;
    QLabel* m_error;
    std::vector<DockerEndpoint> m_contextEndpoints;
};

using ConnectPrompt = std::function<std::optional<DockerEndpoint>(QWidget* parent, const DockerEndpoint& current)>;
ConnectPrompt defaultConnectPrompt();

} // namespace drydock::ui
