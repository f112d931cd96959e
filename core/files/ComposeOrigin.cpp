#include "core/files/ComposeOrigin.h"

#include "core/common/Strings.h"
#include "core/files/FileReview.h"
#include "core/files/compose/ComposePatcher.h"

namespace drydock {

namespace {

std::string label(const Container& c, const char* name)
{
    const auto it = c.config.labels.find(name);
    return it == c.config.labels.end() ? std::string() : it->second;
}

} // namespace

std::optional<ComposeOrigin> composeOriginOf(const Container& container)
{
    ComposeOrigin o;
    o.project = label(container, "com.docker.compose.project");
    o.service = label(container, "com.docker.compose.service");
    if (o.project.empty() || o.service.empty()) {
        return std::nullopt;
    }
    o.workingDir = label(container, "com.docker.compose.project.working_dir");
    for (auto& file : split(label(container, "com.docker.compose.project.config_files"), ',')) {
        file = trim(file);
        if (!file.empty()) {
            o.configFiles.push_back(file);
        }
    }
    return o;
}

std::optional<ComposeOriginFix> composeFixForContainer(const Container& container,
                                                       const std::vector<RunEdit>& edits,
                                                       const OriginFileReader& readFile)
{
    const auto origin = composeOriginOf(container);
    if (!origin) {
        return std::nullopt;
    }
    return composeFixForOrigin(*origin, edits, readFile);
}

OriginFileReader composeFileReaderFor(bool daemonIsLocal)
{
    if (!daemonIsLocal) {
        return [](const std::string&) -> Result<std::string> {
            return Error::make(ErrorCode::NotFound, "the daemon runs on another host, where this file is");
        };
    }
    return [](const std::string& path) { return readReviewedFile(path, FileReviewLimits{}); };
}

ComposeOriginFix composeFixForOrigin(const ComposeOrigin& originRef, const std::vector<RunEdit>& edits,
                                     const OriginFileReader& readFile)
{
    const ComposeOrigin* origin = &originRef;
    ComposeOriginFix fix;
    fix.origin = *origin;
    fix.notes.push_back("This container was created by docker compose (project " + origin->project +
                        ", service " + origin->service +
                        "): the next `docker compose up` recreates it from its compose file and "
                        "undoes a fix made to the container alone, so patch the file too.");
    if (origin->configFiles.empty()) {
        fix.notes.push_back("Its labels do not name the compose files it came from.");
        return fix;
    }
    std::vector<std::string> tried; // why each file before the one patched was not: said only if none is
    for (const auto& path : origin->configFiles) {
        auto text = readFile(path);
        if (!text) {
            tried.push_back("Could not read " + path + " here: " + text.error().message);
            continue;
        }
        ComposePatchReport report;
        auto patched = patchComposeService(*text, origin->service, edits, &report);
        if (!patched) {
            // Not defined in this file (an override that does not name it), or not patchable: the next one.
            tried.push_back(path + ": " + patched.error().message);
            continue;
        }
        fix.file = path;
        fix.originalText = std::move(text.value());
        fix.fixedText = std::move(patched.value());
        // The diff people read (harden's plan, the GUI): secrets masked like every text shown.
        FileReview shown;
        shown.path = path;
        shown.originalText = fix.originalText;
        shown.fixedText = fix.fixedText;
        fix.diff = shownFixDiff(shown);
        for (const auto& skipped : report.skipped) {
            fix.notes.push_back("Not made in the file: " + skipped.description);
        }
        for (const auto& create : report.filesToCreate) {
            fix.notes.push_back("Create " + create.path + " beside the compose file: " + create.content +
                                ".");
        }
        return fix;
    }
    fix.notes.insert(fix.notes.end(), tried.begin(), tried.end());
    return fix;
}

} // namespace drydock
