#pragma once
#include "core/common/Severity.h"
#include "core/findings/Finding.h"

#include <QColor>
#include <QDateTime>
#include <QPalette>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
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
// WCAG 2 contrast ratio of two colours (1 … 21); 4.5 is the minimum for normal text.
inline double contrastRatio(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double l1 = luminance(a);
    const double l2 = luminance(b);
    return (std::max(l1, l2) + 0.05) / (std::min(l1, l2) + 0.05);
}
// Qt 6.4 has no colour-scheme API: a palette whose window is dark is a dark theme.
inline bool isDarkPalette(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }
// A severity as text colour on the palette's base: the badge colours on light themes, lighter tints of the
// same hues on dark ones, so a red "Critical" stays readable on a dark table.
inline QColor severityTextColor(Severity s, const QPalette& palette)
{
    if (!isDarkPalette(palette)) {
        return severityColor(s);
    }
    switch (s) {
    case Severity::Critical: return QColor(0xfc, 0xa5, 0xa5);
    case Severity::High: return QColor(0xfd, 0xba, 0x74);
    case Severity::Medium: return QColor(0xfc, 0xd3, 0x4d);
    case Severity::Low: return QColor(0x93, 0xc5, 0xfd);
    case Severity::Info: return QColor(0xd1, 0xd5, 0xdb);
    }
    return palette.color(QPalette::Text);
}
// A soft background of the accent's hue for message strips, derived from the palette's window colour.
inline QColor tintedBackground(const QPalette& palette, const QColor& accent)
{
    const QColor w = palette.color(QPalette::Window);
    const double a = isDarkPalette(palette) ? 0.30 : 0.16;
    return QColor::fromRgbF(static_cast<float>(w.redF() * (1 - a) + accent.redF() * a),
                            static_cast<float>(w.greenF() * (1 - a) + accent.greenF() * a),
                            static_cast<float>(w.blueF() * (1 - a) + accent.blueF() * a));
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
