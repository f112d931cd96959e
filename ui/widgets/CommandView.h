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
    void setText(const QString& text);
    QString text() const;

public slots:
    void copyToClipboard();

signals:
    void copied();

private:
    QPlainTextEdit* m_edit;
    QPushButton* m_copy;
};

} // namespace drydock::ui
