#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Masks the password part of URL credentials "scheme://user:pass@host" anywhere in text with "******" (no
// character of it kept). Mechanics for layers below the classifier (transport errors); whether a value is a
// secret is decided by core/secrets/SecretDetector alone.
std::string maskUrlCredentials(std::string_view text);

// An assignment inside a longer text: "x onerror=alert(1)>_TOKEN=s3cret" holds NAME "_TOKEN" and value
// "s3cret". A daemon hands out env entries whose "name" (up to the first '=') is arbitrary text, so the
// secret may sit in what Docker calls the value. Names are the run of [A-Za-z0-9_.-] just before each '=';
// values run to the next blank, quote, comma, semicolon, '&', '|', '<' or '>'. core/secrets judges the names.
struct EmbeddedAssignment
{
    std::string_view name;
    std::size_t valueBegin = 0;
    std::size_t valueEnd = 0;
};
std::vector<EmbeddedAssignment> embeddedAssignments(std::string_view text);

} // namespace drydock
