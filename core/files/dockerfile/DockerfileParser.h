#pragma once
#include "core/common/Result.h"
#include "core/files/FileReview.h"
#include "core/files/dockerfile/Dockerfile.h"
#include "core/files/dockerfile/DockerfileWords.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// Parses a Dockerfile as the Dockerfile reference (and BuildKit's parser) reads it: parser directives at the
// very top (`# syntax=`, `# escape=`, `# check=`), line continuations with the escape character (comment and
// empty lines inside a continuation skipped), JSON (exec) form with the fallback to shell form when the JSON
// is invalid, heredocs (`<<EOF`, `<<-EOF`, quoted delimiters, several on one line), multi-stage builds and
// ARGs before FROM substituted into FROM. Errors name line and column. Invalid UTF-8, NUL bytes, an
// unterminated heredoc, an unknown instruction or a file beyond the limits give an error, in time and memory
// linear in the file's size.
Result<Dockerfile> parseDockerfile(std::string_view text, const FileReviewLimits& limits = {});

} // namespace drydock
