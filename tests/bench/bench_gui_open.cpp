// Opening the real MainWindow offscreen on a scripted daemon of 2,000 containers (the recorded API 1.41
// answers of tests/data, copied under new ids, 2 ms per round trip; the rules run for real): the first open
// with an empty history, then the next opens, when the history holds the previous scan. Prints the
// milliseconds from opening (constructing the window) to the window shown, to the first findings row in the
// Findings table (a first run shows the scan's first batch while it runs; a later open the stored scan), to
// the scan finished, and the longest gaps between the ticks of a 10 ms timer on the GUI thread (a stall the
// user sees); asserts nothing about time. With "first", every open is a first run (an empty history each
// time, no stored scan to show) and the medians of the opens are printed; "first-hidden" is the same with the
// scan's findings kept from the window until it ends (as before #19's progressive scan: what showing them
// costs).
//   bench_gui_open [containers] [latency ms per round trip] [opens] [first|first-hidden]
#include "core/rules/RuleCatalogue.h"
#include "tests/bench/BenchSupport.h"
#include "tests/support/ScriptedDaemon.h"
#include "ui/MainWindow.h"
#include "ui/bridge/ScanController.h"
#include "ui/models/FindingsFilterModel.h"
#include "ui/pages/FindingsPage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace drydock;
using namespace drydock::ui;

namespace {

// What one open of the window measured, in milliseconds from the start of opening.
struct OpenFigures
{
    double shown = -1;
    double firstRow = -1;
    int firstRows = 0;
    double finished = -1;
    int findings = 0;
    std::vector<std::pair<double, double>> gaps; // (gap length, when it ended)
};

OpenFigures openOnce(const RuleCatalogue& catalogue, const QString& db, int containers, int latencyMs,
                     bool forward = true)
{
    OpenFigures fig;
    DockerEndpoint endpoint;
    endpoint.kind = DockerEndpoint::Kind::Unix;
    endpoint.socketPath = "/scripted/fleet";
    MainWindowServices services;
    services.catalogue = &catalogue;
    services.databasePath = db;
    services.endpoint = endpoint;
    services.scanOnStart = false; // started below, once the scripted transport is in place
    QElapsedTimer clock;
    clock.start();
    const auto now = [&clock] { return static_cast<double>(clock.nsecsElapsed()) / 1e6; };

    MainWindow window(services);
    window.scanController()->setTransportMaker([containers, latencyMs](const DockerEndpoint&) {
        test::ScriptedDaemon::Options o;
        o.name = "fleet";
        o.containers = containers;
        o.latencyMs = latencyMs;
        return Result<std::unique_ptr<Transport>>(
            std::unique_ptr<Transport>(std::make_unique<test::ScriptedDaemon>(o)));
    });
    window.show();
    if (forward) {
        window.startScan();
    } else {
        window.scanController()->setForwardFindings(false);
        window.scanController()->start();
    }
    fig.shown = now();

    QEventLoop loop;
    QTimer ticker;
    ticker.setInterval(10);
    double lastTick = now();
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        const double t = now();
        fig.gaps.emplace_back(t - lastTick, t);
        lastTick = t;
        const int rows = window.findings()->filterModel()->rowCount();
        if (fig.firstRow < 0 && rows > 0) {
            fig.firstRow = t;
            fig.firstRows = rows;
        }
    });
    QObject::connect(
        window.scanController(), &ScanController::finished, &loop, [&](const ScanOutcome& outcome) {
            fig.finished = now();
            fig.findings = outcome.result ? static_cast<int>(outcome.result->findings.size()) : -1;
            if (!outcome.result) {
                std::fprintf(stderr, "bench_gui_open: the scan failed: %s\n", qPrintable(outcome.error));
            }
            // What follows a scan (history refresh, delta) runs on the GUI thread too.
            QTimer::singleShot(2000, &loop, &QEventLoop::quit);
        });
    ticker.start();
    loop.exec();
    window.close();
    return fig;
}

void print(const char* what, const OpenFigures& fig)
{
    std::printf("%s\n", what);
    std::printf("  %-52s %9.1f ms\n", "window shown", fig.shown);
    if (fig.firstRow >= 0) {
        std::printf("  %-52s %9.1f ms  (%d rows)\n", "first findings row in the Findings table", fig.firstRow,
                    fig.firstRows);
    } else {
        std::printf("  %-52s %9s\n", "first findings row in the Findings table", "never");
    }
    std::printf("  %-52s %9.1f ms  (%d findings)\n", "scan finished and shown", fig.finished, fig.findings);
    auto gaps = fig.gaps;
    std::sort(gaps.begin(), gaps.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < gaps.size() && i < 3; ++i) {
        std::printf("  %-52s %9.1f ms  (ending at %.0f ms)\n",
                    i == 0 ? "longest GUI-thread stall (10 ms ticks)" : "  next", gaps[i].first,
                    gaps[i].second);
    }
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // window geometry and filters from a scratch settings file
    const int containers = argc > 1 ? std::atoi(argv[1]) : 2000;
    const int latencyMs = argc > 2 ? std::atoi(argv[2]) : 2;
    const int opens = argc > 3 ? std::max(2, std::atoi(argv[3])) : 2;
    const std::string mode = argc > 4 ? argv[4] : "";
    const bool firstRuns = mode == "first" || mode == "first-hidden";
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    QTemporaryDir dir;
    const QString db = dir.path() + QStringLiteral("/history.db");
    if (firstRuns) {
        std::printf(
            "bench_gui_open: MainWindow offscreen, scripted daemon with %d containers, %d ms per round "
            "trip, %d first runs (empty history each)%s\n",
            containers, latencyMs, opens, mode == "first" ? "" : ", findings hidden until the scan ends");
        std::vector<double> first;
        std::vector<double> finished;
        for (int i = 0; i < opens; ++i) {
            const QString fresh = dir.path() + QStringLiteral("/first-%1.db").arg(i);
            const OpenFigures fig = openOnce(catalogue, fresh, containers, latencyMs, mode == "first");
            print(qPrintable(QStringLiteral("first run %1").arg(i + 1)), fig);
            first.push_back(fig.firstRow);
            finished.push_back(fig.finished);
        }
        std::sort(first.begin(), first.end());
        std::sort(finished.begin(), finished.end());
        std::printf("  median of %d first runs: first findings %.0f ms, scan finished and shown %.0f ms\n",
                    opens, first[first.size() / 2], finished[finished.size() / 2]);
        std::printf("  peak memory %ld MB\n", bench::peakRssKb() / 1024);
        return 0;
    }

    std::printf(
        "bench_gui_open: MainWindow offscreen, scripted daemon with %d containers, %d ms per round trip\n",
        containers, latencyMs);
    print("first open (empty history)", openOnce(catalogue, db, containers, latencyMs));
    for (int i = 1; i < opens; ++i) {
        print(qPrintable(QStringLiteral("open %1 (the history holds %1 earlier scan(s))").arg(i)),
              openOnce(catalogue, db, containers, latencyMs));
    }
    std::printf("  peak memory %ld MB\n", bench::peakRssKb() / 1024);
    return 0;
}
