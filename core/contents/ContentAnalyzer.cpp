#include "core/contents/ContentAnalyzer.h"

#include "core/contents/DaemonImageSource.h"
#include "core/contents/ExternalScanner.h"
#include "core/contents/LayerReader.h"
#include "core/contents/PackageDatabase.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

namespace drydock {

namespace {

constexpr std::size_t kMaxReportBytes = 512 * 1024 * 1024;

bool reportIsAbout(const json::ScannerReport& report, const Image& image)
{
    if (!report.artifactId.empty() && report.artifactId == image.id) {
        return true;
    }
    if (report.artifact.empty()) {
        return false;
    }
    if (report.artifact == image.id || report.artifact == image.shortId() ||
        ("sha256:" + report.artifact) == image.id) {
        return true;
    }
    for (const auto& tag : image.repoTags) {
        if (tag == report.artifact || tag == report.artifact + ":latest" ||
            "docker.io/" + tag == report.artifact || "docker.io/library/" + tag == report.artifact) {
            return true;
        }
    }
    return false;
}

void addUnique(ImageContents& contents, std::vector<Vulnerability> found)
{
    for (auto& v : found) {
        const bool dup =
            std::any_of(contents.vulnerabilities.begin(), contents.vulnerabilities.end(),
                        [&](const Vulnerability& x) { return x.id == v.id && x.package == v.package; });
        if (!dup) {
            contents.vulnerabilities.push_back(std::move(v));
        }
    }
}

} // namespace

Result<std::string> readLocalFile(const std::string& path, std::size_t maxBytes)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        return Error::make(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                           "Cannot open " + path + ": " + std::strerror(errno) + ".");
    }
    std::string out;
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
        if (out.size() + n > maxBytes) {
            std::fclose(f);
            return Error::make(ErrorCode::InvalidArgument,
                               path + " is larger than " + std::to_string(maxBytes / (1024 * 1024)) +
                                   " MiB; it is not a report Drydock can import.");
        }
        out.append(buffer, n);
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) {
        return Error::make(ErrorCode::Io, "Reading " + path + " failed.");
    }
    return out;
}

ContentAnalyzer::ContentAnalyzer(DockerClient& client, ContentScanOptions options)
    : m_client(client), m_options(std::move(options))
{
}

Result<void> ContentAnalyzer::prepare(const CancelToken& cancel)
{
    if (!m_options.vulnDbPath.empty()) {
        // Every ecosystem the database holds is kept: images of several distributions may share one scan.
        auto db = OsvDatabase::load(m_options.vulnDbPath, {}, cancel);
        if (!db) {
            return db.error();
        }
        if (db->size() == 0) {
            return Error::make(
                ErrorCode::InvalidArgument,
                "The vulnerability database " + m_options.vulnDbPath +
                    " holds no OSV advisories for Linux distributions; give the OSV all.zip of "
                    "your images' distribution (Debian, Alpine, Ubuntu).");
        }
        m_database = std::move(db.value());
    }
    const auto importAll = [&](const std::vector<std::string>& files, bool trivy) -> Result<void> {
        for (const auto& file : files) {
            auto text = readLocalFile(file, kMaxReportBytes);
            if (!text) {
                return text.error();
            }
            auto report = trivy ? json::parseTrivyReport(*text) : json::parseGrypeReport(*text);
            if (!report) {
                return Error::make(report.error().code, file + ": " + report.error().message);
            }
            m_reports.push_back(std::move(report.value()));
        }
        return success();
    };
    if (auto ok = importAll(m_options.trivyReports, true); !ok) {
        return ok;
    }
    return importAll(m_options.grypeReports, false);
}

void ContentAnalyzer::addVulnerabilities(const Image& image, ImageContents& contents,
                                         const CancelToken& cancel)
{
    if (m_database) {
        const std::string ecosystem = packages::osvEcosystem(contents.os);
        if (ecosystem.empty()) {
            contents.notes.push_back("The image's distribution (" +
                                     (contents.os.id.empty() ? std::string("unknown") : contents.os.id) +
                                     ") has no OSV ecosystem Drydock knows; its packages were not matched.");
        } else {
            addUnique(contents, m_database->match(ecosystem, contents.packages));
        }
    }
    for (const auto& report : m_reports) {
        if (reportIsAbout(report, image)) {
            addUnique(contents, report.vulnerabilities);
        }
    }
    const std::string ref = image.displayName() == image.shortId() ? image.id : image.displayName();
    if (m_options.runTrivy) {
        auto text = external::runTrivy(ref, m_client.endpoint(), m_options.externalTimeoutSeconds, cancel);
        auto report = text ? json::parseTrivyReport(*text) : Result<json::ScannerReport>(text.error());
        if (report) {
            addUnique(contents, report->vulnerabilities);
        } else {
            contents.notes.push_back(report.error().message);
        }
    }
    if (m_options.runGrype) {
        auto text = external::runGrype(ref, m_client.endpoint(), m_options.externalTimeoutSeconds, cancel);
        auto report = text ? json::parseGrypeReport(*text) : Result<json::ScannerReport>(text.error());
        if (report) {
            addUnique(contents, report->vulnerabilities);
        } else {
            contents.notes.push_back(report.error().message);
        }
    }
}

Result<ImageContents> ContentAnalyzer::analyze(const Image& image, ProgressSink& progress,
                                               const CancelToken& cancel)
{
    LayerReader reader(m_options.limits);
    Result<ImageContents> contents = [&]() -> Result<ImageContents> {
        DaemonImageSource source(m_client, image.id, cancel);
        return reader.read(source, progress, cancel, image.size);
    }();
    if (!contents) {
        return contents.error();
    }
    ImageContents& c = contents.value();
    c.imageId = image.id;
    packages::collect(c);
    addVulnerabilities(image, c, cancel);
    return contents;
}

} // namespace drydock
