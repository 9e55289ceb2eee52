#include "relay/storage/StatementCache.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Utility.h>

namespace callsnare::relay {

namespace {

// Set by the writer thread for its whole life; other threads have none.
thread_local StatementCache* t_current = nullptr;

} // namespace

SqliteStatement::SqliteStatement(Poco::Data::Session& session, const std::string& sql)
    : m_session(session), m_db(Poco::Data::SQLite::Utility::dbHandle(session)), m_sql(sql)
{
    const int rc = sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &m_statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        check(rc, 0);
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
}

void SqliteStatement::bind(int index, const std::string& value)
{
    check(
        sqlite3_bind_text(m_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT),
        index);
}

void SqliteStatement::bind(int index, Poco::Int64 value)
{
    check(sqlite3_bind_int64(m_statement, index, value), index);
}

void SqliteStatement::bind(int index, int value)
{
    check(sqlite3_bind_int(m_statement, index, value), index);
}

void SqliteStatement::bind(int index, const Poco::Nullable<Poco::Int64>& value)
{
    check(value.isNull() ? sqlite3_bind_null(m_statement, index)
                         : sqlite3_bind_int64(m_statement, index, value.value()),
          index);
}

void SqliteStatement::bind(int index, const Poco::Nullable<int>& value)
{
    check(value.isNull() ? sqlite3_bind_null(m_statement, index)
                         : sqlite3_bind_int(m_statement, index, value.value()),
          index);
}

void SqliteStatement::bind(int index, const Poco::Nullable<std::string>& value)
{
    if (value.isNull()) {
        check(sqlite3_bind_null(m_statement, index), index);
        return;
    }
    bind(index, value.value());
}

std::size_t SqliteStatement::run(const std::function<void(const SqliteStatement&)>& onRow)
{
    std::size_t rows = 0;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(m_statement)) == SQLITE_ROW) {
        onRow(*this);
        ++rows;
    }
    // Reset now rather than at the next run: a finished statement must not
    // keep a read transaction or block COMMIT.
    sqlite3_reset(m_statement);
    if (rc != SQLITE_DONE) {
        check(rc, 0);
    }
    if (sqlite3_column_count(m_statement) > 0) {
        return rows;
    }
    return static_cast<std::size_t>(sqlite3_changes(m_db));
}

void SqliteStatement::column(int index, Poco::Int64& value) const
{
    value = sqlite3_column_int64(m_statement, index);
}

void SqliteStatement::column(int index, int& value) const
{
    value = sqlite3_column_int(m_statement, index);
}

void SqliteStatement::column(int index, Poco::Nullable<Poco::Int64>& value) const
{
    if (sqlite3_column_type(m_statement, index) == SQLITE_NULL) {
        value.clear();
    } else {
        value = static_cast<Poco::Int64>(sqlite3_column_int64(m_statement, index));
    }
}

void SqliteStatement::column(int index, Poco::Nullable<int>& value) const
{
    if (sqlite3_column_type(m_statement, index) == SQLITE_NULL) {
        value.clear();
    } else {
        value = sqlite3_column_int(m_statement, index);
    }
}

void SqliteStatement::column(int index, Poco::Nullable<std::string>& value) const
{
    if (sqlite3_column_type(m_statement, index) == SQLITE_NULL) {
        value.clear();
        return;
    }
    std::string text;
    column(index, text);
    value = std::move(text);
}

void SqliteStatement::column(int index, std::string& value) const
{
    const auto* text = sqlite3_column_text(m_statement, index);
    value.assign(text == nullptr ? "" : reinterpret_cast<const char*>(text),
                 static_cast<std::size_t>(sqlite3_column_bytes(m_statement, index)));
}

void SqliteStatement::check(int rc, int index) const
{
    if (rc == SQLITE_OK) {
        return;
    }
    std::string what = std::string(sqlite3_errstr(rc)) + ": " + sqlite3_errmsg(m_db);
    if (index > 0) {
        what += " (parameter " + std::to_string(index) + ")";
    }
    throw Poco::Data::DataException(what + " in: " + m_sql);
}

void StatementCache::attach(Poco::Data::Session& session)
{
    if (m_session != session.impl()) {
        clear();
        m_session = session.impl();
    }
}

void StatementCache::clear()
{
    m_statements.clear();
    m_reads.clear();
    m_session = nullptr;
}

void StatementCache::setCurrent(StatementCache* cache)
{
    t_current = cache;
}

StatementCache* StatementCache::forSession(Poco::Data::Session& session)
{
    if (t_current != nullptr && t_current->m_session != nullptr && t_current->m_session == session.impl()) {
        return t_current;
    }
    return nullptr;
}

} // namespace callsnare::relay
