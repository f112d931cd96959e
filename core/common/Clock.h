#pragma once
#include <chrono>
#include <cstdint>

namespace drydock {

// Injectable source of "now" (Unix seconds) so age-based rules and history are testable.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowUnix() const = 0;
};

// The real wall clock, for the app; tests use FixedClock.
class SystemClock final : public Clock
{
public:
    std::int64_t nowUnix() const override
    {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

// A clock stopped at one instant, so tests of ages, expiries and file names are repeatable.
class FixedClock final : public Clock
{
public:
    explicit FixedClock(std::int64_t now) : m_now(now) {}
    std::int64_t nowUnix() const override { return m_now; }

private:
    std::int64_t m_now;
};

} // namespace drydock
