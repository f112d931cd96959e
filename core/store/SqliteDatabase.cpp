#include "core/store/SqliteDatabase.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drydock {

namespace {

Error dbError(sqlite3* db, const std::string& what)
{
    return Error::make(ErrorCode::Database, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// The history holds evidence: the database is created 0600 before SQLite opens it, so its -wal and -shm
// (which SQLite creates with the database's own mode) are 0600 too. A file of ours that an older version left
// readable by others is tightened, with its -wal and -shm.
void makePrivate(const std::string& path)
{
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
        return;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string file = path + suffix;
        struct stat st
        {
        };
        if (::lstat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
            (st.st_mode & 077) != 0) {
            ::chmod(file.c_str(), st.st_mode & 0700);
        }
    }
}

} // namespace

Statement::Statement(Statement&& o) noexcept : m_stmt(o.m_stmt), m_db(o.m_db), m_error(std::move(o.m_error))
{
    o.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_stmt = o.m_stmt;
        m_db = o.m_db;
        m_error = std::move(o.m_error);
        o.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK && !m_error) {
        m_error = dbError(m_db, "bind");
    }
    return *this;
}

Statement& Statement::bind(int index, const std::string& value)
{
    if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT) != SQLITE_OK &&
        !m_error) {
        m_error = dbError(m_db, "bind");
    }
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::bindOptional(int index, const std::optional<std::int64_t>& value)
{
    return value ? bind(index, *value) : bindNull(index);
}

bool Statement::step()
{
    if (m_error) {
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_error = dbError(m_db, "query");
    }
    return false;
}

Result<void> Statement::run()
{
    while (step()) {
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (m_error) {
        Error e = *m_error;
        m_error.reset();
        return e;
    }
    return success();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_error.reset();
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::string Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path, Mode mode, int busyTimeoutMs)
{
    sqlite3* db = nullptr;
    if (mode == Mode::ReadWriteCreate) {
        makePrivate(path);
    }
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                      SQLITE_OPEN_FULLMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error e = dbError(db, "Cannot open the history database " + path);
        sqlite3_close(db);
        return e;
    }
    auto database = std::unique_ptr<SqliteDatabase>(new SqliteDatabase(db, path));
    sqlite3_busy_timeout(db, busyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);
    if (auto r = database->exec("PRAGMA foreign_keys=ON;"); !r) {
        return r.error();
    }
    return database;
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(m_db); }

Result<void> SqliteDatabase::exec(const std::string& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(m_db);
        sqlite3_free(message);
        return Error::make(ErrorCode::Database, "Database error in " + m_path + ": " + text);
    }
    return success();
}

Result<Statement> SqliteDatabase::prepare(const std::string& sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        return dbError(m_db, "Database error in " + m_path);
    }
    return Statement(stmt, m_db);
}

Result<void> SqliteDatabase::enableWal()
{
    // WAL lets the GUI read while a scan writes; NORMAL sync in WAL mode survives application crashes.
    return exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
}

std::int64_t SqliteDatabase::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int SqliteDatabase::changes() const { return sqlite3_changes(m_db); }
std::string SqliteDatabase::lastErrorMessage() const { return sqlite3_errmsg(m_db); }

Result<Transaction> Transaction::begin(SqliteDatabase& db)
{
    if (auto r = db.exec("BEGIN IMMEDIATE"); !r) {
        return r.error();
    }
    return Transaction(&db);
}

Transaction::~Transaction()
{
    if (m_db) {
        (void)m_db->exec("ROLLBACK");
    }
}

Result<void> Transaction::commit()
{
    if (!m_db) {
        return Error::make(ErrorCode::Internal, "transaction already finished");
    }
    auto r = m_db->exec("COMMIT");
    if (r) {
        m_db = nullptr;
    }
    return r;
}

} // namespace drydock
