// Measures SecretDetector::inspectVariable and the SEC-001 rule over 10,000 containers with 20 env vars each
// (a large host), and prints variables per second. Prints figures only; never asserts on time.
#include "core/rules/FindingCollector.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleContext.h"
#include "core/rules/secrets/SecretsRules.h"
#include "core/secrets/SecretDetector.h"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace drydock;

namespace {

constexpr int kContainers = 10000;
constexpr int kVarsPerContainer = 20;

std::string randomText(std::mt19937& rng, std::size_t length)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::uniform_int_distribution<int> pick(0, sizeof alphabet - 2);
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        out += alphabet[pick(rng)];
    }
    return out;
}

// A mix like real hosts: mostly image defaults and settings, a few secrets, URLs, hashes and paths.
std::vector<std::string> environment(std::mt19937& rng, int container)
{
    std::vector<std::string> env{
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOSTNAME=host-" + std::to_string(container),
        "LANG=C.UTF-8",
        "NGINX_VERSION=1.25.3",
        "NJS_VERSION=0.8.2",
        "PKG_RELEASE=1~bookworm",
        "GPG_KEY=A4A9406876FCBD3C456770C88C718D3B5072E1F5",
        "PYTHON_SHA256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "JAVA_OPTS=-Xms256m -Xmx1g -XX:+UseG1GC",
        "LOG_LEVEL=info",
        "ACCESS_LOG=/var/log/nginx/access.log",
        "DB_PASSWORD_FILE=/run/secrets/db_pw",
        "MYSQL_ALLOW_EMPTY_PASSWORD=yes",
        "APP_URL=https://app.example.com/login?next=/home",
        "SESSION_STORE=redis-cluster-primary-01",
        "TZ=Europe/Berlin"};
    env.push_back("DB_PASSWORD=" + randomText(rng, 16));
    env.push_back("DATABASE_URL=postgres://app:" + randomText(rng, 12) + "@db:5432/app");
    env.push_back("SESSION_SECRET_SEED=" + randomText(rng, 32));
    env.push_back(container % 10 == 0 ? "AWS_ACCESS_KEY_ID=AKIA" + randomText(rng, 16) : "WORKERS=4");
    return env;
}

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

} // namespace

int main()
{
    std::mt19937 rng(42);
    Inventory inventory;
    inventory.containers.reserve(kContainers);
    for (int i = 0; i < kContainers; ++i) {
        Container c;
        c.id = "c" + std::to_string(i);
        c.name = "app-" + std::to_string(i);
        c.config.env = environment(rng, i);
        inventory.containers.push_back(std::move(c));
    }
    const std::size_t variables = static_cast<std::size_t>(kContainers) * kVarsPerContainer;

    const SecretDetector detector;
    std::size_t matches = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& c : inventory.containers) {
        for (const auto& entry : c.config.env) {
            const std::size_t eq = entry.find('=');
            const std::string_view view(entry);
            matches += detector.inspectVariable(view.substr(0, eq), view.substr(eq + 1)).has_value();
        }
    }
    const double detectorSeconds = seconds(std::chrono::steady_clock::now() - start);

    RuleCatalogue catalogue;
    registerSecretsRules(catalogue);
    const ScanSettings settings;
    const RuleContext context(inventory, settings, 0);
    FindingCollector out;
    const auto ruleStart = std::chrono::steady_clock::now();
    catalogue.find("SEC-001")->evaluate(context, out);
    const double ruleSeconds = seconds(std::chrono::steady_clock::now() - ruleStart);

    std::printf("SecretDetector::inspectVariable: %zu variables in %.3f s = %.0f variables/s (%zu secrets)\n",
                variables, detectorSeconds, variables / detectorSeconds, matches);
    std::printf("SEC-001 over %d containers: %.3f s = %.0f variables/s (%zu findings)\n", kContainers,
                ruleSeconds, variables / ruleSeconds, out.findings().size());
    return 0;
}
