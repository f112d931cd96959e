#pragma once
// Fixtures the history tests share: a container finding with every stored field filled, and a scan of an
// endpoint holding given findings.
#include "core/findings/FindingSet.h"
#include "core/results/ScanResult.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock::test {

// A container finding of `rule` on `object` (id "<object>-id" unless given), with a command, compose snippet
// and flags, so a round trip through the history has every field to keep.
inline Finding historyFinding(const std::string& rule, const std::string& object, Severity severity,
                              const std::string& evidence = "ev", const std::string& id = {})
{
    Finding f;
    f.ruleId = rule;
    f.area = Area::Container;
    f.severity = severity;
    f.cis = {"5.4", "1.6.0"};
    f.object = {ObjectType::Container, id.empty() ? object + "-id" : id, object};
    f.title = "title of " + rule;
    f.evidence = evidence;
    f.rationale = "why";
    f.fix = "fix";
    f.remediation.runCommand = "docker run --name " + object + " img";
    f.remediation.compose = "services:\n  " + object + ":\n    image: img\n";
    f.remediation.addFlags = {"--cap-drop ALL", "--read-only"};
    f.remediation.removeFlags = {"--privileged"};
    return f;
}

// A finished scan of `endpoint` started at `at`, catalogue version "test".
inline ScanResult historyScan(std::vector<Finding> findings, std::int64_t at,
                              const std::string& endpoint = "unix:///d.sock")
{
    ScanResult r;
    r.startedAtUnix = at;
    r.finishedAtUnix = at + 2;
    r.catalogueVersion = "test";
    r.inventory.endpoint = endpoint;
    r.inventory.engineVersion = "20.10.24";
    r.inventory.apiVersion = "1.41";
    r.findings = FindingSet(std::move(findings));
    return r;
}

} // namespace drydock::test
