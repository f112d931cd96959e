#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Just enough of the ustar format for the hardening walkthrough: pack a few small files and directories to
// PUT into a container, and read one file (such as /etc/passwd) from a GET /containers/{id}/archive answer.
struct TarEntry
{
    std::string name; // relative path, "run/secrets/db_password"; directories end with '/'
    std::string content;
    int mode = 0644;
    int uid = 0;
    int gid = 0;
};

std::string makeTar(const std::vector<TarEntry>& entries);
// The content of the first regular file in the archive whose name ends with fileName (nullopt if none).
std::optional<std::string> readTarFile(std::string_view tar, std::string_view fileName);

} // namespace drydock
