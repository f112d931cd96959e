#include "ui/pages/FilesPage.h"

#include "core/common/Strings.h"
#include "core/files/FileReview.h"
#include "ui/bridge/FilesController.h"
#include "ui/bridge/QtConvert.h"
#include "ui/models/FileFindingsModel.h"
#include "ui/models/ProjectFilesModel.h"
#include "ui/widgets/ColumnFit.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/SeverityBadgeDelegate.h"
#include "ui/widgets/SourceView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace drydock::ui {

namespace {

// Notes one per line: each cleaned on its own, since displayText turns the newline that joined them into
// U+FFFD ("…by hand\uFFFDthe fix reads…" in one run-on strip).
QString notesText(const std::vector<std::string>& notes, int maxChars)
{
    QStringList lines;
    int left = maxChars;
    for (const auto& note : notes) {
        if (left <= 0) {
            break;
        }
        lines << displayText(note, left);
        left -= static_cast<int>(lines.back().size()) + 1;
    }
    return lines.join(QLatin1Char('\n'));
}

QTableView* makeTable(QWidget* parent, const QString& name)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setItemDelegate(new SeverityBadgeDelegate(view));
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    return view;
}

// Why a file's Fix tab is off: what a person can do instead.
QString noFixSentence(const FileReview& file)
{
    if (file.error) {
        return QObject::tr("No fix: the file could not be checked.");
    }
    if (file.findings.empty()) {
        return QObject::tr("Nothing to fix in this file.");
    }
    return QObject::tr("No automatic fix for these findings; each finding says what to change.");
}

} // namespace

FilesPage::FilesPage(FilesController* controller, QWidget* parent) : QWidget(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("filesPage"));
    m_stack = new QStackedWidget(this);

    // Before any folder: what the page is for, and the one thing to do.
    auto* empty = new QWidget(m_stack);
    auto* emptyText =
        new QLabel(tr("Open a project folder to check its compose files and Dockerfiles: each file is "
                      "listed with its worst finding, the findings are marked on the file's lines, and "
                      "fixes are shown as diffs you can copy or apply."),
                   empty);
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setFixedWidth(480);
    m_emptyOpen = new QPushButton(tr("Open project folder…"), empty);
    m_emptyOpen->setObjectName(QStringLiteral("openProjectFolderButton"));
    auto* emptyLayout = new QVBoxLayout(empty);
    // A wrapped label gets its height for its width only without an alignment: centred by stretches instead.
    auto* textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(emptyText);
    textRow->addStretch(1);
    emptyLayout->addStretch(1);
    emptyLayout->addLayout(textRow);
    emptyLayout->addWidget(m_emptyOpen, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    connect(m_emptyOpen, &QPushButton::clicked, this, &FilesPage::openFolderRequested);

    auto* content = new QWidget(m_stack);
    m_folderLabel = new QLabel(content);
    m_folderLabel->setTextFormat(Qt::PlainText);
    m_busy = new QProgressBar(content);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->setFormat(tr("Checking…"));
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_cancel = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel"), content);
    m_cancel->setObjectName(QStringLiteral("cancelCheckButton"));
    m_cancel->hide();
    m_recheck = new QPushButton(QIcon(QStringLiteral(":/icons/scan.svg")), tr("Check again"), content);
    m_recheck->setObjectName(QStringLiteral("recheckButton"));
    auto* other = new QPushButton(tr("Open another folder…"), content);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_folderLabel, 1);
    bar->addWidget(m_busy);
    bar->addWidget(m_cancel);
    bar->addWidget(m_recheck);
    bar->addWidget(other);
    connect(other, &QPushButton::clicked, this, &FilesPage::openFolderRequested);
    connect(m_cancel, &QPushButton::clicked, m_controller, &FilesController::cancel);
    connect(m_recheck, &QPushButton::clicked, m_controller, &FilesController::recheck);

    m_message = new InlineMessage(content);
    m_message->setObjectName(QStringLiteral("filesMessage"));

    m_filesModel = new ProjectFilesModel(this);
    m_filesView = makeTable(content, QStringLiteral("projectFiles"));
    m_filesView->setModel(m_filesModel);
    m_filesView->setTextElideMode(Qt::ElideMiddle); // a path's file name is its end
    m_filesView->setMinimumWidth(280);
    // Columns as wide as their contents, the rest of the pane to the last one.
    m_filesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_filesView->horizontalHeader()->setSectionResizeMode(ProjectFilesModel::FixColumn, QHeaderView::Stretch);
    connect(m_filesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showRow(current.row()); });

    auto* right = new QWidget(content);
    m_fileMessage = new InlineMessage(right);
    m_fileMessage->setObjectName(QStringLiteral("fileMessage"));
    m_findingsModel = new FileFindingsModel(this);
    m_findingsProxy = new QSortFilterProxyModel(this);
    m_findingsProxy->setSourceModel(m_findingsModel);
    m_findingsProxy->setSortRole(FileFindingsModel::SortRole);
    m_findingsView = makeTable(right, QStringLiteral("fileFindings"));
    m_findingsView->setModel(m_findingsProxy);
    m_findingsView->setSortingEnabled(true);
    m_findingsView->sortByColumn(FileFindingsModel::LineColumn, Qt::AscendingOrder);
    auto* header = m_findingsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(FileFindingsModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(FileFindingsModel::SeverityColumn, 90);
    header->resizeSection(FileFindingsModel::RuleColumn, 80);
    header->resizeSection(FileFindingsModel::LineColumn, 70);
    header->resizeSection(FileFindingsModel::EvidenceColumn, 260);
    connect(m_findingsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FilesPage::showFinding);
    connect(m_findingsView, &QTableView::clicked, this, &FilesPage::showFinding);

    m_tabs = new QTabWidget(right);
    m_tabs->setObjectName(QStringLiteral("fileTabs"));
    m_source = new SourceView(m_tabs);
    m_diff = new DiffView(m_tabs);
    m_tabs->addTab(m_source, tr("File"));
    m_tabs->addTab(m_diff, tr("Fix"));
    m_noFix = new QLabel(m_tabs);
    m_noFix->setObjectName(QStringLiteral("noFixLabel"));
    m_noFix->setTextFormat(Qt::PlainText);
    m_noFix->setContentsMargins(8, 0, 8, 0);
    m_tabs->setCornerWidget(m_noFix, Qt::TopRightCorner);
    connect(m_diff, &DiffView::applyRequested, this, [this] {
        m_diff->setApplying(true);
        m_controller->applyFix(m_selectedPath);
    });

    auto* vertical = new QSplitter(Qt::Vertical, right);
    vertical->addWidget(m_findingsView);
    vertical->addWidget(m_tabs);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    vertical->setSizes({240, 420});
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_fileMessage);
    rightLayout->addWidget(vertical, 1);

    auto* split = new QSplitter(Qt::Horizontal, content);
    split->addWidget(m_filesView);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({420, 880}); // proportions until shown: the list wide enough for "web/Dockerfile … Yes"
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(bar);
    contentLayout->addWidget(m_message);
    contentLayout->addWidget(split, 1);

    m_stack->addWidget(empty);
    m_stack->addWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_controller, &FilesController::started, this, &FilesPage::onStarted);
    connect(m_controller, &FilesController::finished, this, &FilesPage::onFinished);
    connect(m_controller, &FilesController::failed, this, [this](const QString& error) {
        setBusy(false);
        m_message->showMessage(InlineMessage::Kind::Error, error);
    });
    connect(m_controller, &FilesController::cancelled, this, [this] {
        setBusy(false);
        m_message->showMessage(InlineMessage::Kind::Info,
                               m_controller->review()
                                   ? tr("Check cancelled; the list is from the last finished check.")
                                   : tr("Check cancelled; nothing was checked."));
    });
    connect(m_controller, &FilesController::applied, this,
            [this](const QString& path, const QString& backup) {
                m_diff->setApplying(false);
                m_message->showMessage(
                    InlineMessage::Kind::Info,
                    tr("The fix was written to %1; the file as it was is kept in %2.")
                        .arg(ProjectFilesModel::displayPath(ss(path), m_controller->folder()), backup));
            });
    connect(m_controller, &FilesController::applyFailed, this, [this](const QString&, const QString& error) {
        m_diff->setApplying(false);
        m_message->showMessage(InlineMessage::Kind::Error, error);
    });
}

void FilesPage::setConfirmPrompt(FixConfirmPrompt prompt)
{
    m_diff->setConfirmPrompt(std::move(prompt));
}

bool FilesPage::isShowingEmptyState() const
{
    return m_stack->currentIndex() == 0;
}

void FilesPage::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_cancel->setVisible(busy);
    m_recheck->setEnabled(!busy);
}

void FilesPage::onStarted()
{
    m_stack->setCurrentIndex(1);
    m_folderLabel->setText(tr("Folder: %1").arg(displayText(ss(m_controller->folder()), 300)));
    setBusy(true);
}

void FilesPage::onFinished(const std::shared_ptr<const ProjectReview>& review)
{
    setBusy(false);
    const QString keep = m_selectedPath;
    const int keepTab = m_tabs->currentIndex();
    m_filesModel->setReview(review, m_controller->folder());
    // A message of the last apply stays; otherwise the folder's notes, or that it holds nothing to check.
    if (m_message->text().isEmpty() || m_message->text().startsWith(tr("Check cancelled"))) {
        m_message->hide();
    }
    if (review->files.empty()) {
        m_message->showMessage(
            InlineMessage::Kind::Info,
            tr("No compose files or Dockerfiles under %1.").arg(displayText(ss(m_controller->folder()))));
    } else if (!review->notes.empty() && !m_message->isVisible()) {
        m_message->showMessage(InlineMessage::Kind::Info, notesText(review->notes, 2000));
    }
    int row = m_filesModel->rowOf(keep);
    if (row < 0) {
        row = m_filesModel->rowCount() > 0 ? 0 : -1;
    }
    m_selectedPath.clear();
    if (row >= 0) {
        m_filesView->selectRow(row);
        showRow(row); // also when the row was already current: its review is new
        if (keepTab == FixTab && m_tabs->isTabEnabled(FixTab)) {
            m_tabs->setCurrentIndex(FixTab);
        }
    } else {
        showRow(-1);
    }
}

bool FilesPage::selectFile(const QString& path)
{
    const int row = m_filesModel->rowOf(path);
    if (row < 0) {
        return false;
    }
    m_filesView->selectRow(row);
    showRow(row);
    return true;
}

void FilesPage::showRow(int row)
{
    const FileReview* file = m_filesModel->fileAt(row);
    if (file == nullptr) {
        m_selectedPath.clear();
        m_findingsModel->clear();
        m_source->setSource({}, {});
        m_diff->clear();
        m_fileMessage->hide();
        m_tabs->setTabEnabled(FixTab, false);
        m_noFix->clear();
        return;
    }
    const QString path = qs(file->path);
    m_selectedPath = path;
    const QString folder = m_controller->folder();
    m_findingsModel->setFile(*file, folder);
    // Rule ids and severities whole, whatever the font (the sections' first widths are guesses).
    QStringList rules;
    for (int r = 0; r < m_findingsModel->rowCount(); ++r) {
        rules << m_findingsModel->index(r, FileFindingsModel::RuleColumn).data().toString();
    }
    fitColumnToTexts(*m_findingsView, FileFindingsModel::RuleColumn, rules);
    // The severity pills: as wide as the badge delegate asks (a file has few findings: every row is
    // measured).
    m_findingsView->resizeColumnToContents(FileFindingsModel::SeverityColumn);
    std::vector<SourceLineMark> marks;
    for (const Finding& f : file->findings) {
        if (FileFindingsModel::locatedIn(f, *file)) {
            marks.push_back({f.location->line, f.severity, displayText(f.ruleId + " " + f.title, 300)});
        }
    }
    // Shown with every secret value masked, as everywhere Drydock shows text; Apply writes the real fix.
    m_source->setSource(maskedFileText(file->originalText, file->kind), marks);
    if (file->error) {
        m_fileMessage->showMessage(InlineMessage::Kind::Error, displayText(file->error->message, 2000));
    } else if (!file->notes.empty()) {
        m_fileMessage->showMessage(InlineMessage::Kind::Info, notesText(file->notes, 2000));
    } else {
        m_fileMessage->hide();
    }
    const bool fixable = file->fixedText.has_value() && *file->fixedText != file->originalText;
    if (fixable) {
        m_diff->setFix(ProjectFilesModel::displayPath(file->path, folder),
                       maskedFileText(file->originalText, file->kind),
                       maskedFileText(*file->fixedText, file->kind));
        m_noFix->clear();
        m_tabs->setTabToolTip(FixTab, tr("The fix as a side-by-side diff, to copy or apply"));
    } else {
        m_diff->clear();
        const QString why = noFixSentence(*file);
        m_noFix->setText(why);
        m_tabs->setTabToolTip(FixTab, why);
    }
    m_tabs->setTabEnabled(FixTab, fixable);
    if (!fixable) {
        m_tabs->setCurrentIndex(FileTab);
    }
}

void FilesPage::showFinding(const QModelIndex& proxyIndex)
{
    if (!proxyIndex.isValid()) {
        return;
    }
    const int line = m_findingsProxy->data(proxyIndex, FileFindingsModel::LineRole).toInt();
    if (line > 0) {
        m_tabs->setCurrentIndex(FileTab);
        m_source->showLine(line);
    }
}

} // namespace drydock::ui
