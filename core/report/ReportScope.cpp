#include "core/report/ReportScope.h"

#include "core/common/Time.h"
#include "core/report/SarifJson.h"
#include "core/report/ScanJson.h"
#include "core/report/CsvReportWriter.h"
#include "core/report/HtmlReportWriter.h"

namespace drydock {

const char* toString(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Html:
        return "html";
    case ReportFormat::Pdf:
        return "pdf";
    case ReportFormat::Json:
        return "json";
    case ReportFormat::Sarif:
        return "sarif";
    case ReportFormat::Csv:
        return "csv";
    }
    return "html";
}

const char* fileExtension(ReportFormat format)
{
    return toString(format);
}

std::string renderReport(ReportFormat format, const ReportData& data)
{
    switch (format) {
    case ReportFormat::Html:
        return HtmlReportWriter::write(data);
    case ReportFormat::Json:
        return json::scanToJson(data);
    case ReportFormat::Sarif:
        return json::scanToSarif(data);
    case ReportFormat::Csv:
        return CsvReportWriter::write(data);
    case ReportFormat::Pdf:
        break;
    }
    return {};
}

ScanResult scanFromStored(const StoredScan& stored)
{
    ScanResult scan;
    scan.startedAtUnix = stored.summary.startedAtUnix;
    scan.finishedAtUnix = stored.summary.finishedAtUnix;
    scan.catalogueVersion = stored.summary.catalogueVersion;
    scan.inventory.endpoint = stored.summary.endpoint;
    scan.inventory.engineName = stored.summary.engineName;
    scan.inventory.engineVersion = stored.summary.engineVersion;
    scan.inventory.apiVersion = stored.summary.apiVersion;
    scan.findings = FindingSet(stored.findings);
    scan.findings.sort();
    return scan;
}

ScanResult scopedScan(const ScanResult& scan, const std::function<bool(const Finding&)>& keep)
{
    ScanResult out;
    out.startedAtUnix = scan.startedAtUnix;
    out.finishedAtUnix = scan.finishedAtUnix;
    out.catalogueVersion = scan.catalogueVersion;
    out.inventory.endpoint = scan.inventory.endpoint;
    out.inventory.engineName = scan.inventory.engineName;
    out.inventory.engineVersion = scan.inventory.engineVersion;
    out.inventory.apiVersion = scan.inventory.apiVersion;
    out.inventory.problems = scan.inventory.problems;
    std::vector<Finding> kept;
    for (const auto& f : scan.findings.all()) {
        if (keep(f)) {
            kept.push_back(f);
        }
    }
    out.findings = FindingSet(std::move(kept));
    return out;
}

std::string defaultReportFileName(const ScanResult& scan, std::int64_t scanId, ReportFormat format)
{
    // The host part of the endpoint: tcp://host:2376 -> host, unix:///var/run/docker.sock -> local.
    std::string host = scan.inventory.endpoint;
    if (host.rfind("unix://", 0) == 0 || host.rfind("npipe://", 0) == 0 || host.empty()) {
        host = "local";
    } else {
        if (const auto p = host.find("://"); p != std::string::npos) {
            host = host.substr(p + 3);
        }
        host = host.substr(0, host.find_first_of(":/"));
    }
    std::string safe;
    for (char c : host.substr(0, 40)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '-' || c == '_';
        safe += ok ? c : '_';
    }
    if (safe.empty() || safe[0] == '.' || safe[0] == '-') {
        safe = "docker" + safe;
    }
    // 2026-11-29T05:05:23Z -> 20261129-0505
    const std::string when = formatRfc3339(scan.startedAtUnix);
    std::string stamp;
    for (std::size_t i = 0; i < when.size() && stamp.size() < 13; ++i) {
        if (when[i] >= '0' && when[i] <= '9') {
            stamp += when[i];
        } else if (when[i] == 'T') {
            stamp += '-';
        }
    }
    return "drydock-" + safe + "-" + stamp + (scanId > 0 ? "-scan" + std::to_string(scanId) : std::string()) +
           "." + fileExtension(format);
}

} // namespace drydock
