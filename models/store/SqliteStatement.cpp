#include "store/SqliteStatement.h"

#include <sqlcipher/sqlite3.h>

namespace callsnare::store {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

bool SqliteStatement::prepare(sqlite3* db, const char* sql, QString* error)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = db;
    if (db == nullptr) {
        if (error) {
            *error = QStringLiteral("Preparing a query failed: the profile is not open.");
        }
        return false;
    }
    const int rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        if (error) {
            *error
                = QStringLiteral("Preparing a query failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
        }
        return false;
    }
    return true;
}

void SqliteStatement::noteBind(int rc)
{
    if (rc != SQLITE_OK && m_bindRc == SQLITE_OK) {
        m_bindRc = rc;
    }
}

void SqliteStatement::bindNull(int index)
{
    noteBind(sqlite3_bind_null(m_stmt, index));
}

void SqliteStatement::bindInt(int index, qint64 value)
{
    noteBind(sqlite3_bind_int64(m_stmt, index, value));
}

void SqliteStatement::bindText(int index, std::string_view text)
{
    noteBind(sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

void SqliteStatement::bindOptionalText(int index, const std::optional<std::string>& text)
{
    if (text) {
        bindText(index, std::string_view(*text));
    } else {
        bindNull(index);
    }
}

void SqliteStatement::bindOptionalInt(int index, const std::optional<qint64>& value)
{
    if (value) {
        bindInt(index, *value);
    } else {
        bindNull(index);
    }
}

bool SqliteStatement::fail(int rc, QString* error)
{
    if (error) {
        *error = QStringLiteral("Running a query failed: %1 (%2)")
                     .arg(QString::fromUtf8(rc == m_bindRc ? sqlite3_errstr(rc) : sqlite3_errmsg(m_db)))
                     .arg(rc);
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindRc = SQLITE_OK;
    return false;
}

bool SqliteStatement::run(QString* error)
{
    if (m_bindRc != SQLITE_OK) {
        return fail(m_bindRc, error);
    }
    int rc = sqlite3_step(m_stmt);
    while (rc == SQLITE_ROW) {
        rc = sqlite3_step(m_stmt);
    }
    if (rc != SQLITE_DONE) {
        return fail(rc, error);
    }
    // Bound text points into the caller's strings: let go of it now.
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return true;
}

bool SqliteStatement::exists(bool* found, QString* error)
{
    if (m_bindRc != SQLITE_OK) {
        return fail(m_bindRc, error);
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        return fail(rc, error);
    }
    *found = rc == SQLITE_ROW;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return true;
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

} // namespace callsnare::store
