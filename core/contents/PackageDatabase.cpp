#include "core/contents/PackageDatabase.h"

#include "core/common/Strings.h"

#include <algorithm>

namespace drydock::packages {

namespace {

// Splits text into records separated by blank lines; calls fn(record) for each.
template <typename Fn> void forEachRecord(std::string_view text, Fn fn)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find("\n\n", pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view record = text.substr(pos, end - pos);
        if (!trim(record).empty()) {
            fn(record);
        }
        pos = end + 2;
        while (pos < text.size() && text[pos] == '\n') {
            ++pos;
        }
    }
}

// RFC 822 style "Field: value" of a dpkg record; continuation lines are ignored (no field we read has them).
std::string field(std::string_view record, std::string_view name)
{
    std::size_t pos = 0;
    while (pos < record.size()) {
        std::size_t end = record.find('\n', pos);
        if (end == std::string_view::npos) {
            end = record.size();
        }
        const std::string_view line = record.substr(pos, end - pos);
        if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 &&
            line[name.size()] == ':') {
            return trim(line.substr(name.size() + 1));
        }
        pos = end + 1;
    }
    return {};
}

} // namespace

std::vector<InstalledPackage> parseDpkgStatus(std::string_view text, bool requireInstalledStatus)
{
    std::vector<InstalledPackage> out;
    forEachRecord(text, [&](std::string_view record) {
        InstalledPackage p;
        p.name = field(record, "Package");
        p.version = field(record, "Version");
        if (p.name.empty() || p.version.empty()) {
            return;
        }
        const std::string status = field(record, "Status");
        if ((requireInstalledStatus || !status.empty()) && !endsWith(status, " installed")) {
            return; // config-files, half-installed, …: not on disk as a package
        }
        p.arch = field(record, "Architecture");
        p.ecosystem = "deb";
        const std::string source = field(record, "Source");
        if (source.empty()) {
            p.sourceName = p.name;
        } else {
            // "Source: glibc (2.36-9+deb12u4)" when the source version differs.
            const auto paren = source.find(" (");
            p.sourceName = trim(source.substr(0, paren));
            if (paren != std::string::npos) {
                const auto close = source.find(')', paren);
                p.sourceVersion = source.substr(paren + 2, close == std::string::npos ? std::string::npos
                                                                                      : close - paren - 2);
            }
        }
        out.push_back(std::move(p));
    });
    return out;
}

std::vector<InstalledPackage> parseApkInstalled(std::string_view text)
{
    std::vector<InstalledPackage> out;
    forEachRecord(text, [&](std::string_view record) {
        InstalledPackage p;
        p.ecosystem = "apk";
        for (const auto& line : split(record, '\n')) {
            if (line.size() < 2 || line[1] != ':') {
                continue;
            }
            const std::string value = line.substr(2);
            switch (line[0]) {
            case 'P':
                p.name = value;
                break;
            case 'V':
                p.version = value;
                break;
            case 'A':
                p.arch = value;
                break;
            case 'o':
                p.sourceName = value;
                break;
            case 'L':
                p.license = value;
                break;
            default:
                break;
            }
        }
        if (!p.name.empty() && !p.version.empty()) {
            if (p.sourceName.empty()) {
                p.sourceName = p.name;
            }
            out.push_back(std::move(p));
        }
    });
    return out;
}

OsRelease parseOsRelease(std::string_view text)
{
    OsRelease os;
    for (const auto& raw : split(text, '\n')) {
        const std::string line = trim(raw);
        const auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) {
            continue;
        }
        const std::string key = line.substr(0, eq);
        std::string value = line.substr(eq + 1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
            value.back() == value.front()) {
            value = value.substr(1, value.size() - 2);
        }
        if (key == "ID") {
            os.id = value;
        } else if (key == "VERSION_ID") {
            os.versionId = value;
        } else if (key == "PRETTY_NAME") {
            os.prettyName = value;
        } else if (key == "VERSION_CODENAME") {
            os.codename = value;
        }
    }
    return os;
}

void collect(ImageContents& contents)
{
    const auto text = [&](const std::string& path) -> const std::string* {
        const auto it = contents.files.find(path);
        return it != contents.files.end() && it->second.content ? &*it->second.content : nullptr;
    };
    if (const auto* os = text("etc/os-release")) {
        contents.os = parseOsRelease(*os);
    } else if (const auto* usrOs = text("usr/lib/os-release")) {
        contents.os = parseOsRelease(*usrOs);
    }
    if (contents.os.id.empty()) {
        if (const auto* alpine = text("etc/alpine-release")) {
            contents.os.id = "alpine";
            contents.os.versionId = trim(*alpine);
        }
    }
    std::vector<InstalledPackage> found;
    if (const auto* status = text("var/lib/dpkg/status")) {
        found = parseDpkgStatus(*status);
        if (static_cast<std::int64_t>(status->size()) < contents.files.at("var/lib/dpkg/status").size) {
            contents.notes.push_back(
                "The dpkg status file is larger than the content-analysis limit; only the "
                "packages in its first part were read.");
        }
    }
    for (auto it = contents.files.lower_bound("var/lib/dpkg/status.d/");
         it != contents.files.end() && startsWith(it->first, "var/lib/dpkg/status.d/"); ++it) {
        if (it->second.content && !endsWith(it->first, ".md5sums")) {
            auto more = parseDpkgStatus(*it->second.content, false);
            found.insert(found.end(), more.begin(), more.end());
        }
    }
    if (const auto* apk = text("lib/apk/db/installed")) {
        auto more = parseApkInstalled(*apk);
        found.insert(found.end(), more.begin(), more.end());
    }
    for (const char* rpmDb : {"var/lib/rpm/Packages", "var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages.db",
                              "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/Packages.db"}) {
        if (contents.files.count(rpmDb)) {
            contents.notes.push_back(
                std::string("An RPM database (/") + rpmDb +
                ") is present but Drydock does not read RPM databases yet; import a Trivy "
                "or Grype report (--import-trivy, --import-grype) for this image's packages.");
            break;
        }
    }
    std::sort(found.begin(), found.end(), [](const InstalledPackage& a, const InstalledPackage& b) {
        return a.name != b.name ? a.name < b.name : a.arch < b.arch;
    });
    contents.packages = std::move(found);
}

std::string osvEcosystem(const OsRelease& os)
{
    if (os.id == "debian" && !os.versionId.empty()) {
        return "Debian:" + os.versionId;
    }
    if (os.id == "ubuntu" && !os.versionId.empty()) {
        return "Ubuntu:" + os.versionId;
    }
    if (os.id == "alpine" && !os.versionId.empty()) {
        // OSV names Alpine branches "Alpine:v3.19"; os-release says "3.19.1".
        const auto parts = split(os.versionId, '.');
        return parts.size() >= 2 ? "Alpine:v" + parts[0] + "." + parts[1] : "Alpine:v" + os.versionId;
    }
    return {};
}

} // namespace drydock::packages
