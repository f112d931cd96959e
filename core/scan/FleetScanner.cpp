#include "core/scan/FleetScanner.h"

#include "core/docker/DockerClient.h"
#include "core/docker/TransportFactory.h"

#include <chrono>
#include <mutex>
#include <thread>

namespace drydock {

namespace {

// Forwards one scan's phases as stages of its endpoint, once per phase (not per unit: a fleet of
// endpoints with hundreds of containers each would drown the listener otherwise).
class StageForwarder final : public ProgressSink
{
public:
    StageForwarder(FleetProgress& progress, std::size_t index, const FleetTarget& target)
        : m_progress(progress), m_index(index), m_target(target)
    {
    }

    void progress(const std::string& phase, int, int) override
    {
        const std::lock_guard lock(m_mutex);
        if (phase == m_lastPhase) {
            return;
        }
        m_lastPhase = phase;
        m_progress.endpointStage(m_index, m_target, "scanning " + phase, "");
    }

private:
    FleetProgress& m_progress;
    std::size_t m_index;
    const FleetTarget& m_target;
    std::mutex m_mutex;
    std::string m_lastPhase;
};

} // namespace

FleetScanner::FleetScanner(const RuleCatalogue& catalogue, const Clock& clock, TransportMaker maker)
    : m_catalogue(catalogue), m_clock(clock), m_maker(std::move(maker))
{
    if (!m_maker) {
        m_maker = [](const DockerEndpoint& e) { return makeTransport(e); };
    }
}

std::vector<FleetEntry> FleetScanner::scan(const std::vector<FleetTarget>& targets,
                                           const ScanSettings& settings, FleetProgress& progress,
                                           const CancelToken& cancel) const
{
    std::vector<FleetEntry> entries(targets.size());
    auto scanOne = [&](std::size_t i) {
        FleetEntry& entry = entries[i];
        entry.target = targets[i];
        const auto started = std::chrono::steady_clock::now();
        auto finish = [&] {
            entry.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now() - started)
                                   .count();
            if (entry.error) {
                progress.endpointStage(i, entry.target, "unreachable", entry.error->message);
            } else {
                progress.endpointStage(i, entry.target, "done",
                                       std::to_string(entry.result->findings.size()) + " findings");
            }
        };
        try {
            progress.endpointStage(i, entry.target, "connecting", "");
            auto transport = m_maker(entry.target.endpoint);
            if (!transport) {
                entry.error = transport.error();
                finish();
                return;
            }
            DockerClient client(std::move(transport.value()), entry.target.endpoint);
            if (auto version = client.negotiate(); !version) {
                entry.error = version.error();
                finish();
                return;
            }
            StageForwarder forwarder(progress, i, entry.target);
            Scanner scanner(client, m_catalogue, m_clock);
            auto result = scanner.scan(settings, forwarder, cancel);
            if (!result) {
                entry.error = result.error();
            } else {
                entry.result = std::move(result.value());
            }
        } catch (const std::exception& e) {
            // A thread must not let an exception escape (std::terminate); it becomes this endpoint's error.
            entry.error =
                Error::make(ErrorCode::Internal, std::string("Scanning failed unexpectedly: ") + e.what());
        }
        finish();
    };

    std::vector<std::thread> threads;
    threads.reserve(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        threads.emplace_back(scanOne, i);
    }
    for (auto& t : threads) {
        t.join();
    }
    return entries;
}

} // namespace drydock
