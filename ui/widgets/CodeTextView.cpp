#include "ui/widgets/CodeTextView.h"

#include "core/common/VisibleText.h"
#include "ui/bridge/QtConvert.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace drydock::ui {

// The strip left of the text that CodeTextView paints its line numbers on.
class CodeGutter : public QWidget
{
public:
    explicit CodeGutter(CodeTextView* view) : QWidget(view), m_view(view) {}
    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_view->paintGutter(event); }

private:
    CodeTextView* m_view;
};

CodeTextView::CodeTextView(QWidget* parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Left to right whatever the text holds: a right-to-left first letter must not flip the whole view. Set
    // before the wrap mode, which lives in the same option: one row per line keeps the diff's sides aligned.
    document()->setDefaultTextOption(QTextOption(Qt::AlignLeft | Qt::AlignAbsolute));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setLayoutDirection(Qt::LeftToRight);
    m_gutter = new CodeGutter(this);
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeTextView::updateGutter);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

QStringList CodeTextView::visibleLines(std::string_view text)
{
    QStringList lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        const bool last = end == std::string_view::npos;
        if (last) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (!last && !line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        QString shown;
        std::size_t from = 0;
        for (;;) {
            const std::size_t tab = line.find('\t', from);
            shown +=
                qs(visibleText(line.substr(from, tab == std::string_view::npos ? line.npos : tab - from)));
            if (tab == std::string_view::npos) {
                break;
            }
            shown += QLatin1Char('\t');
            from = tab + 1;
        }
        lines << shown;
        start = end + 1;
    }
    return lines;
}

void CodeTextView::setLines(const QStringList& lines)
{
    setPlainText(lines.join(QLatin1Char('\n')));
    setViewportMargins(gutterWidth(), 0, 0, 0);
    m_gutter->update();
}

void CodeTextView::setLineNumbers(std::vector<int> numbers)
{
    m_numbers = std::move(numbers);
    setViewportMargins(gutterWidth(), 0, 0, 0);
    m_gutter->update();
}

bool CodeTextView::isRowVisible(int row) const
{
    const QTextBlock block = document()->findBlockByNumber(row);
    if (!block.isValid()) {
        return false;
    }
    const QRectF rect = blockBoundingGeometry(block).translated(contentOffset());
    return rect.top() >= 0 && rect.bottom() <= viewport()->height() + 1;
}

int CodeTextView::gutterWidth() const
{
    int largest = std::max(1, blockCount());
    for (const int n : m_numbers) {
        largest = std::max(largest, n);
    }
    int digits = 1;
    for (; largest >= 10; largest /= 10) {
        ++digits;
    }
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(digits, 2);
}

void CodeTextView::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void CodeTextView::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0) {
        m_gutter->scroll(0, dy);
    } else {
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    }
}

void CodeTextView::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    const QPalette& p = palette();
    painter.fillRect(event->rect(), p.color(QPalette::AlternateBase));
    painter.setPen(p.color(QPalette::PlaceholderText));
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        const int row = block.blockNumber();
        const int number =
            m_numbers.empty()
                ? row + 1
                : (row < static_cast<int>(m_numbers.size()) ? m_numbers[static_cast<std::size_t>(row)] : 0);
        if (block.isVisible() && number > 0 && top + height >= event->rect().top()) {
            painter.drawText(0, top, m_gutter->width() - 6, height, Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(number));
        }
        top += height;
        block = block.next();
    }
}

} // namespace drydock::ui
