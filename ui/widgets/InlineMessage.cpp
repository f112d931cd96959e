#include "ui/widgets/InlineMessage.h"

#include "ui/bridge/QtConvert.h"

#include <QEvent>
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
    m_kind = kind;
    m_label->setText(text);
    applyColours();
    show();
}

void InlineMessage::applyColours()
{
    // Colours from the palette (light or dark), tinted with the kind's accent.
    const QColor accents[] = {QColor(0x1a, 0x73, 0xe8), QColor(0xf9, 0xab, 0x00), QColor(0xd9, 0x30, 0x25)};
    const QColor accent = accents[static_cast<int>(m_kind)];
    setStyleSheet(QStringLiteral("#inlineMessage { background: %1; border: 1px solid %2; border-radius: 6px; }"
                                 " QLabel { color: %3; }")
                      .arg(tintedBackground(palette(), accent).name(), accent.name(),
                           palette().color(QPalette::WindowText).name()));
}

void InlineMessage::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_inPaletteChange) {
        m_inPaletteChange = true; // setStyleSheet itself sends a palette change
        applyColours();
        m_inPaletteChange = false;
    }
}

QString InlineMessage::text() const { return isVisible() ? m_label->text() : QString(); }

} // namespace drydock::ui
