#include "ui/export/ReportCharts.h"

#include "core/report/ExposureMap.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/SeverityColour.h"
#include "ui/export/ExposurePainter.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace drydock::ui {

namespace {

constexpr int kScale = 3;

QImage canvas(const PrintChart& chart)
{
    QImage image(chart.width * kScale, chart.height * kScale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    return image;
}

// Horizontal bars with a label before and the count after each, as the browser's SVG draws them.
QImage barChart(const PrintChart& chart, const std::vector<std::pair<QString, int>>& bars,
                const std::vector<QColor>& colours)
{
    QImage image = canvas(chart);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(kScale, kScale);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(11);
    p.setFont(font);
    int maxCount = 1;
    for (const auto& [label, n] : bars) {
        maxCount = std::max(maxCount, n);
    }
    const qreal rowHeight = std::min<qreal>(22, qreal(chart.height) / std::max<std::size_t>(1, bars.size()));
    const qreal barSpace = chart.width - 72 - 40;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const qreal y = i * rowHeight;
        const qreal w = bars[i].second * barSpace / maxCount;
        p.setPen(QColor(0x1f, 0x29, 0x37));
        p.drawText(QRectF(0, y, 70, rowHeight), Qt::AlignLeft | Qt::AlignVCenter, bars[i].first);
        p.fillRect(QRectF(72, y + rowHeight * 0.15, w, rowHeight * 0.7), colours[i]);
        p.drawText(QRectF(76 + w, y, 40, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   QString::number(bars[i].second));
    }
    return image;
}

QImage trendChart(const std::vector<ScorePoint>& points)
{
    QImage image = canvas(kTrendChart);
    if (points.size() < 2) {
        return image;
    }
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(kScale, kScale);
    const qreal w = kTrendChart.width - 6;
    const qreal h = kTrendChart.height - 6;
    const auto at = [&](std::size_t i) {
        return QPointF(3 + i * w / (points.size() - 1),
                       3 + (100 - std::clamp(points[i].score, 0, 100)) * h / 100);
    };
    QPainterPath path(at(0));
    for (std::size_t i = 1; i < points.size(); ++i) {
        path.lineTo(at(i));
    }
    const QColor blue(0x1d, 0x4e, 0x89);
    p.setPen(QPen(blue, 2));
    p.drawPath(path);
    p.setBrush(blue);
    p.drawEllipse(at(points.size() - 1), 3, 3);
    return image;
}

} // namespace

std::vector<std::pair<QString, QImage>> ReportCharts::forReport(const ReportData& data)
{
    const auto counts = data.scan->findings.countsBySeverity();
    std::vector<std::pair<QString, int>> bySeverity;
    std::vector<QColor> severityColours;
    for (const Severity s :
         {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        bySeverity.emplace_back(QString::fromLatin1(toString(s)), counts[static_cast<std::size_t>(s)]);
        severityColours.emplace_back(QString::fromLatin1(severityColour(s)));
    }
    const auto areaCounts = data.scan->findings.countsByArea();
    std::vector<std::pair<QString, int>> byArea;
    for (const Area a : {Area::Image, Area::Container, Area::Runtime, Area::Network, Area::Secrets,
                         Area::Daemon, Area::Swarm, Area::Host}) {
        const auto it = areaCounts.find(a);
        byArea.emplace_back(QString::fromLatin1(displayName(a)), it == areaCounts.end() ? 0 : it->second);
    }
    std::vector<std::pair<QString, QImage>> charts{
        {QString::fromLatin1(kSeverityChart.url), barChart(kSeverityChart, bySeverity, severityColours)},
        {QString::fromLatin1(kAreaChart.url),
         barChart(kAreaChart, byArea, std::vector<QColor>(byArea.size(), QColor(0x1d, 0x4e, 0x89)))},
        {QString::fromLatin1(kTrendChart.url), trendChart(data.scoreTrend)},
    };
    // The exposure map: the drawing the HTML's SVG comes from. Small on the summary page (it must stay one
    // page), so it is painted at twice the drawing's own size: zoomed in a PDF viewer, every label reads.
    if (auto map = reportExposureMap(*data.scan)) {
        const auto [w, h] = printMapSize(map->drawing.width, map->drawing.height);
        const double scale = std::max(kScale * w / map->drawing.width, std::min(2.0, 6000.0 / map->drawing.width));
        (void)h;
        charts.emplace_back(QString::fromLatin1(kMapChart.url), ExposurePainter::image(map->drawing, scale));
    }
    return charts;
}

} // namespace drydock::ui
