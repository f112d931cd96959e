#include "ui/pages/TrendChart.h"

#include "ui/bridge/QtConvert.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QTimeZone>
#include <QValueAxis>

#include <algorithm>

namespace drydock::ui {

namespace {

QDate utcDay(std::int64_t unix)
{
    return QDateTime::fromSecsSinceEpoch(unix, QTimeZone::utc()).date();
}

// Noon rather than midnight: a day-light saving change moves evenly spaced ticks by an hour, never off the
// date.
qreal noonMsecs(QDate day)
{
    return static_cast<qreal>(QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch());
}

} // namespace

std::vector<TrendDay> localTrendDays(const std::vector<TrendPoint>& trend,
                                     const std::map<std::int64_t, std::int64_t>& scanStartById)
{
    std::map<QDate, std::pair<std::int64_t, TrendDay>> byDay; // local day -> (scan start, point)
    for (const auto& p : trend) {
        const auto start = scanStartById.find(p.scanId);
        const std::int64_t at = start == scanStartById.end() ? p.dayStartUnix : start->second;
        const QDate day =
            start == scanStartById.end() ? utcDay(p.dayStartUnix) : QDateTime::fromSecsSinceEpoch(at).date();
        auto [it, inserted] = byDay.try_emplace(day, at, TrendDay{day, p.counts});
        if (!inserted && at >= it->second.first) {
            it->second = {at, TrendDay{day, p.counts}};
        }
    }
    std::vector<TrendDay> days;
    days.reserve(byDay.size());
    for (const auto& [day, point] : byDay) {
        days.push_back(point.second);
    }
    return days;
}

std::vector<TrendDay> fleetTrendDays(const std::vector<FleetTrendPoint>& trend)
{
    std::vector<TrendDay> days;
    days.reserve(trend.size());
    for (const auto& p : trend) {
        days.push_back({utcDay(p.dayStartUnix), p.counts});
    }
    return days;
}

QChart* trendChart(const std::vector<TrendDay>& days, QDate today)
{
    auto* chart = new QChart;
    auto* axisX = new QDateTimeAxis(chart);
    axisX->setFormat(QStringLiteral("MMM d"));
    auto* axisY = new QValueAxis(chart);
    axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    int maxValue = 1;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low}) {
        auto* line = new QLineSeries(chart);
        line->setName(severityText(s));
        line->setColor(severityColor(s));
        line->setPointsVisible(true); // one scan is one point: without markers a single day draws nothing
        line->setMarkerSize(8);
        for (const auto& d : days) {
            const int v = d.counts[static_cast<std::size_t>(s)];
            maxValue = std::max(maxValue, v);
            line->append(noonMsecs(d.day), v);
        }
        chart->addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axisY);
    }
    // A day of margin on each side, today always in view, at most 8 ticks a whole number of days apart.
    const QDate first = std::min(days.empty() ? today.addDays(-7) : days.front().day, today).addDays(-1);
    const QDate last = std::max(days.empty() ? today : days.back().day, today).addDays(1);
    const qint64 span = first.daysTo(last);
    const qint64 step = (span + 6) / 7;
    const qint64 ticks = (span + step - 1) / step;
    axisX->setRange(QDateTime(last.addDays(-ticks * step), QTime(12, 0)), QDateTime(last, QTime(12, 0)));
    axisX->setTickCount(static_cast<int>(ticks + 1));
    // Whole numbers only (counts of findings have no fractions), at most five labels so they stay legible in a
    // short chart, and the top on a labelled tick.
    const int interval = std::max(1, (maxValue + 4) / 4);
    axisY->setRange(0, (maxValue + interval) / interval * interval);
    axisY->setTickType(QValueAxis::TicksDynamic);
    axisY->setTickAnchor(0);
    axisY->setTickInterval(interval);
    return chart;
}

} // namespace drydock::ui
