#pragma once
#include <QPlainTextEdit>
#include <QStringList>

#include <string_view>
#include <vector>

namespace drydock::ui {

// A read-only, unwrapped, monospace view of a file's text with a line-number gutter. The text is untrusted:
// it is only ever set as plain text, and its hidden characters (controls, NUL, bidirectional overrides,
// invalid UTF-8) are shown as visible escapes, so what is on screen is what the file holds.
class CodeTextView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeTextView(QWidget* parent = nullptr);

    // The file's lines as shown: split at '\n' (a CRLF's '\r' is part of the line ending), each line through
    // VisibleText with its tabs kept. A final newline does not open an empty last line.
    static QStringList visibleLines(std::string_view text);
    // One row per line; the gutter numbers them 1… unless setLineNumbers says otherwise.
    void setLines(const QStringList& lines);
    // The number beside each row (0: none, for a padding row); empty numbers the rows 1….
    void setLineNumbers(std::vector<int> numbers);
    // Whether the row (0-based) is inside the viewport now.
    bool isRowVisible(int row) const;
    int gutterWidth() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    friend class CodeGutter;
    void paintGutter(QPaintEvent* event);
    void updateGutter(const QRect& rect, int dy);

    QWidget* m_gutter;
    std::vector<int> m_numbers;
};

} // namespace drydock::ui
