#pragma once
#include "core/findings/Finding.h"

#include <string>

namespace drydock {

// The identity of a finding across scans. It must survive restarts and recreation, so it uses what a
// person would call the object — a container's name, an image's repo:tag — never the volatile id:
//   ruleId | objectType | objectName | discriminator | fnv64(evidence)
// A renamed container keeps its id, which ScanDelta uses as a second chance to match.
std::string findingKey(const Finding& finding);
// 64-bit FNV-1a of text as 16 hex digits (stable across platforms; not for security).
std::string fnv1a64Hex(std::string_view text);

} // namespace drydock
