#include "ui/dialogs/ImageContentsDialog.h"

#include "core/common/AtomicFileWriter.h"
#include "core/json/ContentJson.h"
#include "core/report/PackagesJson.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/PackageTableModel.h"
#include "ui/models/VulnerabilityTableModel.h"
#include "ui/widgets/InlineMessage.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>

namespace drydock::ui {

namespace {

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    // Compact rows: a package list is long and every row is one line of text.
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

// A file name from an image reference: "debian:bookworm" -> "debian_bookworm".
QString fileStem(const QString& name)
{
    QString out;
    for (const QChar c : name) {
        out +=
            (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.')) ? c : QLatin1Char('_');
    }
    return out.left(80).isEmpty() ? QStringLiteral("image") : out.left(80);
}

QString mib(std::int64_t bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

SbomPathPrompt defaultSbomPathPrompt()
{
    return [](QWidget* parent, const QString& suggested) {
        return QFileDialog::getSaveFileName(parent, QObject::tr("Export SBOM"), suggested,
                                            QObject::tr("CycloneDX JSON (*.cdx.json *.json)"));
    };
}

ImageContentsDialog::ImageContentsDialog(ImageContentsRequest request, QWidget* parent)
    : QDialog(parent), m_request(std::move(request))
{
    setWindowTitle(tr("Packages and contents — %1").arg(imageName()));
    resize(920, 640);
    m_controller = new ImageContentsController(this);
    m_packages = new PackageTableModel(this);
    m_vulnerabilities = new VulnerabilityTableModel(this);

    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(imageName());
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_os = new QLabel(this);
    m_layers = new QLabel(this);
    m_counts = new QLabel(this);
    for (QLabel* l : {m_os, m_layers, m_counts}) {
        l->setTextFormat(Qt::PlainText); // OS names come from a file inside the image
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_os->setObjectName(QStringLiteral("osLabel"));
    auto* facts = new QFormLayout;
    facts->addRow(tr("Operating system:"), m_os);
    facts->addRow(tr("Layers:"), m_layers);
    facts->addRow(tr("Found:"), m_counts);

    m_message = new InlineMessage(this);
    m_message->hide();

    m_phase = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelAnalysisButton"));
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_phase);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_packageProxy = new QSortFilterProxyModel(this);
    m_packageProxy->setSourceModel(m_packages);
    m_packageProxy->setSortRole(PackageTableModel::SortRole);
    m_packageProxy->setFilterKeyColumn(-1);
    m_packageProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("packageFilter"));
    m_filter->setPlaceholderText(tr("Filter packages by name, version, source, licence…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_packageProxy, &QSortFilterProxyModel::setFilterFixedString);
    m_packageTable = makeTable(m_packageProxy, this);
    m_packageTable->setObjectName(QStringLiteral("packageTable"));
    m_packageTable->sortByColumn(PackageTableModel::NameColumn, Qt::AscendingOrder);
    auto* packagesPage = new QWidget(this);
    auto* packagesLayout = new QVBoxLayout(packagesPage);
    packagesLayout->addWidget(m_filter);
    packagesLayout->addWidget(m_packageTable, 1);

    auto* vulnerabilityProxy = new QSortFilterProxyModel(this);
    vulnerabilityProxy->setSourceModel(m_vulnerabilities);
    vulnerabilityProxy->setSortRole(VulnerabilityTableModel::SortRole);
    m_vulnerabilityTable = makeTable(vulnerabilityProxy, this);
    m_vulnerabilityTable->setObjectName(QStringLiteral("vulnerabilityTable"));
    m_vulnerabilityTable->sortByColumn(VulnerabilityTableModel::SeverityColumn, Qt::DescendingOrder);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(packagesPage, tr("Packages"));
    m_vulnerabilityHint = new QLabel(this);
    m_vulnerabilityHint->setWordWrap(true);
    m_vulnerabilityHint->setText(
        tr("No vulnerabilities are recorded for this image.\nMatching needs an OSV database or a Trivy/Grype "
           "report: drydock scan --contents --vuln-db DIR"));
    auto* vulnerabilitiesPage = new QWidget(this);
    auto* vulnerabilitiesLayout = new QVBoxLayout(vulnerabilitiesPage);
    vulnerabilitiesLayout->addWidget(m_vulnerabilityHint);
    vulnerabilitiesLayout->addWidget(m_vulnerabilityTable, 1);
    m_tabs->addTab(vulnerabilitiesPage, tr("Vulnerabilities"));

    m_analyse = new QPushButton(tr("&Analyse again"), this);
    m_analyse->setObjectName(QStringLiteral("analyseButton"));
    m_analyse->setToolTip(tr("Read the image's layers from the daemon again"));
    m_export = new QPushButton(tr("Export &SBOM…"), this);
    m_export->setObjectName(QStringLiteral("exportSbomButton"));
    m_export->setToolTip(tr("Write the package list as a CycloneDX 1.5 JSON SBOM"));
    m_export->setEnabled(false);
    auto* close = new QPushButton(tr("Close"), this);
    // Enter in the filter box must not press a button.
    for (QPushButton* b : {m_analyse, m_export, close, m_cancel}) {
        b->setAutoDefault(false);
    }
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_analyse);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(facts);
    layout->addWidget(m_message);
    layout->addLayout(progressRow);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);

    connect(m_analyse, &QPushButton::clicked, this, &ImageContentsDialog::analyse);
    connect(m_export, &QPushButton::clicked, this, &ImageContentsDialog::exportSbom);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_cancel, &QPushButton::clicked, m_controller, &ImageContentsController::cancel);
    connect(m_controller, &ImageContentsController::progress, this,
            [this](const QString& phase, int done, int total) {
                m_progress->setRange(0, std::max(total, 1));
                m_progress->setValue(done);
                m_phase->setText(phase == QLatin1String("layer data")
                                     ? tr("Reading layers: %1 of %2 MiB").arg(done).arg(total)
                                     : phase);
            });
    connect(m_controller, &ImageContentsController::finished, this, &ImageContentsDialog::onFinished);

    setRunning(false);
    showContents(nullptr);
}

QString ImageContentsDialog::imageName() const
{
    if (m_request.imageInfo) {
        return displayText(m_request.imageInfo->displayName(), 160);
    }
    return m_request.image.left(160);
}

void ImageContentsDialog::loadOrAnalyse()
{
    if (m_request.contents) {
        showContents(m_request.contents);
        m_message->showMessage(
            InlineMessage::Kind::Info,
            tr("From the last scan's content analysis. Analyse again to read the image now."));
        return;
    }
    analyse();
}

void ImageContentsDialog::analyse()
{
    if (m_controller->isRunning()) {
        return;
    }
    if (!m_request.endpoint) {
        m_message->showMessage(
            InlineMessage::Kind::Error,
            tr("Not connected to a Docker daemon, so the image cannot be read. Choose one with "
               "File → Connect… (Ctrl+K) and open this window again."));
        return;
    }
    m_message->hide();
    setRunning(true);
    m_progress->setRange(0, 0);
    m_phase->setText(tr("Reading the image from the daemon…"));
    m_controller->start(*m_request.endpoint,
                        m_request.imageInfo ? qs(m_request.imageInfo->id) : m_request.image,
                        m_request.options);
}

void ImageContentsDialog::onFinished(const ImageContentsOutcome& outcome)
{
    setRunning(false);
    if (!outcome.contents) {
        if (outcome.cancelled) {
            m_message->showMessage(InlineMessage::Kind::Info,
                                   m_contents ? tr("Analysis cancelled; the previous results stay shown.")
                                              : tr("Analysis cancelled. Analyse again to read the image."));
        } else {
            m_message->showMessage(
                InlineMessage::Kind::Error,
                tr("Could not analyse the image: %1").arg(displayText(ss(outcome.error), 1000)));
        }
        return;
    }
    m_request.imageInfo = outcome.image;
    m_title->setText(imageName());
    showContents(outcome.contents);
    if (!outcome.contents->notes.empty()) {
        QStringList notes;
        for (const auto& n : outcome.contents->notes) {
            notes << displayText(n, 300);
        }
        m_message->showMessage(InlineMessage::Kind::Info, notes.join(QLatin1Char('\n')));
    }
}

void ImageContentsDialog::showContents(std::shared_ptr<const ImageContents> contents)
{
    m_contents = std::move(contents);
    m_packages->setContents(m_contents);
    m_vulnerabilities->setContents(m_contents);
    const int packages = m_contents ? static_cast<int>(m_contents->packages.size()) : 0;
    const int vulnerabilities = m_contents ? static_cast<int>(m_contents->vulnerabilities.size()) : 0;
    m_tabs->setTabText(0, tr("Packages (%1)").arg(packages));
    m_tabs->setTabText(1, tr("Vulnerabilities (%1)").arg(vulnerabilities));
    if (!m_contents) {
        m_os->setText(tr("not analysed yet"));
        m_layers->setText(QStringLiteral("–"));
        m_counts->setText(QStringLiteral("–"));
        m_export->setEnabled(false);
        m_vulnerabilityHint->setVisible(false);
        return;
    }
    const OsRelease& os = m_contents->os;
    m_os->setText(!os.prettyName.empty() ? displayText(os.prettyName, 120)
                  : !os.id.empty()       ? displayText(os.id + " " + os.versionId, 120)
                                         : tr("unknown (no /etc/os-release)"));
    const auto layers = static_cast<int>(m_contents->layers.size());
    m_layers->setText((layers == 1 ? tr("1 layer") : tr("%1 layers").arg(layers)) +
                      tr(", %1 MiB of layer data").arg(mib(m_contents->bytesRead)));
    m_counts->setText(tr("%1 packages, %2 known vulnerabilities").arg(packages).arg(vulnerabilities));
    // No vulnerabilities can also mean nothing was matched: the hint says what matching needs.
    m_vulnerabilityHint->setVisible(vulnerabilities == 0);
    // dpkg keeps licences outside its database: an all-empty column would only look broken.
    const bool anyLicense = std::any_of(m_contents->packages.begin(), m_contents->packages.end(),
                                        [](const InstalledPackage& p) { return !p.license.empty(); });
    m_packageTable->setColumnHidden(PackageTableModel::LicenseColumn, !anyLicense);
    m_packageTable->resizeColumnsToContents();
    m_vulnerabilityTable->resizeColumnsToContents();
    m_export->setEnabled(true);
}

void ImageContentsDialog::setRunning(bool running)
{
    m_phase->setVisible(running);
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_analyse->setEnabled(!running);
}

bool ImageContentsDialog::exportSbom()
{
    if (!m_contents) {
        return false;
    }
    const QString stem = fileStem(imageName());
    const QString directory = m_request.directory.isEmpty() ? QDir::homePath() : m_request.directory;
    const QString path = m_prompt(this, QDir(directory).filePath(stem + QStringLiteral(".cdx.json")));
    if (path.isEmpty()) {
        return false;
    }
    Image image;
    if (m_request.imageInfo) {
        image = *m_request.imageInfo;
    } else {
        image.id = m_contents->imageId;
    }
    const std::string bom =
        json::writeCycloneDx(image, *m_contents, ss(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                             ss(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)), DRYDOCK_VERSION);
    // A new 0600 file renamed into place: a failed export leaves no half file, a symlink is not followed.
    if (auto written = AtomicFileWriter::write(path.toStdString(), bom); !written) {
        m_message->showMessage(InlineMessage::Kind::Error,
                               tr("Could not write the SBOM to %1: %2. Choose a folder you can write to.")
                                   .arg(path, QString::fromStdString(written.error().message)));
        return false;
    }
    m_message->showMessage(InlineMessage::Kind::Info, tr("SBOM written to %1").arg(path));
    emit sbomExported(path);
    return true;
}

void ImageContentsDialog::reject()
{
    // Closing while the image is read cancels it; the controller waits for the worker when destroyed.
    m_controller->cancel();
    QDialog::reject();
}

} // namespace drydock::ui
