#include "core/rules/RuleContext.h"

namespace drydock {

RuleContext::RuleContext(const Inventory& inventory, const ScanSettings& settings, std::int64_t nowUnix,
                         std::optional<RuleFocus> focus)
    : m_inventory(inventory), m_settings(settings), m_now(nowUnix), m_focus(std::move(focus))
{
    m_imagesById.reserve(inventory.images.size());
    for (const auto& image : inventory.images) {
        m_imagesById.emplace(image.id, &image);
    }
    m_containersById.reserve(inventory.containers.size());
    for (const auto& container : inventory.containers) {
        m_containersById.emplace(container.id, &container);
    }
}

const Image* RuleContext::imageOf(const Container& container) const { return imageById(container.imageId); }

const Image* RuleContext::imageById(const std::string& id) const
{
    const auto it = m_imagesById.find(id);
    return it == m_imagesById.end() ? nullptr : it->second;
}

const Container* RuleContext::containerById(const std::string& id) const
{
    const auto it = m_containersById.find(id);
    return it == m_containersById.end() ? nullptr : it->second;
}

bool RuleContext::daemonRemapsRoot() const
{
    return m_inventory.daemon.hasSecurityOption("userns") || m_inventory.daemon.hasSecurityOption("rootless");
}

} // namespace drydock
