#include "core/scan/AlertEngine.h"

#include "core/common/Strings.h"
#include "core/findings/FindingKey.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace drydock {

namespace {

std::string objectMemoryKey(const ObjectRef& object)
{
    return std::string(toString(object.type)) + "|" + (object.name.empty() ? object.id : object.name);
}

std::string capitalised(std::string text)
{
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

// A rule title as part of a sentence: "Privileged container" -> "privileged container" (acronyms such as
// "PID" or "API" keep their case).
std::string inSentence(const std::string& title)
{
    if (title.size() >= 2 && std::isupper(static_cast<unsigned char>(title[0])) &&
        std::islower(static_cast<unsigned char>(title[1]))) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(title[0]))) + title.substr(1);
    }
    return title;
}

} // namespace

std::optional<Alert> AlertEngine::consider(const ObjectRef& object, const std::string& happened,
                                           const std::vector<Finding>& previous,
                                           const std::vector<Finding>& current, const std::string& endpoint,
                                           std::int64_t nowUnix, bool removed)
{
    const std::string memoryKey = objectMemoryKey(object);
    std::set<std::string> before;
    for (const auto& f : previous) {
        before.insert(findingKey(f));
    }
    std::vector<const Finding*> risky;
    std::vector<const Finding*> fresh;
    for (const auto& f : current) {
        if (f.waiver || f.severity < m_threshold) {
            continue; // a waived finding never alerts, whatever its severity
        }
        risky.push_back(&f);
        if (!before.count(findingKey(f))) {
            fresh.push_back(&f);
        }
    }
    if (risky.empty()) {
        if (!removed) {
            m_alerted.erase(memoryKey); // fixed: the risk coming back is news again
        }
        return std::nullopt;
    }
    if (fresh.empty()) {
        return std::nullopt;
    }
    std::vector<std::string> keys;
    for (const Finding* f : risky) {
        keys.push_back(findingKey(*f));
    }
    std::sort(keys.begin(), keys.end());
    const std::string signature = join(keys, "\n");
    if (const auto it = m_alerted.find(memoryKey); it != m_alerted.end() &&
                                                   it->second.signature == signature &&
                                                   nowUnix - it->second.atUnix < m_quietSeconds) {
        return std::nullopt;
    }
    m_alerted[memoryKey] = {signature, nowUnix};

    std::stable_sort(fresh.begin(), fresh.end(), [](const Finding* a, const Finding* b) {
        return a->severity != b->severity ? a->severity > b->severity : a->ruleId < b->ruleId;
    });
    Alert alert;
    alert.atUnix = nowUnix;
    alert.endpoint = endpoint;
    alert.object = object;
    alert.severity = fresh.front()->severity;
    std::vector<std::string> risks;
    for (const Finding* f : fresh) {
        if (std::find(alert.ruleIds.begin(), alert.ruleIds.end(), f->ruleId) != alert.ruleIds.end()) {
            continue; // one rule firing twice (two secret variables) is one risk in the sentence
        }
        alert.ruleIds.push_back(f->ruleId);
        risks.push_back(inSentence(f->title));
    }
    // Names come from the daemon: no control characters, no endless name in a notification.
    const std::string name = terminalText(object.name.empty() ? object.id : object.name, 80);
    std::string list;
    for (std::size_t i = 0; i < risks.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == risks.size() ? " and " : ", ") + risks[i];
    }
    alert.sentence = capitalised(toString(object.type)) + " `" + name + "` " + happened + ": " + list + " (" +
                     toString(alert.severity) + ", " + join(alert.ruleIds, ", ") + ")";
    return alert;
}

std::string AlertEngine::happenedTo(const Inventory& after, const ObjectRef& object, bool added)
{
    if (object.type == ObjectType::Container) {
        for (const auto& c : after.containers) {
            if (c.id == object.id || c.name == object.name) {
                if (c.state.running) {
                    return "was started";
                }
                return added ? "was created" : "changed";
            }
        }
    }
    return added ? "appeared" : "changed";
}

} // namespace drydock
