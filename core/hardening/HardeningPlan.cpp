#include "core/hardening/HardeningPlan.h"

#include "core/common/ShellQuote.h"
#include "core/common/Strings.h"
#include "core/common/VisibleText.h"
#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/DockerfileSnippet.h"
#include "core/remediation/RunCommandHardener.h"

#include <algorithm>
#include <cctype>

namespace drydock {

const char* toString(ChangeChoice choice)
{
    switch (choice) {
    case ChangeChoice::Apply:
        return "apply";
    case ChangeChoice::Skip:
        return "skip";
    case ChangeChoice::Waive:
        return "waive";
    }
    return "skip";
}

std::optional<ChangeChoice> changeChoiceFromString(std::string_view text)
{
    const std::string t = toLower(trim(text));
    if (t == "apply") {
        return ChangeChoice::Apply;
    }
    if (t == "skip") {
        return ChangeChoice::Skip;
    }
    if (t == "waive") {
        return ChangeChoice::Waive;
    }
    return std::nullopt;
}

HardeningChange* HardeningPlan::find(const std::string& id)
{
    for (auto& c : changes) {
        if (c.id == id) {
            return &c;
        }
    }
    return nullptr;
}

const HardeningChange* HardeningPlan::find(const std::string& id) const
{
    return const_cast<HardeningPlan*>(this)->find(id);
}

std::vector<const HardeningChange*> HardeningPlan::changesIn(Area area) const
{
    std::vector<const HardeningChange*> out;
    for (const auto& c : changes) {
        if (c.area == area) {
            out.push_back(&c);
        }
    }
    return out;
}

std::vector<RunEdit> HardeningPlan::chosenEdits() const
{
    std::vector<RunEdit> out;
    for (const auto& c : changes) {
        if (c.automatic && c.choice == ChangeChoice::Apply) {
            out.insert(out.end(), c.edits.begin(), c.edits.end());
        }
    }
    return out;
}

std::pair<int, int> HardeningPlan::secretOwner() const
{
    const HardeningChange* user = find("CTR-001");
    if (user != nullptr && user->choice == ChangeChoice::Apply && chosenUid >= 0) {
        return {chosenUid, chosenGid};
    }
    return {runAsUid, runAsGid};
}

StringList HardeningPlan::resolvedRuleIds() const
{
    StringList out;
    for (const auto& c : changes) {
        if (c.automatic && c.choice == ChangeChoice::Apply) {
            for (const auto& r : c.ruleIds) {
                if (std::find(out.begin(), out.end(), r) == out.end()) {
                    out.push_back(r);
                }
            }
        }
    }
    return out;
}

void HardeningPlan::chooseAll(ChangeChoice choice)
{
    for (auto& c : changes) {
        if (c.automatic) {
            c.choice = choice;
        }
    }
}

namespace {

StringList optionLines(const RunCommand& cmd)
{
    StringList lines;
    for (const auto& o : cmd.options) {
        lines.push_back(o.hasValue ? o.flag + " " + shellQuote(o.value) : o.flag);
    }
    lines.push_back(shellQuote(cmd.image) + (cmd.command.empty() ? "" : " " + shellJoin(cmd.command)));
    return lines;
}

// A line diff by longest common subsequence: commands have a few dozen lines at most.
std::string lineDiff(const StringList& a, const StringList& b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::string out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            out += "  " + a[i] + "\n";
            ++i;
            ++j;
        } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
            out += "+ " + b[j] + "\n";
            ++j;
        } else {
            out += "- " + a[i] + "\n";
            ++i;
        }
    }
    return out;
}

std::string choiceText(const HardeningChange& c)
{
    std::string text = toString(c.choice);
    if (c.choice == ChangeChoice::Waive && !c.waiveReason.empty()) {
        text += " (" + c.waiveReason + ")";
    }
    if (!c.automatic) {
        text += ", by hand";
    }
    return text;
}

std::string editText(const HardeningChange& c)
{
    Remediation r;
    r.edits = c.edits;
    renderEditFlags(r);
    StringList parts;
    for (const auto& f : r.removeFlags) {
        parts.push_back("remove " + f);
    }
    for (const auto& f : r.addFlags) {
        parts.push_back("add " + f);
    }
    return join(parts, "; ");
}

} // namespace

void attachComposeFile(HardeningPlan& plan, const OriginFileReader& readFile)
{
    plan.composeFile.reset();
    if (plan.composeOrigin && plan.isContainer()) {
        plan.composeFile = composeFixForOrigin(*plan.composeOrigin, plan.chosenEdits(), readFile);
    }
}

HardeningPreview makePreview(const HardeningPlan& plan)
{
    HardeningPreview p;
    if (plan.isContainer()) {
        const RunCommand after = RunCommandHardener().apply(plan.before, plan.chosenEdits());
        p.beforeCommand = plan.before.render();
        p.afterCommand = after.render();
        p.diff = lineDiff(optionLines(plan.before), optionLines(after));
        // The named volumes and networks of the container as it runs exist: external in compose.
        p.compose =
            ComposeSnippet().render(plan.object.name, after, ComposeSnippetOptions::asOnTheDaemon(plan.before));
    }
    for (const auto& c : plan.changes) {
        if (c.choice != ChangeChoice::Apply) {
            continue;
        }
        if (!c.dockerfile.empty()) {
            p.dockerfile += DockerfileSnippet::comment(c.id + ": " + c.title) + c.dockerfile +
                            (endsWith(c.dockerfile, "\n") ? "" : "\n");
        } else if (!c.automatic) {
            p.manualSteps.push_back(c.title + (c.edits.empty() ? ": " + c.risk : ": " + editText(c)));
        }
    }
    return p;
}

namespace {

// Every line of a multi-line block (a diff, a command, YAML) shown with visible escapes; the renderers
// already escape, this keeps a block from ever carrying a hidden character.
std::string visibleLines(const std::string& block)
{
    StringList lines = split(block, '\n');
    for (auto& l : lines) {
        l = visibleText(l);
    }
    return join(lines, "\n");
}

// Markdown text from names and findings: hidden characters as visible escapes, every ASCII punctuation
// character backslash-escaped (so no emphasis, link, HTML, table cell or code span can start), and leading
// spaces as entities (four would start an indented code block).
std::string mdText(const std::string& raw)
{
    const std::string text = visibleText(raw);
    std::string out;
    bool leading = true;
    for (const char c : text) {
        if (leading && c == ' ') {
            out += "&#32;";
            continue;
        }
        leading = false;
        if (std::ispunct(static_cast<unsigned char>(c))) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

// A fenced code block no content can close: the fence is longer than the longest run of backticks inside.
std::string mdCode(const std::string& info, const std::string& content)
{
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char c : content) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    std::string body = visibleLines(content);
    if (!body.empty() && body.back() != '\n') {
        body += '\n';
    }
    return fence + info + "\n" + body + fence + "\n";
}

} // namespace

std::string renderPlanText(const HardeningPlan& plan)
{
    const HardeningPreview p = makePreview(plan);
    const auto v = [](const std::string& s) { return visibleText(s); };
    std::string out =
        "Hardening plan for " + std::string(toString(plan.object.type)) + " " + v(plan.object.name) + "\n";
    if (!plan.imageRef.empty() && plan.isContainer()) {
        out += "Image: " + v(plan.imageRef) + "\n";
    }
    out += "\nToday\n";
    for (const auto& o : plan.overview) {
        out += "  " + std::string(displayName(o.area)) + ": " + v(o.attackerToday) + "\n";
        for (const auto& f : o.findings) {
            out += "    - " + v(f) + "\n";
        }
    }
    for (const Area area : kHardeningAreas) {
        const auto changes = plan.changesIn(area);
        if (changes.empty()) {
            continue;
        }
        out += "\n" + std::string(displayName(area)) + "\n";
        for (const auto* c : changes) {
            out += "  [" + v(choiceText(*c)) + "] " + v(c->id) + ": " + v(c->title) + "\n";
            if (!c->edits.empty()) {
                out += "      change: " + v(editText(*c)) + "\n";
            }
            out += "      why:    " + v(c->reason) + "\n";
            out += "      risk:   " + v(c->risk) + "\n";
            if (c->trial != TrialVerdict::NotTried) {
                out += "      trial:  " + v(c->trialEvidence) + "\n";
            }
        }
    }
    if (plan.isContainer()) {
        out += "\nRun command (- before, + after)\n" + visibleLines(p.diff);
        out += "\nCompose\n" + visibleLines(p.compose);
    }
    if (plan.composeFile) {
        out += "\nCompose file" + (plan.composeFile->file.empty() ? std::string() : " " + v(plan.composeFile->file)) + "\n";
        for (const auto& n : plan.composeFile->notes) {
            out += "  " + v(n) + "\n";
        }
        if (!plan.composeFile->diff.empty()) {
            out += visibleLines(plan.composeFile->diff);
        }
    }
    if (!p.dockerfile.empty()) {
        out += "\nDockerfile changes\n" + visibleLines(p.dockerfile);
    }
    if (!p.manualSteps.empty()) {
        out += "\nBy hand\n";
        for (const auto& s : p.manualSteps) {
            out += "  - " + v(s) + "\n";
        }
    }
    for (const auto& n : plan.notes) {
        out += "\nNote: " + v(n) + "\n";
    }
    return out;
}

std::string renderPlanMarkdown(const HardeningPlan& plan)
{
    const HardeningPreview p = makePreview(plan);
    std::string out = "# Hardening plan for " + std::string(toString(plan.object.type)) + " " +
                      mdText(plan.object.name) + "\n\n";
    if (!plan.overview.empty()) {
        out += "## Today\n\n";
        for (const auto& o : plan.overview) {
            out += "**" + std::string(displayName(o.area)) + "**: " + mdText(o.attackerToday) + "\n\n";
            for (const auto& f : o.findings) {
                out += "- " + mdText(f) + "\n";
            }
            out += "\n";
        }
    }
    out += "## Changes\n\n| Area | Change | Choice | Why | Risk |\n|---|---|---|---|---|\n";
    for (const auto& c : plan.changes) {
        const std::string trial = c.trial == TrialVerdict::NotTried ? "" : " Trial: " + c.trialEvidence;
        out += "| " + std::string(displayName(c.area)) + " | " + mdText(c.id + ": " + c.title) + " | " +
               mdText(choiceText(c)) + " | " + mdText(c.reason) + " | " + mdText(c.risk + trial) + " |\n";
    }
    if (plan.isContainer()) {
        out += "\n## Run command\n\n" + mdCode("diff", p.diff) + "\n" + mdCode("sh", p.afterCommand);
        out += "\n## Compose\n\n" + mdCode("yaml", p.compose);
    }
    if (plan.composeFile) {
        out += "\n## Compose file\n\n";
        for (const auto& n : plan.composeFile->notes) {
            out += "- " + mdText(n) + "\n";
        }
        if (!plan.composeFile->diff.empty()) {
            out += "\n" + mdCode("diff", plan.composeFile->diff);
        }
    }
    if (!p.dockerfile.empty()) {
        out += "\n## Dockerfile changes\n\n" + mdCode("dockerfile", p.dockerfile);
    }
    if (!p.manualSteps.empty()) {
        out += "\n## By hand\n\n";
        for (const auto& s : p.manualSteps) {
            out += "- " + mdText(s) + "\n";
        }
    }
    for (const auto& n : plan.notes) {
        out += "\n> " + mdText(n) + "\n";
    }
    return out;
}

namespace {

// The script is built from the command's fields, word by word, with the quoting every POSIX sh reads the same
// way (shellQuotePortable): nothing in it comes from filtering or editing another rendered text.
std::string scriptComment(const std::string& text)
{
    return "# " + visibleText(text) + "\n";
}

std::string scriptWords(const StringList& words)
{
    return shellJoinPortable(words);
}

} // namespace

std::string renderPlanScript(const HardeningPlan& plan)
{
    const HardeningPreview p = makePreview(plan);
    std::string out =
        "#!/bin/sh\n" +
        scriptComment("Drydock hardening plan for " + plan.object.name +
                      ". Review it, fill in any placeholder, then run it.") +
        "# It stops the container, keeps it as a backup, runs the hardened one under the same name\n"
        "# and rolls back if that does not stay up for 10 seconds. Volumes are never removed.\n";
    if (!plan.isContainer()) {
        out += "# An image is changed in its Dockerfile; the changes are:\n";
        for (const auto& line : split(p.dockerfile, '\n')) {
            out += "#   " + visibleText(line) + "\n";
        }
        return out;
    }
    const RunCommand after = RunCommandHardener().apply(plan.before, plan.chosenEdits());
    for (const auto& n : after.notes) {
        out += scriptComment(n);
    }
    for (const auto& s : p.manualSteps) {
        out += scriptComment("by hand: " + s);
    }
    if (const std::string reason = after.unrenderableReason(); !reason.empty()) {
        return out + scriptComment(reason) + "printf '%s\\n' " +
               shellQuotePortable("drydock: " + visibleText(reason)) + " >&2\nexit 1\n";
    }
    // A container started with --rm is deleted by the daemon, anonymous volumes and all, the moment it stops:
    // there would be nothing to keep as a backup. The script refuses before it touches anything.
    std::string restartPolicy;
    for (const auto& o : plan.before.options) {
        if (o.flag == "--rm") {
            const std::string why = "it was started with --rm, so stopping it would delete it and its anonymous "
                                    "volumes; recreate it without --rm (with named volumes) first";
            return out + scriptComment("Not run: " + why) + "printf '%s\\n' " +
                   shellQuotePortable("drydock: " + visibleText(plan.object.name) + ": " + why) + " >&2\nexit 1\n";
        }
        if (o.flag == "--restart" && o.hasValue && o.value != "no") {
            restartPolicy = o.value;
        }
    }
    // Messages name the container through `shown` (visible escapes only), so running the script never prints
    // a raw control character; printf rather than echo, whose backslash handling differs between shells.
    // "--" ends the options of every docker command that takes the name, which may start with '-'.
    // The backup's restart policy is set to "no" while it is kept (it would otherwise start again with the
    // daemon, beside the hardened copy and on the same volumes) and given back on rollback; a signal after
    // the rename rolls back too.
    const std::string givePolicyBack =
        restartPolicy.empty() ? std::string()
                              : " && docker update --restart " + shellQuotePortable(restartPolicy) + " -- \"$name\"";
    out += "set -u\nname=" + shellQuotePortable(plan.object.name) +
           "\nshown=" + shellQuotePortable(visibleText(plan.object.name)) +
           "\nstamp=$(date +%Y%m%d%H%M%S)\nbackup=\"$name-drydock-backup-$stamp\"\n"
           "rollback() {\n"
           "  trap - INT TERM HUP\n"
           "  printf 'drydock: %s; restoring %s\\n' \"$1\" \"$shown\" >&2\n"
           "  docker rm -f -- \"$name\" >/dev/null 2>&1\n"
           "  docker rename -- \"$backup\" \"$name\"" + givePolicyBack + " && docker start -- \"$name\"\n"
           "  exit 1\n"
           "}\n"
           "docker stop -- \"$name\" || exit 1\n"
           "if ! docker inspect -f '{{.Id}}' -- \"$name\" >/dev/null 2>&1; then\n"
           "  printf 'drydock: %s no longer exists after the stop; nothing else was changed\\n' \"$shown\" >&2\n"
           "  exit 1\n"
           "fi\n"
           "docker rename -- \"$name\" \"$backup\" || exit 1\n"
           "trap 'rollback interrupted' INT TERM HUP\n";
    if (!restartPolicy.empty()) {
        out += "docker update --restart no -- \"$backup\" >/dev/null || rollback 'the backup kept its restart policy'\n";
    }
    std::string run = "docker run";
    for (const auto& o : after.options) {
        run += " \\\n  " + scriptWords(o.hasValue ? StringList{o.flag, o.value} : StringList{o.flag});
    }
    run += " \\\n  " + scriptWords(StringList{after.image}) +
           (after.command.empty() ? "" : " " + scriptWords(after.command));
    out += "if ! " + run + "\nthen\n  rollback 'the hardened container did not start'\nfi\n";
    for (const auto& f : after.followUps) {
        out += "docker " + scriptWords(f.argv()) + " || rollback 'a network could not be joined'\n";
    }
    out +=
        "sleep 10\n"
        "[ \"$(docker inspect -f '{{.State.Running}}' -- \"$name\")\" = true ] || "
        "rollback 'the hardened container did not stay up'\n"
        "trap - INT TERM HUP\n"
        "printf 'drydock: %s is hardened; the original is kept, stopped, as %s-drydock-backup-%s (remove it "
        "with docker rm when you no longer need it)\\n' \"$shown\" \"$shown\" \"$stamp\"\n";
    return out;
}

} // namespace drydock
