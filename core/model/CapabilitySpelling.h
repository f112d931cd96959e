#pragma once
#include <string>
#include <string_view>
#include <vector>

// How Docker spells Linux capabilities: one normaliser for every reader and writer of CapAdd/CapDrop
// (inbound JSON, rules, run-command builder and hardener, create bodies).
namespace drydock {

// The daemon's own spelling (moby's NormalizeLegacyCapabilities): trimmed, upper case, "CAP_" prefixed;
// "sys_admin", "SYS_ADMIN", "cap_sys_admin" -> "CAP_SYS_ADMIN". "all" -> "ALL" without a prefix; blank -> "".
std::string normaliseCapability(std::string_view capability);
// The spelling --cap-add/--cap-drop values and RunEdits use: the daemon's spelling without "CAP_"
// ("cap_sys_admin" -> "SYS_ADMIN"; "all" and "cap_all" -> "ALL").
std::string capabilityFlagValue(std::string_view capability);
// True when both name the same capability in any spelling ("cap_net_raw" and "NET_RAW").
bool sameCapability(std::string_view a, std::string_view b);

// Docker 20.10's 14 default capabilities (oci/caps/defaults.go), in flag spelling ("CHOWN"): the one table.
const std::vector<std::string>& dockerDefaultCapabilities();
// True when the capability, in any spelling, is one of the 14 defaults.
bool isDockerDefaultCapability(std::string_view capability);
// Every Linux capability up to AUDIT_READ (kernel 3.16), in flag spelling: those Docker 20.10 accepts in
// --cap-add on any kernel it supports (PERFMON, BPF and CHECKPOINT_RESTORE are newer than both).
const std::vector<std::string>& linuxCapabilities();

} // namespace drydock
