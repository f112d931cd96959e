#pragma once
#include "core/common/Result.h"
#include "core/report/ReportData.h"

#include <QString>

namespace drydock::ui {

// Writes the report as a paginated PDF with Qt: a title page, a table of contents with page numbers, a
// running header and "page N of M" footer on every page; tables and commands wrap instead of being cut.
// Needs a Q(Gui)Application (the headless command uses the offscreen platform) and installed fonts, which
// Qt embeds as subsets.
class PdfExporter
{
public:
    static Result<void> write(const ReportData& data, const QString& path);
};

} // namespace drydock::ui
