#pragma once
#include "core/model/Inventory.h"
#include "core/rules/RuleFocus.h"
#include "core/rules/ScanSettings.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace drydock {

// Read-only view a rule evaluates: the snapshot, the settings, "now", the focus of a one-object
// re-evaluation, and cheap lookups built once.
class RuleContext
{
public:
    RuleContext(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix,
                std::optional<RuleFocus> focus = std::nullopt);

    const Inventory& inventory() const { return m_inventory; }
    const ScanSettings& settings() const { return m_settings; }
    std::int64_t nowUnix() const { return m_now; }
    const std::optional<RuleFocus>& focus() const { return m_focus; }
    // True without a focus, else only for the focused object: rules that walk objects skip the others.
    bool inFocus(ObjectType type, const std::string& id) const { return inRuleFocus(m_focus, type, id); }

    // The image a container runs (by image id), or nullptr when it is gone.
    const Image* imageOf(const Container& container) const;
    const Image* imageById(const std::string& id) const;
    const Container* containerById(const std::string& id) const;
    // True when the daemon remaps users (userns) or runs rootless: container root is not host root.
    bool daemonRemapsRoot() const;

private:
    const Inventory& m_inventory;
    const ScanSettings& m_settings;
    std::int64_t m_now;
    std::optional<RuleFocus> m_focus;
    std::unordered_map<std::string, const Image*> m_imagesById;
    std::unordered_map<std::string, const Container*> m_containersById;
};

} // namespace drydock
