#include "core/store/HistoryStore.h"

#include "core/common/AppPaths.h"
#include "core/common/Time.h"
#include "core/store/SchemaMigrator.h"

#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drydock {

namespace {

bool fileExists(const std::string& path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0;
}

// The copy of a damaged database is evidence too: a new file (never an existing one or a symlink), 0600.
bool copyFile(const std::string& from, const std::string& to)
{
    const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        return false;
    }
    const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool ok = out >= 0;
    char buffer[64 * 1024];
    while (ok) {
        const ssize_t n = ::read(in, buffer, sizeof buffer);
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        ok = ::write(out, buffer, static_cast<std::size_t>(n)) == n;
    }
    ::close(in);
    if (out >= 0) {
        ok = ::close(out) == 0 && ok;
        if (!ok) {
            ::unlink(to.c_str());
        }
    }
    return ok;
}

std::string backupName(const std::string& path, std::int64_t nowUnix)
{
    std::string stamp = formatRfc3339(nowUnix);
    for (char& c : stamp) {
        if (c == ':') {
            c = '-';
        }
    }
    std::string candidate = path + ".damaged-" + stamp;
    for (int i = 2; fileExists(candidate); ++i) {
        candidate = path + ".damaged-" + stamp + "-" + std::to_string(i);
    }
    return candidate;
}

std::string parentDir(const std::string& path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? std::string("/") : path.substr(0, slash);
}

// Runs SQLite's own consistency check; any answer but "ok" means the file is damaged.
Result<void> checkIntegrity(SqliteDatabase& db)
{
    auto q = db.prepare("PRAGMA quick_check");
    if (!q) {
        return q.error();
    }
    std::string verdict;
    if (q->step()) {
        verdict = q->text(0);
    }
    if (q->error()) {
        return *q->error();
    }
    if (verdict != "ok") {
        return Error::make(ErrorCode::Database, verdict.empty() ? "integrity check gave no answer" : verdict);
    }
    return success();
}

} // namespace

HistoryStore::HistoryStore(std::unique_ptr<SqliteDatabase> db) : m_db(std::move(db)), m_scans(*m_db), m_waivers(*m_db), m_actions(*m_db),
      m_alerts(*m_db)
{
}

Result<std::unique_ptr<HistoryStore>> HistoryStore::open(const std::string& path)
{
    if (path.empty()) {
        return AppPaths::ensurePrivateDir({}, "the history database").error();
    }
    // Created 0700; refused when another user owns it or may write to it (they could swap the history).
    if (auto ok = AppPaths::ensurePrivateDir(parentDir(path), "the history database"); !ok) {
        return ok.error();
    }
    const bool existed = fileExists(path);
    auto db = SqliteDatabase::open(path);
    Result<void> health = db ? checkIntegrity(*db.value()) : Result<void>(db.error());
    if (!health && existed) {
        const std::string backup = backupName(path, std::time(nullptr));
        const bool saved = copyFile(path, backup);
        return Error::make(ErrorCode::Database,
                           "The history database " + path + " is damaged (" + health.error().message + "). " +
                               (saved ? "A copy was saved as " + backup + ". " : std::string()) +
                               "Nothing was deleted. Start fresh with `drydock history reset --db " + path +
                               "`, or choose another database with --db.");
    }
    if (!health) {
        return health.error();
    }
    // Refuse a newer schema before anything writes to the file (switching to WAL rewrites its header).
    auto version = SchemaMigrator::currentVersion(*db.value());
    if (!version) {
        return version.error();
    }
    if (version.value() > SchemaMigrator::latestVersion()) {
        return SchemaMigrator::migrate(*db.value()).error();
    }
    if (auto r = db.value()->enableWal(); !r) {
        return r.error();
    }
    if (auto r = SchemaMigrator::migrate(*db.value()); !r) {
        return r.error();
    }
    return std::unique_ptr<HistoryStore>(new HistoryStore(std::move(db.value())));
}

Result<std::string> HistoryStore::startFresh(const std::string& path, std::int64_t nowUnix)
{
    if (!fileExists(path)) {
        return Error::make(ErrorCode::NotFound, "There is no database at " + path + " to start afresh from.");
    }
    const std::string backup = backupName(path, nowUnix);
    if (std::rename(path.c_str(), backup.c_str()) != 0) {
        return Error::make(ErrorCode::Io, "Cannot move " + path + " aside to " + backup + ".");
    }
    for (const char* suffix : {"-wal", "-shm"}) {
        const std::string side = path + suffix;
        if (fileExists(side)) {
            std::rename(side.c_str(), (backup + suffix).c_str());
        }
    }
    auto store = open(path);
    if (!store) {
        return store.error();
    }
    return backup;
}

} // namespace drydock
