#pragma once
#include "core/common/Result.h"
#include "core/findings/Waiver.h"
#include "core/store/SqliteDatabase.h"

#include <vector>

namespace drydock {

// Waivers in the history database: add, list, remove; import replaces nothing, it adds what is new.
class WaiverRepository
{
public:
    explicit WaiverRepository(SqliteDatabase& db) : m_db(db) {}

    // Validates (reason required, rule id required, pattern for object/pattern scopes) and stores; returns the id.
    Result<std::int64_t> add(Waiver waiver);
    Result<std::vector<Waiver>> list();
    Result<void> remove(std::int64_t id);
    // Adds each waiver that is not already present (same scope, rule, pattern, endpoint); returns how many were added.
    Result<int> importAll(const std::vector<Waiver>& waivers);

    static Result<void> validate(const Waiver& waiver);

private:
    SqliteDatabase& m_db;
};

} // namespace drydock
