#pragma once
#include "core/model/ImageContents.h"
#include "core/rules/RuleCatalogue.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/ScanSettings.h"

#include <string>
#include <string_view>

namespace drydock {

// A rule that looks at what is inside an image. The inventory snapshot does not carry image contents (they
// exist only when content analysis ran), so the RuleContext pass reports nothing and the Scanner calls
// checkContents for every analysed image instead (evaluateContentRules).
class ContentRule : public BasicRule
{
public:
    using BasicRule::BasicRule;
    void evaluate(const RuleContext&, FindingCollector&) const final {}
    virtual void checkContents(const Image& image, const ImageContents& contents,
                               FindingCollector& out) const = 0;
};

// Every content rule of the catalogue that the settings let run, over one analysed image.
std::vector<Finding> evaluateContentRules(const RuleCatalogue& catalogue, const ScanSettings& settings,
                                          const Image& image, const ImageContents& contents);

// "layer 3 of 5 (RUN apt-get install -y gcc)": which build step added a file, masked and cut.
std::string layerText(const ImageContents& contents, int layer);
// "1.2 MiB", "640 bytes".
std::string bytesText(std::int64_t bytes);
// The directories the catalogue calls "the bins".
bool isBinDirectory(std::string_view dir);
// Bins and library directories: code the whole system runs.
bool isSystemCodePath(std::string_view path);
// "/usr/bin/gcc-12 (added in layer 3 of 5 (RUN …); 1.2 MiB)"
std::string fileEvidence(const ImageContents& contents, const std::string& path, const FileEntry& entry);

// Multi-stage Dockerfile shape shared by the tool rules.
extern const char* const kMultiStageDockerfile;

} // namespace drydock
