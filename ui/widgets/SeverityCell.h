#pragma once
#include "core/common/Severity.h"

#include <QIcon>
#include <QVariant>

#include <optional>

class QFont;
class QPainter;
class QRect;
class QRectF;

namespace drydock::ui {

// How every table, list and badge shows a severity — never by colour alone (colour-blind users): the word, and
// a shape of its own per level (critical an octagon, high a triangle, medium a diamond, low a circle, info a
// square) in the badge colour. Models answer their severity cells through severityCellData, so every view
// gets the same word, icon, colour and sort key.

// The severity's shape in its badge colour with a light rim (readable on light and dark tables), for
// DecorationRole and list items.
QIcon severityIcon(Severity severity);
// The shape alone, filled with fill and outlined with rim (the pills draw it white on their colour).
void paintSeverityShape(QPainter& painter, const QRectF& box, Severity severity, const QColor& fill,
                        const QColor& rim);
// A severity cell's data: DisplayRole and AccessibleTextRole the word, DecorationRole the icon, ForegroundRole
// the word's colour on the current palette, and SeverityBadgeDelegate::SeverityRole int(severity) (its sort
// key); an invalid QVariant for other roles.
QVariant severityCellData(Severity severity, int role);
// A pill of text on colour at the left of cell (vertically centred), with the severity's shape in white before
// the text when glyph is set; the badges and the badge delegate paint through it. Returns the pill's width.
int paintBadgePill(QPainter& painter, const QRect& cell, const QString& text, const QColor& colour,
                   std::optional<Severity> glyph, const QFont& font);
// The width paintBadgePill needs for text (and the glyph).
int badgePillWidth(const QString& text, bool glyph, const QFont& font);

} // namespace drydock::ui
