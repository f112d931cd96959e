#include "core/host/HostFixScript.h"

#include "core/common/ShellQuote.h"
#include "core/rules/host/HostFileChecks.h"
#include "core/secrets/SecretMask.h"

namespace drydock {

namespace {

// Comment text on one line: control characters (a newline in a hostile path) become '?', and a secret in it
// (a password in a flag's value or in the endpoint's URL) is masked.
std::string commentText(const std::string& text)
{
    std::string out;
    for (unsigned char c : maskSecretsInText(text)) {
        out.push_back(c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c));
    }
    return out;
}

// What the daemon.json key, or a person, should change for a daemon-setting or section-1 rule.
const char* settingAdvice(const std::string& ruleId)
{
    if (ruleId == "HST-019") {
        return "set \"log-level\": \"info\" in daemon.json and drop --log-level/-l/--debug from dockerd's "
               "flags";
    }
    if (ruleId == "HST-020") {
        return "remove \"iptables\": false from daemon.json and --iptables=false from dockerd's flags";
    }
    if (ruleId == "HST-021") {
        return "add \"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": "
               "4096}} "
               "(values to suit) to daemon.json";
    }
    if (ruleId == "HST-022") {
        return "if not deliberate, remove \"cgroup-parent\" from daemon.json and --cgroup-parent from "
               "dockerd's flags";
    }
    if (ruleId == "HST-023") {
        return "set \"no-new-privileges\": true in daemon.json";
    }
    if (ruleId == "HST-024") {
        return "set \"userland-proxy\": false in daemon.json";
    }
    if (ruleId == "HST-049") {
        return "if not needed, remove dm.basesize from \"storage-opts\" in daemon.json and from --storage-opt";
    }
    if (ruleId == "HST-001") {
        return "give the data root a file system of its own (by hand: stop the daemon, copy, mount, start)";
    }
    if (ruleId == "HST-002") {
        return "remove users who should not be root: gpasswd -d <user> docker";
    }
    return nullptr;
}

const HostFile* fileAt(const ScanResult& scan, const std::string& kind, const std::string& path)
{
    if (!scan.inventory.host) {
        return nullptr;
    }
    for (const auto& f : scan.inventory.host->files) {
        if (f.kind == kind && f.path == path) {
            return &f;
        }
    }
    return nullptr;
}

// Whether the script acts on f: a file check with its path, an audit watch with its path, or a setting advice.
bool hasFix(const Finding& f)
{
    if (f.area != Area::Host || f.waiver) {
        return false;
    }
    const std::string& path = f.discriminator;
    if (hostFileCheck(f.ruleId) != nullptr && !path.empty()) {
        return true;
    }
    if (f.ruleId >= "HST-003" && f.ruleId <= "HST-018" && !path.empty()) {
        return true;
    }
    return settingAdvice(f.ruleId) != nullptr;
}

} // namespace

int hostFixCount(const ScanResult& scan)
{
    int n = 0;
    for (const Finding& f : scan.findings.all()) {
        n += hasFix(f) ? 1 : 0;
    }
    return n;
}

std::string hostFixScript(const ScanResult& scan)
{
    std::string out =
        "#!/bin/sh\n"
        "# Host fixes for the Docker daemon at " +
        commentText(scan.inventory.endpoint) +
        ", written by Drydock.\n"
        "# REVIEW EVERY LINE BEFORE RUNNING IT, as root, on the daemon's host. Drydock never runs "
        "this script.\n"
        "set -eu\n";
    bool restart = false;
    bool audit = false;
    int blocks = 0;
    for (const Finding& f : scan.findings.all()) {
        if (f.area != Area::Host || f.waiver) {
            continue;
        }
        ++blocks;
        out += "\n# " + f.ruleId + " (CIS 1.6.0 " + f.cis.id + "): " + commentText(f.title) + "\n";
        out += "# " + commentText(f.evidence) + "\n";
        const std::string& path = f.discriminator;
        if (const HostFileCheck* check = hostFileCheck(f.ruleId); check && !path.empty()) {
            if (check->ownership) {
                out += std::string("chown ") + check->owner + " " + shellQuotePortable(path) + "\n";
            } else if (const HostFile* file = fileAt(scan, check->kind, path)) {
                out += "chmod " + chmodRemoving(excessModeBits(file->mode, check->maxMode)) + " " +
                       shellQuotePortable(path) + "\n";
            } else {
                out += "chmod " + octalMode(check->maxMode).substr(1) + " " + shellQuotePortable(path) + "\n";
            }
        } else if (f.ruleId >= "HST-003" && f.ruleId <= "HST-018" && !path.empty()) {
            out += "printf '%s\\n' " + shellQuotePortable("-w " + path + " -k docker") +
                   " >>/etc/audit/rules.d/docker.rules\n";
            audit = true;
        } else if (const char* advice = settingAdvice(f.ruleId)) {
            out += "# To do by hand: " + std::string(advice) + "\n";
            restart = restart || (f.ruleId != "HST-001" && f.ruleId != "HST-002");
        }
    }
    if (blocks == 0) {
        out += "\n# No open host findings: nothing to change.\n";
    }
    if (audit) {
        out += "\n# Load the new audit rules:\n# augenrules --load\n";
    }
    if (restart) {
        out += "\n# After editing daemon.json (keep it valid JSON, and a key not also given as a flag), "
               "restart the "
               "daemon; running containers stop unless live-restore is on:\n# systemctl restart docker\n";
    }
    return out;
}

} // namespace drydock
