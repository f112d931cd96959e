#include "core/json/detail/ConfigJson.h"

#include <algorithm>

namespace drydock::json::detail {

namespace {

// Absent or null Healthcheck means "none configured"; {"Test":["NONE"]} means explicitly disabled (§0.1.8).
std::optional<Healthcheck> readHealthcheck(const Json& config)
{
    const Json* h = object(config, "Healthcheck");
    if (!h) {
        return std::nullopt;
    }
    Healthcheck out;
    out.test = strings(*h, "Test");
    out.intervalNs = i64(*h, "Interval");
    out.timeoutNs = i64(*h, "Timeout");
    out.startPeriodNs = i64(*h, "StartPeriod");
    out.retries = i32(*h, "Retries");
    return out;
}

} // namespace

ContainerConfig readContainerConfig(const Json& j)
{
    ContainerConfig c;
    if (!j.is_object()) {
        return c;
    }
    c.hostname = str(j, "Hostname");
    c.domainname = str(j, "Domainname");
    c.user = str(j, "User");
    c.env = strings(j, "Env");
    c.cmd = strings(j, "Cmd");
    c.entrypoint = optStrings(j, "Entrypoint");
    c.image = str(j, "Image");
    c.workingDir = str(j, "WorkingDir");
    c.labels = stringMap(j, "Labels");
    c.exposedPorts = keys(j, "ExposedPorts");
    c.volumes = keys(j, "Volumes");
    c.healthcheck = readHealthcheck(j);
    c.onBuild = strings(j, "OnBuild");
    c.stopSignal = str(j, "StopSignal");
    if (const auto t = optI64(j, "StopTimeout")) {
        c.stopTimeout = static_cast<int>(std::clamp<std::int64_t>(*t, -1, 1 << 30));
    }
    c.shell = strings(j, "Shell");
    c.tty = boolean(j, "Tty");
    c.openStdin = boolean(j, "OpenStdin");
    c.attachStdin = boolean(j, "AttachStdin");
    return c;
}

} // namespace drydock::json::detail
