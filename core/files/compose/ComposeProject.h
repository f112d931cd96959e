#pragma once
#include "core/common/Result.h"
#include "core/files/FileReview.h"
#include "core/files/compose/ComposeInterpolation.h"
#include "core/files/compose/YamlTree.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace drydock {

// What loading a compose project needs: the files in `-f` order, where the project lives, the variables,
// and how to read the other files it names (.env, env_file, extends: file:, include:) — a seam, so tests need
// no disk.
struct ComposeLoadRequest
{
    std::vector<std::string> files; // as the user named them; read through readFile
    std::string projectDirectory;   // relative paths resolve here; "" = the first file's folder
    std::string projectName;        // like -p; "" = the files' `name:`, else the folder's name
    std::map<std::string, std::string> environment; // the shell's variables (injected, never getenv)
    std::function<Result<std::string>(const std::string& path)> readFile;
    FileReviewLimits limits;
};

// One file the project was read from.
struct ComposeSourceFile
{
    std::string path; // as named: a -f path, or an extends/include path joined to its referrer's folder
    std::string text; // the bytes read
    std::string baseDirectory; // relative paths written in this file resolve against it
    bool viaExtends = false;   // reached through `extends: file:` or `include:` rather than named with -f
};

// A variable a value used while it was not set: read as empty (a note), and a finding when the key holding it
// looks like a secret.
struct ComposeUnsetVariable
{
    std::string name;    // POSTGRES_PASSWORD
    std::string key;     // the key whose value used it: an environment name, or the map key
    std::string keyPath; // services.db.environment.POSTGRES_PASSWORD
    YamlMark mark;
};

// One `env_file:` entry of a service and what it held (read through the seam when the project loaded).
struct ComposeEnvFile
{
    std::string path; // resolved against its compose file's folder
    YamlMark mark;    // the entry in the compose file
    bool read = false;
    std::vector<EnvFileEntry> entries;
};

// One service after interpolation, `extends` and the merge of every file: its definition keeps each
// value's mark, and so the file that set it.
struct ComposeService
{
    std::string name;
    YamlMark nameMark;   // the service's key in the first file that defines it
    YamlNode definition; // a map; environment, labels, sysctls and networks always in map form
    std::vector<ComposeEnvFile> envFiles;
};

// A compose project as Compose would run it: every file merged, ready to be mapped to containers.
struct ComposeProject
{
    std::string name;      // the project name (container and network names start with it)
    std::string directory; // the project directory
    std::vector<ComposeSourceFile>
        files; // in the order read: each -f file, then what it reaches (include, extends)
    std::vector<ComposeService> services; // in the order they first appear
    YamlNode volumes;                     // the top-level sections, merged; Map (maybe empty)
    YamlNode networks;
    YamlNode secrets;
    YamlNode configs;
    std::map<std::string, std::string> variables; // the environment over the .env file's values
    std::vector<ComposeUnsetVariable> unset;
    std::vector<std::string> notes; // "POSTGRES_PASSWORD is not set; read as empty" (never a value)

    const ComposeService* service(const std::string& name) const;
};

// Reads, interpolates and merges a compose project after the Compose Specification: mappings merged,
// command/entrypoint/healthcheck.test replaced, sequences appended, ports/volumes/secrets/configs merged by
// their unique key, environment/labels by name, `!reset`/`!override` honoured, `extends` (same file and
// file:) and `include:` resolved with cycles and FileReviewLimits::maxExtendsDepth refused. An Error names
// the file, line and column.
Result<ComposeProject> loadComposeProject(const ComposeLoadRequest& request);

// Merges `over` into `base` as a later -f file does for one service (exposed for extends and the tests).
YamlNode mergeComposeService(const YamlNode& base, const YamlNode& over);

// "dir/relative" ("relative" when dir is empty; absolute paths unchanged), with "./" segments dropped.
std::string joinComposePath(const std::string& directory, const std::string& path);

} // namespace drydock
