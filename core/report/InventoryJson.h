#pragma once
#include "core/model/Inventory.h"

#include <string>

namespace drydock::json {

// The full Inventory as JSON for `drydock inventory --format json` (stable, documented in README).
// Secret-bearing values are masked on the way out: env values whose name or value looks secret, volume
// and log options with credentials, proxy URLs with passwords; Swarm config data is never written.
std::string inventoryToJson(const Inventory& inventory, int indent = 2);

} // namespace drydock::json
