#include "core/report/TextReport.h"

#include "core/common/Strings.h"
#include "core/common/Time.h"

#include <map>
#include <sstream>

namespace drydock {

namespace {

// Terminal text must not carry control characters from the daemon (escape sequences could rewrite the screen).
std::string clean(std::string_view text, std::size_t maxBytes = 120) { return terminalText(text, maxBytes); }

const char* severityLabel(Severity s)
{
    switch (s) {
    case Severity::Critical: return "CRITICAL";
    case Severity::High: return "HIGH    ";
    case Severity::Medium: return "MEDIUM  ";
    case Severity::Low: return "LOW     ";
    case Severity::Info: return "INFO    ";
    }
    return "INFO    ";
}

std::string portsText(const Container& c)
{
    std::vector<std::string> parts;
    for (const auto& p : c.hostConfig.portBindings) {
        for (const auto& b : p.bindings) {
            parts.push_back((b.hostIp.empty() ? std::string() : b.hostIp + ":") + b.hostPort + "->" + p.containerPort);
        }
    }
    return join(parts, ",");
}

} // namespace

std::string TextReport::scan(const ScanResult& result, bool verbose, CisVersion cis)
{
    std::ostringstream out;
    const auto counts = result.findings.countsBySeverity();
    out << "Drydock scan of " << clean(result.inventory.endpoint) << " (" << clean(result.inventory.engineName) << " " << clean(result.inventory.engineVersion)
        << ", API " << result.inventory.apiVersion << ") at " << formatRfc3339(result.startedAtUnix) << "\n";
    out << result.inventory.containers.size() << " containers, " << result.inventory.images.size() << " images, "
        << result.inventory.networks.size() << " networks, " << result.inventory.volumes.size() << " volumes\n";
    out << "Findings: " << result.findings.size() << " (critical " << counts[4] << ", high " << counts[3]
        << ", medium " << counts[2] << ", low " << counts[1] << ", info " << counts[0] << ")\n";
    out << "CIS Docker Benchmark " << toString(cis) << " (drydock benchmark lists every recommendation)\n";

    // Group by object, in the order of the sorted findings (worst first).
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Finding*>> byObject;
    for (const auto& f : result.findings.all()) {
        const std::string key = std::string(toString(f.object.type)) + " " + f.object.name;
        if (!byObject.count(key)) {
            order.push_back(key);
        }
        byObject[key].push_back(&f);
    }
    for (const auto& key : order) {
        out << "\n" << clean(key) << "\n";
        for (const Finding* f : byObject[key]) {
            out << "  " << severityLabel(f->severity) << " " << f->ruleId << "  " << clean(f->title, 100);
            if (f->location) {
                out << "  (" << clean(f->location->file, 200) << ":" << f->location->line << ":" << f->location->column
                    << ")";
            }
            out << "\n";
            if (verbose) {
                out << "      evidence: " << clean(f->evidence, 300) << "\n";
                if (const CisReference ref = translateCis(f->cis, cis); !ref.id.empty()) {
                    out << "      CIS Docker Benchmark " << ref.version << " " << ref.id << "\n";
                }
                out << "      fix: " << clean(f->fix, 400) << "\n";
            }
        }
    }
    for (const auto& p : result.inventory.problems) {
        out << "\nnote: could not read " << clean(p.objectType) << " " << clean(p.objectId) << ": " << clean(p.message, 300)
            << "\n";
    }
    return out.str();
}

std::string TextReport::inventory(const Inventory& inv)
{
    std::ostringstream out;
    out << "Endpoint " << clean(inv.endpoint) << "  " << clean(inv.engineName) << " " << clean(inv.engineVersion) << "  API " << inv.apiVersion
        << "  " << clean(inv.daemon.operatingSystem) << "\n";
    out << "Containers: " << inv.containers.size() << "  Images: " << inv.images.size()
        << "  Networks: " << inv.networks.size() << "  Volumes: " << inv.volumes.size()
        << "  Plugins: " << inv.plugins.size()
        << "  Swarm: " << (inv.daemon.swarm.localNodeState.empty() ? "inactive" : clean(inv.daemon.swarm.localNodeState))
        << "\n";
    out << "\nCONTAINERS\n";
    for (const auto& c : inv.containers) {
        out << "  " << c.shortId() << "  " << clean(c.name, 40) << "  " << clean(c.config.image, 50) << "  "
            << clean(c.state.status) << "  user=" << (c.config.user.empty() ? "root" : clean(c.config.user, 30));
        const std::string ports = portsText(c);
        if (!ports.empty()) {
            out << "  ports=" << clean(ports, 80);
        }
        out << "\n";
    }
    out << "\nIMAGES\n";
    for (const auto& i : inv.images) {
        out << "  " << i.shortId() << "  " << clean(i.displayName(), 60) << "  " << (i.size / 1024 / 1024) << " MB  "
            << (i.createdUnix ? formatRfc3339(i.createdUnix) : std::string("-")) << "\n";
    }
    out << "\nNETWORKS\n";
    for (const auto& n : inv.networks) {
        out << "  " << n.id.substr(0, 12) << "  " << clean(n.name, 40) << "  " << clean(n.driver) << "  " << clean(n.scope)
            << (n.internal ? "  internal" : "") << "  " << n.containers.size() << " containers\n";
    }
    out << "\nVOLUMES\n";
    for (const auto& v : inv.volumes) {
        out << "  " << clean(v.name, 64) << "  " << clean(v.driver) << "\n";
    }
    for (const auto& p : inv.problems) {
        out << "\nnote: could not read " << clean(p.objectType) << " " << clean(p.objectId) << ": " << clean(p.message, 300)
            << "\n";
    }
    return out.str();
}

} // namespace drydock
