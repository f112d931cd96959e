#include "core/hardening/RunnerSupport.h"

#include "core/common/Strings.h"
#include "core/common/TarArchive.h"
#include "core/docker/StreamDemux.h"
#include "core/docker/UrlEncoding.h"
#include "core/json/ModelParser.h"
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"

namespace drydock::runner {

namespace {

// Values shorter than this are not masked inside log text: replacing "1" everywhere would hide the log, not a
// secret.
constexpr std::size_t kShortestMaskedValue = 4;
constexpr std::size_t kLogLineBytes = 400;

Result<void> deliverSecrets(DockerWriter& writer, const std::string& id, const PreparedContainer& p,
                            const StepFn& step)
{
    for (const auto& f : p.body.secretFiles) {
        std::vector<TarEntry> entries;
        std::string target = "/";
        if (f.intoVolume) {
            target = f.directory;
            entries.push_back({f.fileName, f.content, 0400, p.secretUid, p.secretGid});
        } else {
            // Directory entries keep /run as images have it (root, 0755).
            std::string dir;
            for (const auto& part : split(f.directory.substr(1), '/')) {
                dir += part + "/";
                entries.push_back({dir, {}, 0755, 0, 0});
            }
            entries.push_back({dir + f.fileName, f.content, 0400, p.secretUid, p.secretGid});
        }
        auto put = writer.putArchive(id, target, makeTar(entries));
        // Name and path only: the value never reaches a log.
        step("put secret file", put ? "ok" : "failed",
             f.envName + " -> " + f.directory + "/" + f.fileName + (put ? "" : ": " + put.error().message));
        if (!put) {
            return put.error();
        }
    }
    return success();
}

Result<void> connectNetworks(DockerWriter& writer, const std::string& id, const PreparedContainer& p,
                             const StepFn& step)
{
    for (const auto& [network, endpoint] : p.body.extraNetworks) {
        auto r = writer.connectNetwork(network, id, json::networkConnectBody(id, endpoint));
        step("connect network", r ? "ok" : "failed", network + (r ? "" : ": " + r.error().message));
        if (!r) {
            return r.error();
        }
    }
    return success();
}

} // namespace

Result<OriginalContainer> readOriginal(DockerClient& client, const HardeningPlan& plan)
{
    if (!plan.isContainer()) {
        return Error::make(
            ErrorCode::InvalidArgument,
            "An image cannot be hardened in place: put the Dockerfile changes into its build and "
            "recreate its containers.");
    }
    auto raw = client.get("/containers/" + urlEncode(plan.object.id) + "/json");
    if (!raw) {
        return raw.error();
    }
    auto container = json::parseContainer(raw.value());
    if (!container) {
        return container.error();
    }
    OriginalContainer o{std::move(raw.value()), std::move(container.value()), {}};
    auto image = client.inspectImage(o.container.config.image);
    if (!image || image->id != o.container.imageId) {
        o.imageOverride = o.container.imageId;
    }
    return o;
}

Result<PreparedContainer> prepareContainer(const OriginalContainer& original, const HardeningPlan& plan,
                                           const std::vector<RunEdit>& edits, bool trial)
{
    CreateBodyOptions options;
    options.trial = trial;
    options.imageOverride = original.imageOverride;
    auto body = json::buildCreateBody(original.inspect, edits, options);
    if (!body) {
        return body.error();
    }
    PreparedContainer p;
    p.original = original.container;
    p.body = std::move(body.value());
    std::tie(p.secretUid, p.secretGid) = plan.secretOwner();
    return p;
}

Result<void> readyToStart(DockerWriter& writer, const std::string& id, const PreparedContainer& p,
                          const StepFn& step)
{
    auto ready = connectNetworks(writer, id, p, step);
    if (ready) {
        ready = deliverSecrets(writer, id, p, step);
    }
    return ready;
}

StringList readableLogLines(const std::string& raw, const PreparedContainer& p)
{
    std::string text = demuxStream(raw);
    StringList secrets;
    for (const auto& f : p.body.secretFiles) {
        secrets.push_back(f.content);
    }
    for (const auto& entry : p.original.config.env) {
        const std::size_t eq = entry.find('=');
        if (eq != std::string::npos &&
            SecretDetector::classify(entry.substr(0, eq), entry.substr(eq + 1), SecretPlace::Env).masked()) {
            secrets.push_back(entry.substr(eq + 1));
        }
    }
    for (const auto& value : secrets) {
        if (value.size() >= kShortestMaskedValue) {
            text = replaceAll(std::move(text), value, maskSecret(value));
        }
    }
    StringList lines = split(trim(text), '\n');
    for (auto& line : lines) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        line = terminalText(maskSecretsInText(line), kLogLineBytes);
    }
    if (lines.size() == 1 && lines.front().empty()) {
        lines.clear();
    }
    return lines;
}

} // namespace drydock::runner
