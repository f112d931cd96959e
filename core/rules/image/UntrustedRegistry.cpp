#include "core/common/Strings.h"
#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/image/ImageRuleSupport.h"

#include <algorithm>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "IMG-020",
    .area = Area::Image,
    .defaultSeverity = Severity::Medium,
    .cis = cis("4.2"),
    .title = "Image from an untrusted registry",
    .rationale = "Images from a registry nobody vetted may carry anything: typo-squatted names, abandoned or "
                 "hijacked repositories and unreviewed builds all reach the host the same way.",
    .fix = "Pull images only from registries you trust (mirror what you need into one), or add this registry "
           "to the trusted list after reviewing it.",
    .practice = "Use images from trusted registries"};

constexpr std::string_view kDockerfile = "# Pull the base from a trusted registry, pinned by digest:\n"
                                         "FROM registry.example.com/mirror/debian:12-slim@sha256:<digest>\n";

// Docker reads a first path component with '.' or ':', or equal to "localhost", as a registry host; any other
// name lives on Docker Hub.
bool isRegistryHost(std::string_view component)
{
    return component.find_first_of(".:") != std::string_view::npos || component == "localhost";
}

// Docker Hub's aliases all mean docker.io.
std::string canonicalRegistry(std::string_view host)
{
    const std::string lower = toLower(host);
    return lower == "index.docker.io" || lower == "registry-1.docker.io" ? std::string("docker.io") : lower;
}

// The repository a reference names, registry explicit, without tag or digest, lower-cased:
// "nginx:1" -> "docker.io/library/nginx", "ghcr.io/org/app:1" -> "ghcr.io/org/app".
std::string repositoryOf(std::string_view reference)
{
    reference = reference.substr(0, reference.find('@'));
    const std::size_t colon = reference.rfind(':');
    const std::size_t lastSlash = reference.rfind('/');
    if (colon != std::string_view::npos && (lastSlash == std::string_view::npos || colon > lastSlash)) {
        reference = reference.substr(0, colon);
    }
    std::string registry = "docker.io";
    std::string path(reference);
    const std::size_t slash = reference.find('/');
    if (slash != std::string_view::npos && isRegistryHost(reference.substr(0, slash))) {
        registry = canonicalRegistry(reference.substr(0, slash));
        path = std::string(reference.substr(slash + 1));
    }
    if (registry == "docker.io" && path.find('/') == std::string::npos) {
        path = "library/" + path;
    }
    return registry + "/" + toLower(path);
}

std::string registryOf(std::string_view reference)
{
    const std::string repository = repositoryOf(reference);
    return repository.substr(0, repository.find('/'));
}

// A trusted entry is a registry host ("quay.io", "localhost:5000"), a wildcard domain ("*.corp.example") or a
// registry with a path prefix ("ghcr.io/my-org", "docker.io/library") that trusts only what lies below it.
bool matchesEntry(std::string_view reference, const std::string& entry)
{
    const std::string wanted = toLower(trim(entry));
    if (wanted.empty()) {
        return false;
    }
    const std::string registry = registryOf(reference);
    if (startsWith(wanted, "*.")) {
        return endsWith(registry, wanted.substr(1));
    }
    const std::size_t slash = wanted.find('/');
    if (slash == std::string::npos) {
        return canonicalRegistry(wanted) == registry;
    }
    std::string prefix =
        isRegistryHost(std::string_view(wanted).substr(0, slash))
            ? canonicalRegistry(std::string_view(wanted).substr(0, slash)) + wanted.substr(slash)
            : "docker.io/" + wanted;
    while (endsWith(prefix, "/")) {
        prefix.pop_back();
    }
    return startsWith(repositoryOf(reference) + "/", prefix + "/");
}

bool isTrusted(std::string_view reference, const std::vector<std::string>& trusted)
{
    return std::any_of(trusted.begin(), trusted.end(),
                       [&](const std::string& entry) { return matchesEntry(reference, entry); });
}

bool isReference(const std::string& text)
{
    return !text.empty() && text != "<none>:<none>" && text != "<none>@<none>";
}

// Checks that every tag and digest of an image names a trusted registry. An image with neither was built or
// loaded locally: its provenance is the local build, reported for information only.
class UntrustedRegistry final : public ImageRule
{
public:
    UntrustedRegistry() : ImageRule(kRuleInfo) {}

protected:
    void check(const RuleContext& context, const Image& image, FindingCollector& out) const override
    {
        StringList references;
        for (const auto* list : {&image.repoTags, &image.repoDigests}) {
            std::copy_if(list->begin(), list->end(), std::back_inserter(references), isReference);
        }
        FindingDraft draft;
        draft.object = refOf(image);
        draft.dockerfile = std::string(kDockerfile);
        if (references.empty()) {
            draft.evidence = "No RepoTags or RepoDigests: built or loaded locally";
            draft.severity = Severity::Info;
            out.add(info(), std::move(draft));
            return;
        }
        // Podman names what it builds or loads "localhost/name" (no port): a local image, not a registry
        // (localhost:5000 is one, and is judged like any other).
        if (std::all_of(references.begin(), references.end(),
                        [](const std::string& r) { return registryOf(r) == "localhost"; })) {
            draft.evidence =
                "Named " + references.front() + ": built or loaded locally (Podman's localhost/ names)";
            draft.severity = Severity::Info;
            out.add(info(), std::move(draft));
            return;
        }
        StringList registries;
        std::string example;
        for (const auto& reference : references) {
            if (isTrusted(reference, context.settings().trustedRegistries) ||
                registryOf(reference) == "localhost") {
                continue;
            }
            const std::string registry = registryOf(reference);
            if (std::find(registries.begin(), registries.end(), registry) == registries.end()) {
                registries.push_back(registry);
            }
            if (example.empty()) {
                example = reference;
            }
        }
        if (registries.empty()) {
            return;
        }
        draft.evidence = evidenceText("Registry " + join(registries, ", ") + " (" + example +
                                      ") is not in the trusted registries");
        out.add(info(), std::move(draft));
    }
};

} // namespace

DRYDOCK_RULE(makeUntrustedRegistryRule)
{
    return std::make_unique<UntrustedRegistry>();
}

} // namespace drydock
