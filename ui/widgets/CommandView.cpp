#include "ui/widgets/CommandView.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace drydock::ui {

CommandView::CommandView(QWidget* parent) : QWidget(parent)
{
    m_edit = new QPlainTextEdit(this);
    m_edit->setReadOnly(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setObjectName(QStringLiteral("commandText"));
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setToolTip(tr("Copy to the clipboard (Ctrl+Shift+C)"));
    connect(m_copy, &QPushButton::clicked, this, &CommandView::copyToClipboard);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addLayout(buttons);
}

void CommandView::setText(const QString& text)
{
    m_edit->setPlainText(text);
    m_copy->setEnabled(!text.isEmpty());
}

QString CommandView::text() const { return m_edit->toPlainText(); }

void CommandView::copyToClipboard()
{
    if (text().isEmpty()) {
        return;
    }
    QApplication::clipboard()->setText(text());
    emit copied();
}

} // namespace drydock::ui
