#pragma once
#include "core/common/Severity.h"
#include "ui/widgets/CodeTextView.h"

#include <QMap>

#include <optional>
#include <string_view>
#include <vector>

namespace drydock::ui {

// A finding's line in the file the Files page shows: how bad, and the title its tooltip lists.
struct SourceLineMark
{
    int line = 0; // 1-based
    Severity severity = Severity::Info;
    QString title;
};

// The Files page's read-only view of one reviewed file: its text as plain text with line numbers, each
// finding's line painted in its severity's tint (the worst when several share a line) with the findings'
// titles as the line's tooltip, and the line a selected finding points at scrolled into view and highlighted.
class SourceView : public CodeTextView
{
    Q_OBJECT
public:
    explicit SourceView(QWidget* parent = nullptr);

    // The file's bytes (untrusted) and its marks; clears the highlighted line.
    void setSource(std::string_view text, const std::vector<SourceLineMark>& marks);
    // Scrolls line (1-based) into the middle of the view and highlights it; out of range: nothing.
    void showLine(int line);
    int highlightedLine() const { return m_highlighted; } // 0: none
    std::optional<Severity> markedSeverity(int line) const;
    QString lineToolTip(int line) const; // the titles of the line's findings, one a line; empty unmarked
    QList<int> markedLines() const { return m_marks.keys(); }

protected:
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // All of one line's marks.
    struct LineMarks
    {
        Severity worst = Severity::Info;
        QStringList titles;
    };
    void applySelections();

    QMap<int, LineMarks> m_marks;
    int m_highlighted = 0;
};

} // namespace drydock::ui
