// The Compose Specification's merge rules (compose-spec merge.md): how a later -f file, or a service that
// extends another, changes what came before.
#include "core/files/compose/ComposeProject.h"
#include "core/files/compose/detail/ComposeLoading.h"

#include "core/common/Strings.h"

#include <algorithm>

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
    for (const auto& e : over.entries) {
        if (e.value.tag == "!reset") {
            out.erase(e.key.value);
            continue;
        }
        YamlNode* existing = out.find(e.key.value);
        if (!existing || e.value.tag == "!override") {
            YamlNode value = e.value;
            value.tag.clear();
            out.set(e.key, std::move(value));
            continue;
        }
        // At the service level the attribute names the rule; below it, `test` of healthcheck is a command.
        const std::string_view attribute =
            level == 0 ? std::string_view(e.key.value) : (e.key.value == "test" ? "command" : "");
        YamlNode merged = mergeValue(*existing, e.value, attribute, level + 1);
        // The key's mark moves to the file that set the value last, so findings point at that file.
        out.set(e.key, std::move(merged));
        for (auto& entry : out.entries) {
            if (entry.key.value == e.key.value) {
                entry.key = e.key;
            }
        }
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
    if (base.isSequence() && over.isSequence()) {
        YamlNode out = base;
        for (const auto& item : over.items) {
            if (isUniqueResource(attribute)) {
                const std::string key = uniqueKey(attribute, item);
                auto same = std::find_if(out.items.begin(), out.items.end(), [&](const YamlNode& existing) {
                    return !key.empty() && uniqueKey(attribute, existing) == key;
                });
                if (same != out.items.end()) {
                    *same = item;
                    continue;
                }
            } else if (item.isScalar()) {
                const bool duplicate = std::any_of(out.items.begin(), out.items.end(), [&](const YamlNode& n) {
                    return n.isScalar() && n.value == item.value;
                });
                if (duplicate) {
                    continue;
                }
            }
            out.items.push_back(item);
        }
        return out;
    }
    return over;
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
            for (const auto& item : v.items) {
                if (item.isScalar()) {
                    YamlEntry entry = listItemAsEntry(item);
                    map.set(entry.key, std::move(entry.value));
                }
            }
            v = std::move(map);
        } else if (k == "networks" && v.isSequence()) {
            YamlNode map = YamlNode::map(v.mark);
            map.tag = v.tag;
            for (const auto& item : v.items) {
                if (item.isScalar()) {
                    YamlNode none;
                    none.mark = item.mark;
                    map.set(item, std::move(none));
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
            for (const auto& s : e.value.entries) {
                YamlNode* service = existing->find(s.key.value);
                if (service && s.value.tag != "!reset" && s.value.tag != "!override") {
                    *service = mergeComposeService(*service, s.value); // the name key keeps its first mark
                } else if (s.value.tag == "!reset") {
                    existing->erase(s.key.value);
                } else {
                    existing->set(s.key, s.value);
                }
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
