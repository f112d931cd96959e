#include "core/files/ProjectReview.h"

#include "core/files/BuildContext.h"
#include "core/files/compose/ComposePatcher.h"
#include "core/files/compose/ComposeProject.h"
#include "core/files/compose/ComposeReview.h"
#include "core/files/dockerfile/DockerfileReview.h"
#include "core/findings/FindingKey.h"
#include "core/rules/RuleAdvice.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

namespace drydock {

namespace {

// A finding's identity in one file: the same key at the same place is one finding, even when two projects (a
// base reviewed alone and with an overlay) both report it.
std::string placeKey(const Finding& f)
{
    std::string key = findingKey(f);
    if (f.location) {
        key += '\x1f' + std::to_string(f.location->line) + ':' + std::to_string(f.location->column);
    }
    return key;
}

// The compose files of one project with some of them replaced (a patched text), read through the same seam.
ComposeLoadRequest requestFor(const ComposeFileGroup& group, const ProjectReviewOptions& options,
                              const std::map<std::string, std::string>* replaced)
{
    ComposeLoadRequest request;
    request.files = group.files;
    request.projectDirectory = group.directory;
    request.environment = options.environment;
    request.limits = options.limits;
    const FileReviewLimits limits = options.limits;
    request.readFile = [limits, replaced](const std::string& path) -> Result<std::string> {
        if (replaced) {
            if (const auto it = replaced->find(path); it != replaced->end()) {
                return it->second;
            }
        }
        return readReviewedFile(path, limits);
    };
    return request;
}

// The run-command edits of a file's findings, per service, each once, in the order of the findings.
std::map<std::string, std::vector<RunEdit>> editsByService(const FileReview& file)
{
    std::map<std::string, std::vector<RunEdit>> edits;
    for (const auto& f : file.findings) {
        if (f.waiver || f.object.type != ObjectType::Container) {
            continue;
        }
        auto& list = edits[f.object.name];
        for (const auto& e : f.remediation.edits) {
            if (std::find(list.begin(), list.end(), e) == list.end()) {
                list.push_back(e);
            }
        }
    }
    return edits;
}

// Keeps a file's patched text as its fix when, read back, it resolves something and brings no new high or
// critical finding; says why not otherwise, and names the changes that usually need a decision.
void keepFixIfSound(FileReview& file, const std::string& patchedText, const std::vector<FileReview>& after)
{
    std::set<std::string> before;
    for (const auto& f : file.findings) {
        before.insert(findingKey(f));
    }
    std::set<std::string> still;
    std::vector<std::string> introduced;
    for (const auto& r : after) {
        if (r.path != file.path) {
            continue;
        }
        for (const auto& f : r.findings) {
            const std::string key = findingKey(f);
            still.insert(key);
            if (!before.count(key) && f.severity >= Severity::High) {
                introduced.push_back(f.ruleId);
            }
        }
    }
    std::set<std::string> fixedRules;
    std::set<std::string> deliberate;
    for (const auto& f : file.findings) {
        if (!still.count(findingKey(f))) {
            fixedRules.insert(f.ruleId);
            if (!ruleAdvice(f.ruleId).appliedByDefault) {
                deliberate.insert(f.ruleId);
            }
        }
    }
    if (!introduced.empty() || fixedRules.empty()) {
        file.notes.push_back(introduced.empty()
                                 ? "no automatic fix: the edits resolved nothing when the file was read back"
                                 : "the automatic fix was dropped: it would bring " + introduced.front() +
                                       " into the file");
        return;
    }
    file.fixedText = patchedText;
    file.fixedRuleIds.assign(fixedRules.begin(), fixedRules.end());
    if (!deliberate.empty()) {
        std::string list;
        for (const auto& id : deliberate) {
            list += (list.empty() ? "" : ", ") + id;
        }
        file.notes.push_back("the fix also changes what usually needs a decision (" + list +
                             "): read the diff before you keep it");
    }
}

// Rounds of patch and re-read: removing `privileged` lets the default-capabilities rule fire, whose edit the
// next round makes. Three rounds reach the fixed point of every rule's edits.
constexpr int kFixRounds = 3;

// Patches each file of a reviewed project with its findings' edits, re-reads the project with the patched texts
// (again, until nothing more changes) and keeps a file's fix only when it reads back, resolves something and
// brings no new high or critical finding.
void fixComposeFiles(const ComposeFileGroup& group, const ProjectReviewOptions& options,
                     std::vector<FileReview>& reviews)
{
    std::map<std::string, std::string> patched;        // path -> text after the rounds so far
    std::map<std::string, std::vector<std::string>> notes; // path -> what the patcher said, once each
    const auto note = [&notes](const std::string& path, std::string text) {
        auto& list = notes[path];
        if (std::find(list.begin(), list.end(), text) == list.end()) {
            list.push_back(std::move(text));
        }
    };
    std::vector<FileReview> current = reviews;
    std::vector<FileReview> after;
    bool readBack = true;
    std::string readError;
    for (int round = 0; round < kFixRounds; ++round) {
        bool changed = false;
        for (const auto& file : current) {
            if (file.error) {
                continue;
            }
            const auto known = patched.find(file.path);
            std::string text = known != patched.end() ? known->second : file.originalText;
            const std::string start = text;
            for (const auto& [service, edits] : editsByService(file)) {
                if (edits.empty()) {
                    continue;
                }
                ComposePatchReport report;
                auto next = patchComposeService(text, service, edits, &report);
                if (!next && next.error().code == ErrorCode::NotFound) {
                    // The findings sit in this file, but the service is defined in another one that takes
                    // them through `extends: file:` — and may share them with other services.
                    note(file.path, "service " + service + ": what it takes from " + file.path +
                                        " through extends: is not patched; change it there by hand (other "
                                        "services may extend it too)");
                    continue;
                }
                if (!next) {
                    note(file.path, "service " + service + ": no automatic fix (" + next.error().message + ")");
                    continue;
                }
                text = std::move(next.value());
                for (const auto& skipped : report.skipped) {
                    note(file.path, "service " + service + ": " + skipped.description);
                }
                for (const auto& create : report.filesToCreate) {
                    note(file.path, "the fix reads " + create.path + ": create it with " + create.content);
                }
            }
            if (text != start) {
                patched[file.path] = std::move(text);
                changed = true;
            }
        }
        if (!changed) {
            break;
        }
        auto again = loadComposeProject(requestFor(group, options, &patched));
        if (!again) {
            readBack = false;
            readError = again.error().message;
            break;
        }
        after = reviewCompose(*again, options.limits);
        current = after;
    }
    for (auto& file : reviews) {
        const auto text = patched.find(file.path);
        if (const auto n = notes.find(file.path); n != notes.end()) {
            file.notes.insert(file.notes.end(), n->second.begin(), n->second.end());
        }
        if (text == patched.end() || text->second == file.originalText) {
            continue;
        }
        if (!readBack) {
            file.notes.push_back("the automatic fix was dropped: the patched file did not read back (" + readError +
                                 ")");
            continue;
        }
        keepFixIfSound(file, text->second, after);
    }
}

// Adds a file's review to the ones by path; a file reviewed in two projects keeps each finding once.
void merge(std::map<std::string, FileReview>& byPath, FileReview review)
{
    auto [it, added] = byPath.try_emplace(review.path, std::move(review));
    if (added) {
        return;
    }
    FileReview& kept = it->second;
    std::set<std::string> seen;
    for (const auto& f : kept.findings) {
        seen.insert(placeKey(f));
    }
    for (auto& f : review.findings) {
        if (seen.insert(placeKey(f)).second) {
            kept.findings.push_back(std::move(f));
        }
    }
    for (auto& n : review.notes) {
        if (std::find(kept.notes.begin(), kept.notes.end(), n) == kept.notes.end()) {
            kept.notes.push_back(std::move(n));
        }
    }
    if (!kept.error && review.error) {
        kept.error = std::move(review.error);
    }
    if (!kept.fixedText && review.fixedText) {
        kept.fixedText = std::move(review.fixedText);
        kept.fixedRuleIds = std::move(review.fixedRuleIds);
    }
}

// The file of a group an error belongs to: the one its message names, else the group's last (its own) file.
std::string fileOfError(const ComposeFileGroup& group, const Error& error)
{
    for (const auto& path : group.files) {
        if (error.message.find(path) != std::string::npos) {
            return path;
        }
    }
    return group.files.back();
}

void reviewComposeGroup(const ComposeFileGroup& group, const ProjectReviewOptions& options,
                        std::map<std::string, FileReview>& byPath)
{
    auto project = loadComposeProject(requestFor(group, options, nullptr));
    if (!project) {
        FileReview failed;
        failed.path = fileOfError(group, project.error());
        failed.kind = ReviewedFileKind::Compose;
        failed.error = project.error();
        if (auto text = readReviewedFile(failed.path, options.limits)) {
            failed.originalText = std::move(text.value());
        }
        merge(byPath, std::move(failed));
        return;
    }
    std::vector<FileReview> reviews = reviewCompose(*project, options.limits);
    if (!group.reportBaseFindings) {
        // An overlay laid over its base: the base's own findings come from the base's project.
        const std::string& overlay = group.files.back();
        reviews.erase(std::remove_if(reviews.begin(), reviews.end(),
                                     [&overlay](const FileReview& r) { return r.path != overlay; }),
                      reviews.end());
    }
    fixComposeFiles(group, options, reviews);
    for (auto& r : reviews) {
        for (const auto& note : project->notes) {
            if (std::find(r.notes.begin(), r.notes.end(), note) == r.notes.end() && r.path == group.files.front()) {
                r.notes.push_back(note);
            }
        }
        merge(byPath, std::move(r));
    }
}

} // namespace

ScanResult ProjectReview::asScanResult(const std::string& catalogueVersion) const
{
    ScanResult scan;
    scan.startedAtUnix = startedAtUnix;
    scan.finishedAtUnix = finishedAtUnix;
    scan.catalogueVersion = catalogueVersion;
    scan.inventory.endpoint = "files";
    scan.inventory.engineName = "drydock check";
    std::vector<Finding> findings;
    for (const auto& file : files) {
        if (file.error) {
            scan.inventory.problems.push_back({toString(file.kind), file.path, file.error->message});
        }
        findings.insert(findings.end(), file.findings.begin(), file.findings.end());
    }
    scan.findings = FindingSet(std::move(findings));
    scan.findings.sort();
    return scan;
}

std::size_t ProjectReview::errorCount() const
{
    return static_cast<std::size_t>(
        std::count_if(files.begin(), files.end(), [](const FileReview& f) { return f.error.has_value(); }));
}

Result<ProjectReview> reviewProject(const ProjectReviewOptions& options, const CancelToken& cancel)
{
    ProjectReview review;
    review.startedAtUnix = static_cast<std::int64_t>(std::time(nullptr));
    auto found = discoverProjectFiles(options.discovery);
    if (!found) {
        return found.error();
    }
    review.notes = found->notes;
    const Error cancelled = Error::make(ErrorCode::Cancelled, "The check was cancelled; nothing was written.");
    std::map<std::string, FileReview> compose;
    for (const auto& group : found->composeGroups) {
        if (cancel.isCancelled()) {
            return cancelled;
        }
        reviewComposeGroup(group, options, compose);
    }
    for (auto& [path, file] : compose) {
        review.files.push_back(std::move(file));
    }
    for (const auto& path : found->dockerfiles) {
        if (cancel.isCancelled()) {
            return cancelled;
        }
        auto text = readReviewedFile(path, options.limits);
        if (!text) {
            FileReview failed;
            failed.path = path;
            failed.kind = ReviewedFileKind::Dockerfile;
            failed.error = text.error();
            review.files.push_back(std::move(failed));
            continue;
        }
        // The build context docker compose and `docker build .` use by default: the Dockerfile's folder.
        const std::filesystem::path dockerfile(path);
        review.files.push_back(reviewDockerfile(
            path, std::move(text.value()), options.limits, ScanSettings{},
            secretFilesInBuildContext(dockerfile.parent_path().string(), dockerfile.filename().string())));
    }
    review.finishedAtUnix = static_cast<std::int64_t>(std::time(nullptr));
    return review;
}

} // namespace drydock
