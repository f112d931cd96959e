#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Finds many strings in a text in one pass (Aho–Corasick): building costs the strings' total length, a search
// the text's length, however many strings there are. At each end position it reports only the longest string
// ending there, which covers every shorter one ending at the same place — enough to mask them all.
class StringSetSearch
{
public:
    explicit StringSetSearch(const std::vector<std::string>& strings);

    // One string found: where it starts in the text, and which string (index into the constructor's list).
    struct Hit
    {
        std::size_t begin = 0;
        std::size_t string = 0;
    };
    // The longest string ending at each position of text where one does, in order of their ends.
    std::vector<Hit> findAll(std::string_view text) const;

private:
    // One trie node: its children sorted by byte, the node of its longest proper suffix in the trie, and the
    // longest string that ends at it or at one of its suffixes (-1 when none).
    struct Node
    {
        std::vector<std::pair<unsigned char, int>> children;
        int fail = 0;
        int longest = -1;
    };
    int child(int node, unsigned char c) const;

    std::vector<Node> m_nodes;
    std::vector<std::size_t> m_lengths;
};

} // namespace drydock
