#pragma once
#include "core/report/ReportData.h"

#include <QImage>
#include <QString>

#include <utility>
#include <vector>

namespace drydock::ui {

// The summary's charts for the PDF, drawn with QPainter: the print HTML leaves an <img> for each (PrintChart
// in core/report/HtmlReportWriter.h) and the PDF renderer hands these images to Qt's text layout under those
// names. Drawn at three times their CSS size so they stay sharp on paper.
class ReportCharts
{
public:
    // Every chart the report's summary names, by its image URL.
    static std::vector<std::pair<QString, QImage>> forReport(const ReportData& data);
};

} // namespace drydock::ui
