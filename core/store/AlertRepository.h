#pragma once
#include "core/common/Result.h"
#include "core/findings/Alert.h"
#include "core/store/SqliteDatabase.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// The alerts table (schema v5): what `drydock watch` and the GUI's background watch raised, so a user sees
// what happened while they were away. Stores the sentence Alert made (names and rule titles, never evidence).
class AlertRepository
{
public:
    explicit AlertRepository(SqliteDatabase& db) : m_db(db) {}
    Result<std::int64_t> add(const Alert& alert);
    // Oldest first, those at or after sinceUnix; endpoint empty = every endpoint; the newest `limit` of them.
    Result<std::vector<Alert>> list(std::int64_t sinceUnix = 0, const std::string& endpoint = {},
                                    int limit = 1000);

private:
    SqliteDatabase& m_db;
};

} // namespace drydock
