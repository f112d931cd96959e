#include "core/contents/OsvDatabase.h"

#include "core/common/Strings.h"
#include "core/contents/VersionCompare.h"
#include "core/json/ContentJson.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace drydock {

namespace {

constexpr std::uintmax_t kMaxAdvisoryBytes = 8 * 1024 * 1024;

bool wanted(const std::set<std::string>& ecosystems, const std::string& ecosystem)
{
    if (ecosystems.empty() || ecosystems.count(ecosystem)) {
        return true;
    }
    // An advisory for the whole distribution ("Debian") applies to every release of it.
    for (const auto& e : ecosystems) {
        if (startsWith(e, ecosystem + ":")) {
            return true;
        }
    }
    return false;
}

// "Debian:12" -> "deb", "Alpine:v3.19" -> "apk".
std::string versionScheme(const std::string& ecosystem)
{
    if (startsWith(ecosystem, "Debian") || startsWith(ecosystem, "Ubuntu")) {
        return "deb";
    }
    if (startsWith(ecosystem, "Alpine")) {
        return "apk";
    }
    return "text";
}

std::string normalSeverity(std::string s)
{
    s = toLower(trim(s));
    if (s == "critical" || s == "high" || s == "medium" || s == "low") {
        return s;
    }
    if (s == "moderate") {
        return "medium";
    }
    if (s == "unimportant" || s == "negligible") {
        return "low";
    }
    return "unknown";
}

} // namespace

void OsvDatabase::add(Advisory advisory)
{
    const std::size_t index = m_advisories.size();
    for (std::size_t k = 0; k < advisory.affected.size(); ++k) {
        const auto& a = advisory.affected[k];
        m_index[a.ecosystem][a.name].emplace_back(index, k);
    }
    m_advisories.push_back(std::move(advisory));
}

Result<OsvDatabase> OsvDatabase::load(const std::string& path, const std::set<std::string>& ecosystems,
                                      const CancelToken& cancel)
{
    namespace fs = std::filesystem;
    OsvDatabase db;
    const auto consider = [&](const std::string& text) {
        auto advisory = json::parseOsvAdvisory(text);
        if (!advisory) {
            ++db.m_skipped;
            return;
        }
        auto& a = advisory.value();
        a.affected.erase(
            std::remove_if(a.affected.begin(), a.affected.end(),
                           [&](const AdvisoryPackage& p) { return !wanted(ecosystems, p.ecosystem); }),
            a.affected.end());
        if (!a.affected.empty()) {
            db.add(std::move(a));
        }
    };
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec),
             end;
             !ec && it != end; it.increment(ec)) {
            if (cancel.isCancelled()) {
                return Error::make(ErrorCode::Cancelled, "Loading the OSV database was cancelled.");
            }
            if (!it->is_regular_file(ec) || it->path().extension() != ".json") {
                continue;
            }
            if (it->file_size(ec) > kMaxAdvisoryBytes) {
                ++db.m_skipped;
                continue;
            }
            std::ifstream in(it->path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            consider(text.str());
        }
        if (ec) {
            return Error::make(ErrorCode::Io,
                               "Cannot read the OSV database directory " + path + ": " + ec.message() + ".");
        }
        return db;
    }
    if (!fs::is_regular_file(path, ec)) {
        return Error::make(
            ErrorCode::NotFound,
            "The vulnerability database " + path +
                " does not exist. Download an OSV export (for example the Debian all.zip from "
                "https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip) and give its "
                "path or the directory it was unpacked into.");
    }
    std::unique_ptr<archive, decltype(&archive_read_free)> zip(archive_read_new(), &archive_read_free);
    archive_read_support_format_zip(zip.get());
    archive_read_support_format_tar(zip.get());
    archive_read_support_filter_all(zip.get());
    if (archive_read_open_filename(zip.get(), path.c_str(), 1 << 20) != ARCHIVE_OK) {
        const char* msg = archive_error_string(zip.get());
        return Error::make(ErrorCode::Io, "Cannot open the vulnerability database " + path +
                                              " as a zip archive (" + (msg ? msg : "unknown error") +
                                              "). Give the OSV all.zip or a directory of OSV JSON files.");
    }
    archive_entry* entry = nullptr;
    int r = ARCHIVE_OK;
    while ((r = archive_read_next_header(zip.get(), &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
        if (cancel.isCancelled()) {
            return Error::make(ErrorCode::Cancelled, "Loading the OSV database was cancelled.");
        }
        const char* name = archive_entry_pathname(entry);
        const la_int64_t size = archive_entry_size(entry);
        if (archive_entry_filetype(entry) != AE_IFREG || !name || !endsWith(name, ".json") || size < 0 ||
            static_cast<std::uintmax_t>(size) > kMaxAdvisoryBytes) {
            continue;
        }
        std::string text(static_cast<std::size_t>(size), '\0');
        const la_ssize_t got = archive_read_data(zip.get(), text.data(), text.size());
        if (got < 0) {
            const char* msg = archive_error_string(zip.get());
            return Error::make(ErrorCode::Io, "The vulnerability database " + path + " is damaged (" +
                                                  (msg ? msg : "read error") + ").");
        }
        text.resize(static_cast<std::size_t>(got));
        consider(text);
    }
    if (r != ARCHIVE_EOF) {
        const char* msg = archive_error_string(zip.get());
        return Error::make(ErrorCode::Io, "The vulnerability database " + path + " is damaged (" +
                                              (msg ? msg : "read error") + ").");
    }
    return db;
}

bool OsvDatabase::affects(const AdvisoryPackage& affected, const std::string& versionEcosystem,
                          const std::string& version, std::string* fixed)
{
    const std::string scheme = versionScheme(versionEcosystem);
    for (const auto& v : affected.versions) {
        if (compareVersions(scheme, v, version) == 0) {
            return true;
        }
    }
    for (const auto& range : affected.ranges) {
        auto events = range.events;
        // OSV: evaluate events in version order, "introduced: 0" meaning before every version.
        std::stable_sort(
            events.begin(), events.end(), [&](const AdvisoryRange::Event& a, const AdvisoryRange::Event& b) {
                const bool aZero = a.kind == AdvisoryRange::Event::Kind::Introduced && a.version == "0";
                const bool bZero = b.kind == AdvisoryRange::Event::Kind::Introduced && b.version == "0";
                if (aZero != bZero) {
                    return aZero;
                }
                return compareVersions(scheme, a.version, b.version) < 0;
            });
        bool inside = false;
        std::string fix;
        for (const auto& e : events) {
            using Kind = AdvisoryRange::Event::Kind;
            if (e.kind == Kind::Introduced) {
                if (e.version == "0" || compareVersions(scheme, version, e.version) >= 0) {
                    inside = true;
                    fix.clear();
                }
            } else if (e.kind == Kind::Fixed) {
                if (compareVersions(scheme, version, e.version) >= 0) {
                    inside = false;
                } else if (inside && fix.empty()) {
                    fix = e.version;
                }
            } else if (e.kind == Kind::LastAffected) {
                if (compareVersions(scheme, version, e.version) > 0) {
                    inside = false;
                }
            }
        }
        if (inside) {
            if (fixed) {
                *fixed = fix;
            }
            return true;
        }
    }
    return false;
}

std::vector<Vulnerability> OsvDatabase::match(const std::string& ecosystem,
                                              const std::vector<InstalledPackage>& packages) const
{
    std::vector<Vulnerability> out;
    if (ecosystem.empty()) {
        return out;
    }
    std::set<std::pair<std::string, std::string>> seen; // (vulnerability id, package)
    const std::string base = ecosystem.substr(0, ecosystem.find(':'));
    for (const auto& eco : {ecosystem, base}) {
        const auto byEco = m_index.find(eco);
        if (byEco == m_index.end()) {
            continue;
        }
        for (const auto& p : packages) {
            const std::string& name = p.sourceName.empty() ? p.name : p.sourceName;
            const std::string& version = p.sourceVersion.empty() ? p.version : p.sourceVersion;
            const auto byName = byEco->second.find(name);
            if (byName == byEco->second.end()) {
                continue;
            }
            for (const auto& [ai, pi] : byName->second) {
                const Advisory& a = m_advisories[ai];
                const AdvisoryPackage& affected = a.affected[pi];
                std::string fixed;
                if (!affects(affected, ecosystem, version, &fixed)) {
                    continue;
                }
                std::string id = a.id;
                for (const auto& alias : a.aliases) {
                    if (startsWith(alias, "CVE-")) {
                        id = alias;
                        break;
                    }
                }
                if (!seen.insert({id, name}).second) {
                    continue;
                }
                Vulnerability v;
                v.id = id;
                v.package = name;
                v.installedVersion = version;
                v.fixedVersion = fixed;
                v.severity = normalSeverity(!affected.severity.empty() ? affected.severity : a.severity);
                v.cvssVector = a.cvssVector;
                v.title = (id != a.id ? a.id + ": " : std::string()) + a.summary;
                v.source = "osv";
                out.push_back(std::move(v));
            }
        }
    }
    return out;
}

} // namespace drydock
