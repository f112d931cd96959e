#pragma once
// The test containers of the least-privilege probe (issue #22), built from the busybox import on the private
// daemon: each runs with one risk it can live without and has one real need the probe must find.
#include <QString>
#include <QStringList>

#include <vector>

namespace drydock::test {

// A way to run a probe test container without one of its needs, and the line it then logs before it exits.
struct ProbeBreakingRun
{
    QString what;      // "without NET_BIND_SERVICE", for row names
    QStringList flags; // docker run flags added to the container's own
    QString logLine;   // what its log then holds: "httpd: bind: Permission denied"
};

// One test container of the probe: its image (a Dockerfile on top of drydock-test/busybox:1), the flags it
// runs with, the risk among them it can live without, what it really needs, and how it fails without that
// need.
struct ProbeContainerSpec
{
    QString key;         // "web", "worker", "switcher", "chowner", "rootonly"
    QString description; // "a static web server on port 80", for row names
    QString image;       // "drydock-test/probe-web:1"
    QString dockerfile;
    QStringList runFlags;         // docker run flags of the container as it runs today, its risk among them
    QString riskChangeId;         // the plan change that removes the risk: "CTR-003:CAP_SYS_ADMIN", "CTR-006"
    QStringList riskRuleIds;      // the high or critical findings of that risk
    bool healthCheck = false;     // the image has a HEALTHCHECK (it turns healthy within a few seconds)
    bool needsRoot = false;       // running as a non-root user breaks it
    QStringList capabilities;     // the capabilities --cap-drop ALL must add back ("NET_BIND_SERVICE")
    QStringList tmpfsDirectories; // what a read-only root needs writable besides /tmp
    // The docker run flags of the container with every risk removed that it can live without: it keeps
    // running (and healthy) with them.
    QStringList hardenedFlags;
    std::vector<ProbeBreakingRun> breakingRuns;
};

// The five containers the issue names: a web server binding port 80, a worker writing to /tmp and
// /var/cache/app, a process that starts as root and switches to a user, one that changes file ownership, and
// one that reads a file only root may read.
const std::vector<ProbeContainerSpec>& probeContainers();
const ProbeContainerSpec& probeContainer(const QString& key);

// Builds the image of a spec on the private daemon unless it is there already; false with the reason in
// *error.
bool buildProbeImage(const ProbeContainerSpec& spec, QString* error);
// `docker run -d --name NAME <spec's flags> <extra flags> IMAGE`; false with the daemon's words in *error.
bool runProbeContainer(const ProbeContainerSpec& spec, const QString& name, const QStringList& extraFlags,
                       QString* error);

// What a probe test container is doing: read with docker inspect and docker logs.
struct ProbeContainerState
{
    bool exists = false;
    bool running = false;
    int exitCode = 0;
    int restartCount = 0;
    QString health; // healthy, unhealthy, starting; empty without a health check
    QString logs;   // stdout and stderr
    // Running (and healthy when it has a health check), for messages: "running, healthy" / "exited 1".
    QString summary() const;
};
ProbeContainerState probeContainerState(const QString& name);
// Waits up to timeoutMs until the container has exited or runs healthy (a health check) or has run for
// settleMs (none); returns its state then.
ProbeContainerState waitUntilSettled(const QString& name, bool healthCheck, int settleMs = 4000,
                                     int timeoutMs = 30000);

} // namespace drydock::test
