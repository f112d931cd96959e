#include "core/scan/Scanner.h"

#include "core/contents/ContentAnalyzer.h"
#include "core/docker/TransportFactory.h"
#include "core/host/HostInspector.h"
#include "core/host/HostView.h"
#include "core/host/SshRemoteShell.h"
#include "core/rules/contents/ContentRuleSupport.h"
#include "core/scan/InventoryLoader.h"
#include "core/scan/RuleEngine.h"

#include <algorithm>

namespace drydock {

Scanner::Scanner(DockerClient& client, const RuleCatalogue& catalogue, const Clock& clock)
    : m_client(client), m_catalogue(catalogue), m_clock(clock)
{
}

Result<void> Scanner::analyseContents(ScanResult& result, const ScanSettings& settings,
                                      ProgressSink& progress, const CancelToken& cancel,
                                      ScanBatchSink* batches)
{
    const ContentScanOptions& options = m_contentOptions;
    ContentAnalyzer analyzer(m_client, options);
    if (auto ok = analyzer.prepare(cancel); !ok) {
        return ok;
    }
    std::vector<const Image*> chosen;
    for (const auto& image : result.inventory.images) {
        bool wanted = options.images.empty();
        for (const auto& name : options.images) {
            const auto& tags = image.repoTags;
            wanted = wanted || name == image.id || name == image.shortId() || ("sha256:" + name) == image.id ||
                     std::find(tags.begin(), tags.end(), name) != tags.end() ||
                     std::find(tags.begin(), tags.end(), name + ":latest") != tags.end();
        }
        if (wanted) {
            chosen.push_back(&image);
        }
    }
    if (!options.images.empty() && chosen.empty()) {
        return Error::make(ErrorCode::NotFound, "None of the images named for content analysis (" +
                                                    options.images.front() + (options.images.size() > 1 ? ", …" : "") +
                                                    ") exists on this daemon; check the name with `docker images`.");
    }
    const int total = static_cast<int>(chosen.size());
    const int containers = static_cast<int>(result.inventory.containers.size());
    std::vector<Finding>& findings = result.findings.mutableAll();
    const auto add = [&](std::vector<Finding> found) {
        if (batches && !found.empty()) {
            batches->batch({found, containers, containers});
        }
        findings.insert(findings.end(), std::make_move_iterator(found.begin()),
                        std::make_move_iterator(found.end()));
    };
    for (int i = 0; i < total; ++i) {
        progress.progress("image contents", i, total);
        const Image& image = *chosen[static_cast<std::size_t>(i)];
        auto contents = analyzer.analyze(image, progress, cancel);
        if (!contents) {
            if (contents.error().code == ErrorCode::Cancelled) {
                return contents.error();
            }
            if (contents.error().code == ErrorCode::TooLarge) {
                // Unknown contents are a finding (IMG-115), not a clean image with a footnote.
                ImageContents unread;
                unread.imageId = image.id;
                unread.limitReached = contents.error().message;
                add(evaluateContentRules(m_catalogue, settings, image, unread));
                continue;
            }
            result.inventory.problems.push_back(
                {"image", image.id, "Content analysis failed: " + contents.error().message});
            continue;
        }
        add(evaluateContentRules(m_catalogue, settings, image, contents.value()));
        result.imageContents.push_back(std::move(contents.value()));
    }
    result.findings.sort();
    progress.progress("image contents", total, total);
    return success();
}

void Scanner::readHost(Inventory& inventory, ProgressSink& progress) const
{
    const DockerEndpoint& endpoint = m_client.endpoint();
    if (endpoint.kind == DockerEndpoint::Kind::Unix) {
        // Only a daemon this machine can see: a socket forwarded from elsewhere has no dockerd in our /proc.
        const HostView view(m_hostOptions.root);
        if (auto facts = HostInspector(view).inspect(endpoint.socketPath, inventory.daemon)) {
            inventory.host = std::move(facts.value());
        }
    } else if (endpoint.kind == DockerEndpoint::Kind::Ssh) {
        // The same facts from the far end, through one ssh session running only SshHostReader's commands.
        progress.progress("host", 0, 1);
        std::unique_ptr<RemoteShell> shell =
            m_hostOptions.remoteShell ? m_hostOptions.remoteShell(endpoint)
                                      : std::make_unique<SshRemoteShell>(endpoint, sshOptionsFromEnvironment());
        auto facts = inspectOverSsh(*shell, inventory.daemon);
        if (facts) {
            inventory.host = std::move(facts.value());
        } else {
            // A part of the snapshot that could not be read: the scan JSON lists it, the benchmark's host items
            // give it as their reason (BenchmarkCoverage), and the scan goes on without the host checks.
            inventory.problems.push_back({"host", endpoint.display(), facts.error().message});
        }
        progress.progress("host", 1, 1);
    }
}

Result<ScanResult> Scanner::scan(const ScanSettings& settings, ProgressSink& progress,
                                 const CancelToken& cancel, ScanBatchSink* batches)
{
    ScanResult result;
    result.startedAtUnix = m_clock.nowUnix();
    result.catalogueVersion = RuleCatalogue::version;
    InventoryLoader loader(m_client);
    auto inventory = loader.load(result.startedAtUnix, progress, cancel);
    if (!inventory) {
        return inventory.error();
    }
    result.inventory = std::move(inventory.value());
    if (m_hostOptions.enabled) {
        readHost(result.inventory, progress);
    }

    ScanSettings effective = settings;
    if (effective.ownSocketPath.empty() && m_client.endpoint().kind == DockerEndpoint::Kind::Unix) {
        effective.ownSocketPath = m_client.endpoint().socketPath;
    }
    progress.progress("checks", 0, 1);
    const RuleEngine engine(m_catalogue);
    if (batches) {
        const int containers = static_cast<int>(result.inventory.containers.size());
        result.findings = engine.evaluateInBatches(
            result.inventory, effective, result.startedAtUnix,
            [&](const std::vector<Finding>& found, int done) {
                batches->batch({found, done, containers});
            },
            cancel);
        if (cancel.isCancelled()) {
            return Error::make(ErrorCode::Cancelled, "The scan was cancelled; nothing was changed.");
        }
    } else {
        result.findings = engine.evaluate(result.inventory, effective, result.startedAtUnix);
    }
    if (m_contentOptions.enabled) {
        if (auto ok = analyseContents(result, effective, progress, cancel, batches); !ok) {
            return ok.error();
        }
    }
    progress.progress("checks", 1, 1);
    result.finishedAtUnix = m_clock.nowUnix();
    return result;
}

} // namespace drydock
