#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Every path of an image once, as a tree of interned components: "usr/share/doc/a" and "usr/share/doc/b"
// share the node of "usr/share/doc", and a path is a 4-byte id. Layer records hold ids instead of strings,
// so memory grows with the number of distinct names, not with path length times entries.
class PathStore
{
public:
    using Id = std::uint32_t;
    static constexpr Id kRoot = 0; // the empty path

    PathStore();

    // The id of a normalised path ("usr/bin/sh": no leading '/', no empty, "." or ".." components).
    Id intern(std::string_view path);
    std::string path(Id id) const;
    std::size_t length(Id id) const { return m_nodes[id].fullLength; }
    std::size_t size() const { return m_nodes.size(); }
    // Memory held, in bytes (capacity, not size: what the allocator really gave).
    std::size_t bytes() const;

private:
    // One path component: its parent and where its name sits in the shared name buffer.
    struct Node
    {
        Id parent = kRoot;
        std::uint32_t nameOffset = 0;
        std::uint32_t nameLength = 0;
        std::uint32_t fullLength = 0;
    };

    Id child(Id parent, std::string_view name);
    std::size_t slotOf(Id parent, std::string_view component) const;
    static std::size_t hash(Id parent, std::string_view component);
    std::string_view name(const Node& n) const
    {
        return std::string_view(m_names).substr(n.nameOffset, n.nameLength);
    }
    void grow();

    std::vector<Node> m_nodes;
    std::string m_names;
    std::vector<Id> m_table; // open addressing: node id + 1, 0 = free
};

} // namespace drydock
