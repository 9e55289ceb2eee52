#include "store/SqlCipherDriver.h"

#include "store/SqlCipherErrors.h"
#include "store/SqlCipherResult.h"
#include "store/SqliteColumnType.h"
#include "store/StoreLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlcipher/sqlite3.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <utility>

namespace callsnare::store {

namespace {

constexpr char kReadOnlyOption[] = "QSQLCIPHER_OPEN_READONLY";
constexpr char kBusyTimeoutOption[] = "QSQLCIPHER_BUSY_TIMEOUT";

// Overwrites a local copy of a secret before its memory goes back to the heap;
// volatile so the stores are not optimised away as dead.
void wipe(QByteArray& secret)
{
    volatile char* bytes = secret.data();
    for (qsizetype i = 0; i < secret.size(); ++i) {
        bytes[i] = 0;
    }
    secret.clear();
}

// Plain SQLite files start with this magic; SQLCipher files start with a
// random salt. Read only the header so the file stays untouched.
bool hasPlainSqliteHeader(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    static constexpr char magic[] = "SQLite format 3";
    return file.read(sizeof magic) == QByteArray(magic, sizeof magic);
}

} // namespace

// Cut short or corrupted: SQLite reports both as corruption, and the user's
// remedy is the same.
QString SqlCipherDriver::damagedMessage()
{
    return tr("The profile file is damaged or incomplete; restore it from a backup.");
}

SqlCipherDriver::SqlCipherDriver(QObject* parent) : QSqlDriver(parent)
{
}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case SimpleLocking:
    case LowPrecisionNumbers:
    case FinishQuery:
        return true;
    case QuerySize:
    case NamedPlaceholders: // QSqlResult rewrites :name to ? for us
    case BatchOperations:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

bool SqlCipherDriver::open(const QString& db, const QString& /*user*/, const QString& password,
                           const QString& /*host*/, int /*port*/, const QString& connectOptions)
{
    if (isOpen()) {
        close();
    }
    OpenOptions options;
    if (!parseOptions(connectOptions, &options)) {
        return false;
    }
    if (db.isEmpty()) {
        return fail(tr("No profile file was given."));
    }
    const QFileInfo info(db);
    const QString shownPath = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.absoluteDir().exists()) {
        return fail(tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    if (info.exists() && !info.isFile()) {
        return fail(tr("%1 is not a file.").arg(shownPath));
    }
    if (!info.exists() && options.readOnly) {
        return fail(tr("The profile file %1 does not exist.").arg(shownPath));
    }

    // A connection belongs to the thread that opened it (Qt SQL's rule, and
    // ours), so SQLite's per-connection mutex only costs time: without it,
    // each step, bind and reset takes no lock.
    const int access = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int flags = access | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(db.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(m_db, rc, tr("The profile file %1 cannot be opened.").arg(shownPath),
                                 QSqlError::ConnectionError));
        return fail({});
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, options.busyTimeoutMs);

    // Nothing below writes: the key and cipher pragmas only configure the
    // codec, and verification and the size check only read, so a wrong
    // passphrase leaves the file exactly as it was.
    if (!keyAndPinCipher(password) || !verifyReadable(db) || !checkNotTruncated(db)
        || !runPragma(QByteArray("PRAGMA cache_size=-" + QByteArray::number(kPageCacheKiB)).constData())) {
        return false;
    }
    setOpen(true);
    setOpenError(false);
    qCInfo(lcStore).noquote() << "opened" << shownPath << (m_encrypted ? "(encrypted)" : "(unencrypted)")
                              << (isReadOnly() ? "read-only" : "read-write");
    return true;
}

bool SqlCipherDriver::parseOptions(const QString& connectOptions, OpenOptions* options)
{
    const QStringList parts = connectOptions.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        const QString option = part.trimmed();
        const QString name = option.section(QLatin1Char('='), 0, 0).trimmed();
        const QString value = option.section(QLatin1Char('='), 1).trimmed();
        if (name == QLatin1String(kReadOnlyOption)) {
            options->readOnly = true;
        } else if (name == QLatin1String(kBusyTimeoutOption)) {
            bool ok = false;
            const int ms = value.toInt(&ok);
            if (!ok || ms < 0) {
                return fail(tr("The connect option %1 needs a number of milliseconds.").arg(name));
            }
            options->busyTimeoutMs = ms;
        } else if (!name.isEmpty()) {
            qCWarning(lcStore) << "ignoring unknown connect option" << name;
        }
    }
    return true;
}

bool SqlCipherDriver::keyAndPinCipher(const QString& password)
{
    m_encrypted = !password.isEmpty();
    if (!m_encrypted) {
        return true; // plain SQLite file format, for comparisons only
    }
    QByteArray secret = password.toUtf8();
    const int rc = sqlite3_key(m_db, secret.constData(), static_cast<int>(secret.size()));
    wipe(secret);
    if (rc != SQLITE_OK) {
        setLastError(
            sqliteError(m_db, rc, tr("The profile could not be unlocked."), QSqlError::ConnectionError));
        return fail({});
    }
    // A libsqlite3 without the codec would ignore the cipher pragmas without a
    // word and write plaintext; refuse unless SQLCipher itself answers.
    sqlite3_stmt* stmt = nullptr;
    bool haveCodec = false;
    if (sqlite3_prepare_v2(m_db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW) {
        haveCodec = sqlite3_column_bytes(stmt, 0) > 0;
    }
    sqlite3_finalize(stmt);
    if (!haveCodec) {
        return fail(tr("This build of CallSnare does not use SQLCipher; the profile was not opened."));
    }

    // Pinned before the first read: SQLCipher uses them to decrypt page 1.
    const QByteArray pageSize = "PRAGMA cipher_page_size=" + QByteArray::number(kCipherPageSize);
    const QByteArray kdfIter = "PRAGMA kdf_iter=" + QByteArray::number(kKdfIterations);
    if (!runPragma(pageSize.constData()) || !runPragma(kdfIter.constData())) {
        return false;
    }
    qint64 pinnedPageSize = 0;
    qint64 pinnedKdfIter = 0;
    if (!queryInt("PRAGMA cipher_page_size", &pinnedPageSize)
        || !queryInt("PRAGMA kdf_iter", &pinnedKdfIter)) {
        return false;
    }
    if (pinnedPageSize != kCipherPageSize || pinnedKdfIter != kKdfIterations) {
        qCWarning(lcStore) << "SQLCipher did not take the cipher settings:" << pinnedPageSize
                           << pinnedKdfIter;
        return fail(tr("SQLCipher refused CallSnare's cipher settings; the profile was not opened."));
    }
    return true;
}

bool SqlCipherDriver::verifyReadable(const QString& path)
{
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, "SELECT count(*) FROM sqlite_master", -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            rc = SQLITE_OK;
        }
    }
    const QSqlError error = sqliteError(m_db, rc, QString(), QSqlError::ConnectionError);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_OK) {
        return true;
    }

    const auto withText = [&error](const QString& text) {
        return QSqlError(text, error.databaseText(), QSqlError::ConnectionError, error.nativeErrorCode());
    };
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        if (m_encrypted && hasPlainSqliteHeader(path)) {
            setLastError(withText(
                tr("The file is an unencrypted SQLite database, not an encrypted CallSnare profile.")));
        } else {
            setLastError(withText(wrongPassphraseMessage()));
        }
        break;
    case SQLITE_CORRUPT:
        setLastError(withText(damagedMessage()));
        break;
    default:
        setLastError(withText(tr("The profile file %1 cannot be read.").arg(QDir::toNativeSeparators(path))));
        break;
    }
    return fail({});
}

bool SqlCipherDriver::checkNotTruncated(const QString& path)
{
    // SQLCipher authenticates pages only when they are read, so a file cut
    // short after a good page 1 would open fine and fail much later. Every
    // page is a whole page on disk, and page 1 records how many there are.
    const qint64 fileSize = QFileInfo(path).size();
    if (fileSize == 0) {
        return true; // a new profile: nothing written yet
    }
    qint64 pageSize = 0;
    qint64 pageCount = 0;
    if (!queryInt("PRAGMA page_size", &pageSize) || !queryInt("PRAGMA page_count", &pageCount)) {
        return false;
    }
    if (pageSize <= 0 || fileSize % pageSize != 0 || pageCount * pageSize > fileSize) {
        qCWarning(lcStore) << "profile size" << fileSize << "does not match" << pageCount << "pages of"
                           << pageSize;
        return fail(damagedMessage(), SQLITE_CORRUPT);
    }
    return true;
}

bool SqlCipherDriver::runPragma(const char* sql)
{
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        qCWarning(lcStore) << sql << "failed:" << sqlite3_errmsg(m_db);
        setLastError(
            sqliteError(m_db, rc, tr("The profile could not be configured."), QSqlError::ConnectionError));
        return fail({});
    }
    return true;
}

bool SqlCipherDriver::queryInt(const char* sql, qint64* value)
{
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
    }
    if (rc == SQLITE_ROW) {
        *value = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return true;
    }
    qCWarning(lcStore) << sql << "failed:" << sqlite3_errmsg(m_db);
    setLastError(
        sqliteError(m_db, rc, tr("The profile could not be configured."), QSqlError::ConnectionError));
    sqlite3_finalize(stmt);
    return fail({});
}

bool SqlCipherDriver::fail(const QString& message, int code)
{
    // An empty message keeps the error the caller has already set.
    if (!message.isEmpty()) {
        setLastError(QSqlError(message, QString(), QSqlError::ConnectionError,
                               code != 0 ? QString::number(code) : QString()));
    }
    if (m_db) {
        sqlite3_close(m_db);
        m_db = nullptr;
    }
    m_encrypted = false;
    setOpen(false);
    setOpenError(true);
    return false;
}

void SqlCipherDriver::close()
{
    for (SqlCipherResult* result : std::as_const(m_results)) {
        result->finalizeStatement();
    }
    clearStatementCache();
    if (m_db) {
        // Plain sqlite3_close refuses while statements are alive; if the store
        // leaked one through connection(), say so and let SQLite close later.
        if (sqlite3_close(m_db) != SQLITE_OK) {
            qCWarning(lcStore) << "closing with unfinalized statements:" << sqlite3_errmsg(m_db);
            sqlite3_close_v2(m_db);
        }
        m_db = nullptr;
    }
    m_encrypted = false;
    setOpen(false);
    setOpenError(false);
}

QSqlResult* SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

void SqlCipherDriver::attachResult(SqlCipherResult* result) const
{
    m_results.append(result);
}

void SqlCipherDriver::detachResult(SqlCipherResult* result) const
{
    m_results.removeOne(result);
}

sqlite3_stmt* SqlCipherDriver::takeStatement(const QByteArray& sql, DeclaredColumnTypes* columnTypes) const
{
    CachedStatement kept = m_statements.take(sql);
    *columnTypes = std::move(kept.columnTypes);
    return kept.stmt; // null when nothing of that text is kept
}

void SqlCipherDriver::keepStatement(const QByteArray& sql, sqlite3_stmt* stmt,
                                    DeclaredColumnTypes columnTypes) const
{
    // Reset first: an unfinished SELECT would otherwise hold its read lock.
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (!m_db || m_statements.contains(sql)) {
        sqlite3_finalize(stmt); // a second query of the same text: one copy is enough
        return;
    }
    if (m_statements.size() >= kStatementCacheSize) {
        // Rare (the working set is smaller), so a scan for the least recently kept.
        QByteArray oldest;
        quint64 oldestUse = std::numeric_limits<quint64>::max();
        for (auto it = m_statements.cbegin(); it != m_statements.cend(); ++it) {
            if (it.value().lastUse < oldestUse) {
                oldestUse = it.value().lastUse;
                oldest = it.key();
            }
        }
        sqlite3_finalize(m_statements.take(oldest).stmt);
    }
    m_statements.insert(sql, CachedStatement{stmt, std::move(columnTypes), ++m_statementUses});
}

void SqlCipherDriver::clearStatementCache() const
{
    for (const CachedStatement& entry : std::as_const(m_statements)) {
        sqlite3_finalize(entry.stmt);
    }
    m_statements.clear();
}

bool SqlCipherDriver::isReadOnly() const
{
    return m_db && sqlite3_db_readonly(m_db, "main") == 1;
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock up front: two connections that both read
    // and then write inside deferred transactions would deadlock on BUSY.
    return execTransactionStatement(isReadOnly() ? "BEGIN" : "BEGIN IMMEDIATE",
                                    tr("Unable to begin the transaction."));
}

bool SqlCipherDriver::commitTransaction()
{
    return execTransactionStatement("COMMIT", tr("Unable to commit the transaction."));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execTransactionStatement("ROLLBACK", tr("Unable to roll back the transaction."));
}

bool SqlCipherDriver::execTransactionStatement(const char* sql, const QString& what)
{
    if (!isOpen() || !m_db) {
        setLastError(QSqlError(what, tr("The database is not open."), QSqlError::TransactionError));
        return false;
    }
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        setLastError(sqliteError(m_db, rc, what, QSqlError::TransactionError));
        return false;
    }
    return true;
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!isOpen()) {
        return names;
    }
    QStringList kinds;
    if (type & QSql::Tables) {
        kinds << QStringLiteral("'table'");
    }
    if (type & QSql::Views) {
        kinds << QStringLiteral("'view'");
    }
    if (!kinds.isEmpty()) {
        QSqlQuery query(createResult());
        query.setForwardOnly(true);
        query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN (%1) "
                                  "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
                       .arg(kinds.join(QLatin1Char(','))));
        while (query.next()) {
            names << query.value(0).toString();
        }
    }
    if (type & QSql::SystemTables) {
        names << QStringLiteral("sqlite_master");
    }
    return names;
}

QSqlRecord SqlCipherDriver::record(const QString& tableName) const
{
    QSqlRecord fields;
    if (!isOpen()) {
        return fields;
    }
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    // cid, name, type, notnull, dflt_value, pk
    query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName)));
    const QString plainName = stripDelimiters(tableName, TableName);
    while (query.next()) {
        const QString declared = query.value(2).toString();
        QSqlField field(query.value(1).toString(), metaTypeForDeclaredType(declared), plainName);
        field.setRequiredStatus(query.value(3).toInt() != 0 ? QSqlField::Required : QSqlField::Optional);
        field.setDefaultValue(query.value(4));
        // INTEGER PRIMARY KEY is the rowid: SQLite fills it in.
        field.setAutoValue(query.value(5).toInt() == 1
                           && declared.compare(u"INTEGER", Qt::CaseInsensitive) == 0);
        fields.append(field);
    }
    return fields;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString& tableName) const
{
    QSqlIndex index(tableName);
    if (!isOpen()) {
        return index;
    }
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName)));
    QList<std::pair<int, QSqlField>> keyFields;
    const QString plainName = stripDelimiters(tableName, TableName);
    while (query.next()) {
        const int position = query.value(5).toInt();
        if (position > 0) {
            keyFields.append({position,
                              QSqlField(query.value(1).toString(),
                                        metaTypeForDeclaredType(query.value(2).toString()), plainName)});
        }
    }
    std::sort(keyFields.begin(), keyFields.end(),
              [](const auto& left, const auto& right) { return left.first < right.first; });
    for (const auto& keyField : std::as_const(keyFields)) {
        index.append(keyField.second);
    }
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    if (identifier.isEmpty() || isIdentifierEscaped(identifier, type)) {
        return identifier;
    }
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString SqlCipherDriver::formatValue(const QSqlField& field, bool trimStrings) const
{
    // The base class quotes bytes as a string; SQLite wants a blob literal.
    if (field.metaType().id() == QMetaType::QByteArray && !field.isNull()) {
        return QLatin1String("X'") + QString::fromLatin1(field.value().toByteArray().toHex())
            + QLatin1Char('\'');
    }
    return QSqlDriver::formatValue(field, trimStrings);
}

bool SqlCipherDriver::changePassphrase(const QString& newPassphrase, QString* error)
{
    const auto refuse = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (!isOpen() || !m_db) {
        return refuse(tr("The profile is not open."));
    }
    if (!m_encrypted) {
        return refuse(tr("This profile is not encrypted, so it has no passphrase to change."));
    }
    if (newPassphrase.isEmpty()) {
        return refuse(tr("The new passphrase must not be empty."));
    }
    if (isReadOnly()) {
        return refuse(tr("The profile is open read-only; the passphrase was not changed."));
    }
    if (sqlite3_get_autocommit(m_db) == 0) {
        return refuse(tr("Finish the open transaction before changing the passphrase."));
    }

    clearStatementCache(); // nothing compiled under the old key outlives it
    const QString path = QString::fromUtf8(sqlite3_db_filename(m_db, "main"));
    QByteArray secret = newPassphrase.toUtf8();
    // SQLCipher rewrites every page under the new key in one write
    // transaction; the journal keeps the old pages under the old key, so a
    // crash halfway rolls back to a file the old passphrase still opens.
    const int rc = sqlite3_rekey(m_db, secret.constData(), static_cast<int>(secret.size()));
    wipe(secret);
    if (rc != SQLITE_OK) {
        return refuse(
            tr("The passphrase could not be changed: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
    }

    // sqlite3_rekey reports little, so prove the file opens with the new
    // passphrase on a connection of its own before calling it done.
    SqlCipherDriver probe;
    const bool reopened = probe.open(path, {}, newPassphrase, {}, 0, QLatin1String(kReadOnlyOption));
    if (!reopened) {
        qCWarning(lcStore) << "rekey could not be verified:" << probe.lastError().databaseText();
        // The codec state of this connection is now uncertain; writing through
        // it could mix keys, so close it and let the user open again.
        close();
        return refuse(tr("The passphrase could not be changed; the profile was closed. Open it again with "
                         "the old passphrase."));
    }
    probe.close();
    qCInfo(lcStore) << "passphrase changed";
    return true;
}

SqlCipherDriver::PageCacheCounts SqlCipherDriver::pageCacheCounts() const
{
    PageCacheCounts counts;
    if (!m_db) {
        return counts;
    }
    const auto read = [this](int op) {
        int current = 0;
        int highwater = 0;
        sqlite3_db_status(m_db, op, &current, &highwater, 0);
        return qint64{current};
    };
    counts.hits = read(SQLITE_DBSTATUS_CACHE_HIT);
    counts.misses = read(SQLITE_DBSTATUS_CACHE_MISS);
    counts.writes = read(SQLITE_DBSTATUS_CACHE_WRITE);
    return counts;
}

void registerSqlCipherDriver()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Allocation statistics nobody reads would take a global lock on
        // every allocation. Only possible before SQLite initializes, which
        // the first connection does.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        QSqlDatabase::registerSqlDriver(QLatin1String(kSqlCipherDriverName),
                                        new QSqlDriverCreator<SqlCipherDriver>);
    });
}

bool changePassphrase(QSqlDatabase& db, const QString& newPassphrase, QString* error)
{
    auto* driver = qobject_cast<SqlCipherDriver*>(db.driver());
    if (!driver) {
        if (error) {
            *error = SqlCipherDriver::tr("This connection does not use the %1 driver.")
                         .arg(QLatin1String(kSqlCipherDriverName));
        }
        return false;
    }
    if (!driver->changePassphrase(newPassphrase, error)) {
        return false;
    }
    // Keep a reopen working, but do not start remembering a passphrase the
    // caller chose to forget after opening.
    if (!db.password().isEmpty()) {
        db.setPassword(newPassphrase);
    }
    return true;
}

} // namespace callsnare::store
