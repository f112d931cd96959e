#pragma once
#include "core/common/Result.h"
#include "core/report/ReportData.h"
#include "core/results/FleetSummary.h"

#include <QImage>
#include <QString>

#include <functional>
#include <utility>
#include <vector>

namespace drydock::ui {

// Writes the report as a paginated PDF with Qt: a title page, a table of contents with page numbers, a
// running header and "page N of M" footer on every page; tables and commands wrap instead of being cut. The
// summary's charts are drawn with QPainter (ReportCharts), and a link to an anchor in the body whose text
// ends in three figure spaces (a rule id in the report's tables) gets the anchor's page number painted over
// them. Needs a Q(Gui)Application (the headless command uses the offscreen platform) and installed fonts,
// which Qt embeds as subsets.
class PdfExporter
{
public:
    // Called after each page with (pages done, pages in all); returning false cancels the export.
    using Progress = std::function<bool(int done, int total)>;
    // Writes to a temporary file beside path and renames it when complete: a failed or cancelled export
    // leaves nothing behind (ErrorCode::Cancelled when progress said stop).
    static Result<void> write(const ReportData& data, const QString& path, const Progress& progress = {});
    // The fleet view (every endpoint side by side, the worst findings across them) the same way.
    static Result<void> writeFleet(const FleetSummary& fleet, std::int64_t generatedAtUnix, const QString& path,
                                   const Progress& progress = {});

    // What one paginated document is made of; both reports above are one.
    struct Document
    {
        QString title;      // the PDF's title and the title page's heading
        QString header;     // the running header of every page after the title page
        QString titleLines; // the title page's text under the heading
        QString bodyHtml;   // print HTML; its <h2> headings make the table of contents
        int pointSize = 9;  // of the body text
        // Images the body names in <img src>, by URL (the report's charts); nothing else is ever loaded.
        std::vector<std::pair<QString, QImage>> images;
    };
    static Result<void> writeDocument(const Document& document, const QString& path, const Progress& progress = {});
};

} // namespace drydock::ui
