#include "core/cis/CisBenchmark.h"

#include "core/cis/CisBenchmarkTables.h"

#include <algorithm>

namespace drydock {

const char* toString(CisVersion version)
{
    switch (version) {
    case CisVersion::V1_6_0:
        return "1.6.0";
    case CisVersion::V1_7_0:
        return "1.7.0";
    case CisVersion::V1_8_0:
        return "1.8.0";
    }
    return "1.8.0";
}

std::optional<CisVersion> cisVersionFromString(std::string_view text)
{
    for (const CisVersion v : cisVersions()) {
        if (text == toString(v)) {
            return v;
        }
    }
    return std::nullopt;
}

const std::vector<CisVersion>& cisVersions()
{
    static const std::vector<CisVersion> all{CisVersion::V1_6_0, CisVersion::V1_7_0, CisVersion::V1_8_0};
    return all;
}

std::string cisVersionList()
{
    std::string out;
    for (const CisVersion v : cisVersions()) {
        out += (out.empty() ? "" : ", ") + std::string(toString(v));
    }
    return out;
}

CisBenchmark::CisBenchmark(CisVersion version, std::vector<CisSection> sections, std::vector<CisItem> items)
    : m_version(version), m_sections(std::move(sections)), m_items(std::move(items))
{
}

const CisBenchmark& CisBenchmark::of(CisVersion version)
{
    static const CisBenchmark v160 = cistables::docker160();
    static const CisBenchmark v170 = cistables::docker170();
    static const CisBenchmark v180 = cistables::docker180();
    switch (version) {
    case CisVersion::V1_6_0:
        return v160;
    case CisVersion::V1_7_0:
        return v170;
    case CisVersion::V1_8_0:
        return v180;
    }
    return v180;
}

const CisItem* CisBenchmark::find(std::string_view id) const
{
    const auto it =
        std::find_if(m_items.begin(), m_items.end(), [id](const CisItem& i) { return i.id == id; });
    return it == m_items.end() ? nullptr : &*it;
}

const CisItem* CisBenchmark::findKey(std::string_view key) const
{
    const auto it =
        std::find_if(m_items.begin(), m_items.end(), [key](const CisItem& i) { return i.key == key; });
    return it == m_items.end() ? nullptr : &*it;
}

const CisSection* CisBenchmark::sectionOf(const CisItem& item) const
{
    // The longest section id that prefixes the item's ("1.1" for "1.1.4", "5" for "5.12").
    const CisSection* best = nullptr;
    for (const auto& s : m_sections) {
        if (item.id.size() > s.id.size() && item.id.compare(0, s.id.size(), s.id) == 0 &&
            item.id[s.id.size()] == '.' && (best == nullptr || s.id.size() > best->id.size())) {
            best = &s;
        }
    }
    return best;
}

std::string cisKey(const CisReference& reference)
{
    if (reference.id.empty()) {
        return {};
    }
    if (reference.version.empty() || reference.version == toString(CisVersion::V1_6_0)) {
        return reference.id;
    }
    // A reference given in a later version: its key is whatever that version's table says.
    if (const auto version = cisVersionFromString(reference.version)) {
        if (const CisItem* item = CisBenchmark::of(*version).find(reference.id)) {
            return item->key;
        }
    }
    return reference.id + "@" + reference.version;
}

CisReference translateCis(const CisReference& reference, CisVersion to)
{
    const std::string key = cisKey(reference);
    if (key.empty()) {
        return {};
    }
    if (const CisItem* item = CisBenchmark::of(to).findKey(key)) {
        return {item->id, toString(to)};
    }
    return {};
}

void presentCis(std::vector<Finding>& findings, CisVersion to)
{
    for (auto& f : findings) {
        f.cis = translateCis(f.cis, to);
    }
}

} // namespace drydock
