#include "core/store/FleetTrend.h"

#include <set>

namespace drydock {

std::vector<FleetTrendPoint>
FleetTrend::combine(const std::map<std::string, std::vector<TrendPoint>>& perEndpoint)
{
    std::set<std::int64_t> days;
    for (const auto& [endpoint, points] : perEndpoint) {
        for (const auto& p : points) {
            days.insert(p.dayStartUnix);
        }
    }
    std::vector<FleetTrendPoint> out;
    out.reserve(days.size());
    for (const std::int64_t day : days) {
        FleetTrendPoint f;
        f.dayStartUnix = day;
        for (const auto& [endpoint, points] : perEndpoint) {
            // Points are oldest first: the last one not after this day is the endpoint's state that day.
            const TrendPoint* latest = nullptr;
            for (const auto& p : points) {
                if (p.dayStartUnix > day) {
                    break;
                }
                latest = &p;
            }
            if (latest) {
                ++f.endpoints;
                for (std::size_t i = 0; i < f.counts.size(); ++i) {
                    f.counts[i] += latest->counts[i];
                }
            }
        }
        out.push_back(f);
    }
    return out;
}

Result<std::vector<FleetTrendPoint>> FleetTrend::load(ScanRepository& scans, std::int64_t sinceUnix,
                                                      std::vector<std::string>* endpointsOut)
{
    auto recent = scans.list("", 100000);
    if (!recent) {
        return recent.error();
    }
    std::set<std::string> endpoints;
    for (const auto& s : recent.value()) {
        if (s.startedAtUnix >= sinceUnix) {
            endpoints.insert(s.endpoint);
        }
    }
    std::map<std::string, std::vector<TrendPoint>> perEndpoint;
    for (const auto& e : endpoints) {
        auto points = scans.trend(e, sinceUnix);
        if (!points) {
            return points.error();
        }
        perEndpoint[e] = std::move(points.value());
    }
    if (endpointsOut) {
        endpointsOut->assign(endpoints.begin(), endpoints.end());
    }
    return combine(perEndpoint);
}

} // namespace drydock
