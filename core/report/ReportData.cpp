#include "core/report/ReportData.h"

#include "core/common/Strings.h"

namespace drydock {

int ReportData::objects() const
{
    if (objectCount >= 0) {
        return objectCount;
    }
    const Inventory& i = scan->inventory;
    return static_cast<int>(i.containers.size() + i.images.size() + i.networks.size() + i.volumes.size());
}

std::string reportText(const std::string& text, std::size_t maxBytes) { return truncateUtf8(text, maxBytes); }

} // namespace drydock
