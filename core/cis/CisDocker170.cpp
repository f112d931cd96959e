// CIS Docker Benchmark 1.7.0: 1.6.0's recommendations under the same ids. 1.7.0 reworded some of them; the
// titles here are 1.6.0's words, so the table is 1.6.0's with the version changed.
#include "core/cis/CisBenchmarkTables.h"

namespace drydock::cistables {

CisBenchmark docker170()
{
    const CisBenchmark base = docker160();
    return CisBenchmark(CisVersion::V1_7_0, base.sections(), base.items());
}

} // namespace drydock::cistables
