#pragma once
#include "core/report/ReportData.h"

#include <string>

namespace drydock {

// One self-contained HTML file: inline CSS and SVG, no scripts, no external fetches, printable. Every
// value from the daemon is escaped and long values are cut. Sections: the one-page summary (score, trend,
// charts, changes, fix first, quick wins), one compact block per object (its findings in one table, its one
// hardened command with what each change resolves, compose and Dockerfile once), the rules referenced (why
// and how to fix, once per rule), waived findings and the practices appendix; ReportData::detail chooses how
// many. The print variant uses only the HTML subset Qt's text engine renders (tables, no SVG: its charts are
// <img> the PDF renderer draws, see PrintChart) and marks sections for the PDF's table of contents.
class HtmlReportWriter
{
public:
    enum class Variant
    {
        Browser,
        Print
    };
    static std::string write(const ReportData& data, Variant variant = Variant::Browser);
};

// A chart the print variant leaves to the PDF renderer: <img src="url" width height>, sizes in CSS pixels.
struct PrintChart
{
    const char* url;
    int width;
    int height;
};
inline constexpr PrintChart kSeverityChart{"drydock-chart:severity", 250, 75};
inline constexpr PrintChart kAreaChart{"drydock-chart:area", 250, 91};
inline constexpr PrintChart kTrendChart{"drydock-chart:trend", 180, 36};
// The exposure map: its width on paper, and its height there at most (the size follows the drawing's shape).
inline constexpr PrintChart kMapChart{"drydock-chart:map", 680, 820};
// The exposure map's size on paper, in CSS pixels: kMapChart's width, or less when its height would pass
// kMapChart's height.
std::pair<int, int> printMapSize(double drawingWidth, double drawingHeight);

// How a print rule link ends: " p." and room for a page number, as non-breaking spaces (Qt collapses every
// other kind of space). The PDF renderer paints the page of the link's target over the room after "p. ".
inline constexpr const char* kPageRefHtml = "&nbsp;p.&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;";
inline constexpr const char* kPageRefText = "\u00a0p.\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"; // as laid out

} // namespace drydock
