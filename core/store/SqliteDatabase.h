#pragma once
#include "core/common/Result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace drydock {

class SqliteDatabase;

// One prepared statement; binds are 1-based like SQLite's. Finalised on destruction.
class Statement
{
public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, const std::string& value);
    Statement& bindNull(int index);
    Statement& bindOptional(int index, const std::optional<std::int64_t>& value);

    // Advances: true with a row, false when done. Errors are kept and reported by error()/run().
    bool step();
    // Steps to completion (for INSERT/UPDATE/DELETE) and resets for reuse.
    Result<void> run();
    void reset();

    std::int64_t int64(int column) const;
    std::string text(int column) const;
    bool isNull(int column) const;
    const std::optional<Error>& error() const { return m_error; }

private:
    friend class SqliteDatabase;
    Statement(sqlite3_stmt* stmt, sqlite3* db) : m_stmt(stmt), m_db(db) {}
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    std::optional<Error> m_error;
};

// An open SQLite database file with a busy timeout and foreign keys on (RAII); WAL on request.
class SqliteDatabase
{
public:
    enum class Mode
    {
        ReadWriteCreate,
        ReadOnly
    };

    static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path, Mode mode = Mode::ReadWriteCreate,
                                                        int busyTimeoutMs = 10000);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    Result<void> exec(const std::string& sql);
    // Switches the file to write-ahead logging (changes the file header: call after version checks).
    Result<void> enableWal();
    Result<Statement> prepare(const std::string& sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    // SQLite's words for the last error, for messages.
    std::string lastErrorMessage() const;

private:
    SqliteDatabase(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless committed, so a failure leaves nothing half-written.
class Transaction
{
public:
    static Result<Transaction> begin(SqliteDatabase& db);
    Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    Result<void> commit();

private:
    explicit Transaction(SqliteDatabase* db) : m_db(db) {}
    SqliteDatabase* m_db = nullptr;
};

} // namespace drydock
