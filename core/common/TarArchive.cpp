#include "core/common/TarArchive.h"

#include <cstdio>
#include <cstring>

namespace drydock {

namespace {

constexpr std::size_t kBlock = 512;

void octal(char* field, std::size_t width, unsigned long long value)
{
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), value);
}

std::size_t parseOctal(const char* field, std::size_t width)
{
    std::size_t value = 0;
    for (std::size_t i = 0; i < width && field[i] != '\0' && field[i] != ' '; ++i) {
        if (field[i] < '0' || field[i] > '7') {
            break;
        }
        value = value * 8 + static_cast<std::size_t>(field[i] - '0');
    }
    return value;
}

} // namespace

std::string makeTar(const std::vector<TarEntry>& entries)
{
    std::string out;
    for (const auto& e : entries) {
        const bool dir = !e.name.empty() && e.name.back() == '/';
        char header[kBlock];
        std::memset(header, 0, kBlock);
        std::strncpy(header, e.name.c_str(), 99);
        octal(header + 100, 8, static_cast<unsigned long long>(e.mode));
        octal(header + 108, 8, static_cast<unsigned long long>(e.uid));
        octal(header + 116, 8, static_cast<unsigned long long>(e.gid));
        octal(header + 124, 12, dir ? 0 : e.content.size());
        octal(header + 136, 12, 0);
        header[156] = dir ? '5' : '0';
        std::memcpy(header + 257, "ustar", 6);
        std::memcpy(header + 263, "00", 2);
        std::memset(header + 148, ' ', 8);
        unsigned sum = 0;
        for (const char c : header) {
            sum += static_cast<unsigned char>(c);
        }
        std::snprintf(header + 148, 8, "%06o", sum);
        header[155] = ' ';
        out.append(header, kBlock);
        if (!dir) {
            out.append(e.content);
            out.append((kBlock - e.content.size() % kBlock) % kBlock, '\0');
        }
    }
    out.append(2 * kBlock, '\0');
    return out;
}

std::optional<std::string> readTarFile(std::string_view tar, std::string_view fileName)
{
    std::size_t pos = 0;
    while (pos + kBlock <= tar.size()) {
        const char* h = tar.data() + pos;
        if (h[0] == '\0') {
            return std::nullopt;
        }
        const std::string name(h, strnlen(h, 100));
        const std::size_t size = parseOctal(h + 124, 12);
        const char type = h[156];
        pos += kBlock;
        if (size > tar.size() - pos) {
            return std::nullopt;
        }
        if ((type == '0' || type == '\0') && name.size() >= fileName.size() &&
            name.compare(name.size() - fileName.size(), fileName.size(), fileName) == 0) {
            return std::string(tar.substr(pos, size));
        }
        pos += (size + kBlock - 1) / kBlock * kBlock;
    }
    return std::nullopt;
}

} // namespace drydock
