#pragma once
#include "core/model/Common.h"

#include <string>
#include <vector>

namespace drydock {

// One affected range of an OSV advisory: events in order, of the ECOSYSTEM kind.
struct AdvisoryRange
{
    // One point of an affected range: where it is introduced, fixed or last affected.
    struct Event
    {
        enum class Kind
        {
            Introduced,
            Fixed,
            LastAffected
        };
        Kind kind = Kind::Introduced;
        std::string version; // "0" for introduced means "from the first version"
    };
    std::vector<Event> events;
};

// One package an advisory affects, in one ecosystem ("Debian:12", "Alpine:v3.19").
struct AdvisoryPackage
{
    std::string ecosystem;
    std::string name;
    std::vector<AdvisoryRange> ranges;
    StringList versions;  // explicit affected versions
    std::string severity; // ecosystem-specific severity when the database gives one
};

// An OSV advisory reduced to what matching and reporting need.
struct Advisory
{
    std::string id;
    StringList aliases; // CVE ids of a DSA/DLA, …
    std::string summary;
    std::string severity; // "critical", "high", … when the database gives a rating
    std::string cvssVector;
    double cvssScore = 0.0;
    std::vector<AdvisoryPackage> affected;
};

} // namespace drydock
