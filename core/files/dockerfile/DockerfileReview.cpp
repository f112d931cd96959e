#include "core/files/dockerfile/DockerfileReview.h"

#include "core/common/Strings.h"
#include "core/files/dockerfile/DockerfileChecks.h"
#include "core/files/dockerfile/DockerfileImage.h"
#include "core/files/dockerfile/DockerfileParser.h"
#include "core/files/dockerfile/DockerfilePatcher.h"
#include "core/scan/RuleEngine.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace drydock {

namespace {

// "(layer 3)" as HistoryLine::describe writes it, or "History step 3/7" as SEC-003 does: the build-order
// position of the history entry a finding quotes.
std::optional<int> layerIn(const std::string& evidence)
{
    const auto numberAt = [&](std::size_t at) -> std::optional<int> {
        int value = 0;
        std::size_t i = at;
        while (i < evidence.size() && evidence[i] >= '0' && evidence[i] <= '9' && value < 1000000) {
            value = value * 10 + (evidence[i++] - '0');
        }
        return i == at ? std::nullopt : std::optional<int>(value);
    };
    if (const std::size_t p = evidence.rfind("(layer "); p != std::string::npos) {
        return numberAt(p + 7);
    }
    if (const std::size_t p = evidence.find("History step "); p != std::string::npos) {
        return numberAt(p + 13);
    }
    return std::nullopt;
}

// The config field a finding's evidence names ("Config.User …") as a StageImage::setBy key.
std::optional<std::string> configKeyIn(const Finding& finding)
{
    const std::string& e = finding.evidence;
    static const std::pair<const char*, const char*> kFields[] = {{"Config.User", "user"},
                                                                  {"Config.Healthcheck", "healthcheck"},
                                                                  {"Config.WorkingDir", "workdir"},
                                                                  {"Config.Entrypoint", "entrypoint"},
                                                                  {"Config.Cmd", "cmd"},
                                                                  {"Config.OnBuild", "onbuild"},
                                                                  {"Config.Volumes", "volume"}};
    for (const auto& [field, key] : kFields) {
        if (startsWith(e, field)) {
            return std::string(key);
        }
    }
    if (startsWith(e, "Config.ExposedPorts has \"")) {
        std::string port = e.substr(25, e.find('"', 25) - 25);
        return "expose:" + (port.find('/') == std::string::npos ? port + "/tcp" : port);
    }
    if (startsWith(e, "Config.Env")) {
        return "env:" + finding.discriminator;
    }
    if (startsWith(e, "Config.Labels")) {
        return "label:" + finding.discriminator;
    }
    return std::nullopt;
}

// The instruction a rule's finding is about; the stage's FROM when the finding is about something missing.
std::size_t locate(const StageImage& stage, const Dockerfile& file, const Finding& finding)
{
    if (const auto layer = layerIn(finding.evidence)) {
        if (const auto index = stage.instructionOfLayer(*layer)) {
            return *index;
        }
    }
    if (const auto key = configKeyIn(finding)) {
        if (const auto it = stage.setBy.find(*key); it != stage.setBy.end()) {
            return it->second;
        }
    }
    return file.stages[static_cast<std::size_t>(stage.stage)].fromInstruction;
}

void place(Finding& finding, const std::string& path, const DockerfileInstruction& in,
           const std::string& objectName)
{
    finding.location = SourceLocation{path, in.line, in.column};
    finding.object = ObjectRef{ObjectType::Image, path, objectName};
}

// The user's settings (severity overrides, disabled rules, areas) narrowed to the rules a stage gets.
ScanSettings settingsFor(const RuleCatalogue& catalogue, bool finalImage, const ScanSettings& user)
{
    ScanSettings settings = user;
    settings.onlyAreas.clear();
    for (const Area area : {Area::Image, Area::Secrets}) {
        if (user.onlyAreas.empty() || user.onlyAreas.count(area)) {
            settings.onlyAreas.insert(area);
        }
    }
    if (settings.onlyAreas.empty()) {
        settings.onlyAreas.insert(Area::Swarm); // the user asked for none of the areas a Dockerfile has
    }
    for (const auto& rule : catalogue.rules()) {
        const std::string& id = rule->info().id;
        if (finalImage ? artefactOnlyImageRules().count(id) > 0 : buildStageRules().count(id) == 0) {
            settings.disabledRules.insert(id);
        }
    }
    return settings;
}

// The DKF checks honour the same settings as the rules: disabled ids and areas, severity overrides.
bool checkEnabled(const Finding& finding, const ScanSettings& user)
{
    return !user.disabledRules.count(finding.ruleId) &&
           (user.onlyAreas.empty() || user.onlyAreas.count(finding.area) > 0);
}

// The image rules compare the commands of one RUN with each other (a clean-up after an install), so their
// work grows with the square of a RUN's length: past these bounds a file gets an error, not a slow review.
// The largest RUN instructions of the official images hold about 100 commands.
constexpr std::size_t kMaxCommandsPerRun = 500;
constexpr std::size_t kMaxRunCommands = 10000;

// Commands of a RUN, counted generously: every `&&`, `||`, `;` and line of its script starts one.
std::size_t commandCount(const DockerfileInstruction& in)
{
    std::size_t count = 1;
    const auto countIn = [&](std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (c == ';' || c == '\n' ||
                ((c == '&' || c == '|') && i + 1 < text.size() && text[i + 1] == c && (++i, true))) {
                ++count;
            }
        }
    };
    countIn(in.arguments);
    for (const auto& heredoc : in.heredocs) {
        countIn(heredoc.body);
    }
    return count;
}

std::optional<Error> checkReviewBounds(const Dockerfile& file)
{
    std::size_t total = 0;
    for (const auto& in : file.instructions) {
        if (in.keyword != "RUN") {
            continue;
        }
        const std::size_t count = commandCount(in);
        total += count;
        if (count > kMaxCommandsPerRun) {
            return Error::make(ErrorCode::TooLarge,
                               "Line " + std::to_string(in.line) + ", column " + std::to_string(in.column) +
                                   ": this RUN holds more than " + std::to_string(kMaxCommandsPerRun) +
                                   " shell commands, more than one review reads; split it into several RUN "
                                   "instructions or a script file.");
        }
        if (total > kMaxRunCommands) {
            return Error::make(ErrorCode::TooLarge,
                               "Line " + std::to_string(in.line) +
                                   ": the RUN instructions up to here hold more than " +
                                   std::to_string(kMaxRunCommands) +
                                   " shell commands, more than one review reads; split the Dockerfile.");
        }
    }
    return std::nullopt;
}

} // namespace

const std::set<std::string>& artefactOnlyImageRules()
{
    static const std::set<std::string> kRules{"IMG-005", "IMG-006", "IMG-007", "IMG-019", "IMG-020"};
    return kRules;
}

const std::set<std::string>& buildStageRules()
{
    static const std::set<std::string> kRules{"IMG-015", "IMG-016", "SEC-002", "SEC-003"};
    return kRules;
}

std::vector<Finding> dockerfileFindings(const std::string& path, const Dockerfile& file,
                                        const RuleCatalogue& catalogue, const ScanSettings& settings)
{
    std::vector<Finding> findings;
    const RuleEngine engine(catalogue);
    const std::vector<int> finalStages = finalImageStages(file);
    std::vector<bool> inFinalImage(file.stages.size(), false);
    for (const int stage : finalStages) {
        inFinalImage[static_cast<std::size_t>(stage)] = true;
    }
    const int last = static_cast<int>(file.stages.size()) - 1;
    std::vector<int> stageOf; // the stage each finding of the loop below came from
    for (int s = last; s >= 0; --s) {
        const bool finalImage = s == last;
        if (!finalImage && inFinalImage[static_cast<std::size_t>(s)]) {
            continue; // its history is part of the final image and judged there
        }
        const std::string id = "dockerfile:" + path + "#" + std::to_string(s);
        const StageImage stage = mapStageImage(file, s, id);
        Inventory inventory;
        inventory.images.push_back(stage.image);
        const std::string name =
            finalImage ? path : path + ":" + file.stages[static_cast<std::size_t>(s)].label();
        for (Finding& finding : engine.evaluateObject(inventory, settingsFor(catalogue, finalImage, settings),
                                                      0, ObjectType::Image, id)) {
            place(finding, path, file.instructions[locate(stage, file, finding)], name);
            if (!finalImage) {
                finding.evidence = truncateUtf8("stage " + file.stages[static_cast<std::size_t>(s)].label() +
                                                    ": " + finding.evidence,
                                                240);
            }
            // A stage built FROM another stage carries its layers: the same instruction's finding comes
            // again (docker/awesome-compose's wasmedge Dockerfiles had their curl | bash twice). Stages go
            // from the last to the first, so the one met later is the stage that wrote the instruction.
            std::size_t same = 0;
            while (same < findings.size() &&
                   !(stageOf[same] != s && findings[same].ruleId == finding.ruleId &&
                     findings[same].title == finding.title &&
                     findings[same].location->line == finding.location->line &&
                     findings[same].location->column == finding.location->column)) {
                ++same;
            }
            if (same < findings.size()) {
                findings[same] = std::move(finding);
                stageOf[same] = s;
                continue;
            }
            findings.push_back(std::move(finding));
            stageOf.push_back(s);
        }
    }
    for (auto& check : runDockerfileChecks(file, finalStages)) {
        if (!checkEnabled(check.finding, settings)) {
            continue;
        }
        if (const auto it = settings.severityOverrides.find(check.finding.ruleId);
            it != settings.severityOverrides.end()) {
            check.finding.severity = it->second;
        }
        const DockerfileInstruction& in = file.instructions[check.instruction];
        const bool shipped = in.stage < 0 || inFinalImage[static_cast<std::size_t>(in.stage)];
        place(check.finding, path, in,
              shipped ? path : path + ":" + file.stages[static_cast<std::size_t>(in.stage)].label());
        findings.push_back(std::move(check.finding));
    }
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.location->line, a.location->column, a.ruleId, a.discriminator) <
               std::tie(b.location->line, b.location->column, b.ruleId, b.discriminator);
    });
    return findings;
}

FileReview reviewDockerfile(const std::string& path, std::string text, const FileReviewLimits& limits)
{
    return reviewDockerfile(path, std::move(text), limits, ScanSettings{});
}

FileReview reviewDockerfile(const std::string& path, std::string text, const FileReviewLimits& limits,
                            const ScanSettings& settings)
{
    return reviewDockerfile(path, std::move(text), limits, settings, {});
}

FileReview reviewDockerfile(const std::string& path, std::string text, const FileReviewLimits& limits,
                            const ScanSettings& settings, std::vector<std::string> contextSecretFiles)
{
    FileReview review;
    review.path = path;
    review.kind = ReviewedFileKind::Dockerfile;
    auto parsed = parseDockerfile(text, limits);
    if (parsed) {
        if (auto bound = checkReviewBounds(*parsed)) {
            parsed = std::move(*bound);
        }
    }
    if (!parsed) {
        Error error = parsed.error();
        error.message = path + ": " + error.message;
        review.error = std::move(error);
        review.originalText = std::move(text);
        return review;
    }
    parsed->contextSecretFiles = std::move(contextSecretFiles);
    const RuleCatalogue catalogue = RuleCatalogue::builtIn();
    review.findings = dockerfileFindings(path, *parsed, catalogue, settings);
    for (const auto& stage : parsed->stages) {
        for (const auto& variable : stage.unresolvedVariables) {
            review.notes.push_back("FROM " + stage.baseImage + " (line " +
                                   std::to_string(parsed->instructions[stage.fromInstruction].line) +
                                   "): " + variable +
                                   " has no default, so the base image is chosen at build time and "
                                   "its tag was not judged.");
        }
    }
    const auto leftAlone = DockerfilePatcher::leftAlone(*parsed, review.findings);
    review.notes.insert(review.notes.end(), leftAlone.begin(), leftAlone.end());
    const auto patch = DockerfilePatcher::patch(path, text, *parsed, review.findings, catalogue, settings);
    if (patch) {
        review.fixedText = patch->text;
        review.fixedRuleIds = patch->ruleIds;
        review.notes.insert(review.notes.end(), patch->notes.begin(), patch->notes.end());
    }
    review.originalText = std::move(text);
    return review;
}

} // namespace drydock
