#pragma once
#include "core/common/Result.h"
#include "core/findings/Finding.h"
#include "core/model/Common.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock {

// A secret value the hardened container reads from a file instead of its environment. The content is the
// secret in clear: it goes only into the archive sent to the daemon, never into a log, report or database.
struct SecretFile
{
    std::string envName;   // DB_PASSWORD
    std::string directory; // /run/secrets
    std::string fileName;  // db_password
    std::string content;
    bool intoVolume = false; // the root filesystem is read-only: the file goes into a volume at directory
};

// Everything needed to create the hardened container: the create body, the networks to connect after
// create, and the secret files to put in before start.
struct CreateBody
{
    std::string json;     // POST /containers/create body; may hold env values, so never logged
    std::string imageRef; // Config.Image
    std::vector<std::pair<std::string, std::string>> extraNetworks; // network name -> EndpointConfig JSON
    std::vector<SecretFile> secretFiles;
    StringList unsupported; // edits this builder cannot apply (a person must do them), as rendered text
    StringList notes;
};

// How a create body is built: as a side-by-side trial or as the replacement, and from which image.
struct CreateBodyOptions
{
    // A trial runs beside the original: no published ports, no restart, volumes and binds read-only (the
    // original's data cannot change), no aliases, fixed IPs or MAC addresses that would clash.
    bool trial = false;
    // Create from this image (an id) instead of Config.Image, when the tag has moved since the container was
    // created: the hardened container must run the same image.
    std::string imageOverride;
};

namespace json {

// Builds the create body from a container's own inspect (GET /containers/{id}/json) so that everything
// the run command cannot express survives: name aside, Config and HostConfig are copied, anonymous
// volumes are reattached by name (their data stays), and the chosen edits are applied on top.
Result<CreateBody> buildCreateBody(std::string_view inspectBody, const std::vector<RunEdit>& edits,
                                   const CreateBodyOptions& options);
// Whether buildCreateBody can apply this edit itself (the rest stays a manual step in the plan).
bool isAutomaticEdit(const RunEdit& edit);
// The body of POST /networks/{name}/connect for a container and one of CreateBody::extraNetworks.
std::string networkConnectBody(const std::string& containerId, const std::string& endpointConfig);
// The body of POST /containers/{id}/update that changes the restart policy and nothing else.
std::string restartPolicyUpdateBody(const std::string& policyName, int maximumRetryCount);
// {"Id": "…", "Warnings": []} of POST /containers/create.
Result<std::string> parseCreatedId(std::string_view body);

} // namespace json
} // namespace drydock
