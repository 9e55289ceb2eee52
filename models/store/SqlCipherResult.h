#pragma once

#include "store/SqliteColumnType.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace callsnare::store {

class SqlCipherDriver;

// One prepared statement of a SqlCipherDriver connection.
//
// Row access comes in two modes, chosen by QSqlQuery::setForwardOnly():
// - forward-only (the fast path): each fetchNext() steps the statement and
//   value() reads the column straight from SQLite; nothing is copied or kept.
// - scrollable (Qt's default): rows are copied into a cache as they are
//   stepped, lazily, so seek()/previous()/first() revisit them and last()
//   steps to the end. A small cache of our own rather than Qt's private
//   QSqlCachedResult: no dependency on private, version-bound Qt headers, and
//   the forward-only path stays free of any caching machinery.
class SqlCipherResult final : public QSqlResult {
    Q_DECLARE_TR_FUNCTIONS(SqlCipherResult)

public:
    explicit SqlCipherResult(const SqlCipherDriver* driver);
    ~SqlCipherResult() override;

    SqlCipherResult(const SqlCipherResult&) = delete;
    SqlCipherResult& operator=(const SqlCipherResult&) = delete;

    // Called by the driver before it closes the connection.
    void finalizeStatement();

    // Binds `values` to the prepared statement's placeholders in order and
    // runs it: QSqlQuery::bindValue() per value and exec(), without Qt's
    // bookkeeping per value (a placeholder name built and looked up for
    // each), which cost more than SQLite's own work for small statements.
    bool execWithValues(const QVariantList& values);

protected:
    QVariant data(int field) override;
    bool isNull(int field) override;
    bool reset(const QString& query) override;
    bool prepare(const QString& query) override;
    bool exec() override;
    bool fetch(int row) override;
    bool fetchNext() override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    void detachFromResultSet() override;
    QVariant handle() const override;
    bool savePrepare(const QString& query) override;

private:
    sqlite3* connection() const;
    const SqlCipherDriver* cipherDriver() const;
    void clearResultSet();
    bool execute(const QVariantList* values); // null: bind nothing
    bool bindAll(const QVariantList& values);
    bool advance();
    void buildRecord();
    QVariant columnValue(int column) const;
    QVariantList currentRow() const;
    bool validField(int field) const;

    sqlite3_stmt* m_stmt = nullptr;
    mutable QSqlRecord m_record; // built by record() on first use
    mutable bool m_recordBuilt = false;
    DeclaredColumnTypes m_declaredTypes; // kept with the statement in the driver's cache
    QList<QMetaType> m_columnTypes; // m_record's types, for NULLs on the fast path
    QList<QVariantList> m_rows; // scrollable mode only
    QVariantList m_lastRow; // forward-only last(): the row SQLite has moved past
    bool m_useLastRow = false;
    bool m_rowPending = false; // exec() stepped onto row 0 but nobody fetched it yet
    bool m_done = true; // the statement has no more rows
    int m_stepped = 0; // rows stepped so far (forward-only position + 1)
    int m_rowsAffected = -1;
    bool m_inserts = false; // the statement is an INSERT or REPLACE
    QByteArray m_sql; // the statement's text, its key in the driver's statement cache
    bool m_reusable = false; // handed back to the driver's cache when this result is done with it
    QVariant m_lastInsertId;
};

} // namespace callsnare::store
