#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// A `--name=value` flag of an instruction (`--from=build`, `--chown=app`, `--mount=type=cache,…`); a flag
// written without `=` (`--link`) has an empty value.
struct DockerfileFlag
{
    std::string name; // without the dashes: "from"
    std::string value;
};

// One here-document of an instruction (`<<EOF`, `<<-EOF`, `<<"EOF"`): its delimiter and the lines up to it.
struct DockerfileHeredoc
{
    std::string delimiter;  // without quotes
    bool stripTabs = false; // `<<-`: leading tabs removed from the body and the closing line
    bool quoted = false;    // `<<"EOF"` / `<<'EOF'`: no variable expansion in the body
    std::string body;       // the lines between the instruction and the delimiter, each ending in '\n'
    int firstLine = 0;      // first body line (1-based); the delimiter line is lastLine
    int lastLine = 0;
};

// A NAME=value pair of ENV, ARG or LABEL, with the token as written so a patch can keep it byte for byte.
struct DockerfilePair
{
    std::string name;
    std::optional<std::string> value; // quotes and escapes removed; nullopt for `ARG NAME` without default
    std::string raw;                  // the token(s) as written: `KEY="a b"`, or `KEY value` for the old form
};

// One instruction as the Dockerfile reference defines it: keyword, flags, arguments and where it sits.
struct DockerfileInstruction
{
    std::string keyword;  // upper-cased: "RUN"
    std::string original; // every source line it spans (continuations, comments inside, heredoc bodies),
                          // exactly as written, line endings included
    std::size_t beginOffset = 0; // byte range of `original` in the file
    std::size_t endOffset = 0;
    int line = 0; // line and column of the keyword (1-based)
    int column = 0;
    int endLine = 0; // last line it spans (a heredoc's delimiter line for heredocs)
    std::vector<DockerfileFlag> flags;
    std::string arguments; // the text after keyword and flags, continuation lines joined
    bool execForm = false; // arguments is a JSON array of strings, kept in execArguments
    std::vector<std::string> execArguments;
    std::vector<DockerfileHeredoc> heredocs;
    std::vector<DockerfilePair> pairs; // ENV, ARG, LABEL
    int stage = -1; // index into Dockerfile::stages; -1 for the global ARGs before the first FROM

    const DockerfileFlag* flag(const std::string& name) const
    {
        for (const auto& f : flags) {
            if (f.name == name) {
                return &f;
            }
        }
        return nullptr;
    }
};

// One build stage: `FROM base [AS name]` and the instructions up to the next FROM.
struct DockerfileStage
{
    int index = 0;
    std::string baseImage;         // as written: "node:${NODE_VERSION}-alpine"
    std::string resolvedBaseImage; // after substituting the global ARGs' defaults: "node:20-alpine"
    std::vector<std::string> unresolvedVariables; // variables the base image names that have no default
    std::string name;                             // the `AS` name; empty when there is none
    int baseStage = -1;              // index of the earlier stage this one builds FROM, or -1 (an image)
    std::size_t fromInstruction = 0; // index into Dockerfile::instructions of its FROM
    std::size_t endInstruction = 0;  // one past its last instruction

    // The name findings use: the AS name, else the stage number as docker counts them.
    std::string label() const { return name.empty() ? std::to_string(index) : name; }
};

// A parsed Dockerfile: parser directives, the global ARGs, every instruction in order, and the stages.
struct Dockerfile
{
    char escape = '\\';
    std::vector<std::pair<std::string, std::string>> directives; // lower-cased name, value: ("syntax", "…")
    std::vector<DockerfilePair> globalArgs;                      // ARGs before the first FROM
    // The global ARGs' default values as the builder reads them: each expanded with the ones before it
    // (`ARG BASE=node:${NODE_VERSION}` after `ARG NODE_VERSION=20`), as FROM and a stage's `ARG NAME` see
    // them.
    std::map<std::string, std::string> globalArgValues;
    std::vector<DockerfileInstruction> instructions;
    std::vector<DockerfileStage> stages;
    bool crlf = false; // the file's lines end in "\r\n" (its first line does)
    // Not parsed: the key, credential and .env files of the build context that .dockerignore lets through
    // (secretFilesInBuildContext), which a COPY of a folder takes in. Empty when the context was not read.
    std::vector<std::string> contextSecretFiles;

    const DockerfileStage& finalStage() const { return stages.back(); }
};

} // namespace drydock
