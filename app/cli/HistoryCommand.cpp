#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitCode.h"
#include "app/cli/HistoryAccess.h"
#include "app/cli/OutputFile.h"
#include "app/cli/ReportOutput.h"
#include "core/common/Clock.h"
#include "core/common/Strings.h"
#include "core/common/Time.h"
#include "core/report/FleetJson.h"
#include "core/report/HardeningJson.h"
#include "core/report/HistoryJson.h"
#include "core/store/FleetTrend.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace drydock::app {

namespace {

int fail(int code, const std::string& message)
{
    std::fprintf(stderr, "drydock: %s\n", message.c_str());
    return code;
}

std::string clean(std::string_view text, std::size_t max = 80) { return terminalText(text, max); }

std::string countsText(const std::array<int, severityCount>& c)
{
    std::ostringstream o;
    o << "C" << c[4] << " H" << c[3] << " M" << c[2] << " L" << c[1] << " I" << c[0];
    return o.str();
}

std::optional<std::int64_t> scanId(const std::string& text)
{
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(text);
}

void findingLines(std::ostringstream& o, const char* mark, const std::vector<Finding>& findings)
{
    for (const auto& f : findings) {
        o << "  " << mark << " " << toString(f.severity) << " " << f.ruleId << " " << clean(f.object.name, 40) << "  "
          << clean(f.title, 80) << (f.waiver ? "  [waived]" : "") << "\n";
    }
}

int list(HistoryStore& store, const ParsedArgs& args, bool json)
{
    int limit = 50;
    if (const auto l = args.last("--limit")) {
        limit = std::atoi(l->c_str());
        if (limit <= 0) {
            return fail(ExitUsage, "--limit wants a positive number");
        }
    }
    auto scans = store.scans().list(args.last("--endpoint").value_or(""), limit);
    if (!scans) {
        return fail(ExitLocalError, scans.error().message);
    }
    if (json) {
        return writeOutput("-", json::scanListToJson(scans.value())) ? ExitOk : ExitLocalError;
    }
    std::ostringstream o;
    o << "  ID  STARTED               FINDINGS (open)      WAIVED  ENDPOINT\n";
    for (const auto& s : scans.value()) {
        char line[64];
        std::snprintf(line, sizeof line, "%4lld  ", static_cast<long long>(s.id));
        o << line << formatRfc3339(s.startedAtUnix) << "  " << countsText(s.counts) << "  " << s.waived << "  "
          << clean(s.endpoint) << "\n";
    }
    return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
}

int show(HistoryStore& store, const ParsedArgs& args, bool json, CisVersion cis)
{
    const auto id = args.positionals.size() > 1 ? scanId(args.positionals[1]) : std::nullopt;
    if (!id) {
        return fail(ExitUsage, "history show wants a scan id (see drydock history list)");
    }
    auto scan = store.scans().load(*id);
    if (!scan) {
        return fail(scan.error().code == ErrorCode::NotFound ? ExitUsage : ExitLocalError, scan.error().message);
    }
    if (json) {
        presentCis(scan->findings, cis); // the copy read back; the database keeps the rules' references
        return writeOutput("-", json::storedScanToJson(scan.value())) ? ExitOk : ExitLocalError;
    }
    std::ostringstream o;
    const auto& s = scan->summary;
    o << "Scan " << s.id << " of " << clean(s.endpoint) << " at " << formatRfc3339(s.startedAtUnix) << " ("
      << clean(s.engineName) << " " << clean(s.engineVersion) << ")\n"
      << s.total() << " open findings (" << countsText(s.counts) << "), " << s.waived << " waived\n\n";
    findingLines(o, "-", scan->findings);
    return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
}

int diff(HistoryStore& store, const ParsedArgs& args, bool json, CisVersion cis)
{
    const auto a = args.positionals.size() > 1 ? scanId(args.positionals[1]) : std::nullopt;
    const auto b = args.positionals.size() > 2 ? scanId(args.positionals[2]) : std::nullopt;
    if (!a || !b) {
        return fail(ExitUsage, "history diff wants two scan ids: BASELINE LATER");
    }
    auto delta = store.scans().delta(*a, *b);
    if (!delta) {
        return fail(delta.error().code == ErrorCode::Database ? ExitLocalError : ExitUsage, delta.error().message);
    }
    const auto sa = store.scans().load(*a);
    const auto sb = store.scans().load(*b);
    if (!sa || !sb) {
        return fail(ExitLocalError, "cannot read the scans back");
    }
    if (json) {
        presentCis(delta->newFindings, cis);
        presentCis(delta->resolved, cis);
        return writeOutput("-", json::deltaToJson(sa->summary, sb->summary, delta.value())) ? ExitOk
                                                                                            : ExitLocalError;
    }
    std::ostringstream o;
    o << "From scan " << *a << " to scan " << *b << ": " << delta->newFindings.size() << " new, "
      << delta->resolved.size() << " resolved, " << delta->unchanged << " unchanged\n";
    findingLines(o, "+", delta->newFindings);
    findingLines(o, "-", delta->resolved);
    return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
}

int trend(HistoryStore& store, const ParsedArgs& args, bool json)
{
    const std::int64_t now = SystemClock().nowUnix();
    const auto days = parseDuration(args.last("--since").value_or("90d"));
    if (!days) {
        return fail(ExitUsage, "--since wants a duration such as 90d, 2w or 12h");
    }
    if (args.has("--fleet")) {
        std::vector<std::string> endpoints;
        auto points = FleetTrend::load(store.scans(), now - *days, &endpoints);
        if (!points) {
            return fail(ExitLocalError, points.error().message);
        }
        if (json) {
            return writeOutput("-", json::fleetTrendToJson(points.value(), endpoints)) ? ExitOk : ExitLocalError;
        }
        std::ostringstream o;
        o << "Open findings per day across " << endpoints.size()
          << " endpoint(s), each counted with its latest scan up to that day\n";
        for (const auto& p : points.value()) {
            o << "  " << formatRfc3339(p.dayStartUnix).substr(0, 10) << "  " << countsText(p.counts) << "  ("
              << p.endpoints << " endpoint(s))\n";
        }
        return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
    }
    std::string endpoint = args.last("--endpoint").value_or("");
    if (endpoint.empty()) {
        auto scans = store.scans().list("", 1);
        if (scans && !scans->empty()) {
            endpoint = scans->front().endpoint;
        }
    }
    if (const auto object = args.last("--object")) {
        auto points = store.scans().objectTrend(endpoint, *object, now - *days);
        if (!points) {
            return fail(ExitLocalError, points.error().message);
        }
        std::ostringstream o;
        o << "Findings on " << clean(*object) << " (" << clean(endpoint) << ")\n";
        for (const auto& p : points.value()) {
            o << "  " << formatRfc3339(p.startedAtUnix) << "  scan " << p.scanId << "  " << p.findings
              << " open, worst " << toString(p.worst) << "\n";
        }
        return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
    }
    auto points = store.scans().trend(endpoint, now - *days);
    if (!points) {
        return fail(ExitLocalError, points.error().message);
    }
    if (json) {
        return writeOutput("-", json::trendToJson(points.value())) ? ExitOk : ExitLocalError;
    }
    std::ostringstream o;
    o << "Open findings per day (" << clean(endpoint) << ")\n";
    for (const auto& p : points.value()) {
        o << "  " << formatRfc3339(p.dayStartUnix).substr(0, 10) << "  " << countsText(p.counts) << "\n";
    }
    return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
}

int prune(HistoryStore& store, const ParsedArgs& args)
{
    const auto age = parseDuration(args.last("--older-than").value_or(""));
    if (!age) {
        return fail(ExitUsage, "history prune wants --older-than DURATION, e.g. --older-than 90d");
    }
    auto removed = store.scans().pruneOlderThan(SystemClock().nowUnix() - *age);
    if (!removed) {
        return fail(ExitLocalError, removed.error().message);
    }
    std::printf("Removed %d scan(s) older than %s.\n", removed.value(), args.last("--older-than")->c_str());
    return ExitOk;
}

int waivers(HistoryStore& store, const ParsedArgs& args, bool json)
{
    const std::string action = args.positionals.size() > 1 ? args.positionals[1] : "list";
    auto& repo = store.waivers();
    const std::int64_t now = SystemClock().nowUnix();
    if (action == "list") {
        auto all = repo.list();
        if (!all) {
            return fail(ExitLocalError, all.error().message);
        }
        if (json) {
            return writeOutput("-", json::waiversToJson(all.value())) ? ExitOk : ExitLocalError;
        }
        std::ostringstream o;
        for (const auto& w : all.value()) {
            o << "  " << w.id << "  " << toString(w.scope) << "  " << clean(w.ruleId) << "  " << clean(w.objectPattern)
              << "  expires " << (w.expiresAtUnix ? formatRfc3339(*w.expiresAtUnix) : std::string("never"))
              << (w.isActive(now) ? "" : " (expired)") << "  — " << clean(w.reason, 120) << "\n";
        }
        return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
    }
    if (action == "add") {
        Waiver w;
        w.ruleId = args.last("--rule").value_or("");
        w.reason = args.last("--reason").value_or("");
        w.author = args.last("--author").value_or(std::getenv("USER") ? std::getenv("USER") : "");
        w.endpoint = args.last("--endpoint").value_or("");
        w.createdAtUnix = now;
        if (const auto o = args.last("--object")) {
            w.scope = Waiver::Scope::Object;
            w.objectPattern = *o;
        } else if (const auto p = args.last("--pattern")) {
            w.scope = Waiver::Scope::Pattern;
            w.objectPattern = *p;
        } else {
            w.scope = Waiver::Scope::Rule;
        }
        if (const auto e = args.last("--expires")) {
            w.expiresAtUnix = parseMoment(*e, now);
            if (!w.expiresAtUnix) {
                return fail(ExitUsage, "--expires wants a date (2027-01-31), a time (RFC 3339) or a duration (30d)");
            }
        }
        auto id = repo.add(w);
        if (!id) {
            return fail(id.error().code == ErrorCode::InvalidArgument ? ExitUsage : ExitLocalError, id.error().message);
        }
        std::printf("Added waiver %lld.\n", static_cast<long long>(id.value()));
        return ExitOk;
    }
    if (action == "remove") {
        const auto id = args.positionals.size() > 2 ? scanId(args.positionals[2]) : std::nullopt;
        if (!id) {
            return fail(ExitUsage, "history waivers remove wants a waiver id");
        }
        auto r = repo.remove(*id);
        return r ? ExitOk : fail(r.error().code == ErrorCode::NotFound ? ExitUsage : ExitLocalError, r.error().message);
    }
    if (action == "export" || action == "import") {
        if (args.positionals.size() < 3) {
            return fail(ExitUsage, "history waivers " + action + " wants a file name");
        }
        const std::string file = args.positionals[2];
        if (action == "export") {
            auto all = repo.list();
            if (!all) {
                return fail(ExitLocalError, all.error().message);
            }
            auto w = writeOutput(file, json::waiversToJson(all.value()));
            return w ? ExitOk : fail(ExitLocalError, w.error().message);
        }
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            return fail(ExitLocalError, "Cannot read " + file);
        }
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = json::waiversFromJson(text.str());
        if (!parsed) {
            return fail(ExitUsage, parsed.error().message);
        }
        auto added = repo.importAll(parsed.value());
        if (!added) {
            return fail(ExitUsage, added.error().message);
        }
        std::printf("Imported %d new waiver(s) of %zu.\n", added.value(), parsed->size());
        return ExitOk;
    }
    return fail(ExitUsage, "history waivers wants list, add, remove, export FILE or import FILE");
}

// What the hardening walkthrough changed on the daemon, oldest first.
int actions(HistoryStore& store, const ParsedArgs& args, bool json)
{
    auto list = store.actions().list(args.last("--object").value_or(""));
    if (!list) {
        return fail(ExitLocalError, list.error().message);
    }
    for (const auto& a : list.value()) {
        const std::string line = json ? json::actionToJsonLine(a)
                                      : formatRfc3339(a.atUnix) + "  " + a.objectName + "  " + a.step + "  " +
                                            a.outcome + (a.details.empty() ? "" : "  " + a.details);
        std::printf("%s\n", terminalText(line, 8000).c_str());
    }
    return ExitOk;
}

// What the watchers raised (drydock watch, the desktop's background watch), oldest first.
int alerts(HistoryStore& store, const ParsedArgs& args, bool json)
{
    const std::int64_t now = SystemClock().nowUnix();
    std::int64_t since = 0;
    if (const auto text = args.last("--since")) {
        if (const auto age = parseDuration(*text)) {
            since = now - *age;
        } else if (const auto moment = parseMoment(*text, now)) {
            since = *moment;
        } else {
            return fail(ExitUsage, "--since wants a duration (7d, 12h), a date (2027-01-31) or an RFC 3339 time");
        }
    }
    auto list = store.alerts().list(since, args.last("--endpoint").value_or(""));
    if (!list) {
        return fail(ExitLocalError, list.error().message);
    }
    if (json) {
        return writeOutput("-", json::alertsToJson(list.value())) ? ExitOk : ExitLocalError;
    }
    std::ostringstream o;
    for (const auto& a : list.value()) {
        o << formatRfc3339(a.atUnix) << "  " << toString(a.severity) << "  " << clean(a.sentence, 1000) << "  ("
          << clean(a.endpoint) << ")\n";
    }
    if (list->empty()) {
        o << "No alerts" << (args.has("--since") ? " in that time" : "") << ".\n";
    }
    return writeOutput("-", o.str()) ? ExitOk : ExitLocalError;
}

} // namespace

int runHistory(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(historySpec(), words, error);
    if (!args) {
        return fail(ExitUsage, error);
    }
    if (args->wantsHelp() || args->positionals.empty()) {
        std::fputs(historyHelp().c_str(), args->wantsHelp() ? stdout : stderr);
        return args->wantsHelp() ? ExitOk : ExitUsage;
    }
    const std::string format = args->last("--format").value_or("text");
    if (format != "text" && format != "json") {
        return fail(ExitUsage, "unknown format '" + format + "' (use text or json)");
    }
    const auto cis = cisVersionOption(*args);
    if (!cis) {
        return fail(ExitUsage, cis.error().message);
    }
    const std::string& sub = args->positionals[0];
    if (sub == "reset") {
        auto moved = HistoryStore::startFresh(databasePath(*args), SystemClock().nowUnix());
        if (!moved) {
            return fail(ExitLocalError, moved.error().message);
        }
        std::printf("Started a fresh history; the old database was kept as %s\n", moved.value().c_str());
        return ExitOk;
    }
    auto store = openHistory(*args);
    if (!store) {
        return fail(ExitLocalError, store.error().message);
    }
    const bool json = format == "json";
    if (sub == "list") {
        return list(*store.value(), *args, json);
    }
    if (sub == "show") {
        return show(*store.value(), *args, json, *cis);
    }
    if (sub == "diff") {
        return diff(*store.value(), *args, json, *cis);
    }
    if (sub == "trend") {
        return trend(*store.value(), *args, json);
    }
    if (sub == "prune") {
        return prune(*store.value(), *args);
    }
    if (sub == "waivers") {
        return waivers(*store.value(), *args, json);
    }
    if (sub == "actions") {
        return actions(*store.value(), *args, json);
    }
    if (sub == "alerts") {
        return alerts(*store.value(), *args, json);
    }
    return fail(ExitUsage, "unknown history command '" + sub +
                               "' (list, show, diff, trend, prune, waivers, actions, alerts, reset)");
}

} // namespace drydock::app
