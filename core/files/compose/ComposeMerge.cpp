// The Compose Specification's merge rules (compose-spec merge.md): how a later -f file, or a service that
// extends another, changes what came before.
#include "core/files/compose/ComposeProject.h"
#include "core/files/compose/detail/ComposeLoading.h"

#include "core/common/Strings.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace drydock {
namespace {

// Attributes whose value replaces the earlier one whole, even when both are sequences.
bool replacesWhole(std::string_view attribute)
{
    return attribute == "command" || attribute == "entrypoint";
}

// The unique key of one entry of ports, volumes, secrets or configs (merge.md "Unique resources"): entries
// sharing it are the same resource, and the later one wins.
std::string uniqueKey(std::string_view attribute, const YamlNode& item)
{
    if (item.isScalar()) {
        const std::string& text = item.value;
        if (attribute == "volumes") {
            const std::vector<std::string> parts = split(text, ':');
            return parts.size() >= 2 ? parts[1] : text;
        }
        return text; // ports: the spelt entry; secrets/configs: the source name
    }
    if (!item.isMap()) {
        return {};
    }
    const auto field = [&](std::string_view key) {
        const YamlNode* n = item.find(key);
        return n ? n->text() : std::string();
    };
    if (attribute == "ports") {
        return field("host_ip") + "|" + field("target") + "|" + field("published") + "|" +
               (field("protocol").empty() ? std::string("tcp") : field("protocol"));
    }
    if (attribute == "volumes") {
        return field("target");
    }
    return field("target").empty() ? field("source") : field("target");
}

bool isUniqueResource(std::string_view attribute)
{
    return attribute == "ports" || attribute == "volumes" || attribute == "secrets" || attribute == "configs";
}

YamlNode mergeValue(const YamlNode& base, const YamlNode& over, std::string_view attribute, int level);

YamlNode mergeMaps(const YamlNode& base, const YamlNode& over, int level)
{
    YamlNode out = base;
    out.tag.clear();
    // Hashed positions: a hostile map may have 100,000 keys, and a linear lookup per key would be quadratic.
    std::unordered_map<std::string, std::size_t> index = out.keyIndex();
    std::vector<bool> removed(out.entries.size(), false);
    for (const auto& e : over.entries) {
        const auto it = index.find(e.key.value);
        if (e.value.tag == "!reset") {
            if (it != index.end()) {
                removed[it->second] = true;
                index.erase(it);
            }
            continue;
        }
        if (it == index.end()) {
            YamlNode value = e.value;
            value.tag.clear();
            index.emplace(e.key.value, out.entries.size());
            out.entries.push_back({e.key, std::move(value)});
            removed.push_back(false);
            continue;
        }
        YamlEntry& slot = out.entries[it->second];
        if (e.value.tag == "!override") {
            slot.value = e.value;
            slot.value.tag.clear();
        } else {
            // At the service level the attribute names the rule; below it, `test` of healthcheck is a
            // command.
            const std::string_view attribute =
                level == 0 ? std::string_view(e.key.value) : (e.key.value == "test" ? "command" : "");
            slot.value = mergeValue(slot.value, e.value, attribute, level + 1);
        }
        // The key's mark moves to the file that set the value last, so findings point at that file.
        slot.key = e.key;
    }
    if (std::find(removed.begin(), removed.end(), true) != removed.end()) {
        std::vector<YamlEntry> kept;
        for (std::size_t i = 0; i < out.entries.size(); ++i) {
            if (!removed[i]) {
                kept.push_back(std::move(out.entries[i]));
            }
        }
        out.entries = std::move(kept);
    }
    return out;
}

YamlNode mergeValue(const YamlNode& base, const YamlNode& over, std::string_view attribute, int level)
{
    if (replacesWhole(attribute)) {
        return over;
    }
    if (base.isMap() && over.isMap()) {
        return mergeMaps(base, over, level);
    }
    if (!base.isSequence() || !over.isSequence()) {
        return over;
    }
    YamlNode out = base;
    const bool unique = isUniqueResource(attribute);
    std::unordered_map<std::string, std::size_t> keys; // unique key (or scalar text) -> position in out
    for (std::size_t i = 0; i < out.items.size(); ++i) {
        const YamlNode& item = out.items[i];
        if (unique) {
            keys.emplace(uniqueKey(attribute, item), i);
        } else if (item.isScalar()) {
            keys.emplace(item.value, i);
        }
    }
    for (const auto& item : over.items) {
        if (unique) {
            const std::string key = uniqueKey(attribute, item);
            if (const auto same = keys.find(key); !key.empty() && same != keys.end()) {
                out.items[same->second] = item;
                continue;
            }
            keys.emplace(key, out.items.size());
        } else if (item.isScalar() && !keys.emplace(item.value, out.items.size()).second) {
            continue; // the same value twice adds nothing
        }
        out.items.push_back(item);
    }
    return out;
}

// "NAME=value" of a list form as a key and a value, both marked at the item.
YamlEntry listItemAsEntry(const YamlNode& item)
{
    const std::string& text = item.value;
    const std::size_t eq = text.find('=');
    YamlEntry e;
    e.key = YamlNode::scalar(text.substr(0, eq), item.mark);
    if (eq == std::string::npos) {
        e.value.mark = item.mark; // Null: a bare NAME takes its value from the environment
    } else {
        YamlMark valueMark = item.mark;
        valueMark.column += static_cast<int>(eq) + 1 + (item.quoted ? 1 : 0);
        e.value = YamlNode::scalar(text.substr(eq + 1), valueMark);
        e.value.quoted = true; // an environment value is a string whatever it looks like
    }
    return e;
}

} // namespace

namespace compose::detail {

void normalizeService(YamlNode& service)
{
    if (!service.isMap()) {
        return;
    }
    for (auto& e : service.entries) {
        const std::string& k = e.key.value;
        YamlNode& v = e.value;
        if ((k == "environment" || k == "labels" || k == "sysctls" || k == "annotations") && v.isSequence()) {
            YamlNode map = YamlNode::map(v.mark);
            map.tag = v.tag;
            std::unordered_map<std::string, std::size_t> index;
            for (const auto& item : v.items) {
                if (!item.isScalar()) {
                    continue;
                }
                YamlEntry entry = listItemAsEntry(item);
                const auto [at, added] = index.emplace(entry.key.value, map.entries.size());
                if (added) {
                    map.entries.push_back(std::move(entry));
                } else {
                    map.entries[at->second].value =
                        std::move(entry.value); // the last one wins, as in Compose
                }
            }
            v = std::move(map);
        } else if (k == "networks" && v.isSequence()) {
            YamlNode map = YamlNode::map(v.mark);
            map.tag = v.tag;
            std::unordered_map<std::string, std::size_t> index;
            for (const auto& item : v.items) {
                if (item.isScalar() && index.emplace(item.value, map.entries.size()).second) {
                    YamlNode none;
                    none.mark = item.mark;
                    map.entries.push_back({item, std::move(none)});
                }
            }
            v = std::move(map);
        }
    }
}

YamlNode mergeDocuments(const YamlNode& base, const YamlNode& over)
{
    YamlNode out = base.isMap() ? base : YamlNode::map(base.mark);
    if (!over.isMap()) {
        return out;
    }
    for (const auto& e : over.entries) {
        YamlNode* existing = out.find(e.key.value);
        if (e.key.value == "services" && existing && existing->isMap() && e.value.isMap()) {
            std::unordered_map<std::string, std::size_t> index = existing->keyIndex();
            std::set<std::string> reset; // one document names a service once, so a reset one is not re-added
            for (const auto& s : e.value.entries) {
                const auto at = index.find(s.key.value);
                if (s.value.tag == "!reset") {
                    reset.insert(s.key.value);
                } else if (at == index.end()) {
                    index.emplace(s.key.value, existing->entries.size());
                    existing->entries.push_back(s);
                } else if (s.value.tag == "!override") {
                    existing->entries[at->second].value = s.value;
                } else {
                    YamlNode& service = existing->entries[at->second].value;
                    service = mergeComposeService(service, s.value); // the name key keeps its first mark
                }
            }
            if (!reset.empty()) {
                std::erase_if(existing->entries,
                              [&](const YamlEntry& entry) { return reset.count(entry.key.value) > 0; });
            }
        } else if (existing && existing->isMap() && e.value.isMap()) {
            *existing = mergeMaps(*existing, e.value, 1);
        } else if (e.value.tag == "!reset") {
            out.erase(e.key.value);
        } else {
            out.set(e.key, e.value);
        }
    }
    return out;
}

} // namespace compose::detail

YamlNode mergeComposeService(const YamlNode& base, const YamlNode& over)
{
    if (!base.isMap() || !over.isMap()) {
        return over.isMap() ? over : base;
    }
    return mergeMaps(base, over, 0);
}

} // namespace drydock
