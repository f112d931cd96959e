#include "core/rules/RuleRegistry.h"
#include "core/rules/RuleSupport.h"
#include "core/rules/container/ContainerFacts.h"

#include "core/common/Strings.h"

#include <array>

namespace drydock {
namespace {

const RuleInfo kRuleInfo{
    .id = "CTR-011",
    .area = Area::Container,
    .defaultSeverity = Severity::Medium,
    .cis = cis("5.18"),
    .title = "Host device passed in",
    .rationale = "A host device gives the container direct access to hardware or kernel interfaces. Raw "
                 "disks expose every host file, /dev/mem and /dev/kmsg expose the kernel, and an 'a' "
                 "device-cgroup rule lets the container create and use any device node.",
    .fix = "Pass only the exact device the workload needs, read-only where possible "
           "(--device /dev/ttyUSB0:/dev/ttyUSB0:r), and drop broad --device-cgroup-rule entries.",
    .practice = "Pass in only the devices a container needs"};

// Raw disks and kernel memory or log interfaces: reading them alone reveals every host secret.
bool isDiskOrKernelDevice(const std::string& path)
{
    static constexpr std::array<std::string_view, 11> diskPrefixes{
        "/dev/sd",      "/dev/nvme",  "/dev/hd",   "/dev/vd", "/dev/xvd",   "/dev/dm-",
        "/dev/mapper/", "/dev/disk/", "/dev/loop", "/dev/md", "/dev/mmcblk"};
    static constexpr std::array<std::string_view, 4> kernel{"/dev/mem", "/dev/kmem", "/dev/port",
                                                            "/dev/kmsg"};
    for (const auto p : diskPrefixes) {
        if (startsWith(path, p)) {
            return true;
        }
    }
    for (const auto k : kernel) {
        if (path == k) {
            return true;
        }
    }
    return false;
}

// Empty permissions mean Docker's default "rwm".
bool writable(const std::string& permissions)
{
    return permissions.empty() || contains(permissions, "w");
}

// "type major:minor access": 'a' allows every device, 'b' every matching block device (disks), a wildcard
// major every device of that type, and char major 1 is /dev/mem, /dev/kmem and /dev/port.
Severity cgroupRuleSeverity(const std::string& rule)
{
    const auto words = split(trim(rule), ' ');
    const std::string type = words.empty() ? "" : words[0];
    const std::string numbers = words.size() > 1 ? words[1] : "";
    const std::string access = words.size() > 2 ? words[2] : "";
    const std::string major = numbers.substr(0, numbers.find(':'));
    if (type == "a" || type == "b" || major == "*" || (type == "c" && major == "1")) {
        return Severity::High;
    }
    return writable(access) ? Severity::Medium : Severity::Info;
}

// Reports each device, device-cgroup rule and device request, graded by what it exposes.
class HostDeviceRule final : public ContainerRule
{
public:
    HostDeviceRule() : ContainerRule(kRuleInfo) {}

protected:
    void check(const RuleContext&, const Container& c, FindingCollector& out) const override
    {
        using namespace containerfacts;
        for (const auto& d : c.hostConfig.devices) {
            const std::string host = cleanPath(d.pathOnHost);
            const std::string target = d.pathInContainer.empty() ? d.pathOnHost : d.pathInContainer;
            const std::string perms = d.cgroupPermissions.empty() ? "rwm" : d.cgroupPermissions;
            FindingDraft draft = containerDraft(
                c, "HostConfig.Devices: " + d.pathOnHost + " -> " + target + " (" + perms + ")",
                {removeValue("--device", d.pathOnHost + ":" + target + ":" + perms)});
            draft.severity = isDiskOrKernelDevice(host)      ? Severity::High
                             : writable(d.cgroupPermissions) ? Severity::Medium
                                                             : Severity::Info;
            draft.discriminator = "device:" + d.pathOnHost;
            draft.titleSuffix = ": " + d.pathOnHost;
            out.add(info(), std::move(draft));
        }
        for (const auto& rule : c.hostConfig.deviceCgroupRules) {
            FindingDraft draft = containerDraft(c, "HostConfig.DeviceCgroupRules contains \"" + rule + "\"",
                                                {removeValue("--device-cgroup-rule", rule)});
            draft.severity = cgroupRuleSeverity(rule);
            draft.discriminator = "cgroup-rule:" + rule;
            draft.titleSuffix = ": cgroup rule " + rule;
            out.add(info(), std::move(draft));
        }
        // GPUs are a deliberate, driver-mediated grant: worth knowing, not a weakness on their own.
        for (std::size_t i = 0; i < c.hostConfig.deviceRequests.size(); ++i) {
            const auto& r = c.hostConfig.deviceRequests[i];
            const std::string driver = r.driver.empty() ? "default" : r.driver;
            const std::string which =
                r.deviceIds.empty() ? "count=" + std::to_string(r.count) : "ids=" + join(r.deviceIds, ",");
            FindingDraft draft = containerDraft(c, "HostConfig.DeviceRequests: " + driver + " " + which,
                                                {removeFlag("--gpus")});
            draft.severity = Severity::Info;
            draft.discriminator = "device-request:" + std::to_string(i);
            draft.titleSuffix = ": device request (" + driver + ")";
            out.add(info(), std::move(draft));
        }
    }
};

} // namespace

DRYDOCK_RULE(makeHostDeviceRule)
{
    return std::make_unique<HostDeviceRule>();
}

} // namespace drydock
