#include "ui/dialogs/AboutDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

// The .qrc is compiled into the static drydock_ui library, so its resources are registered by hand.
static void initAboutResources()
{
    Q_INIT_RESOURCE(drydock);
}

namespace drydock::ui {

std::vector<LibraryVersion> runtimeLibraryVersions()
{
    return libraryVersionsWithQt(qVersion(), QT_VERSION_STR);
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent), m_versions(runtimeLibraryVersions())
{
    initAboutResources();
    setWindowTitle(tr("About Drydock"));
    const BuildInfo build = buildInfo();

    auto* icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    icon->setPixmap(QIcon(QStringLiteral(":/icons/drydock.svg")).pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    m_title =
        new QLabel(tr("<b>Drydock %1</b>").arg(QString::fromStdString(build.version).toHtmlEscaped()), this);
    m_title->setObjectName(QStringLiteral("aboutTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_title->setFont(big);

    auto* summary =
        new QLabel(tr("Security dashboard for Docker. Drydock only reads from the daemon; nothing "
                      "is changed unless you explicitly apply a fix."),
                   this);
    summary->setWordWrap(true);

    m_build =
        new QLabel(tr("%1 build, %2")
                       .arg(QString::fromStdString(build.buildType), QString::fromStdString(build.compiler)),
                   this);
    m_build->setObjectName(QStringLiteral("aboutBuild"));
    m_build->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_libraries = new QTableWidget(static_cast<int>(m_versions.size()), 3, this);
    m_libraries->setObjectName(QStringLiteral("aboutLibraries"));
    m_libraries->setHorizontalHeaderLabels({tr("Library"), tr("Version in use"), tr("Licence")});
    m_libraries->verticalHeader()->hide();
    m_libraries->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_libraries->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_libraries->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < static_cast<int>(m_versions.size()); ++row) {
        const LibraryVersion& lib = m_versions[static_cast<std::size_t>(row)];
        QString version = lib.used() ? QString::fromStdString(lib.version) : tr("not used");
        if (lib.used() && !lib.detail.empty()) {
            version += QStringLiteral(" (") + QString::fromStdString(lib.detail) + QLatin1Char(')');
        }
        auto* name = new QTableWidgetItem(QString::fromStdString(lib.name));
        auto* licence = new QTableWidgetItem(QString::fromStdString(lib.licence));
        licence->setToolTip(QString::fromStdString(lib.url));
        name->setToolTip(QString::fromStdString(lib.url));
        m_libraries->setItem(row, 0, name);
        m_libraries->setItem(row, 1, new QTableWidgetItem(version));
        m_libraries->setItem(row, 2, licence);
    }
    m_libraries->resizeColumnsToContents();
    m_libraries->resizeRowsToContents();
    m_libraries->setMinimumWidth(560);
    // Exactly as tall as its rows: the list is short and fixed, a scroll area would only hide it.
    int height = m_libraries->horizontalHeader()->sizeHint().height() + 2 * m_libraries->frameWidth();
    for (int row = 0; row < m_libraries->rowCount(); ++row) {
        height += m_libraries->rowHeight(row);
    }
    m_libraries->setFixedHeight(height);

    auto* notices = new QLabel(tr("The licence texts of the libraries ship with them; on Debian in "
                                  "/usr/share/doc/&lt;package&gt;/copyright. nlohmann/json is compiled into "
                                  "Drydock: its MIT notice is in /usr/share/doc/drydock/copyright."),
                               this);
    notices->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(tr("&Copy version information"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("aboutCopy"));
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* head = new QHBoxLayout;
    head->addWidget(icon);
    auto* headText = new QVBoxLayout;
    headText->addWidget(m_title);
    headText->addWidget(summary);
    headText->addWidget(m_build);
    head->addLayout(headText, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(m_libraries);
    layout->addWidget(notices);
    layout->addWidget(buttons);
}

AboutDialog* AboutDialog::showFor(QWidget* parent)
{
    auto* dialog = new AboutDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

QString AboutDialog::versionText() const
{
    return QString::fromStdString(versionReport(buildInfo(), m_versions));
}

} // namespace drydock::ui
