#pragma once
#include "core/model/Container.h"
#include "core/model/Image.h"
#include "core/model/Network.h"
#include "core/remediation/RunCommand.h"

#include <vector>

namespace drydock {

// Rebuilds the `docker run` command that would recreate a container, from its inspect (Appendix A of the
// check catalogue): only values that differ from the image defaults are emitted, anonymous volumes are
// skipped, secret values are replaced by placeholders, and extra networks become follow-up commands.
class RunCommandBuilder
{
public:
    // image may be nullptr when the image is gone (then every Config value is emitted).
    RunCommand build(const Container& container, const Image* image) const;
};

} // namespace drydock
