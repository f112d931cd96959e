#pragma once
#include "core/findings/Finding.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// The CIS Docker Benchmark versions Drydock maps its rules to. 1.7.0 reworded some recommendations without
// changing ids; 1.8.0 added one in section 2 (2.7, the devicemapper storage driver) and renumbered the rest
// of section 2 after it (1.6.0's 2.7–2.18 are 1.8.0's 2.8–2.19); sections 1 and 3–7 keep their ids.
enum class CisVersion
{
    V1_6_0,
    V1_7_0,
    V1_8_0
};
constexpr CisVersion kDefaultCisVersion = CisVersion::V1_8_0;
const char* toString(CisVersion version); // "1.8.0"
std::optional<CisVersion> cisVersionFromString(std::string_view text);
const std::vector<CisVersion>& cisVersions(); // oldest first
std::string cisVersionList();                 // "1.6.0, 1.7.0, 1.8.0" for messages and --help

// How the benchmark says a recommendation is assessed.
enum class CisAssessment
{
    Automated,
    Manual
};

// One recommendation of one benchmark version. key links the same recommendation across versions: its 1.6.0
// id, or "<id>@<version>" for one added later ("2.7@1.8.0").
struct CisItem
{
    std::string id;
    std::string title;
    CisAssessment assessment = CisAssessment::Automated;
    std::string key;
};

// A numbered section or subsection heading ("2", "Docker daemon configuration").
struct CisSection
{
    std::string id;
    std::string title;
};

// The recommendation list of one benchmark version, in document order (one table per version in
// core/cis/CisDocker1*.cpp; every id and every key once).
class CisBenchmark
{
public:
    static const CisBenchmark& of(CisVersion version);

    CisVersion version() const { return m_version; }
    const std::vector<CisSection>& sections() const { return m_sections; }
    const std::vector<CisItem>& items() const { return m_items; }
    const CisItem* find(std::string_view id) const;
    const CisItem* findKey(std::string_view key) const;
    // The section heading an item sits under ("5" for "5.12").
    const CisSection* sectionOf(const CisItem& item) const;

    CisBenchmark(CisVersion version, std::vector<CisSection> sections, std::vector<CisItem> items);

private:
    CisVersion m_version;
    std::vector<CisSection> m_sections;
    std::vector<CisItem> m_items;
};

// The stable key of a reference as the rules and the history hold it: {"5.4", "1.6.0"} → "5.4",
// {"2.7", "1.8.0"} → "2.7@1.8.0"; empty for an empty reference.
std::string cisKey(const CisReference& reference);
// The same recommendation in another version: {id, "1.8.0"}, or an empty reference when that version has no
// such recommendation (or the reference is empty or unknown).
CisReference translateCis(const CisReference& reference, CisVersion to);
// Rewrites every finding's CIS reference (nothing else) for showing it in version to. Findings are stored as
// the rules give them (1.6.0 ids), so the history never changes with the version a user chooses.
void presentCis(std::vector<Finding>& findings, CisVersion to);

} // namespace drydock
