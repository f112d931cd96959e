#include "ui/widgets/DiffView.h"

#include "ui/bridge/QtConvert.h"
#include "ui/widgets/CodeTextView.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace drydock::ui {

FixConfirmPrompt defaultFixConfirmPrompt()
{
    return [](QWidget* parent, const QString& question) {
        return QMessageBox::question(parent, QObject::tr("Apply the fix to the file"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };
}

namespace {

void syncScrollBars(QScrollBar* a, QScrollBar* b)
{
    // setValue with the value a bar already has emits nothing, so the pair does not loop.
    QObject::connect(a, &QScrollBar::valueChanged, b, &QScrollBar::setValue);
    QObject::connect(b, &QScrollBar::valueChanged, a, &QScrollBar::setValue);
}

} // namespace

DiffView::DiffView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("diffView"));
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_copy = new QPushButton(QIcon(QStringLiteral(":/icons/copy.svg")), tr("&Copy diff"), this);
    m_copy->setObjectName(QStringLiteral("copyDiffButton"));
    m_copy->setToolTip(
        tr("Put the fix on the clipboard as a unified diff (patch -p1 applies it in the folder)"));
    m_apply = new QPushButton(tr("&Apply to file…"), this);
    m_apply->setObjectName(QStringLiteral("applyFixButton"));
    m_apply->setToolTip(tr("Write the fixed text into the file, keeping a backup of the file beside it"));
    m_before = new CodeTextView(this);
    m_before->setObjectName(QStringLiteral("diffBefore"));
    m_after = new CodeTextView(this);
    m_after->setObjectName(QStringLiteral("diffAfter"));
    syncScrollBars(m_before->verticalScrollBar(), m_after->verticalScrollBar());
    syncScrollBars(m_before->horizontalScrollBar(), m_after->horizontalScrollBar());
    connect(m_copy, &QPushButton::clicked, this, &DiffView::copyDiff);
    connect(m_apply, &QPushButton::clicked, this, &DiffView::requestApply);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_copy);
    bar->addWidget(m_apply);
    auto* headings = new QHBoxLayout;
    auto* left = new QLabel(tr("As checked"), this);
    auto* right = new QLabel(tr("With the fix"), this);
    for (QLabel* label : {left, right}) {
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        headings->addWidget(label, 1);
    }
    auto* sides = new QHBoxLayout;
    sides->setSpacing(4);
    sides->addWidget(m_before, 1);
    sides->addWidget(m_after, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addLayout(headings);
    layout->addLayout(sides, 1);
    clear();
}

std::vector<DiffView::Row> DiffView::alignRows(const std::vector<DiffLine>& lines)
{
    std::vector<Row> rows;
    std::size_t i = 0;
    while (i < lines.size()) {
        if (lines[i].op == DiffLine::Op::Kept) {
            rows.push_back({Row::Kind::Kept, lines[i].beforeLine, lines[i].afterLine});
            ++i;
            continue;
        }
        std::vector<int> removed;
        std::vector<int> added;
        for (; i < lines.size() && lines[i].op != DiffLine::Op::Kept; ++i) {
            if (lines[i].op == DiffLine::Op::Removed) {
                removed.push_back(lines[i].beforeLine);
            } else {
                added.push_back(lines[i].afterLine);
            }
        }
        for (std::size_t k = 0; k < std::max(removed.size(), added.size()); ++k) {
            const int b = k < removed.size() ? removed[k] : 0;
            const int a = k < added.size() ? added[k] : 0;
            rows.push_back({b && a ? Row::Kind::Changed : (b ? Row::Kind::Removed : Row::Kind::Added), b, a});
        }
    }
    return rows;
}

void DiffView::setFix(const QString& displayPath, const std::string& before, const std::string& after)
{
    m_path = displayPath;
    m_diff = qs(unifiedDiff(before, after, ss(displayPath)));
    m_rows = alignRows(diffLines(before, after));
    const QStringList beforeLines = CodeTextView::visibleLines(before);
    const QStringList afterLines = CodeTextView::visibleLines(after);
    QStringList left;
    QStringList right;
    std::vector<int> leftNumbers;
    std::vector<int> rightNumbers;
    int removed = 0;
    int added = 0;
    for (const Row& row : m_rows) {
        left << (row.beforeLine > 0 ? beforeLines.value(row.beforeLine - 1) : QString());
        right << (row.afterLine > 0 ? afterLines.value(row.afterLine - 1) : QString());
        leftNumbers.push_back(row.beforeLine);
        rightNumbers.push_back(row.afterLine);
        removed += row.kind == Row::Kind::Changed || row.kind == Row::Kind::Removed ? 1 : 0;
        added += row.kind == Row::Kind::Changed || row.kind == Row::Kind::Added ? 1 : 0;
    }
    m_before->setLines(left);
    m_before->setLineNumbers(std::move(leftNumbers));
    m_after->setLines(right);
    m_after->setLineNumbers(std::move(rightNumbers));
    m_summary->setText(
        tr("%1: %n line(s) removed, ", nullptr, removed).arg(displayText(ss(displayPath), 200)) +
        tr("%n line(s) added.", nullptr, added));
    paintRows();
    m_copy->setEnabled(!m_diff.isEmpty());
    m_apply->setEnabled(!m_diff.isEmpty() && !m_applying);
}

void DiffView::clear()
{
    m_path.clear();
    m_diff.clear();
    m_rows.clear();
    m_before->setLines({});
    m_before->setLineNumbers({});
    m_after->setLines({});
    m_after->setLineNumbers({});
    m_before->setExtraSelections({});
    m_after->setExtraSelections({});
    m_summary->clear();
    m_copy->setEnabled(false);
    m_apply->setEnabled(false);
}

void DiffView::setApplying(bool applying)
{
    m_applying = applying;
    m_apply->setEnabled(!m_diff.isEmpty() && !applying);
}

void DiffView::paintRows()
{
    const QPalette& p = palette();
    const QColor red = tintedBackground(p, QColor(0xd9, 0x30, 0x25));
    const QColor green = tintedBackground(p, QColor(0x1e, 0x8e, 0x3e));
    const QColor padding = p.color(QPalette::AlternateBase);
    QList<QTextEdit::ExtraSelection> left;
    QList<QTextEdit::ExtraSelection> right;
    const auto mark = [](QList<QTextEdit::ExtraSelection>& list, CodeTextView* view, int row,
                         const QColor& colour) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(view->document()->findBlockByNumber(row));
        s.format.setBackground(colour);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        list << s;
    };
    for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
        switch (m_rows[static_cast<std::size_t>(row)].kind) {
        case Row::Kind::Kept:
            break;
        case Row::Kind::Changed:
            mark(left, m_before, row, red);
            mark(right, m_after, row, green);
            break;
        case Row::Kind::Removed:
            mark(left, m_before, row, red);
            mark(right, m_after, row, padding);
            break;
        case Row::Kind::Added:
            mark(left, m_before, row, padding);
            mark(right, m_after, row, green);
            break;
        }
    }
    m_before->setExtraSelections(left);
    m_after->setExtraSelections(right);
}

void DiffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_rows.empty()) {
        paintRows(); // the tints follow a light or dark theme
    }
}

void DiffView::copyDiff()
{
    if (m_diff.isEmpty()) {
        return;
    }
    QGuiApplication::clipboard()->setText(m_diff);
    emit copied();
}

void DiffView::requestApply()
{
    if (m_diff.isEmpty() || m_applying) {
        return;
    }
    const QString name = displayText(ss(m_path), 200);
    const QString question = tr("Write the fix into %1?\n\nDrydock first copies the file as it is now to a "
                                "backup beside it (%2), and "
                                "writes nothing if the file changed since it was checked.")
                                 .arg(name, name + QStringLiteral(".drydock-backup"));
    if (m_confirm && m_confirm(this, question)) {
        emit applyRequested();
    }
}

} // namespace drydock::ui
