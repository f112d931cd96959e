#include "core/hardening/probe/TrialObservation.h"

#include "core/common/Strings.h"
#include "core/hardening/probe/TrialSignals.h"

#include <algorithm>
#include <cctype>

namespace drydock {

namespace {

// One wording of a permission problem. Short error names (EPERM) must stand as a word: "superpermission" is
// no error.
struct PermissionWording
{
    std::string_view text; // lower case
    bool wholeWord;
};

// A class of wordings, not exact messages: libc's strerror texts, errno names, and how servers say they could
// not bind a port or need root.
constexpr PermissionWording kPermissionWordings[] = {
    {"permission denied", false},
    {"operation not permitted", false},
    {"not permitted", false},
    {"read-only file system", false},
    {"read only file system", false},
    {"eacces", true},
    {"eperm", true},
    {"erofs", true},
    {"cannot bind", false},
    {"can't bind", false},
    {"could not bind", false},
    {"couldn't bind", false},
    {"unable to bind", false},
    {"failed to bind", false},
    {"bind:", true},
    {"must be root", false},
    {"must be run as root", false},
    {"are you root", false},
    {"requires root", false},
    {"insufficient privilege", false},
};

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool containsWording(const std::string& lower, const PermissionWording& w)
{
    for (std::size_t at = lower.find(w.text); at != std::string::npos; at = lower.find(w.text, at + 1)) {
        if (!w.wholeWord) {
            return true;
        }
        const std::size_t end = at + w.text.size();
        const bool before = at == 0 || !isWordChar(lower[at - 1]);
        const bool after = end >= lower.size() || !isWordChar(lower[end]) || !isWordChar(w.text.back());
        if (before && after) {
            return true;
        }
    }
    return false;
}

// A log line without its numbers: the baseline's "12:00:01 chown: … not permitted" is the same problem as the
// trial's at 12:00:02.
std::string withoutNumbers(std::string_view line)
{
    std::string out;
    for (const char c : line) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
            out += c;
        } else if (out.empty() || out.back() != '#') {
            out += '#';
        }
    }
    return trim(out);
}

std::string portsText(const std::set<int>& ports)
{
    StringList words;
    for (const int p : ports) {
        words.push_back(std::to_string(p));
    }
    std::string list = words.back();
    if (words.size() > 1) {
        words.pop_back();
        list = join(words, ", ") + " and " + list;
    }
    return (ports.size() == 1 ? "port " : "ports ") + list;
}

std::string exitText(const TrialObservation& o)
{
    return "exited with code " + std::to_string(o.exitCode);
}

// How a container ended the watch window, for "(baseline …)".
std::string baselineState(const TrialObservation& b)
{
    if (b.running) {
        return "baseline kept running";
    }
    return "baseline " + exitText(b);
}

// The differences in what ran, the most telling first.
StringList runDifferences(const TrialObservation& b, const TrialObservation& t)
{
    StringList out;
    const bool restarting = t.state == "restarting";
    if (b.running != t.running || restarting) {
        if (restarting) {
            out.push_back("trial kept restarting (" + baselineState(b) + ")");
        } else if (t.running) {
            out.push_back("trial kept running (" + baselineState(b) + ")");
        } else {
            out.push_back("trial " + exitText(t) + " (" + baselineState(b) + ")");
        }
    } else if (!t.running && t.exitCode != b.exitCode) {
        out.push_back("trial " + exitText(t) + " (" + baselineState(b) + ")");
    }
    if (t.restartCount != b.restartCount) {
        out.push_back("trial restarted " + std::to_string(t.restartCount) + " times (baseline " +
                      std::to_string(b.restartCount) + ")");
    }
    if (t.health != b.health) {
        out.push_back("trial's health is " + (t.health.empty() ? std::string("unknown") : t.health) +
                      " (baseline " + (b.health.empty() ? std::string("none") : b.health) + ")");
    }
    return out;
}

StringList portDifferences(const TrialObservation& b, const TrialObservation& t)
{
    StringList out;
    if (!b.listeningPorts || !t.listeningPorts) {
        return out;
    }
    std::set<int> lost;
    std::set<int> gained;
    std::set_difference(b.listeningPorts->begin(), b.listeningPorts->end(), t.listeningPorts->begin(),
                        t.listeningPorts->end(), std::inserter(lost, lost.end()));
    std::set_difference(t.listeningPorts->begin(), t.listeningPorts->end(), b.listeningPorts->begin(),
                        b.listeningPorts->end(), std::inserter(gained, gained.end()));
    if (!lost.empty()) {
        out.push_back("trial no longer listens on " + portsText(lost));
    }
    if (!gained.empty()) {
        out.push_back("trial listens on " + portsText(gained) + " (the baseline did not)");
    }
    return out;
}

StringList newPermissionErrors(const TrialObservation& b, const TrialObservation& t)
{
    std::set<std::string> known;
    for (const auto& line : b.permissionErrors) {
        known.insert(withoutNumbers(line));
    }
    StringList fresh;
    for (const auto& line : t.permissionErrors) {
        if (known.count(withoutNumbers(line)) == 0) {
            fresh.push_back(line);
        }
    }
    return fresh;
}

std::string sameEvidence(const TrialObservation& b, const TrialObservation& t)
{
    const std::string during = t.watchedSeconds > 0 ? " for " + std::to_string(t.watchedSeconds) + " s" : "";
    if (!t.running) {
        return "trial " + exitText(t) + " like the baseline";
    }
    const std::string stayed = "stayed " + (t.health.empty() ? std::string("running") : t.health) + during;
    if (b.listeningPorts && t.listeningPorts && !t.listeningPorts->empty()) {
        return "trial kept " + portsText(*t.listeningPorts) + " and " + stayed;
    }
    return "trial " + stayed;
}

} // namespace

bool isPermissionErrorLine(std::string_view line)
{
    const std::string lower = toLower(line);
    return std::any_of(std::begin(kPermissionWordings), std::end(kPermissionWordings),
                       [&](const PermissionWording& w) { return containsWording(lower, w); });
}

StringList permissionErrorLines(const StringList& lines)
{
    StringList out;
    std::copy_if(lines.begin(), lines.end(), std::back_inserter(out),
                 [](const std::string& line) { return isPermissionErrorLine(line); });
    return out;
}

std::set<int> parseListeningPorts(std::string_view text)
{
    constexpr std::string_view kListen = "0A";
    std::set<int> ports;
    for (const auto& line : split(text, '\n')) {
        StringList fields;
        for (const auto& f : split(trim(line), ' ')) {
            if (!f.empty()) {
                fields.push_back(f);
            }
        }
        // "0: 00000000:1F90 00000000:0000 0A …": slot, local address, remote address, state.
        if (fields.size() < 4 || !endsWith(fields[0], ":") || fields[3] != kListen) {
            continue;
        }
        const std::size_t colon = fields[1].rfind(':');
        if (colon == std::string::npos) {
            continue;
        }
        const std::string hex = fields[1].substr(colon + 1);
        if (hex.empty() || hex.size() > 4 || !std::all_of(hex.begin(), hex.end(), [](char c) {
                return std::isxdigit(static_cast<unsigned char>(c));
            })) {
            continue;
        }
        ports.insert(std::stoi(hex, nullptr, 16));
    }
    return ports;
}

TrialComparison compareTrial(const TrialObservation& baseline, const TrialObservation& trial)
{
    if (!trial.started) {
        return {false, "trial did not start" + (trial.startError.empty() ? "" : ": " + trial.startError)};
    }
    if (!baseline.started) {
        return {false, "the baseline did not start, so there is nothing to compare the trial with"};
    }
    StringList differences = runDifferences(baseline, trial);
    for (auto& d : portDifferences(baseline, trial)) {
        differences.push_back(std::move(d));
    }
    const StringList logged = newPermissionErrors(baseline, trial);
    if (!logged.empty()) {
        differences.push_back(
            "trial logged `" + logged.front() + "`" +
            (logged.size() > 1 ? " (and " + std::to_string(logged.size() - 1) + " more)" : ""));
    }
    if (!differences.empty()) {
        return {false, join(differences, "; ")};
    }
    return {true, sameEvidence(baseline, trial)};
}

} // namespace drydock
