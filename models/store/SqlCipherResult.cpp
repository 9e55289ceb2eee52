#include "store/SqlCipherResult.h"

#include "store/SqlCipherDriver.h"
#include "store/SqlCipherErrors.h"
#include "store/SqliteColumnType.h"
#include "store/StoreLogging.h"

#include <QDate>
#include <QDateTime>
#include <QSqlField>
#include <QTime>

#include <sqlcipher/sqlite3.h>

#include <cstdint>
#include <limits>

// handle() hands out the statement the way Qt's own SQLite driver does.
Q_DECLARE_OPAQUE_POINTER(sqlite3_stmt*)
Q_DECLARE_METATYPE(sqlite3_stmt*)

namespace callsnare::store {

namespace {

// SQLITE_TRANSIENT spelled without the C-style cast the macro uses: SQLite
// copies text and blobs at bind time, so the QByteArrays may die right after.
sqlite3_destructor_type transientData()
{
    return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

// Qt 6's QVariant::isNull() no longer looks inside: a null QString or an
// invalid QDate must still go to the database as NULL.
bool isSqlNull(const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        return true;
    }
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return static_cast<const QString*>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray*>(value.constData())->isNull();
    case QMetaType::QDate:
        return !static_cast<const QDate*>(value.constData())->isValid();
    case QMetaType::QTime:
        return !static_cast<const QTime*>(value.constData())->isValid();
    case QMetaType::QDateTime:
        return !static_cast<const QDateTime*>(value.constData())->isValid();
    default:
        return false;
    }
}

QMetaType metaTypeOfStorageClass(int storageClass)
{
    switch (storageClass) {
    case SQLITE_INTEGER:
        return QMetaType::fromType<qlonglong>();
    case SQLITE_FLOAT:
        return QMetaType::fromType<double>();
    case SQLITE_TEXT:
        return QMetaType::fromType<QString>();
    case SQLITE_BLOB:
        return QMetaType::fromType<QByteArray>();
    default:
        return {};
    }
}

int bindText(sqlite3_stmt* stmt, int index, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return sqlite3_bind_text64(stmt, index, utf8.constData(), static_cast<sqlite3_uint64>(utf8.size()),
                               transientData(), SQLITE_UTF8);
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver* driver) : QSqlResult(driver)
{
    driver->attachResult(this);
}

SqlCipherResult::~SqlCipherResult()
{
    finalizeStatement();
    if (const SqlCipherDriver* owner = cipherDriver()) {
        owner->detachResult(this);
    }
}

const SqlCipherDriver* SqlCipherResult::cipherDriver() const
{
    // Only SqlCipherDriver::createResult() makes these; driver() turns null
    // once the driver is gone.
    return static_cast<const SqlCipherDriver*>(driver());
}

sqlite3* SqlCipherResult::connection() const
{
    const SqlCipherDriver* owner = cipherDriver();
    return owner && owner->isOpen() ? owner->m_db : nullptr;
}

void SqlCipherResult::finalizeStatement()
{
    clearResultSet();
    if (m_stmt) {
        const SqlCipherDriver* owner = cipherDriver();
        if (m_reusable && owner && owner->isOpen()) {
            owner->keepStatement(m_sql, m_stmt, std::move(m_declaredTypes));
        } else {
            sqlite3_finalize(m_stmt);
        }
        m_stmt = nullptr;
    }
    m_reusable = false;
    m_record.clear();
    m_recordBuilt = false;
    m_declaredTypes.clear();
    m_columnTypes.clear();
    setActive(false);
}

void SqlCipherResult::clearResultSet()
{
    m_rows.clear();
    m_lastRow.clear();
    m_useLastRow = false;
    m_rowPending = false;
    m_done = true;
    m_stepped = 0;
    m_rowsAffected = -1;
    m_lastInsertId.clear();
    setAt(QSql::BeforeFirstRow); // QSqlQuery::exec() leaves that to us
}

bool SqlCipherResult::reset(const QString& query)
{
    // QSqlQuery::exec(sql): no placeholders were announced, so bind nothing.
    return prepare(query) && execute(nullptr);
}

bool SqlCipherResult::prepare(const QString& query)
{
    finalizeStatement();
    setSelect(false);
    sqlite3* db = connection();
    if (!db) {
        setLastError(QSqlError(tr("The database is not open."), QString(), QSqlError::ConnectionError));
        return false;
    }
    // Decided once here, not on every exec(): a bulk import runs one prepared
    // INSERT hundreds of thousands of times.
    const QString trimmed = query.trimmed();
    qsizetype verbLength = 0;
    while (verbLength < trimmed.size() && trimmed.at(verbLength).isLetter()) {
        ++verbLength;
    }
    const QStringView verb = QStringView(trimmed).left(verbLength);
    m_inserts = verb.compare(u"INSERT", Qt::CaseInsensitive) == 0
        || verb.compare(u"REPLACE", Qt::CaseInsensitive) == 0;
    const bool reusable = m_inserts || verb.compare(u"SELECT", Qt::CaseInsensitive) == 0
        || verb.compare(u"UPDATE", Qt::CaseInsensitive) == 0
        || verb.compare(u"DELETE", Qt::CaseInsensitive) == 0
        || verb.compare(u"WITH", Qt::CaseInsensitive) == 0;
    m_sql = query.toUtf8();
    if (reusable) {
        // A kept statement passed the single-statement check when it was compiled.
        m_stmt = cipherDriver()->takeStatement(m_sql, &m_declaredTypes);
        if (m_stmt) {
            m_reusable = true;
            buildRecord();
            return true;
        }
    }
    const QByteArray& sql = m_sql;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.constData(), static_cast<int>(sql.size()), &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(db, rc, tr("Unable to prepare the statement."), QSqlError::StatementError));
        finalizeStatement();
        return false;
    }
    if (!m_stmt) {
        setLastError(QSqlError(tr("The statement is empty."), QString(), QSqlError::StatementError));
        return false;
    }
    // Whatever follows the first statement must be only blanks and comments:
    // silently running half of what the caller wrote would be worse.
    const char* end = sql.constData() + sql.size();
    if (tail && tail < end) {
        sqlite3_stmt* extra = nullptr;
        const int extraRc = sqlite3_prepare_v2(db, tail, static_cast<int>(end - tail), &extra, nullptr);
        const bool another = extraRc != SQLITE_OK || extra != nullptr;
        sqlite3_finalize(extra);
        if (another) {
            setLastError(QSqlError(tr("Only one SQL statement can be executed at a time."), QString(),
                                   QSqlError::StatementError));
            finalizeStatement();
            return false;
        }
    }
    m_reusable = reusable;
    buildRecord();
    return true;
}

bool SqlCipherResult::savePrepare(const QString& query)
{
    // QSqlResult's own savePrepare() rewrites :name placeholders to ? on
    // every prepare, scanning the text each time; the repositories' cached
    // statements are positional, so only text with a ':' takes that path.
    if (!query.contains(QLatin1Char(':'))) {
        clear(); // the bound values and placeholders of an earlier statement
        setQuery(query);
        return prepare(query);
    }
    return QSqlResult::savePrepare(query);
}

QVariant SqlCipherResult::handle() const
{
    // As Qt's QSQLITE driver: the statement, for callers (and tests) that
    // need SQLite itself.
    return QVariant::fromValue(m_stmt);
}

bool SqlCipherResult::exec()
{
    const QVariantList values = boundValues();
    return execute(&values);
}

bool SqlCipherResult::execWithValues(const QVariantList& values)
{
    setLastError(QSqlError()); // as QSqlQuery::exec() does before exec()
    return execute(&values);
}

bool SqlCipherResult::execute(const QVariantList* values)
{
    sqlite3* db = connection();
    if (!m_stmt || !db) {
        setLastError(QSqlError(tr("There is no prepared statement to execute."), QString(),
                               QSqlError::StatementError));
        return false;
    }
    clearResultSet();
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (values && !bindAll(*values)) {
        setActive(false);
        return false;
    }

    const sqlite3_int64 rowidBefore = sqlite3_last_insert_rowid(db);
    const int rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        setLastError(sqliteError(db, rc, tr("Unable to execute the statement."), QSqlError::StatementError));
        sqlite3_reset(m_stmt);
        setActive(false);
        return false;
    }
    m_rowPending = rc == SQLITE_ROW;
    m_done = rc == SQLITE_DONE;
    setSelect(sqlite3_column_count(m_stmt) > 0);
    if (!isSelect()) {
        m_rowsAffected = sqlite3_changes(db);
        // The rowid moves only for a top-level INSERT (trigger inserts are
        // undone on exit); INSERT OR REPLACE may reuse the same rowid.
        const sqlite3_int64 rowidAfter = sqlite3_last_insert_rowid(db);
        if (m_rowsAffected > 0 && (rowidAfter != rowidBefore || m_inserts)) {
            m_lastInsertId = QVariant(qlonglong{rowidAfter});
        }
    }
    if (m_done) {
        sqlite3_reset(m_stmt); // release the read or write lock right away
    }
    buildRecord();
    setActive(true);
    return true;
}

bool SqlCipherResult::bindAll(const QVariantList& values)
{
    const int expected = sqlite3_bind_parameter_count(m_stmt);
    if (values.size() != expected) {
        setLastError(QSqlError(tr("The statement has %1 placeholders but %2 values were bound.")
                                   .arg(expected)
                                   .arg(values.size()),
                               QString(), QSqlError::StatementError));
        return false;
    }
    for (int i = 0; i < expected; ++i) {
        const QVariant& value = values.at(i);
        const int index = i + 1;
        int rc = SQLITE_OK;
        if (isSqlNull(value)) {
            rc = sqlite3_bind_null(m_stmt, index);
        } else {
            switch (value.metaType().id()) {
            case QMetaType::Bool:
            case QMetaType::Char:
            case QMetaType::SChar:
            case QMetaType::UChar:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Long:
            case QMetaType::LongLong:
                rc = sqlite3_bind_int64(m_stmt, index, value.toLongLong());
                break;
            case QMetaType::ULong:
            case QMetaType::ULongLong: {
                const qulonglong number = value.toULongLong();
                if (number > static_cast<qulonglong>(std::numeric_limits<qint64>::max())) {
                    setLastError(
                        QSqlError(tr("Value %1 is too large for a 64-bit integer column.").arg(number),
                                  QString(), QSqlError::StatementError));
                    return false;
                }
                rc = sqlite3_bind_int64(m_stmt, index, static_cast<sqlite3_int64>(number));
                break;
            }
            case QMetaType::Float:
            case QMetaType::Double:
                rc = sqlite3_bind_double(m_stmt, index, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob64(m_stmt, index, bytes.constData(),
                                         static_cast<sqlite3_uint64>(bytes.size()), transientData());
                break;
            }
            case QMetaType::QDateTime:
                rc = bindText(m_stmt, index, value.toDateTime().toString(Qt::ISODateWithMs));
                break;
            case QMetaType::QDate:
                rc = bindText(m_stmt, index, value.toDate().toString(Qt::ISODate));
                break;
            case QMetaType::QTime:
                rc = bindText(m_stmt, index, value.toTime().toString(Qt::ISODateWithMs));
                break;
            default:
                if (!value.canConvert<QString>()) {
                    setLastError(QSqlError(
                        tr("Values of type %1 cannot be stored.").arg(QLatin1String(value.metaType().name())),
                        QString(), QSqlError::StatementError));
                    return false;
                }
                rc = bindText(m_stmt, index, value.toString());
                break;
            }
        }
        if (rc != SQLITE_OK) {
            setLastError(sqliteError(connection(), rc, tr("Unable to bind value %1.").arg(index),
                                     QSqlError::StatementError));
            return false;
        }
    }
    return true;
}

void SqlCipherResult::buildRecord()
{
    // Only the types here; the QSqlRecord (names, tables) is built when asked
    // for, since repositories read values by position and never ask.
    m_record.clear();
    m_recordBuilt = false;
    m_columnTypes.clear();
    m_declaredTypes.refresh(m_stmt);
    const int columns = static_cast<int>(m_declaredTypes.types().size());
    for (int column = 0; column < columns; ++column) {
        QMetaType type = m_declaredTypes.types().at(column);
        if (!type.isValid() && m_rowPending) {
            // An expression or NUMERIC column: the first row's value decides.
            type = metaTypeOfStorageClass(sqlite3_column_type(m_stmt, column));
        }
        m_columnTypes.append(type);
    }
}

bool SqlCipherResult::advance()
{
    if (m_rowPending) {
        m_rowPending = false;
        ++m_stepped;
        return true;
    }
    if (m_done || !m_stmt) {
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        ++m_stepped;
        return true;
    }
    m_done = true;
    if (rc != SQLITE_DONE) {
        setLastError(
            sqliteError(connection(), rc, tr("Unable to fetch the next row."), QSqlError::StatementError));
    }
    sqlite3_reset(m_stmt);
    return false;
}

bool SqlCipherResult::fetch(int row)
{
    if (!isActive() || !isSelect() || row < 0) {
        return false;
    }
    if (isForwardOnly()) {
        if (row < at()) {
            return false; // cannot go back without a cache
        }
        if (m_useLastRow) {
            return row == at();
        }
        while (m_stepped - 1 < row) {
            if (!advance()) {
                return false;
            }
        }
        setAt(row);
        return true;
    }
    while (m_rows.size() <= row) {
        if (!advance()) {
            return false;
        }
        m_rows.append(currentRow());
    }
    setAt(row);
    return true;
}

bool SqlCipherResult::fetchNext()
{
    if (isForwardOnly() && !m_useLastRow && isActive() && isSelect()) {
        if (!advance()) {
            return false;
        }
        setAt(m_stepped - 1);
        return true;
    }
    return at() == QSql::AfterLastRow ? false : fetch(at() + 1);
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect()) {
        return false;
    }
    if (isForwardOnly()) {
        if (m_useLastRow) {
            setAt(m_stepped - 1);
            return true;
        }
        // SQLite forgets a row once stepped past, so keep a copy of each
        // until the end shows which one was last.
        bool haveRow = at() >= 0 && !m_done;
        if (haveRow) {
            m_lastRow = currentRow();
        }
        while (advance()) {
            m_lastRow = currentRow();
            haveRow = true;
        }
        if (!haveRow || lastError().isValid()) {
            return false;
        }
        m_useLastRow = true;
        setAt(m_stepped - 1);
        return true;
    }
    while (advance()) {
        m_rows.append(currentRow());
    }
    if (m_rows.isEmpty() || lastError().isValid()) {
        return false;
    }
    setAt(static_cast<int>(m_rows.size()) - 1);
    return true;
}

bool SqlCipherResult::validField(int field) const
{
    if (field < 0 || field >= m_columnTypes.size() || at() < 0) {
        qCWarning(lcStore) << "no value at row" << at() << "column" << field;
        return false;
    }
    return true;
}

QVariant SqlCipherResult::data(int field)
{
    if (!validField(field)) {
        return {};
    }
    if (isForwardOnly()) {
        return m_useLastRow ? m_lastRow.value(field) : columnValue(field);
    }
    return m_rows.value(at()).value(field);
}

bool SqlCipherResult::isNull(int field)
{
    if (!validField(field)) {
        return true;
    }
    if (isForwardOnly() && !m_useLastRow) {
        return sqlite3_column_type(m_stmt, field) == SQLITE_NULL;
    }
    return data(field).isNull();
}

QVariant SqlCipherResult::columnValue(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER: {
        const qint64 number = sqlite3_column_int64(m_stmt, column);
        if (numericalPrecisionPolicy() == QSql::LowPrecisionInt32) {
            return QVariant(static_cast<int>(number));
        }
        return QVariant(qlonglong{number});
    }
    case SQLITE_FLOAT: {
        const double number = sqlite3_column_double(m_stmt, column);
        switch (numericalPrecisionPolicy()) {
        case QSql::LowPrecisionInt32:
            return QVariant(static_cast<int>(number));
        case QSql::LowPrecisionInt64:
            return QVariant(static_cast<qlonglong>(number));
        case QSql::HighPrecision:
            return QVariant(QString::number(number, 'g', std::numeric_limits<double>::max_digits10));
        default:
            return QVariant(number);
        }
    }
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return QVariant(QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column)));
    }
    case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
        const int size = sqlite3_column_bytes(m_stmt, column);
        // An empty blob comes back as a null pointer; it is still not NULL.
        return QVariant(size > 0 ? QByteArray(bytes, size) : QByteArray(""));
    }
    default:
        // A typed null, so callers see the column's type even without a value.
        return QVariant(m_columnTypes.value(column));
    }
}

QVariantList SqlCipherResult::currentRow() const
{
    QVariantList row;
    const int columns = static_cast<int>(m_columnTypes.size());
    row.reserve(columns);
    for (int column = 0; column < columns; ++column) {
        row.append(columnValue(column));
    }
    return row;
}

int SqlCipherResult::size()
{
    return -1; // SQLite only knows the row count once it has stepped them all
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QSqlRecord SqlCipherResult::record() const
{
    if (!m_recordBuilt && m_stmt) {
        for (int column = 0; column < m_columnTypes.size(); ++column) {
            m_record.append(QSqlField(QString::fromUtf8(sqlite3_column_name(m_stmt, column)),
                                      m_columnTypes.at(column),
                                      QString::fromUtf8(sqlite3_column_table_name(m_stmt, column))));
        }
        m_recordBuilt = true;
    }
    return m_record;
}

QVariant SqlCipherResult::lastInsertId() const
{
    return m_lastInsertId;
}

void SqlCipherResult::detachFromResultSet()
{
    // QSqlQuery::finish(): keep the statement for the next exec() but let go
    // of its rows and locks now.
    if (m_stmt) {
        sqlite3_reset(m_stmt);
    }
    clearResultSet();
}

} // namespace callsnare::store
