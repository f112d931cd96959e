#pragma once
#include "core/common/CancelToken.h"
#include "core/common/Result.h"
#include "core/model/Advisory.h"
#include "core/model/ImageContents.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace drydock {

// An OSV vulnerability database the user downloaded (a directory of advisory JSON files, or the OSV
// project's per-ecosystem all.zip), loaded once and matched offline against installed packages.
class OsvDatabase
{
public:
    // Loads the advisories of the wanted ecosystems ("Debian:12", "Alpine:v3.19"; empty = every ecosystem).
    // Files that are not OSV JSON are skipped and counted; a path that is neither a directory nor a zip is
    // an Error.
    static Result<OsvDatabase> load(const std::string& path, const std::set<std::string>& ecosystems,
                                    const CancelToken& cancel);
    // Advisories parsed from JSON documents directly (tests, callers that already hold them).
    void add(Advisory advisory);

    // Installed packages of one OS ecosystem against the ranges (ECOSYSTEM introduced / fixed /
    // last_affected events, and explicit version lists). Debian advisories name source packages, so
    // packages match by source name and source version, once per source package.
    std::vector<Vulnerability> match(const std::string& ecosystem,
                                     const std::vector<InstalledPackage>& packages) const;

    std::size_t size() const { return m_advisories.size(); }
    std::size_t skippedFiles() const { return m_skipped; }

    // True when version falls inside the affected package's ranges or versions; fixed receives the fix.
    static bool affects(const AdvisoryPackage& affected, const std::string& versionEcosystem,
                        const std::string& version, std::string* fixed = nullptr);

private:
    std::vector<Advisory> m_advisories;
    // ecosystem -> package name -> (advisory index, affected index)
    std::map<std::string, std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>>> m_index;
    std::size_t m_skipped = 0;
};

} // namespace drydock
