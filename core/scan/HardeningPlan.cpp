#include "core/scan/HardeningPlan.h"

#include "core/common/Strings.h"
#include "core/remediation/ComposeSnippet.h"
#include "core/remediation/RunCommandHardener.h"
#include "core/remediation/ShellQuote.h"

#include <algorithm>

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

HardeningPreview makePreview(const HardeningPlan& plan)
{
    HardeningPreview p;
    if (plan.isContainer()) {
        const RunCommand after = RunCommandHardener().apply(plan.before, plan.chosenEdits());
        p.beforeCommand = plan.before.render();
        p.afterCommand = after.render();
        p.diff = lineDiff(optionLines(plan.before), optionLines(after));
        p.compose = ComposeSnippet().render(plan.object.name, after);
    }
    for (const auto& c : plan.changes) {
        if (c.choice != ChangeChoice::Apply) {
            continue;
        }
        if (!c.dockerfile.empty()) {
            p.dockerfile += "# " + c.id + ": " + c.title + "\n" + c.dockerfile +
                            (endsWith(c.dockerfile, "\n") ? "" : "\n");
        } else if (!c.automatic) {
            p.manualSteps.push_back(c.title + (c.edits.empty() ? ": " + c.risk : ": " + editText(c)));
        }
    }
    return p;
}

std::string renderPlanText(const HardeningPlan& plan)
{
    const HardeningPreview p = makePreview(plan);
    std::string out =
        "Hardening plan for " + std::string(toString(plan.object.type)) + " " + plan.object.name + "\n";
    if (!plan.imageRef.empty() && plan.isContainer()) {
        out += "Image: " + plan.imageRef + "\n";
    }
    out += "\nToday\n";
    for (const auto& o : plan.overview) {
        out += "  " + std::string(displayName(o.area)) + ": " + o.attackerToday + "\n";
        for (const auto& f : o.findings) {
            out += "    - " + f + "\n";
        }
    }
    for (const Area area : kHardeningAreas) {
        const auto changes = plan.changesIn(area);
        if (changes.empty()) {
            continue;
        }
        out += "\n" + std::string(displayName(area)) + "\n";
        for (const auto* c : changes) {
            out += "  [" + choiceText(*c) + "] " + c->id + ": " + c->title + "\n";
            if (!c->edits.empty()) {
                out += "      change: " + editText(*c) + "\n";
            }
            out += "      why:    " + c->reason + "\n";
            out += "      risk:   " + c->risk + "\n";
        }
    }
    if (plan.isContainer()) {
        out += "\nRun command (- before, + after)\n" + p.diff;
        out += "\nCompose\n" + p.compose;
    }
    if (!p.dockerfile.empty()) {
        out += "\nDockerfile changes\n" + p.dockerfile;
    }
    if (!p.manualSteps.empty()) {
        out += "\nBy hand\n";
        for (const auto& s : p.manualSteps) {
            out += "  - " + s + "\n";
        }
    }
    for (const auto& n : plan.notes) {
        out += "\nNote: " + n + "\n";
    }
    return out;
}

std::string renderPlanMarkdown(const HardeningPlan& plan)
{
    const HardeningPreview p = makePreview(plan);
    const auto cell = [](std::string s) {
        return replaceAll(replaceAll(std::move(s), "|", "\\|"), "\n", " ");
    };
    std::string out =
        "# Hardening plan for " + std::string(toString(plan.object.type)) + " `" + plan.object.name + "`\n\n";
    if (!plan.overview.empty()) {
        out += "## Today\n\n";
        for (const auto& o : plan.overview) {
            out += "**" + std::string(displayName(o.area)) + "**: " + o.attackerToday + "\n\n";
            for (const auto& f : o.findings) {
                out += "- " + f + "\n";
            }
            out += "\n";
        }
    }
    out += "## Changes\n\n| Area | Change | Choice | Why | Risk |\n|---|---|---|---|---|\n";
    for (const auto& c : plan.changes) {
        out += "| " + std::string(displayName(c.area)) + " | " + cell(c.id + ": " + c.title) + " | " +
               cell(choiceText(c)) + " | " + cell(c.reason) + " | " + cell(c.risk) + " |\n";
    }
    if (plan.isContainer()) {
        out += "\n## Run command\n\n```diff\n" + p.diff + "```\n\n```sh\n" + p.afterCommand + "\n```\n";
        out += "\n## Compose\n\n```yaml\n" + p.compose + "```\n";
    }
    if (!p.dockerfile.empty()) {
        out += "\n## Dockerfile changes\n\n```dockerfile\n" + p.dockerfile + "```\n";
    }
    if (!p.manualSteps.empty()) {
        out += "\n## By hand\n\n";
        for (const auto& s : p.manualSteps) {
            out += "- " + s + "\n";
        }
    }
    for (const auto& n : plan.notes) {
        out += "\n> " + n + "\n";
    }
    return out;
}

std::string renderPlanScript(const HardeningPlan& plan)
{
    const HardeningPreview p = makePreview(plan);
    std::string out =
        "#!/bin/sh\n# Drydock hardening plan for " + plan.object.name +
        ". Review it, fill in any placeholder, then run it.\n"
        "# It stops the container, keeps it as a backup, runs the hardened one under the same name\n"
        "# and rolls back if that does not stay up for 10 seconds. Volumes are never removed.\n";
    if (!plan.isContainer()) {
        out += "# An image is changed in its Dockerfile; the changes are:\n";
        for (const auto& line : split(p.dockerfile, '\n')) {
            out += "#   " + line + "\n";
        }
        return out;
    }
    const RunCommand after = RunCommandHardener().apply(plan.before, plan.chosenEdits());
    for (const auto& n : after.notes) {
        out += "# " + replaceAll(n, "\n", "\n# ") + "\n";
    }
    for (const auto& s : p.manualSteps) {
        out += "# by hand: " + s + "\n";
    }
    out += "set -u\nname=" + shellQuote(plan.object.name) +
           "\nbackup=\"$name-drydock-backup-$(date +%Y%m%d%H%M%S)\"\n"
           "rollback() {\n  echo \"drydock: the hardened container did not stay up; restoring $name\" >&2\n"
           "  docker rm -f \"$name\" >/dev/null 2>&1\n  docker rename \"$backup\" \"$name\" && docker start "
           "\"$name\"\n"
           "  exit 1\n}\n"
           "docker stop \"$name\" || exit 1\ndocker rename \"$name\" \"$backup\" || exit 1\n";
    std::string run;
    for (const auto& line : split(after.render(), '\n')) {
        if (startsWith(line, "docker network connect") || startsWith(line, "#") || trim(line).empty()) {
            continue;
        }
        run += line + "\n";
    }
    out += "if ! " + run + "then\n  rollback\nfi\n";
    for (const auto& f : after.followUps) {
        out += f + " || rollback\n";
    }
    out += "sleep 10\n[ \"$(docker inspect -f '{{.State.Running}}' \"$name\")\" = true ] || rollback\n"
           "echo \"drydock: $name is hardened; the original is kept as $backup (docker rm \\\"$backup\\\" "
           "when you no "
           "longer need it)\"\n";
    return out;
}

} // namespace drydock
