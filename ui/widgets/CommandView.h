#pragma once
#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace drydock::ui {

// A read-only monospace block (a command, a compose snippet, a Dockerfile change) with a Copy button.
class CommandView : public QWidget
{
    Q_OBJECT
public:
    explicit CommandView(QWidget* parent = nullptr);
    // Core renders commands with visible escapes. A text that still holds hidden characters (recorded by an
    // older Drydock) is shown with visible escapes and cannot be copied: escaping it would change its words.
    void setText(const QString& text);
    // Exactly what Copy puts on the clipboard (the widget's own text would turn a no-break space into a
    // space).
    QString text() const;

public slots:
    void copyToClipboard();

signals:
    void copied();

private:
    QPlainTextEdit* m_edit;
    QPushButton* m_copy;
    QString m_text;
    bool m_copyable = false;
};

} // namespace drydock::ui
