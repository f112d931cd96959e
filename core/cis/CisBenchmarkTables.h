#pragma once
#include "core/cis/CisBenchmark.h"

// The tables of the benchmark versions, one source file each (used by CisBenchmark.cpp only).
namespace drydock::cistables {

CisBenchmark docker160();
CisBenchmark docker170();
CisBenchmark docker180();

} // namespace drydock::cistables
