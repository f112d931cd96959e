#include "core/report/BenchmarkReport.h"

#include "core/common/Strings.h"
#include "core/common/Time.h"

#include <algorithm>
#include <sstream>

namespace drydock {

namespace {

constexpr BenchmarkVerdict kVerdicts[] = {BenchmarkVerdict::Pass, BenchmarkVerdict::Fail,
                                          BenchmarkVerdict::NotApplicable, BenchmarkVerdict::NotChecked};

// The heading an item sits under: "2 Docker daemon configuration" (its deepest section).
std::string sectionHeading(const CisBenchmark& benchmark, const CisItem& item)
{
    const CisSection* s = benchmark.sectionOf(item);
    return s == nullptr ? std::string() : s->id + " " + s->title;
}

} // namespace

std::string benchmarkCountsLine(const BenchmarkCoverage& coverage)
{
    std::string line = std::to_string(coverage.items.size()) + " recommendations:";
    const char* sep = " ";
    for (const BenchmarkVerdict v : kVerdicts) {
        line += sep + std::to_string(coverage.count(v)) + " " + replaceAll(toString(v), "-", " ");
        sep = ", ";
    }
    return line;
}

void writeBenchmarkJson(JsonWriter& w, const BenchmarkCoverage& coverage)
{
    w.beginObject().key("version").value(toString(coverage.version));
    w.key("counts").beginObject();
    for (const BenchmarkVerdict v : kVerdicts) {
        w.key(toString(v)).value(coverage.count(v));
    }
    w.endObject().key("items").beginArray();
    for (const auto& i : coverage.items) {
        w.beginObject().key("id").value(i.item.id).key("section").value(i.section).key("title").value(
            i.item.title);
        w.key("verdict").value(toString(i.verdict)).key("reason").value(i.reason);
        w.stringArray("rules", i.ruleIds);
        w.key("findings").beginArray();
        for (const auto& f : i.findings) {
            w.beginObject().key("ruleId").value(f.ruleId).key("severity").value(toString(f.severity));
            w.key("object").beginObject().key("type").value(toString(f.object.type));
            w.key("name").value(f.object.name).endObject();
            w.key("waived").value(f.waived).endObject();
        }
        w.endArray().endObject();
    }
    w.endArray().endObject();
}

std::string benchmarkToJson(const BenchmarkCoverage& coverage, const ScanResult& scan, std::int64_t scanId)
{
    JsonWriter w(2);
    w.beginObject().key("cis").beginObject().key("version").value(toString(coverage.version)).endObject();
    w.key("scan").beginObject().key("id").value(scanId).key("endpoint").value(scan.inventory.endpoint);
    w.key("startedAt").value(formatRfc3339(scan.startedAtUnix)).endObject();
    w.key("benchmark");
    writeBenchmarkJson(w, coverage);
    w.endObject();
    return w.take() + "\n";
}

std::string benchmarkText(const BenchmarkCoverage& coverage, const ScanResult& scan, std::int64_t scanId)
{
    const CisBenchmark& benchmark = CisBenchmark::of(coverage.version);
    std::ostringstream o;
    o << "CIS Docker Benchmark " << toString(coverage.version) << ": every recommendation, for "
      << terminalText(scan.inventory.endpoint, 120)
      << (scanId > 0 ? " (scan " + std::to_string(scanId) + ")" : std::string()) << "\n"
      << benchmarkCountsLine(coverage) << "\n";
    std::string heading;
    for (const auto& i : coverage.items) {
        const std::string h = sectionHeading(benchmark, i.item);
        if (h != heading) {
            heading = h;
            o << "\n" << h << "\n";
        }
        std::string id = i.item.id;
        id.resize(std::max<std::size_t>(id.size(), 8), ' ');
        std::string verdict = toString(i.verdict);
        verdict.resize(16, ' ');
        o << id << verdict << i.item.title << "  — " << i.reason << "\n";
    }
    return o.str();
}

} // namespace drydock
