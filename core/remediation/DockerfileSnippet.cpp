#include "core/remediation/DockerfileSnippet.h"

#include "core/common/Utf8.h"
#include "core/common/VisibleText.h"

#include <cctype>
#include <cstdio>

namespace drydock {

namespace {

// The base reference goes into a FROM line; a line break or control character would start a new
// instruction, so anything outside printable ASCII is dropped and an empty result falls back to a default.
std::string safeImageReference(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        if (c > 0x20 && c < 0x7f) {
            out += c;
        }
    }
    return out.empty() ? "debian:12-slim" : out;
}

// A JSON string whose every hidden character is a \u escape; the text must be valid UTF-8.
std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = utf8SequenceLength(text, i, &cp);
        if (cp == '"' || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (isHiddenCodePoint(cp)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out + "\"";
}

} // namespace

std::string DockerfileSnippet::comment(std::string_view text)
{
    std::string shown = visibleText(text);
    // "# name = value" before the first instruction is a parser directive (syntax= picks the frontend image),
    // and a comment had better not end in an escape character; "note: " in front rules out the first.
    std::size_t i = shown.find_first_not_of(' ');
    const std::size_t nameStart = i;
    while (i < shown.size() && std::isalnum(static_cast<unsigned char>(shown[i]))) {
        ++i;
    }
    const bool named = i != nameStart && nameStart != std::string::npos &&
                       std::isalpha(static_cast<unsigned char>(shown[nameStart]));
    i = named ? shown.find_first_not_of(' ', i) : std::string::npos;
    if (named && i != std::string::npos && shown[i] == '=') {
        shown = "note: " + shown;
    }
    if (!shown.empty() && (shown.back() == '\\' || shown.back() == '`')) {
        shown += " (end)";
    }
    return "# " + shown + "\n";
}

std::string DockerfileSnippet::execRun(const StringList& argv)
{
    std::string out = "RUN [";
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (!isValidUtf8(argv[i])) {
            StringList shown;
            for (const auto& a : argv) {
                shown.push_back(visibleText(a));
            }
            std::string words;
            for (const auto& w : shown) {
                words += (words.empty() ? "" : " ") + w;
            }
            return comment(
                "A name here is not valid UTF-8, which a Dockerfile cannot spell; write this step by "
                "hand: RUN " +
                words);
        }
        out += (i ? ", " : "") + jsonString(argv[i]);
    }
    return out + "]\n";
}

std::string DockerfileSnippet::nonRootUser()
{
    // A fixed, high UID/GID (10001) avoids clashing with system users and lets volumes be chowned up front;
    // USER is numeric so Kubernetes' runAsNonRoot and similar checks can verify it without /etc/passwd.
    return "# Create an unprivileged user and switch to it (after the steps that need root).\n"
           "# Alpine / BusyBox based images:\n"
           "RUN addgroup -g 10001 app && adduser -D -u 10001 -G app app\n"
           "# Debian / Ubuntu based images (use instead of the line above):\n"
           "# RUN groupadd -g 10001 app && useradd -r -u 10001 -g app app\n"
           "USER 10001:10001\n";
}

std::string DockerfileSnippet::healthcheck()
{
    return "# Let Docker notice when the service stops answering (adjust the URL and port).\n"
           "HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\\n"
           "  CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1\n";
}

std::string DockerfileSnippet::multiStage(const std::string& baseImage)
{
    // Compilers, package caches and sources stay in the build stage; only the artefact reaches the image
    // that runs, which shrinks both its size and what an intruder finds inside.
    const std::string base = safeImageReference(baseImage);
    return "# Build stage: tools and sources stay here.\n"
           "FROM " +
           base +
           " AS build\n"
           "WORKDIR /src\n"
           "COPY . .\n"
           "RUN ./build.sh --output /out\n"
           "\n"
           "# Runtime stage: only the built files, run as an unprivileged user.\n"
           "FROM " +
           base +
           "\n"
           "COPY --from=build /out /app\n"
           "USER 10001:10001\n"
           "ENTRYPOINT [\"/app/run\"]\n";
}

} // namespace drydock
