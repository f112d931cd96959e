// The GUI models at desktop scale, offscreen: loading 50,000 findings into FindingsModel behind the sorted
// FindingsFilterModel, the search text built off the GUI thread, text / severity filters and a re-sort, a
// live update of one object's findings, and 2,000 containers in the inventory model. Prints milliseconds per step; asserts nothing about time.
#include "core/findings/FindingSet.h"
#include "core/model/Inventory.h"
#include "tests/bench/BenchSupport.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/models/FindingsModel.h"
#include "ui/models/InventoryTableModel.h"

#include <QApplication>
#include <QEventLoop>
#include <QSortFilterProxyModel>

#include <cstdio>
#include <memory>
#include <string>

using namespace drydock;
using namespace drydock::ui;
using drydock::bench::Stopwatch;

namespace {

const char* const kRules[] = {"CTR-001", "CTR-002", "CTR-003", "CTR-016", "NET-003", "RUN-006", "RUN-008",
                              "RUN-009", "SEC-001", "IMG-002", "IMG-005", "DMN-007"};

std::vector<Finding> syntheticFindings(int count, int objects)
{
    std::vector<Finding> out;
    out.reserve(static_cast<std::size_t>(count));
    const std::string command = "docker run --detach --name web-%d --user 10001 --cap-drop ALL --read-only "
                                "--security-opt no-new-privileges:true --memory 256m --pids-limit 200 "
                                "--publish 127.0.0.1:8080:80 registry.example/team/web:1.4.2";
    for (int i = 0; i < count; ++i) {
        Finding f;
        f.ruleId = kRules[i % 12];
        f.area = static_cast<Area>(i % 7);
        f.severity = static_cast<Severity>(i % 5);
        const int o = i % objects;
        f.object = {ObjectType::Container, "id-" + std::to_string(o), "web-" + std::to_string(o)};
        f.title = std::string("Synthetic finding ") + f.ruleId;
        f.evidence = "HostConfig.CapAdd = [CAP_SYS_ADMIN] on web-" + std::to_string(o);
        f.rationale = "Why it matters, in a sentence or two of plain words.";
        f.fix = "Drop the capability and add back only what the process needs.";
        f.discriminator = std::to_string(i / objects);
        f.remediation.runCommand = command;
        f.remediation.compose = "services:\n  web:\n    image: registry.example/team/web:1.4.2\n";
        if (i % 40 == 0) {
            f.waiver = WaiverMark{1, "accepted", "", std::nullopt};
        }
        out.push_back(std::move(f));
    }
    return out;
}

Inventory syntheticInventory(int containers)
{
    Inventory inv;
    for (int i = 0; i < containers; ++i) {
        Container c;
        c.id = "id-" + std::to_string(i);
        c.name = "web-" + std::to_string(i);
        c.config.image = "registry.example/team/web:1.4.2";
        c.state.status = i % 4 ? "running" : "exited";
        c.created = "2026-11-29T05:00:00.000000000Z";
        c.hostConfig.portBindings = {{"80/tcp", {{"127.0.0.1", std::to_string(10000 + i)}}}};
        inv.containers.push_back(std::move(c));
    }
    return inv;
}

void report(const char* what, double ms) { std::printf("  %-58s %9.1f ms\n", what, ms); }

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 50000;
    const int objects = 2000;
    auto findings = std::make_shared<const std::vector<Finding>>(syntheticFindings(count, objects));

    std::printf("findings model: %d findings over %d objects\n", count, objects);
    FindingsModel model;
    FindingsFilterModel filter;
    filter.setSourceModel(&model);
    filter.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder); // as the Findings page does
    {
        Stopwatch t;
        model.setFindings(findings);
        report("load into model + sorted filter proxy", t.ms());
    }
    {
        // Built on a worker thread: the GUI thread only waits here because the bench asks for it.
        Stopwatch t;
        while (!model.searchTextReady()) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        report("search text built off the GUI thread (GUI stays free)", t.ms());
    }
    {
        Stopwatch t;
        filter.setSearchText(QStringLiteral("web-1234"));
        report(qPrintable(QStringLiteral("text filter 'web-1234' (%1 rows left)").arg(filter.rowCount())), t.ms());
    }
    {
        Stopwatch t;
        filter.setSearchText(QString());
        report("clear the text filter", t.ms());
    }
    {
        Stopwatch t;
        filter.setSearchText(QStringLiteral("cap_sys_admin on web-77"));
        report(qPrintable(QStringLiteral("another text filter (%1 rows left)").arg(filter.rowCount())), t.ms());
        filter.setSearchText(QString());
    }
    {
        Stopwatch t;
        filter.setMinimumSeverity(Severity::High);
        report(qPrintable(QStringLiteral("severity filter high+ (%1 rows left)").arg(filter.rowCount())), t.ms());
    }
    {
        Stopwatch t;
        filter.sort(FindingsModel::ObjectColumn, Qt::AscendingOrder);
        report("sort by object", t.ms());
    }
    {
        Stopwatch t;
        filter.setMinimumSeverity(Severity::Info);
        filter.sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
        report("all severities again, sort by severity", t.ms());
    }
    {
        std::vector<Finding> fresh;
        const FindingSet all(*findings);
        for (const Finding* f : all.forObject("id-7")) {
            fresh.push_back(*f);
        }
        fresh.pop_back(); // one finding resolved
        Stopwatch t;
        model.replaceObjectFindings(ObjectType::Container, "id-7", fresh);
        report("live update: replace one object's findings", t.ms());
    }

    std::printf("inventory model: 2,000 containers\n");
    const Inventory inventory = syntheticInventory(2000);
    const FindingSet set(*findings);
    InventoryTableModel containers(InventoryTableModel::Kind::Containers);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&containers);
    proxy.setSortRole(InventoryTableModel::SortRole);
    proxy.setFilterKeyColumn(-1);
    proxy.sort(0, Qt::DescendingOrder);
    {
        Stopwatch t;
        containers.setSnapshot(inventory, set);
        report("load 2,000 containers with worst-severity badges", t.ms());
    }
    {
        Stopwatch t;
        proxy.setFilterFixedString(QStringLiteral("web-19"));
        report(qPrintable(QStringLiteral("filter 'web-19' (%1 rows left)").arg(proxy.rowCount())), t.ms());
    }
    {
        Stopwatch t;
        containers.updateObject(inventory, set, ObjectType::Container, "id-7");
        report("live update: refresh one container row", t.ms());
    }
    std::printf("  peak memory %ld MB\n", bench::peakRssKb() / 1024);
    return 0;
}
