#include "core/report/CsvReportWriter.h"

#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "core/common/Utf8.h"

namespace drydock {

std::string CsvReportWriter::cell(const std::string& raw)
{
    // Cut first, then mend: a cut id or label can end in half a character, and daemon text need not be UTF-8.
    std::string text = replaceInvalidUtf8(reportText(raw, 32768));
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                          text[0] == '\r')) {
        text.insert(text.begin(), '\'');
    }
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') {
            out += "\"\"";
        } else {
            out += c;
        }
    }
    out += '"';
    return out;
}

namespace {

// "compose.yaml:12:5" for a file finding (`drydock check`); empty for a daemon object.
std::string locationText(const Finding& f)
{
    if (!f.location) {
        return {};
    }
    return f.location->file + ":" + std::to_string(f.location->line) + ":" + std::to_string(f.location->column);
}

} // namespace

std::string CsvReportWriter::write(const ReportData& data)
{
    std::string out = "scan_id,started_at,endpoint,rule_id,area,severity,cis_id,cis_version,object_type,object_id,"
                      "object_name,title,evidence,fix,run_command,waived,waiver_reason,location\r\n";
    const ScanResult& scan = *data.scan;
    // Every row names the benchmark version the report uses; cis_id is that version's id (empty when it has
    // none).
    const std::string cisVersion = toString(data.cisVersion);
    for (const auto& f : scan.findings.all()) {
        if (f.waiver && !data.includeWaived) {
            continue;
        }
        const std::vector<std::string> cells{std::to_string(data.scanId),
                                             formatRfc3339(scan.startedAtUnix),
                                             scan.inventory.endpoint,
                                             f.ruleId,
                                             toString(f.area),
                                             toString(f.severity),
                                             translateCis(f.cis, data.cisVersion).id,
                                             cisVersion,
                                             toString(f.object.type),
                                             f.object.id,
                                             f.object.name,
                                             f.title,
                                             f.evidence,
                                             f.fix,
                                             data.includeRemediation ? reportCommand(f.remediation.runCommand)
                                                                     : std::string(),
                                             f.waiver ? "yes" : "no",
                                             f.waiver ? f.waiver->reason : std::string(),
                                             locationText(f)};
        for (std::size_t i = 0; i < cells.size(); ++i) {
            out += (i ? "," : "") + cell(cells[i]);
        }
        out += "\r\n";
    }
    return out;
}

} // namespace drydock
