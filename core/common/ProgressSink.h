#pragma once
#include <string>

namespace drydock {

// Receives progress of long work; implementations must be cheap and thread-safe.
class ProgressSink
{
public:
    virtual ~ProgressSink() = default;
    // done of total units of the named phase ("containers", "images", …).
    virtual void progress(const std::string& phase, int done, int total) = 0;
};

// Progress that goes nowhere, for callers that show none.
class NullProgressSink final : public ProgressSink
{
public:
    void progress(const std::string&, int, int) override {}
};

} // namespace drydock
