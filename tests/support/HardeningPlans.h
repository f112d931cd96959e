#pragma once
// The hardening plan `drydock harden NAME` would show, loaded from the private daemon for a test.
#include "core/common/CancelToken.h"
#include "core/common/Clock.h"
#include "core/common/ProgressSink.h"
#include "core/docker/DockerClient.h"
#include "core/hardening/HardeningLoader.h"
#include "core/rules/RuleCatalogue.h"

#include <QString>
#include <QtGlobal>

namespace drydock::test {

// The plan for the container or image NAME; an empty plan (and a warning saying why) when it cannot be loaded.
inline HardeningPlan loadPlan(DockerClient& client, const RuleCatalogue& catalogue, const Clock& clock,
                              const QString& name)
{
    NullProgressSink progress;
    auto loaded = HardeningLoader::load(client, catalogue, clock, ScanSettings{}, name.toStdString(), progress,
                                        CancelToken());
    if (!loaded) {
        qWarning("%s", loaded.error().message.c_str());
        return {};
    }
    return loaded->plan;
}

} // namespace drydock::test
