#pragma once
#include <span>
#include <string>
#include <string_view>

namespace drydock {

// What a docker run flag takes after it (the type column of `docker run --help`).
enum class RunFlagArity
{
    None,    // a switch: --rm, --read-only
    Single,  // one value, the last one given wins: --user, --memory
    Repeated // every value counts: --env, --volume, --sysctl
};

// How ComposeSnippet writes a flag into a compose service.
enum class ComposeForm
{
    NoEquivalent, // no key, a comment says so: --rm, --publish-all, --cpuset-mems, flags the builder skips
    Implied,      // no key and nothing to say: `docker compose up -d` runs services detached anyway
    Text,         // key: "value"
    Number,       // key: 1024 (quoted when not a plain number)
    True,         // key: true
    List,         // key: then one "- value" line per value
    Block         // a block of its own, which may read several flags (healthcheck, logging, networks)
};

// One `docker run` flag of Debian's docker.io 20.10 CLI: its spellings, whether it takes a value, where
// RunCommandBuilder puts it and how ComposeSnippet writes it.
struct RunFlag
{
    std::string_view name; // "--cpu-shares"
    char shortName = 0;    // 'c' for -c; 0 when the flag has no short form
    RunFlagArity arity = RunFlagArity::Single;
    bool builderWrites = false; // RunCommandBuilder writes it, in table order
    ComposeForm compose = ComposeForm::NoEquivalent;
    std::string_view composeKey; // "cpu_shares"; the block's key for Block; empty without a key
};

// Every flag, those RunCommandBuilder writes first and in the order it writes them, then the rest A-Z.
std::span<const RunFlag> runFlags();
// The row of a flag written long ("--env") or short ("-e"); nullptr for a flag docker run does not know.
const RunFlag* findRunFlag(std::string_view flag);
// The long spelling of a short flag ("-e" -> "--env"); any other text comes back unchanged.
std::string longRunFlag(std::string_view flag);

} // namespace drydock
