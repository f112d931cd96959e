#pragma once
#include "core/common/Result.h"
#include "core/results/FleetSummary.h"

#include <QString>

#include <cstdint>

class QWidget;

namespace drydock::ui {

// Writes a fleet view as PDF, HTML or JSON — the format follows the file's suffix (.pdf, .json, anything
// else HTML) — the same reports as `drydock scan --fleet --format pdf|html|json`. Atomic: a failure leaves
// no half-written file and an existing one untouched.
Result<void> writeFleetReport(const FleetSummary& fleet, std::int64_t generatedAtUnix, const QString& path);

// Asks where to save (PDF, HTML or JSON), writes, and says how it went; remembers the folder.
void exportFleetReport(QWidget* parent, const FleetSummary& fleet);

} // namespace drydock::ui
