#pragma once
#include <QFrame>

class QLabel;

namespace drydock::ui {

// A dismissible message strip inside a page (instead of modal error boxes): what happened and what to do.
class InlineMessage : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Info,
        Warning,
        Error
    };
    explicit InlineMessage(QWidget* parent = nullptr);
    void showMessage(Kind kind, const QString& text);
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColours();
    QLabel* m_label;
    Kind m_kind = Kind::Info;
    bool m_inPaletteChange = false;
};

} // namespace drydock::ui
