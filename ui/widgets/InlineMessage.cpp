#include "ui/widgets/InlineMessage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace drydock::ui {

InlineMessage::InlineMessage(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("inlineMessage"));
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // daemon text is never interpreted as HTML
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void InlineMessage::showMessage(Kind kind, const QString& text)
{
    const char* colors[] = {"#e8f0fe; border: 1px solid #8ab4f8", "#fef7e0; border: 1px solid #f9ab00",
                            "#fce8e6; border: 1px solid #d93025"};
    setStyleSheet(QStringLiteral("#inlineMessage { background: %1; border-radius: 6px; } QLabel { color: #202124; }")
                      .arg(QLatin1String(colors[static_cast<int>(kind)])));
    m_label->setText(text);
    show();
}

QString InlineMessage::text() const { return isVisible() ? m_label->text() : QString(); }

} // namespace drydock::ui
