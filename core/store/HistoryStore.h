#pragma once
#include "core/common/Result.h"
#include "core/store/ActionRepository.h"
#include "core/store/AlertRepository.h"
#include "core/store/ScanRepository.h"
#include "core/store/SqliteDatabase.h"
#include "core/store/WaiverRepository.h"

#include <memory>
#include <string>

namespace drydock {

// The scan history on disk: opens (or creates) the database, checks it, migrates it, and hands out the
// repositories. A damaged file is reported and copied aside, never deleted or silently replaced; a file
// from a newer Drydock is refused untouched.
class HistoryStore
{
public:
    // Opens path (creating parent directories). On damage the Error says where the backup copy is.
    static Result<std::unique_ptr<HistoryStore>> open(const std::string& path);
    // The user chose to start fresh after damage: moves the damaged file (and its -wal/-shm) aside under a
    // timestamped name and creates an empty database. Returns the backup path.
    static Result<std::string> startFresh(const std::string& path, std::int64_t nowUnix);

    ScanRepository& scans() { return m_scans; }
    WaiverRepository& waivers() { return m_waivers; }
    ActionRepository& actions() { return m_actions; }
    AlertRepository& alerts() { return m_alerts; }
    SqliteDatabase& database() { return *m_db; }

private:
    explicit HistoryStore(std::unique_ptr<SqliteDatabase> db);
    std::unique_ptr<SqliteDatabase> m_db;
    ScanRepository m_scans;
    WaiverRepository m_waivers;
    ActionRepository m_actions;
    AlertRepository m_alerts;
};

} // namespace drydock
