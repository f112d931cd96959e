#pragma once
#include "core/common/Severity.h"
#include "core/findings/Finding.h"

#include <QColor>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace drydock::ui {

// std <-> Qt conversions used by every widget; the only place the UI turns core values into text and colour.
inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string ss(const QString& s) { return s.toStdString(); }
inline QStringList qsl(const std::vector<std::string>& v)
{
    QStringList out;
    out.reserve(static_cast<int>(v.size()));
    for (const auto& s : v) {
        out << qs(s);
    }
    return out;
}
inline QString severityText(Severity s)
{
    switch (s) {
    case Severity::Critical: return QStringLiteral("Critical");
    case Severity::High: return QStringLiteral("High");
    case Severity::Medium: return QStringLiteral("Medium");
    case Severity::Low: return QStringLiteral("Low");
    case Severity::Info: return QStringLiteral("Info");
    }
    return {};
}
// Colours chosen to stay readable on light and dark palettes (WCAG AA against white text).
inline QColor severityColor(Severity s)
{
    switch (s) {
    case Severity::Critical: return QColor(0x9b, 0x1c, 0x1c);
    case Severity::High: return QColor(0xc2, 0x41, 0x0c);
    case Severity::Medium: return QColor(0xa1, 0x62, 0x07);
    case Severity::Low: return QColor(0x1d, 0x4e, 0xd8);
    case Severity::Info: return QColor(0x4b, 0x55, 0x63);
    }
    return {};
}
inline QString dateText(std::int64_t unix)
{
    return unix ? QDateTime::fromSecsSinceEpoch(unix).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}
// Daemon text is untrusted: strip control characters before it reaches a label.
inline QString displayText(const std::string& s, int maxChars = 400)
{
    QString out = qs(s);
    for (QChar& c : out) {
        if (c.category() == QChar::Other_Control) {
            c = QChar(0xFFFD);
        }
    }
    if (out.size() > maxChars) {
        out = out.left(maxChars) + QChar(0x2026);
    }
    return out;
}

} // namespace drydock::ui
