#pragma once
#include "core/common/Result.h"
#include "core/findings/Finding.h"

#include <string>
#include <string_view>
#include <vector>

namespace drydock {

// What patchComposeService did with each edit, and what the user must do by hand. Never holds a secret value.
struct ComposePatchReport
{
    // One edit and what became of it: where it was applied, or why it was not.
    struct Entry
    {
        RunEdit edit;
        std::string description; // "added read_only: true", or the reason it was skipped
        int line = 0; // 1-based line of the change in the patched text; 0 when skipped or already so
    };
    std::vector<Entry> applied; // edits now true in the file (including those that already were)
    std::vector<Entry> skipped; // edits left alone, each with its reason
    // Files the patched compose file refers to that the user must create, relative to the compose file's
    // folder ("./secrets/db_password"), each with what goes in it.
    struct FileToCreate
    {
        std::string path;
        std::string
            content; // "the value of DB_PASSWORD, only it (no newline), readable by the service's user"
    };
    std::vector<FileToCreate> filesToCreate;
};

// Applies run-command edits to one service of one compose file as minimal textual edits at the YAML marks:
// comments, key order, anchors, quoting and formatting outside the edited lines stay byte-identical, and the
// file's line endings and indentation are kept. Edits that cannot be made safely (a service in flow style, a
// key from an anchor, a merge key or another file, a compose key the flag lacks) are skipped with a reason in
// the report. The result is re-parsed and every applied edit checked; when one did not take effect the
// function returns an error and no text.
Result<std::string> patchComposeService(std::string_view fileText, std::string_view serviceName,
                                        const std::vector<RunEdit>& edits,
                                        ComposePatchReport* report = nullptr);

} // namespace drydock
