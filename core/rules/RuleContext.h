#pragma once
#include "core/model/Inventory.h"
#include "core/rules/ScanSettings.h"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace drydock {

// Read-only view a rule evaluates: the snapshot, the settings, "now", and cheap lookups built once.
class RuleContext
{
public:
    RuleContext(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix);

    const Inventory& inventory() const { return m_inventory; }
    const ScanSettings& settings() const { return m_settings; }
    std::int64_t nowUnix() const { return m_now; }

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
    std::unordered_map<std::string, const Image*> m_imagesById;
    std::unordered_map<std::string, const Container*> m_containersById;
};

} // namespace drydock
