#pragma once
#include "core/common/CancelToken.h"
#include "core/common/ProgressSink.h"
#include "core/common/Result.h"
#include "core/contents/ContentScanOptions.h"
#include "core/contents/OsvDatabase.h"
#include "core/docker/DockerClient.h"
#include "core/json/ContentJson.h"
#include "core/model/ImageContents.h"

#include <optional>

namespace drydock {

// Image -> ImageContents: streams the saved image from the daemon through the LayerReader, reads the
// package inventory, and adds vulnerabilities from the OSV database and imported or freshly run scanner
// reports. Loads the database and reports once (prepare) and then analyses any number of images.
class ContentAnalyzer
{
public:
    ContentAnalyzer(DockerClient& client, ContentScanOptions options);

    // Loads the OSV database and the imported reports; an unreadable file is an Error before any image is
    // read.
    Result<void> prepare(const CancelToken& cancel);
    Result<ImageContents> analyze(const Image& image, ProgressSink& progress, const CancelToken& cancel);

    // Adds vulnerabilities to contents from the database and reports (no daemon involved).
    void addVulnerabilities(const Image& image, ImageContents& contents, const CancelToken& cancel);

    // Everything prepare() could not use, e.g. a report for an image that is not in this scan.
    const StringList& notes() const { return m_notes; }

private:
    DockerClient& m_client;
    ContentScanOptions m_options;
    std::optional<OsvDatabase> m_database;
    std::vector<json::ScannerReport> m_reports;
    StringList m_notes;
};

// Reads a file into memory with a size cap; a clear Error names the file.
Result<std::string> readLocalFile(const std::string& path, std::size_t maxBytes);

} // namespace drydock
