#pragma once
#include "core/model/Common.h"

namespace drydock {

// A volume as `GET /volumes` lists it. Options are returned verbatim and may hold credentials.
struct Volume
{
    std::string name;
    std::string driver;
    std::string mountpoint;
    std::string scope;
    std::string createdAt;
    StringMap options;
    StringMap labels;
};

} // namespace drydock
