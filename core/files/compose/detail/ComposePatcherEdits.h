#pragma once
// Internal to ComposePatcher: what one run edit means in a compose service, whether it already holds, and the
// minimal text change that makes it hold.
#include "core/files/compose/ComposePatcher.h"
#include "core/files/compose/detail/ComposePatcherText.h"
#include "core/remediation/RunFlagTable.h"

namespace drydock::composepatch {

// Where a run edit's flag lives in a compose service.
struct Target
{
    enum class Kind
    {
        None,        // no compose key: the edit is skipped with `why`
        Scalar,      // one value: read_only, pids_limit, pid, …
        List,        // a list of values: cap_add, security_opt, tmpfs, …
        Volumes,     // volumes:, short or long syntax
        Ports,       // ports:, short or long syntax
        Environment, // environment:, a list or a mapping
        Logging,     // logging: driver / options
        Healthcheck, // healthcheck: test / disable
        NetworkMode  // network_mode:
    };
    Kind kind = Kind::None;
    std::vector<std::string> keys; // the key written first; others are removed too (links, external_links)
    ComposeForm form = ComposeForm::NoEquivalent;
    std::string why;
};
Target targetOf(const RunEdit& edit);

// What applying one edit did.
struct EditOutcome
{
    std::string description; // applied: what changed
    int line = 0;            // first changed line, 1-based, when it was made; 0 when it already held
    std::string skipped;     // not applied: why
    std::string error;       // a bug: the edit did not converge
    std::optional<ComposePatchReport::FileToCreate> fileToCreate;
};

// Applies one edit to the text (re-parsing between its steps); on a skip the text is as before.
EditOutcome applyEdit(TextLines& text, std::string_view service, const RunEdit& edit);
// Whether the edit holds in the parsed file (used to check the patched text).
bool holdsIn(const TextLines& text, const YAML::Node& root, std::string_view service, const RunEdit& edit);

} // namespace drydock::composepatch
