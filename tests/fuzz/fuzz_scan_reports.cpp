// From a hostile container inspect to every report: the input is parsed as a container (and as an image), the
// whole rule catalogue runs over a snapshot holding it, and every writer renders the result. Nothing may
// crash or throw, every output must be valid UTF-8, and the HTML must never contain markup that came from
// the daemon (our writer emits no script and no event-handler attribute, so any is an injection).
#include "core/json/ModelParser.h"
#include "core/report/CsvReportWriter.h"
#include "core/report/HtmlEscape.h"
#include "core/report/HtmlReportWriter.h"
#include "core/report/ReportData.h"
#include "core/report/SarifJson.h"
#include "core/report/ScanJson.h"
#include "core/report/TextReport.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/RuleEngine.h"
#include "tests/fuzz/FuzzSupport.h"

#include <cctype>

using namespace drydock;

namespace {

void checkEscapers(std::string_view input)
{
    const std::string escaped = htmlEscape(input);
    DRYDOCK_FUZZ_REQUIRE(escaped.find_first_of("<>\"'") == std::string::npos, "htmlEscape let markup through");
    DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(escaped), "htmlEscape produced invalid UTF-8");
    const std::string cell = CsvReportWriter::cell(std::string(input));
    DRYDOCK_FUZZ_REQUIRE(cell.size() >= 2 && cell.front() == '"' && cell.back() == '"', "CSV cell is not quoted");
    if (cell.size() > 2) {
        const char first = cell[1];
        DRYDOCK_FUZZ_REQUIRE(first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' &&
                                 first != '\r',
                             "CSV cell starts like a spreadsheet formula");
    }
}

// Walks every tag of our HTML (daemon text is escaped, so every '<' is ours) and fails on a script element or
// an event-handler attribute, parsing attribute values properly so that escaped text inside them is not
// mistaken for markup.
void checkHtmlTags(const std::string& html)
{
    std::size_t at = 0;
    while ((at = html.find('<', at)) != std::string::npos) {
        std::size_t i = at + 1;
        std::string name;
        while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>') {
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
            ++i;
        }
        DRYDOCK_FUZZ_REQUIRE(name != "script", "HTML report contains a script element");
        while (i < html.size() && html[i] != '>') {
            if (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/') {
                ++i;
                continue;
            }
            std::string attribute;
            while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '=' &&
                   html[i] != '>') {
                attribute += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
                ++i;
            }
            DRYDOCK_FUZZ_REQUIRE(attribute.rfind("on", 0) != 0, "HTML report contains an event-handler attribute");
            if (i < html.size() && html[i] == '=') {
                ++i;
                if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                    const char quote = html[i];
                    const auto end = html.find(quote, i + 1);
                    DRYDOCK_FUZZ_REQUIRE(end != std::string::npos, "HTML attribute value is never closed");
                    i = end + 1;
                } else {
                    while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>') {
                        ++i;
                    }
                }
            }
        }
        at = i;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto input = fuzz::bytes(data, size);
    checkEscapers(input);

    static const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    ScanResult scan;
    scan.inventory.endpoint = "unix:///fuzz/docker.sock";
    scan.inventory.apiVersion = "1.41";
    scan.catalogueVersion = RuleCatalogue::version;
    if (auto container = json::parseContainer(input); container.ok()) {
        scan.inventory.containers.push_back(std::move(container.value()));
    }
    if (auto image = json::parseImage(input); image.ok()) {
        scan.inventory.images.push_back(std::move(image.value()));
    }
    if (scan.inventory.containers.empty() && scan.inventory.images.empty()) {
        return 0;
    }
    scan.findings = RuleEngine(catalogue).evaluate(scan.inventory, ScanSettings{}, 1'700'000'000);
    scan.findings.sort();

    ReportData report;
    report.scan = &scan;
    report.catalogue = &catalogue;
    const std::string html = HtmlReportWriter::write(report);
    DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(html), "HTML report is not valid UTF-8");
    checkHtmlTags(html);
    DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(CsvReportWriter::write(report)), "CSV report is not valid UTF-8");
    DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(json::scanToSarif(report)), "SARIF is not valid UTF-8");
    DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(json::scanToJson(scan)), "scan JSON is not valid UTF-8");
    DRYDOCK_FUZZ_REQUIRE(fuzz::isValidUtf8(json::scanToJson(scan, true, true, 2, json::kScanJsonSchemaDeprecated)),
                         "scan JSON schemaVersion 1 is not valid UTF-8");
    (void)TextReport::scan(scan, true);
    return 0;
}
