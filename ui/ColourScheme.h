#pragma once
#include <QPalette>
#include <QString>

namespace drydock::ui {

// A dark QPalette for the Fusion style: the window, base and button roles dark, text light, links and
// highlights a readable blue (every custom-painted widget derives its colours from the palette).
QPalette darkPalette();
// Applies a colour scheme asked for by name (DRYDOCK_COLOR_SCHEME): "dark" switches to Fusion with
// darkPalette(), "light" to Fusion with Fusion's own light palette; anything else (empty) leaves the platform's
// style and palette. Returns false for a name it does not know.
bool applyColourScheme(const QString& name);

} // namespace drydock::ui
