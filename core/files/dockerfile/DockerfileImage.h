#pragma once
#include "core/files/dockerfile/Dockerfile.h"
#include "core/model/Image.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock {

// One build stage as the image rules see it: the Image a build of it gives (config and history written the
// way the classic builder records them: `/bin/sh -c #(nop)  USER app`, `/bin/sh -c apt-get …`), and, to
// locate findings, which instruction made each history entry and which last set each config field.
struct StageImage
{
    int stage = 0;
    Image image;
    // Build order (oldest first, the "layer N" the rules name is index N-1) → index into
    // Dockerfile::instructions.
    std::vector<std::size_t> historyInstruction;
    // "user", "healthcheck", "workdir", "cmd", "entrypoint", "onbuild", "volume", "expose:22/tcp",
    // "env:NAME", "label:key" → the instruction that last set it.
    std::map<std::string, std::size_t> setBy;

    // The instruction behind a history entry ("layer N"), or nullopt.
    std::optional<std::size_t> instructionOfLayer(int layer) const;
};

// The Image of one stage; a stage built FROM an earlier stage starts from that stage's image. The base
// image's own config (its USER, HEALTHCHECK, ENV) is not known from the file: it reads as empty, and the
// base's file system as one `ADD file:… in /` step (none for `FROM scratch`), as `docker history` shows it.
// `id` becomes the Image's id (the rules' ObjectRef).
StageImage mapStageImage(const Dockerfile& file, int stage, const std::string& id);

// The stages whose content ends up in the final stage's image: the final stage and the stages it is built
// FROM, transitively (COPY --from copies files, not history, so those stages do not count).
std::vector<int> finalImageStages(const Dockerfile& file);

} // namespace drydock
