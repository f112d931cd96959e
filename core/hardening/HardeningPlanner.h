#pragma once
#include "core/findings/Finding.h"
#include "core/hardening/HardeningPlan.h"
#include "core/model/Container.h"
#include "core/model/Image.h"

#include <string>
#include <vector>

namespace drydock {

// Turns one container's (or image's) findings into a HardeningPlan whose defaults keep behaviour: the
// paths the container writes to (GET /containers/{id}/changes) stay writable as tmpfs, a non-root user is
// taken from the image's /etc/passwd, ports below 1024 keep NET_BIND_SERVICE, and changes that are often
// deliberate (privileged, host namespaces, added capabilities, secrets that the app must then read from a
// file) default to skip with the reason shown.
class HardeningPlanner
{
public:
    // findings: those of the container and of its image (others are ignored). passwd: the image's
    // /etc/passwd text, empty when unknown.
    HardeningPlan planContainer(const Container& container, const Image* image,
                                const std::vector<Finding>& findings, const std::vector<FileChange>& changes,
                                const std::string& passwd) const;
    HardeningPlan planImage(const Image& image, const std::vector<Finding>& findings) const;
};

// One line of an image's /etc/passwd: the user a hardened container can run as.
struct PasswdEntry
{
    std::string name;
    int uid = 0;
    int gid = 0;
    std::string home;
    std::string shell;
};
std::vector<PasswdEntry> parsePasswd(const std::string& text);

// Where the container has something mounted (volumes, binds, tmpfs), and where it has a tmpfs.
StringList mountTargets(const Container& container);
StringList tmpfsTargets(const Container& container);

// What the container wrote in its own layer under dir (its changes, deletions left out, one path per
// written leaf; mount points and what lies under `mounts` left out, as volume data is not in the layer). A
// new container starts from the image: after an apply these exist only in the backup.
StringList layerWritesUnder(const std::vector<FileChange>& changes, const std::string& dir,
                            const StringList& mounts = {});

// A directory that must stay a directory of the image (/etc, /usr, /bin, …, and / itself): a tmpfs there would
// hide the image's own files.
bool isSystemPath(const std::string& dir);
// The directory to keep writable for one written path, the deepest: /tmp/x -> /tmp, /var/cache/app/x ->
// /var/cache/app, /run/app.pid -> /run, /data/x -> /data (a tmpfs starts empty and hides the image's files there).
std::string writableDirFor(const std::string& path);
// --tmpfs DIR with the options every directory kept writable gets (writable by any user, no setuid, bounded).
RunEdit keepWritableEdit(const std::string& dir);

// Where a read-only root needs a writable tmpfs, from what a container wrote in its own layer (paths under
// mounts left out): the planner reads the container's changes, the least-privilege probe its baseline trial's.
struct WritableDirectories
{
    StringList directories;  // sorted, each once; /tmp left out (the read-only change brings its own tmpfs)
    StringList systemWrites; // written paths whose directory is a system path, where no tmpfs can go
};
WritableDirectories writableDirectoriesFor(const std::vector<FileChange>& changes, const StringList& mounts);

} // namespace drydock
