#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace callsnare::store {

// One prepared statement straight on the SQLCipher connection, for the bulk
// paths where binding through QVariant and QSqlResult costs more than SQLite's
// own work (a QString and a QVariant per value, UTF-16 to UTF-8 and back).
//
// Text is bound without a copy: what is bound must stay alive until run()
// returns. Placeholders count from 1, as in SQLite. The statement must be
// destroyed before its connection closes (like any QSqlQuery on it).
class SqliteStatement {
public:
    SqliteStatement() = default;
    ~SqliteStatement();

    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool prepare(sqlite3* db, const char* sql, QString* error);

    void bindNull(int index);
    void bindInt(int index, qint64 value);
    void bindText(int index, std::string_view text);
    void bindOptionalText(int index, const std::optional<std::string>& text);
    void bindOptionalInt(int index, const std::optional<qint64>& value);

    // Runs a statement that returns no rows (or whose rows nobody reads), then
    // makes it ready for the next binding.
    bool run(QString* error);
    // Runs a query and says whether it returned a row.
    bool exists(bool* found, QString* error);
    // Rows the last run() changed.
    int changes() const;

private:
    bool fail(int rc, QString* error);
    void noteBind(int rc);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    int m_bindRc = 0; // the first failed binding since the last run
};

} // namespace callsnare::store
