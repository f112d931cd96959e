#include "core/common/Time.h"

#include <cstdio>
#include <ctime>

namespace drydock {

namespace {

bool readInt(std::string_view text, std::size_t pos, std::size_t len, int& out)
{
    if (pos + len > text.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = static_cast<unsigned>((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

} // namespace

std::optional<std::int64_t> parseRfc3339(std::string_view text)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !readInt(text, 0, 4, year) || text[4] != '-' || !readInt(text, 5, 2, month) ||
        text[7] != '-' || !readInt(text, 8, 2, day) || (text[10] != 'T' && text[10] != ' ') ||
        !readInt(text, 11, 2, hour) || text[13] != ':' || !readInt(text, 14, 2, minute) || text[16] != ':' ||
        !readInt(text, 17, 2, second)) {
        return std::nullopt;
    }
    if (year <= 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
    }
    std::int64_t offset = 0;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh = 0, om = 0;
        if (!readInt(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !readInt(text, pos + 4, 2, om)) {
            return std::nullopt;
        }
        offset = (oh * 3600 + om * 60) * (text[pos] == '+' ? 1 : -1);
    } else if (pos >= text.size() || (text[pos] != 'Z' && text[pos] != 'z')) {
        return std::nullopt;
    }
    return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

std::string formatRfc3339(std::int64_t unixSeconds)
{
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[80];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

} // namespace drydock
