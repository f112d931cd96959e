#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace drydock {

// Just enough X.509 reading to date a Swarm root CA: PEM armour -> DER -> tbsCertificate.validity.notBefore.
// No signature checks, no other fields: the input comes from the daemon we are auditing and is only dated.
// Every function is total: malformed input gives nullopt, never a crash or an exception.

// Standard base64 (RFC 4648) with whitespace ignored and optional '=' padding at the end.
std::optional<std::vector<std::uint8_t>> decodeBase64(std::string_view text);

// The DER bytes of the first "-----BEGIN CERTIFICATE-----" block in text.
std::optional<std::vector<std::uint8_t>> firstPemCertificate(std::string_view text);

// notBefore of a DER certificate as Unix seconds (UTCTime or GeneralizedTime, 'Z' form as DER requires).
std::optional<std::int64_t> derCertificateNotBefore(const std::vector<std::uint8_t>& der);

// notBefore of the first certificate in a PEM bundle (Swarm's TLSInfo.TrustRoot).
std::optional<std::int64_t> pemCertificateNotBefore(std::string_view pem);

} // namespace drydock
