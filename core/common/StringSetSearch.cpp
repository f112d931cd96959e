#include "core/common/StringSetSearch.h"

#include <algorithm>
#include <deque>

namespace drydock {

StringSetSearch::StringSetSearch(const std::vector<std::string>& strings) : m_nodes(1)
{
    m_lengths.reserve(strings.size());
    for (std::size_t s = 0; s < strings.size(); ++s) {
        m_lengths.push_back(strings[s].size());
        if (strings[s].empty()) {
            continue;
        }
        int node = 0;
        for (const char ch : strings[s]) {
            const auto c = static_cast<unsigned char>(ch);
            int next = child(node, c);
            if (next < 0) {
                next = static_cast<int>(m_nodes.size());
                auto& children = m_nodes[std::size_t(node)].children;
                children.insert(std::lower_bound(children.begin(), children.end(), std::make_pair(c, 0)),
                                {c, next});
                m_nodes.emplace_back();
            }
            node = next;
        }
        int& longest = m_nodes[std::size_t(node)].longest;
        if (longest < 0 || m_lengths[std::size_t(longest)] < strings[s].size()) {
            longest = static_cast<int>(s);
        }
    }
    // Failure links breadth first: a node's suffix is shallower, so it is done before the node.
    std::deque<int> queue;
    for (const auto& [c, next] : m_nodes[0].children) {
        queue.push_back(next);
    }
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        for (const auto& [c, next] : m_nodes[std::size_t(node)].children) {
            int fail = m_nodes[std::size_t(node)].fail;
            while (fail > 0 && child(fail, c) < 0) {
                fail = m_nodes[std::size_t(fail)].fail;
            }
            const int target = child(fail, c);
            m_nodes[std::size_t(next)].fail = target >= 0 && target != next ? target : 0;
            // A string ending at the suffix also ends here; the node's own string, when it has one, is
            // longer.
            if (m_nodes[std::size_t(next)].longest < 0) {
                m_nodes[std::size_t(next)].longest =
                    m_nodes[std::size_t(m_nodes[std::size_t(next)].fail)].longest;
            }
            queue.push_back(next);
        }
    }
}

int StringSetSearch::child(int node, unsigned char c) const
{
    const auto& children = m_nodes[std::size_t(node)].children;
    const auto it = std::lower_bound(children.begin(), children.end(), std::make_pair(c, 0),
                                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return it != children.end() && it->first == c ? it->second : -1;
}

std::vector<StringSetSearch::Hit> StringSetSearch::findAll(std::string_view text) const
{
    std::vector<Hit> hits;
    int node = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        while (node > 0 && child(node, c) < 0) {
            node = m_nodes[std::size_t(node)].fail;
        }
        const int next = child(node, c);
        node = next < 0 ? 0 : next;
        if (const int s = m_nodes[std::size_t(node)].longest; s >= 0) {
            hits.push_back({i + 1 - m_lengths[std::size_t(s)], std::size_t(s)});
        }
    }
    return hits;
}

} // namespace drydock
