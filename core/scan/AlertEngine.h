#pragma once
#include "core/common/Severity.h"
#include "core/findings/Alert.h"
#include "core/findings/Finding.h"
#include "core/model/Inventory.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// Decides when a re-evaluated object deserves an alert, for `drydock watch` and the GUI's background watch.
// An alert fires when the object has a NEW finding at or above the threshold: one whose identity (findingKey)
// was not among the object's previous findings, and that no waiver accepts. It names every such new finding
// of the object in one sentence.
// Debounce, per object (type and name): the engine remembers the set of risky findings it last alerted for
// each object. The same set again (a restart, a `docker rm` and the same `docker run`, a restart loop) stays
// quiet for `quietSeconds` (a day by default); a changed set (one more risky flag) alerts again at once. When
// the object is seen with no risky finding left (it was fixed), the memory is dropped, so the risk coming
// back alerts again. A removed object keeps its memory: recreating it as it was is the "identical event".
class AlertEngine
{
public:
    explicit AlertEngine(Severity threshold = Severity::High, std::int64_t quietSeconds = 24 * 3600)
        : m_threshold(threshold), m_quietSeconds(quietSeconds)
    {
    }

    Severity threshold() const { return m_threshold; }
    void setThreshold(Severity threshold) { m_threshold = threshold; }

    // previous: the object's findings before the event; current: after it (waivers applied; empty when the
    // object was removed). happened: what the daemon did, as words after the name ("was started").
    std::optional<Alert> consider(const ObjectRef& object, const std::string& happened,
                                  const std::vector<Finding>& previous, const std::vector<Finding>& current,
                                  const std::string& endpoint, std::int64_t nowUnix, bool removed = false);

    // "was started", "was created", "changed": for a container from its state in the snapshot after the
    // event.
    static std::string happenedTo(const Inventory& after, const ObjectRef& object, bool added);

private:
    // What was alerted last for one object.
    struct Memory
    {
        std::string signature; // the sorted finding keys of its risky findings
        std::int64_t atUnix = 0;
    };

    Severity m_threshold;
    std::int64_t m_quietSeconds;
    std::map<std::string, Memory> m_alerted;
};

} // namespace drydock
