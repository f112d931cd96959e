#include "core/rules/swarm/CertificateDates.h"

#include "core/common/Time.h"

#include <cstdio>
#include <string>

namespace drydock {

namespace {

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A DER element: tag, and where its contents sit inside the buffer.
struct Tlv
{
    std::uint8_t tag = 0;
    std::size_t contentStart = 0;
    std::size_t contentLength = 0;
    std::size_t end() const { return contentStart + contentLength; }
};

// Reads one element starting at pos that must end by limit. Only the low-tag-number form and definite lengths
// up to four bytes are accepted; that covers every certificate a daemon hands out.
std::optional<Tlv> readTlv(const std::vector<std::uint8_t>& der, std::size_t pos, std::size_t limit)
{
    if (limit > der.size() || pos + 2 > limit) {
        return std::nullopt;
    }
    Tlv tlv;
    tlv.tag = der[pos++];
    if ((tlv.tag & 0x1f) == 0x1f) {
        return std::nullopt;
    }
    const std::uint8_t first = der[pos++];
    std::size_t length = 0;
    if (first < 0x80) {
        length = first;
    } else {
        const std::size_t bytes = first & 0x7f;
        if (bytes == 0 || bytes > 4 || pos + bytes > limit) {
            return std::nullopt;
        }
        for (std::size_t i = 0; i < bytes; ++i) {
            length = (length << 8) | der[pos++];
        }
    }
    if (length > limit - pos) {
        return std::nullopt;
    }
    tlv.contentStart = pos;
    tlv.contentLength = length;
    return tlv;
}

bool readDigits(const std::string& text, std::size_t pos, std::size_t count, int& out)
{
    if (pos + count > text.size()) {
        return false;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

// UTCTime "YYMMDDHHMMSSZ" (years 50-99 are 19xx, RFC 5280) or GeneralizedTime "YYYYMMDDHHMMSS[.fff]Z".
std::optional<std::int64_t> parseAsn1Time(std::uint8_t tag, const std::string& text)
{
    int year = 0;
    std::size_t pos = 0;
    if (tag == 0x17) {
        if (!readDigits(text, 0, 2, year)) {
            return std::nullopt;
        }
        year += year >= 50 ? 1900 : 2000;
        pos = 2;
    } else if (tag == 0x18) {
        if (!readDigits(text, 0, 4, year)) {
            return std::nullopt;
        }
        pos = 4;
    } else {
        return std::nullopt;
    }
    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, pos, 2, month) || !readDigits(text, pos + 2, 2, day) ||
        !readDigits(text, pos + 4, 2, hour) || !readDigits(text, pos + 6, 2, minute) ||
        !readDigits(text, pos + 8, 2, second)) {
        return std::nullopt;
    }
    pos += 10;
    if (tag == 0x18 && pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t fractionStart = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
        if (pos == fractionStart) {
            return std::nullopt;
        }
    }
    if (pos + 1 != text.size() || text[pos] != 'Z') {
        return std::nullopt;
    }
    char rfc3339[96];
    std::snprintf(rfc3339, sizeof rfc3339, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute,
                  second);
    return parseRfc3339(rfc3339);
}

} // namespace

std::optional<std::vector<std::uint8_t>> decodeBase64(std::string_view text)
{
    std::vector<std::uint8_t> out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t symbols = 0;
    std::size_t padding = 0;
    for (const char c : text) {
        if (isSpace(c)) {
            continue;
        }
        if (c == '=') {
            ++padding;
            continue;
        }
        if (padding > 0) {
            return std::nullopt; // data after padding
        }
        const int value = base64Value(c);
        if (value < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
        }
    }
    // A final group of one symbol cannot encode a byte; padding, when present, must complete the group.
    if (symbols % 4 == 1 || padding > 2 || (padding > 0 && (symbols + padding) % 4 != 0)) {
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> firstPemCertificate(std::string_view text)
{
    constexpr std::string_view begin = "-----BEGIN CERTIFICATE-----";
    constexpr std::string_view end = "-----END CERTIFICATE-----";
    const std::size_t start = text.find(begin);
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t bodyStart = start + begin.size();
    const std::size_t stop = text.find(end, bodyStart);
    if (stop == std::string_view::npos) {
        return std::nullopt;
    }
    auto der = decodeBase64(text.substr(bodyStart, stop - bodyStart));
    if (!der || der->empty()) {
        return std::nullopt;
    }
    return der;
}

std::optional<std::int64_t> derCertificateNotBefore(const std::vector<std::uint8_t>& der)
{
    // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber INTEGER,
    //                            signature AlgorithmIdentifier, issuer Name, validity SEQUENCE {…}, … }, … }
    const auto certificate = readTlv(der, 0, der.size());
    if (!certificate || certificate->tag != 0x30) {
        return std::nullopt;
    }
    const auto tbs = readTlv(der, certificate->contentStart, certificate->end());
    if (!tbs || tbs->tag != 0x30) {
        return std::nullopt;
    }
    std::size_t pos = tbs->contentStart;
    auto field = readTlv(der, pos, tbs->end());
    if (field && field->tag == 0xa0) { // explicit version
        pos = field->end();
        field = readTlv(der, pos, tbs->end());
    }
    const std::uint8_t expected[] = {0x02, 0x30, 0x30}; // serialNumber, signature, issuer
    for (const std::uint8_t tag : expected) {
        if (!field || field->tag != tag) {
            return std::nullopt;
        }
        pos = field->end();
        field = readTlv(der, pos, tbs->end());
    }
    if (!field || field->tag != 0x30) { // validity
        return std::nullopt;
    }
    const auto notBefore = readTlv(der, field->contentStart, field->end());
    if (!notBefore || notBefore->contentLength > 32) {
        return std::nullopt;
    }
    const std::string text(der.begin() + static_cast<std::ptrdiff_t>(notBefore->contentStart),
                           der.begin() + static_cast<std::ptrdiff_t>(notBefore->end()));
    return parseAsn1Time(notBefore->tag, text);
}

std::optional<std::int64_t> pemCertificateNotBefore(std::string_view pem)
{
    const auto der = firstPemCertificate(pem);
    if (!der) {
        return std::nullopt;
    }
    return derCertificateNotBefore(*der);
}

} // namespace drydock
