#pragma once
#include "core/results/ScanResult.h"

#include <string>

namespace drydock {

// The "Image contents" section of the HTML report: per analysed image its OS, package count, the vulnerable
// packages and the full package list (inside <details> in the browser variant, a compact table in the
// print variant). Empty when the scan did not analyse image contents. Every value is escaped: package
// names and versions come from files inside the image, so whoever built the image chose them.
std::string imageContentsHtml(const ScanResult& scan, bool print);

} // namespace drydock
