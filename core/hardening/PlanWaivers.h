#pragma once
#include "core/findings/Waiver.h"
#include "core/hardening/HardeningPlan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// The waivers a hardening plan asks for, as `drydock harden --choose ID=waive:REASON` and the wizard's
// "waive" choice store them: one per rule of every change chosen as waive with a reason, on the plan's
// object by its exact name. A waive choice without a reason yields none (the store refuses a waiver
// without one). endpoint is the daemon's display address; empty means every endpoint.
std::vector<Waiver> planWaivers(const HardeningPlan& plan, const std::string& endpoint, std::int64_t nowUnix);

} // namespace drydock
