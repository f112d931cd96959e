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

} // namespace drydock
