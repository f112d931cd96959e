#pragma once
#include "core/model/Image.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// One build step an image's history records, parsed from CreatedBy: which Dockerfile instruction made it and,
// for RUN, the shell command split into simple commands. Understands the classic builder
// (`/bin/sh -c #(nop)  ENV K=V`, `/bin/sh -c apt-get …`, `|1 K=V /bin/sh -c …`), BuildKit
// (`RUN /bin/sh -c … # buildkit`, `ADD src dst # buildkit`, `ENV K=V`) and kaniko (`RUN …`) forms (§0.1.13).
// Build-arg values in front of RUN lines are dropped on parsing, so nothing derived from a HistoryLine can
// show them.
class HistoryLine
{
public:
    // Empty CreatedBy (imported images, `docker import`) gives nullopt: there is nothing to judge.
    static std::optional<HistoryLine> parse(std::string_view createdBy, int layer = 0);

    // "RUN", "ADD", "COPY", "ENV", …; empty for lines that are no instruction (e.g. `# debian.sh …`
    // comments).
    const std::string& instruction() const { return m_instruction; }
    bool isRun() const { return m_instruction == "RUN"; }
    // RUN: the shell command without shell prefix and build args; others: the instruction's arguments.
    const std::string& body() const { return m_body; }
    // RUN: the simple commands of body(), split on unquoted `&&`, `||`, `;`, `&` and newlines, trimmed.
    const std::vector<std::string>& segments() const { return m_segments; }
    bool isBuildKit() const { return m_buildKit; }
    // Position in build order, 1 for the oldest history entry (the numbering `docker history` shows
    // reversed).
    int layer() const { return m_layer; }

    // Evidence text, e.g. "history: RUN apt-get update (layer 3)"; part defaults to body(). Masked and short.
    std::string describe(std::string_view part = {}) const;

private:
    std::string m_instruction;
    std::string m_body;
    std::vector<std::string> m_segments;
    bool m_buildKit = false;
    int m_layer = 0;
};

// The image's history in build order (oldest first; the API lists newest first), empty CreatedBy skipped.
std::vector<HistoryLine> historyLines(const Image& image);

// Shell words of one simple command: quotes and backslash escapes removed, an unquoted `|` as its own word.
std::vector<std::string> shellWords(std::string_view command);
// The program a word names: its basename, without grouping characters ("/usr/bin/apt-get" -> "apt-get").
std::string commandName(std::string_view word);
// Index of the first word naming program `name` (by commandName), or nullopt.
std::optional<std::size_t> findCommand(const std::vector<std::string>& words, std::string_view name,
                                       std::size_t from = 0);

// The package-manager families whose commands the image rules understand.
enum class PackageFamily
{
    Apt, // apt-get, apt, aptitude
    Apk, // apk
    Rpm, // yum, dnf, microdnf, tdnf
    Zypper
};

// What a package-manager command does, by its verb.
enum class PackageAction
{
    Refresh,     // apt-get update, apk update, dnf makecache, zypper refresh
    Install,     // apt-get install, apk add, dnf install, zypper in
    Upgrade,     // apt-get upgrade, apk upgrade, yum update, zypper up
    DistUpgrade, // apt-get dist-upgrade / full-upgrade
    Remove,      // apt-get purge/remove/autoremove, apk del, dnf remove, zypper rm
    Clean,       // apt-get clean, yum clean all, zypper clean
    Other
};

// One package-manager invocation found in a simple command.
struct PackageCommand
{
    PackageFamily family = PackageFamily::Apt;
    std::string manager; // "apt-get"
    std::string verb;    // "install"
    PackageAction action = PackageAction::Other;
    std::vector<std::string> options;   // words after the manager that start with '-'
    std::vector<std::string> arguments; // other words after the verb (package names, up to a pipe)
};

// The package-manager command in a simple command's words, if any.
std::optional<PackageCommand> packageCommand(const std::vector<std::string>& words);
// A package argument without version or architecture: "gcc=4:12.2-1" -> "gcc", "libc6:amd64" -> "libc6".
std::string packageBaseName(std::string_view argument);

} // namespace drydock
