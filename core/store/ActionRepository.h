#pragma once
#include "core/common/Result.h"
#include "core/store/SqliteDatabase.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drydock {

// One step the hardening walkthrough took on an object, as the history keeps it.
struct ActionRecord
{
    std::int64_t id = 0;
    std::string endpoint;
    std::string objectType; // "container", "image"
    std::string objectId;
    std::string objectName;
    std::string step;    // "apply: stop original", "trial: watch trial container", …
    std::string outcome; // ok, failed, rolled back, …
    std::string details; // never a secret value
    std::int64_t atUnix = 0;
};

// The actions table (schema v2): what Drydock changed on the daemon, and how it went.
class ActionRepository
{
public:
    explicit ActionRepository(SqliteDatabase& db) : m_db(db) {}
    Result<std::int64_t> add(const ActionRecord& action);
    // Newest last; objectName empty = every object.
    Result<std::vector<ActionRecord>> list(const std::string& objectName = {}, int limit = 1000);

private:
    SqliteDatabase& m_db;
};

} // namespace drydock
