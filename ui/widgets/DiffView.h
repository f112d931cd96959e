#pragma once
#include "core/files/UnifiedDiff.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <string>
#include <vector>

class QLabel;
class QPushButton;

namespace drydock::ui {

class CodeTextView;

// Asks whether to write a fix into a file (a modal question in the application, an answer in tests).
using FixConfirmPrompt = std::function<bool(QWidget* parent, const QString& question)>;
FixConfirmPrompt defaultFixConfirmPrompt();

// A file's fix side by side: the reviewed text left, the fixed text right, in aligned rows (removed lines
// red, added green, blank padding opposite), both sides scrolling together; Copy diff puts the unified diff
// on the clipboard, Apply to file asks first (naming the file and the backup) and then emits applyRequested.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    // One row of both sides.
    struct Row
    {
        enum class Kind
        {
            Kept,
            Changed, // a removed line beside the added line that replaces it
            Removed, // padding on the right
            Added    // padding on the left
        };
        Kind kind = Kind::Kept;
        int beforeLine = 0; // 0: padding
        int afterLine = 0;
    };

    explicit DiffView(QWidget* parent = nullptr);
    void setConfirmPrompt(FixConfirmPrompt prompt) { m_confirm = std::move(prompt); }
    // displayPath names the file in the diff's headers (relative to the folder, so `patch -p1` applies it
    // there) and in the question.
    void setFix(const QString& displayPath, const std::string& before, const std::string& after);
    void clear();
    // While a fix is written: Apply is disabled.
    void setApplying(bool applying);

    // The rows laid out from diffLines: runs of removed and added lines paired, the shorter side padded.
    static std::vector<Row> alignRows(const std::vector<DiffLine>& lines);
    const std::vector<Row>& rows() const { return m_rows; }
    QString unifiedDiffText() const { return m_diff; }
    CodeTextView* beforeView() const { return m_before; }
    CodeTextView* afterView() const { return m_after; }
    QPushButton* copyButton() const { return m_copy; }
    QPushButton* applyButton() const { return m_apply; }

public slots:
    void copyDiff();
    // Asks through the prompt; on yes, applyRequested.
    void requestApply();

signals:
    void copied();
    void applyRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void paintRows();

    FixConfirmPrompt m_confirm = defaultFixConfirmPrompt();
    QString m_path;
    QString m_diff;
    std::vector<Row> m_rows;
    QLabel* m_summary;
    CodeTextView* m_before;
    CodeTextView* m_after;
    QPushButton* m_copy;
    QPushButton* m_apply;
    bool m_applying = false;
};

} // namespace drydock::ui
