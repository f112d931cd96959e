#pragma once
// The realistic set the report targets are measured on (issue #20): 34 containers made from the recorded
// containers of tests/data/api-1.41 (root, privileged, host namespaces, no seccomp, secrets in the environment,
// the Docker socket, a hardened one, …) under 34 names, with their images, networks and daemon, evaluated by the
// real rule engine so findings, evidence and remediated commands are what a scan gives.
#include "core/json/ModelParser.h"
#include "core/results/ScanResult.h"
#include "core/rules/RuleCatalogue.h"
#include "core/scan/RuleEngine.h"
#include "tests/support/TestSupport.h"

#include <QString>

#include <cstdio>

namespace drydock::test {

inline ScanResult realisticScan(const RuleCatalogue& catalogue, int containers = 34)
{
    const auto must = [](auto result, const char* what) {
        if (!result) {
            std::fprintf(stderr, "recorded %s does not parse\n", what);
            std::abort();
        }
        return std::move(result).value();
    };
    ScanResult r;
    r.startedAtUnix = 1796000000;
    r.finishedAtUnix = 1796000003;
    r.catalogueVersion = RuleCatalogue::version;
    Inventory& inv = r.inventory;
    inv.endpoint = "unix:///var/run/docker.sock";
    inv.apiVersion = "1.41";
    (void)json::parseInfo(readData(QStringLiteral("api-1.41/info.json")), inv.daemon);
    (void)json::parseVersion(readData(QStringLiteral("api-1.41/version.json")), inv.daemon);
    inv.engineVersion = inv.daemon.serverVersion;
    for (const char* image : {"image-app", "image-busybox"}) {
        inv.images.push_back(
            must(json::parseImage(readData(QStringLiteral("api-1.41/%1.json").arg(QLatin1String(image)))), image));
    }
    for (const char* network : {"network-appnet"}) {
        inv.networks.push_back(must(
            json::parseNetwork(readData(QStringLiteral("api-1.41/%1.json").arg(QLatin1String(network)))), network));
    }
    const char* bases[] = {"webapp", "priv", "hostns", "noseccomp", "plain", "sysunconf", "exited"};
    const char* roles[] = {"api", "worker", "cache", "gateway", "billing", "search", "reports", "auth", "queue",
                           "mailer", "metrics", "admin"};
    for (int i = 0; i < containers; ++i) {
        const char* base = bases[i % 7];
        Container c = must(
            json::parseContainer(readData(QStringLiteral("api-1.41/container-%1.json").arg(QLatin1String(base)))),
            base);
        c.name = std::string(roles[i % 12]) + "-" + std::to_string(i + 1);
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%04d", i);
        c.id = c.id.substr(0, c.id.size() - 4) + suffix;
        inv.containers.push_back(std::move(c));
    }
    r.findings = RuleEngine(catalogue).evaluate(inv, ScanSettings{}, r.startedAtUnix);
    return r;
}

} // namespace drydock::test
