#include "core/common/VisibleText.h"

#include "core/common/Utf8.h"

#include <cstdint>
#include <cstdio>

namespace drydock {

bool isHiddenCodePoint(std::uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

std::size_t hiddenSequenceLength(std::string_view text, std::size_t i)
{
    std::uint32_t cp = 0;
    const std::size_t len = utf8SequenceLength(text, i, &cp);
    if (len == 0) {
        return 1;
    }
    return isHiddenCodePoint(cp) ? len : 0;
}

bool hasHiddenCharacters(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        // Printable ASCII is nearly all of what reports carry (commands, ids, labels): no decoding for it.
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            ++i;
            continue;
        }
        if (hiddenSequenceLength(text, i) != 0) {
            return true;
        }
        i += utf8SequenceLength(text, i);
    }
    return false;
}

std::string visibleText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8SequenceLength(text, i, &cp);
        char buf[16];
        if (len == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x",
                          static_cast<unsigned>(static_cast<unsigned char>(text[i])));
            out += buf;
            ++i;
        } else if (isHiddenCodePoint(cp)) {
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
            out += buf;
            i += len;
        } else {
            out.append(text.substr(i, len));
            i += len;
        }
    }
    return out;
}

} // namespace drydock
