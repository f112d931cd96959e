#include "ui/dialogs/ExportDialog.h"

#include "core/report/ReportFileName.h"
#include "core/report/ReportScope.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/InlineMessage.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QUrl>
#include <QVBoxLayout>

#include <map>
#include <set>

namespace drydock::ui {

namespace {

constexpr int KeyRole = Qt::UserRole + 1;

std::string objectKey(const ObjectRef& ref)
{
    return std::string(toString(ref.type)) + '\x1f' + ref.id;
}

} // namespace

ReportOpener defaultReportOpener()
{
    return [](const QString& path) { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); };
}

ExportDialog::ExportDialog(ExportSources sources, ReportOpener opener, QWidget* parent)
    : QDialog(parent), m_sources(std::move(sources)), m_opener(std::move(opener))
{
    setWindowTitle(tr("Export report"));
    setObjectName(QStringLiteral("exportDialog"));
    m_controller = new ExportController(this);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("HTML — a self-contained page for people"), static_cast<int>(ReportFormat::Html));
    m_format->addItem(tr("PDF — paginated, to hand over or print"), static_cast<int>(ReportFormat::Pdf));
    m_format->addItem(tr("JSON — the schema of drydock scan"), static_cast<int>(ReportFormat::Json));
    m_format->addItem(tr("SARIF 2.1.0 — for code-scanning tools"), static_cast<int>(ReportFormat::Sarif));
    m_format->addItem(tr("CSV — one row per finding"), static_cast<int>(ReportFormat::Csv));

    // Scope
    const ScanResult* scan = m_sources.scan.get();
    m_scope = new QButtonGroup(this);
    m_scopeButtons[0] =
        new QRadioButton(scan ? tr("All findings of the last scan (%1)").arg(scan->findings.size())
                              : tr("All findings (no scan yet)"),
                         this);
    m_scopeButtons[1] = new QRadioButton(
        m_sources.filtered ? tr("The Findings page's current filter (%1)%2")
                                 .arg(m_sources.filtered->findings.size())
                                 .arg(m_sources.filterDescription.isEmpty()
                                          ? QString()
                                          : QStringLiteral(": ") + m_sources.filterDescription)
                           : tr("The Findings page's current filter (nothing shown)"),
        this);
    m_scopeButtons[2] = new QRadioButton(tr("Chosen objects:"), this);
    m_scopeButtons[3] = new QRadioButton(tr("A past scan from the history:"), this);
    const char* names[] = {"scopeAll", "scopeFilter", "scopeObjects", "scopePastScan"};
    for (int i = 0; i < 4; ++i) {
        m_scopeButtons[i]->setObjectName(QLatin1String(names[i]));
        m_scope->addButton(m_scopeButtons[i], i);
    }
    m_scopeButtons[0]->setEnabled(scan != nullptr);
    m_scopeButtons[1]->setEnabled(m_sources.filtered != nullptr);
    m_scopeButtons[2]->setEnabled(scan != nullptr);
    m_scopeButtons[3]->setEnabled(!m_sources.history.empty());

    m_objects = new QListWidget(this);
    m_objects->setObjectName(QStringLiteral("exportObjects"));
    m_objects->setMaximumHeight(130);
    if (scan) {
        std::map<std::string, std::pair<ObjectRef, int>> objects;
        for (const auto& f : scan->findings.all()) {
            auto& entry = objects[objectKey(f.object)];
            entry.first = f.object;
            ++entry.second;
        }
        for (const auto& [key, entry] : objects) {
            auto* item = new QListWidgetItem(
                tr("%1 %2 (%n finding(s))", nullptr, entry.second)
                    .arg(QLatin1String(toString(entry.first.type)), displayText(entry.first.name, 80)),
                m_objects);
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            item->setData(KeyRole, QString::fromStdString(key));
            item->setData(Qt::UserRole, QString::fromStdString(entry.first.id));
            const bool chosen =
                !m_sources.preselectedObjectId.empty() && entry.first.id == m_sources.preselectedObjectId;
            item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_past = new QComboBox(this);
    m_past->setObjectName(QStringLiteral("exportPastScan"));
    for (const auto& s : m_sources.history) {
        m_past->addItem(tr("Scan %1 · %2 · %3 · %4 findings")
                            .arg(s.id)
                            .arg(dateText(s.startedAtUnix), displayText(s.endpoint, 60))
                            .arg(s.total()),
                        static_cast<qlonglong>(s.id));
    }

    auto* scopeBox = new QGroupBox(tr("Scope"), this);
    auto* scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->addWidget(m_scopeButtons[0]);
    scopeLayout->addWidget(m_scopeButtons[1]);
    scopeLayout->addWidget(m_scopeButtons[2]);
    scopeLayout->addWidget(m_objects);
    scopeLayout->addWidget(m_scopeButtons[3]);
    scopeLayout->addWidget(m_past);

    m_detail = new QComboBox(this);
    m_detail->setObjectName(QStringLiteral("exportDetail"));
    m_detail->addItem(tr("Objects — summary, one block per object, rules once"),
                      static_cast<int>(ReportDetail::Objects));
    m_detail->addItem(tr("Summary — the first page alone"), static_cast<int>(ReportDetail::Summary));
    m_detail->addItem(tr("Full — also each finding's own remediation"), static_cast<int>(ReportDetail::Full));
    m_detail->setToolTip(tr("How much an HTML or PDF report shows; JSON, SARIF and CSV always hold every finding."));
    m_waived = new QCheckBox(tr("Include waived findings (listed apart, with reason and expiry)"), this);
    m_waived->setObjectName(QStringLiteral("includeWaived"));
    m_waived->setChecked(true);
    m_remediation = new QCheckBox(tr("Include remediation (hardened docker run, compose, Dockerfile)"), this);
    m_remediation->setObjectName(QStringLiteral("includeRemediation"));
    m_remediation->setChecked(true);
    m_open = new QCheckBox(tr("Open the report when done"), this);
    m_open->setObjectName(QStringLiteral("openWhenDone"));
    m_open->setChecked(true);

    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->hide();
    m_message = new InlineMessage(this);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);
    m_cancel = buttons->addButton(tr("Cancel export"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancelExportButton"));
    m_cancel->setEnabled(false);
    m_close = buttons->addButton(QDialogButtonBox::Close);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Detail"), m_detail);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(scopeBox);
    layout->addWidget(m_waived);
    layout->addWidget(m_remediation);
    layout->addWidget(m_open);
    auto* fileLabel = new QLabel(tr("Save as"), this);
    layout->addWidget(fileLabel);
    layout->addLayout(pathRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        suggestPath();
        updateState();
    });
    connect(m_scope, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on) {
            suggestPath();
            updateState();
        }
    });
    connect(m_objects, &QListWidget::itemChanged, this, [this] { updateState(); });
    connect(m_past, &QComboBox::currentIndexChanged, this, [this] { suggestPath(); });
    connect(m_path, &QLineEdit::textEdited, this, [this] {
        m_pathEdited = true;
        updateState();
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(this, tr("Export report"), path());
        if (!chosen.isEmpty()) {
            setPath(chosen);
        }
    });
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, m_controller, &ExportController::cancel);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_controller, &ExportController::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_controller, &ExportController::finished, this, &ExportDialog::onFinished);

    // Start where the person most likely wants: the last scan, else the newest stored one.
    const bool preselected = scan && !m_sources.preselectedObjectId.empty();
    m_scopeButtons[scan ? (preselected ? 2 : 0) : (m_sources.history.empty() ? 0 : 3)]->setChecked(true);
    suggestPath();
    updateState();
}

ReportFormat ExportDialog::format() const
{
    return static_cast<ReportFormat>(m_format->currentData().toInt());
}

ExportDialog::Scope ExportDialog::scope() const
{
    return static_cast<Scope>(std::max(0, m_scope->checkedId()));
}

QString ExportDialog::path() const
{
    return m_path->text();
}

void ExportDialog::setFormat(ReportFormat format)
{
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(format)));
}

void ExportDialog::setScope(Scope scope)
{
    m_scopeButtons[static_cast<int>(scope)]->setChecked(true);
}

void ExportDialog::setPath(const QString& path)
{
    m_path->setText(path);
    m_pathEdited = true;
    updateState();
}

void ExportDialog::setObjectChecked(const std::string& objectId, bool checked)
{
    for (int i = 0; i < m_objects->count(); ++i) {
        if (m_objects->item(i)->data(Qt::UserRole).toString().toStdString() == objectId) {
            m_objects->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
        }
    }
}

void ExportDialog::setPastScan(qint64 scanId)
{
    m_past->setCurrentIndex(m_past->findData(static_cast<qlonglong>(scanId)));
}

ExportRequest ExportDialog::request() const
{
    ExportRequest r;
    r.format = format();
    r.path = path();
    r.includeWaived = m_waived->isChecked();
    r.includeRemediation = m_remediation->isChecked();
    r.detail = static_cast<ReportDetail>(m_detail->currentData().toInt());
    r.catalogue = m_sources.catalogue;
    r.cisVersion = m_sources.cisVersion;
    const int inventoryObjects =
        m_sources.scan
            ? m_sources.scan->inventory.containers.size() + m_sources.scan->inventory.images.size() +
                  m_sources.scan->inventory.networks.size() + m_sources.scan->inventory.volumes.size()
            : -1;
    switch (scope()) {
    case Scope::All:
        r.scan = m_sources.scan;
        r.scanId = m_sources.scanId;
        r.delta = m_sources.delta;
        r.baselineScanId = m_sources.baselineScanId;
        r.databasePath = m_sources.databasePath; // for the summary's trend only: the scan is in memory
        break;
    case Scope::Filter:
        r.scan = m_sources.filtered;
        r.scanId = m_sources.filteredScanId;
        r.objectCount = m_sources.filteredScanId == m_sources.scanId ? inventoryObjects : -1;
        break;
    case Scope::Objects: {
        std::set<std::string> keys;
        for (int i = 0; i < m_objects->count(); ++i) {
            if (m_objects->item(i)->checkState() == Qt::Checked) {
                keys.insert(m_objects->item(i)->data(KeyRole).toString().toStdString());
            }
        }
        if (m_sources.scan) {
            r.scan = std::make_shared<const ScanResult>(scopedScan(
                *m_sources.scan, [&keys](const Finding& f) { return keys.count(objectKey(f.object)) > 0; }));
        }
        r.scanId = m_sources.scanId;
        r.objectCount = static_cast<int>(keys.size());
        break;
    }
    case Scope::PastScan:
        r.storedScanId = m_past->currentData().toLongLong();
        r.databasePath = m_sources.databasePath;
        break;
    }
    return r;
}

void ExportDialog::suggestPath()
{
    if (m_pathEdited) {
        // Keep the person's folder and name, but follow the format's extension.
        const QFileInfo info(m_path->text());
        if (!info.fileName().isEmpty()) {
            m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') +
                                                QLatin1String(fileExtension(format()))));
        }
        return;
    }
    ScanResult named;
    qint64 id = 0;
    if (scope() == Scope::PastScan) {
        const qint64 wanted = m_past->currentData().toLongLong();
        for (const auto& s : m_sources.history) {
            if (s.id == wanted) {
                named.inventory.endpoint = s.endpoint;
                named.startedAtUnix = s.startedAtUnix;
                id = s.id;
            }
        }
    } else if (const ScanResult* s =
                   scope() == Scope::Filter ? m_sources.filtered.get() : m_sources.scan.get()) {
        named.inventory.endpoint = s->inventory.endpoint;
        named.startedAtUnix = s->startedAtUnix;
        id = scope() == Scope::Filter ? m_sources.filteredScanId : m_sources.scanId;
    }
    const QString dir = m_sources.directory.isEmpty() ? QDir::homePath() : m_sources.directory;
    m_path->setText(QDir(dir).filePath(QString::fromStdString(defaultReportFileName(named, id, format()))));
}

void ExportDialog::updateState()
{
    const bool running = m_controller->isRunning();
    m_objects->setEnabled(scope() == Scope::Objects && !running);
    m_past->setEnabled(scope() == Scope::PastScan && !running);
    bool ready = !m_path->text().trimmed().isEmpty();
    switch (scope()) {
    case Scope::All:
        ready = ready && m_sources.scan;
        break;
    case Scope::Filter:
        ready = ready && m_sources.filtered;
        break;
    case Scope::PastScan:
        ready = ready && m_past->count() > 0;
        break;
    case Scope::Objects: {
        bool any = false;
        for (int i = 0; i < m_objects->count() && !any; ++i) {
            any = m_objects->item(i)->checkState() == Qt::Checked;
        }
        ready = ready && any;
        break;
    }
    }
    m_export->setEnabled(ready && !running);
    m_cancel->setEnabled(running);
    m_detail->setEnabled(!running && (format() == ReportFormat::Html || format() == ReportFormat::Pdf));
    for (QWidget* w : {static_cast<QWidget*>(m_format), static_cast<QWidget*>(m_waived),
                       static_cast<QWidget*>(m_remediation), static_cast<QWidget*>(m_path),
                       static_cast<QWidget*>(m_browse)}) {
        w->setEnabled(!running);
    }
}

void ExportDialog::startExport()
{
    if (m_controller->isRunning() || !m_export->isEnabled()) {
        return;
    }
    m_message->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_controller->start(request());
    updateState();
}

void ExportDialog::onFinished(const ExportOutcome& outcome)
{
    m_progress->hide();
    updateState();
    if (outcome.cancelled) {
        m_message->showMessage(InlineMessage::Kind::Info, tr("Export cancelled; nothing was written."));
        return;
    }
    if (!outcome.ok()) {
        m_message->showMessage(InlineMessage::Kind::Error, outcome.error);
        return;
    }
    emit exported(outcome.path);
    if (m_open->isChecked() && m_opener) {
        m_opener(outcome.path);
    }
    accept();
}

void ExportDialog::reject()
{
    // Closing while an export runs cancels it; the controller waits for the worker and removes its temp file.
    m_controller->cancel();
    QDialog::reject();
}

} // namespace drydock::ui
