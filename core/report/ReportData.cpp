#include "core/report/ReportData.h"

#include "core/common/Strings.h"

namespace drydock {

std::string reportText(const std::string& text, std::size_t maxBytes) { return truncateUtf8(text, maxBytes); }

} // namespace drydock
