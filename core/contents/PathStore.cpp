#include "core/contents/PathStore.h"

#include <functional>

namespace drydock {

PathStore::PathStore() : m_nodes(1), m_table(1024, 0) {}

std::size_t PathStore::hash(Id parent, std::string_view component)
{
    return std::hash<std::string_view>{}(component) ^ (std::size_t{parent} * 0x9E3779B97F4A7C15ull);
}

std::size_t PathStore::slotOf(Id parent, std::string_view component) const
{
    const std::size_t mask = m_table.size() - 1;
    for (std::size_t slot = hash(parent, component) & mask;; slot = (slot + 1) & mask) {
        const Id entry = m_table[slot];
        if (entry == 0) {
            return slot;
        }
        const Node& n = m_nodes[entry - 1];
        if (n.parent == parent && name(n) == component) {
            return slot;
        }
    }
}

void PathStore::grow()
{
    std::vector<Id> table(m_table.size() * 2, 0);
    const std::size_t mask = table.size() - 1;
    for (const Id entry : m_table) {
        if (entry == 0) {
            continue;
        }
        const Node& n = m_nodes[entry - 1];
        std::size_t slot = hash(n.parent, name(n)) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry;
    }
    m_table.swap(table);
}

PathStore::Id PathStore::child(Id parent, std::string_view component)
{
    const std::size_t slot = slotOf(parent, component);
    if (m_table[slot] != 0) {
        return m_table[slot] - 1;
    }
    Node n;
    n.parent = parent;
    n.nameOffset = static_cast<std::uint32_t>(m_names.size());
    n.nameLength = static_cast<std::uint32_t>(component.size());
    n.fullLength =
        static_cast<std::uint32_t>((parent == kRoot ? 0 : m_nodes[parent].fullLength + 1) + component.size());
    m_names.append(component);
    const Id id = static_cast<Id>(m_nodes.size());
    m_nodes.push_back(n);
    m_table[slot] = id + 1;
    if (m_nodes.size() * 2 > m_table.size()) {
        grow();
    }
    return id;
}

PathStore::Id PathStore::intern(std::string_view path)
{
    Id id = kRoot;
    std::size_t pos = 0;
    while (pos < path.size()) {
        const auto slash = path.find('/', pos);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > pos) {
            id = child(id, path.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    return id;
}

std::string PathStore::path(Id id) const
{
    std::string out(m_nodes[id].fullLength, '\0');
    std::size_t end = out.size();
    while (id != kRoot) {
        const Node& n = m_nodes[id];
        end -= n.nameLength;
        out.replace(end, n.nameLength, name(n));
        if (end > 0) {
            out[--end] = '/';
        }
        id = n.parent;
    }
    return out;
}

std::size_t PathStore::bytes() const
{
    return m_nodes.capacity() * sizeof(Node) + m_names.capacity() + m_table.capacity() * sizeof(Id);
}

} // namespace drydock
