#include "core/files/FileReview.h"

#include "core/files/UnifiedDiff.h"
#include "core/secrets/SecretMask.h"

#include <filesystem>
#include <fstream>

namespace drydock {

const char* toString(ReviewedFileKind kind)
{
    switch (kind) {
    case ReviewedFileKind::Compose: return "compose";
    case ReviewedFileKind::Dockerfile: return "dockerfile";
    }
    return "compose";
}

std::pair<int, int> lineAndColumnAt(std::string_view text, std::size_t offset)
{
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return {line, static_cast<int>(offset - lineStart) + 1};
}

std::string maskedFileText(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        out += maskSecretsInText(text.substr(start, end - start));
        start = end;
    }
    return out;
}

std::string shownFixDiff(const FileReview& file, bool* masked)
{
    if (!file.fixedText) {
        if (masked) {
            *masked = false;
        }
        return {};
    }
    const std::string before = maskedFileText(file.originalText);
    const std::string after = maskedFileText(*file.fixedText);
    if (masked) {
        *masked = before != file.originalText || after != *file.fixedText;
    }
    // git's a/ and b/ prefixes: an absolute path loses its leading "/" (patch -p1 from / then finds it).
    return unifiedDiff(before, after, file.path.rfind('/', 0) == 0 ? file.path.substr(1) : file.path);
}

Result<std::string> readReviewedFile(const std::string& path, const FileReviewLimits& limits)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return Error::make(ErrorCode::NotFound, "could not read " + path + ": it is not a regular file");
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return Error::make(ErrorCode::NotFound, "could not read " + path + ": " + ec.message());
    }
    if (size > limits.maxFileBytes) {
        return Error::make(ErrorCode::TooLarge, path + " is " + std::to_string(size / 1024) + " KiB; files over " +
                                                    std::to_string(limits.maxFileBytes / 1024) +
                                                    " KiB are not reviewed");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error::make(ErrorCode::PermissionDenied, "could not open " + path + " for reading");
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

} // namespace drydock
