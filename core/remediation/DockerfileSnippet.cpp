#include "core/remediation/DockerfileSnippet.h"

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

} // namespace

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
