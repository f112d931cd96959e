#include "ui/widgets/SourceView.h"

#include "ui/bridge/QtConvert.h"

#include <QHelpEvent>
#include <QTextBlock>
#include <QToolTip>

namespace drydock::ui {

SourceView::SourceView(QWidget* parent) : CodeTextView(parent)
{
    setObjectName(QStringLiteral("sourceView"));
}

void SourceView::setSource(std::string_view text, const std::vector<SourceLineMark>& marks)
{
    m_marks.clear();
    m_highlighted = 0;
    setLines(visibleLines(text));
    for (const SourceLineMark& mark : marks) {
        if (mark.line < 1 || mark.line > blockCount()) {
            continue; // a location past the text (the file changed since): the table still lists it
        }
        auto it = m_marks.find(mark.line);
        if (it == m_marks.end()) {
            it = m_marks.insert(mark.line, LineMarks{mark.severity, {}});
        }
        it->worst = std::max(it->worst, mark.severity);
        if (!it->titles.contains(mark.title)) {
            it->titles << mark.title;
        }
    }
    applySelections();
}

void SourceView::showLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid()) {
        return;
    }
    m_highlighted = line;
    setTextCursor(QTextCursor(block));
    centerCursor();
    applySelections();
}

std::optional<Severity> SourceView::markedSeverity(int line) const
{
    const auto it = m_marks.constFind(line);
    return it == m_marks.cend() ? std::nullopt : std::optional<Severity>(it->worst);
}

QString SourceView::lineToolTip(int line) const
{
    const auto it = m_marks.constFind(line);
    return it == m_marks.cend() ? QString() : it->titles.join(QLatin1Char('\n'));
}

void SourceView::applySelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    for (auto it = m_marks.cbegin(); it != m_marks.cend(); ++it) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(document()->findBlockByNumber(it.key() - 1));
        s.format.setBackground(tintedBackground(palette(), severityColor(it->worst)));
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << s;
    }
    if (m_highlighted > 0) {
        // The selected finding's line: the severity tint deepened, with a frame-like underline of the accent.
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(document()->findBlockByNumber(m_highlighted - 1));
        QColor accent = palette().color(QPalette::Highlight);
        accent.setAlpha(120);
        s.format.setBackground(accent);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << s;
    }
    setExtraSelections(selections);
}

bool SourceView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int line = cursorForPosition(help->pos()).blockNumber() + 1;
        const QString titles = lineToolTip(line);
        if (titles.isEmpty()) {
            QToolTip::hideText();
        } else {
            // Escaped and wrapped in <p> so the tooltip is never read as rich text from the titles
            // themselves.
            QToolTip::showText(
                help->globalPos(),
                QStringLiteral("<p style='white-space:pre'>%1</p>").arg(titles.toHtmlEscaped()), this);
        }
        return true;
    }
    return CodeTextView::viewportEvent(event);
}

void SourceView::changeEvent(QEvent* event)
{
    CodeTextView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applySelections();
    }
}

} // namespace drydock::ui
