#include "ui/widgets/CommandView.h"

#include "core/common/Strings.h"
#include "core/common/VisibleText.h"

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
    const std::string raw = text.toStdString();
    bool hidden = false;
    std::vector<std::string> lines = split(raw, '\n');
    for (auto& line : lines) {
        hidden = hidden || hasHiddenCharacters(line);
        line = visibleText(line);
    }
    m_text = text;
    m_copyable = !text.isEmpty() && !hidden;
    m_edit->setPlainText(hidden ? QString::fromStdString(join(lines, "\n")) : text);
    m_copy->setEnabled(m_copyable);
    m_copy->setToolTip(hidden ? tr("This text holds control characters (it was recorded by an older Drydock "
                                   "version); rescan to get a command that can be copied safely.")
                              : tr("Copy to the clipboard (Ctrl+Shift+C)"));
}

QString CommandView::text() const
{
    return m_text;
}

void CommandView::copyToClipboard()
{
    if (!m_copyable) {
        return;
    }
    QApplication::clipboard()->setText(m_text);
    emit copied();
}

} // namespace drydock::ui
