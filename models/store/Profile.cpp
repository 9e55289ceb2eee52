#include "store/Profile.h"

#include "store/Migrations.h"
#include "store/SqlCipherDriver.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace callsnare::store {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("callsnare::store::Profile", text);
}

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
}

// What SQLite may leave next to a profile (a rollback journal; WAL files if
// some other tool switched the file to WAL).
QStringList sidecarFiles(const QString& path)
{
    return {path + QStringLiteral("-wal"), path + QStringLiteral("-shm"), path + QStringLiteral("-journal")};
}

// The driver's own sentence ("The passphrase is wrong..."), without SQLite's
// terse text in front of it.
QString openError(const QSqlError& error)
{
    return error.driverText().isEmpty() ? error.text() : error.driverText();
}

bool runPragma(const QSqlDatabase& db, const QString& pragma, QString* error)
{
    if (!execute(db, pragma, {}, error)) {
        qCWarning(lcStore).noquote() << pragma << "failed";
        return false;
    }
    return true;
}

} // namespace

Profile::Profile(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName))
{
}

Profile::~Profile()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            db.close();
        }
    } // the last handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Profile::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Profile::latestSchemaVersion()
{
    return Migrations().latestVersion();
}

namespace {

// Opens the connection named `name`. QSqlDatabase would keep the passphrase
// for reopening, in a QString nobody can wipe; it is cleared as soon as the
// file is open so at least it does not live as long as the profile.
bool openConnection(const QString& name, const QString& path, const QString& passphrase, bool readOnly,
                    QString* error)
{
    registerSqlCipherDriver();
    QSqlDatabase db = QSqlDatabase::addDatabase(QString::fromLatin1(kSqlCipherDriverName), name);
    db.setDatabaseName(path);
    db.setPassword(passphrase);
    db.setConnectOptions(readOnly ? QStringLiteral("QSQLCIPHER_OPEN_READONLY") : QString());
    const bool opened = db.open();
    db.setPassword({});
    if (!opened) {
        return fail(error, openError(db.lastError()));
    }
    // Per connection, not stored in the file: every open must set it.
    if (!runPragma(db, QStringLiteral("PRAGMA foreign_keys = ON"), error)) {
        return false;
    }
    // Statement journals (a statement whose triggers or foreign keys may
    // abort it halfway) and temporary sort tables in memory: as files they
    // cost a write per page per statement, and their contents would reach
    // the disk outside the encrypted database.
    if (!runPragma(db, QStringLiteral("PRAGMA temp_store = MEMORY"), error)) {
        return false;
    }
    if (readOnly) {
        return true;
    }
    // A rollback journal (DELETE), not WAL, although WAL would save a sync
    // a write per commit and let readers run beside the writer: the driver
    // proves a file is whole by comparing its size with page_count, and in
    // WAL mode the newest pages live in the -wal until a checkpoint, so a
    // second connection to an open profile is refused as damaged (seen in
    // tst_profile), and so would be a file whose -wal a crash left behind. SQLCipher encrypts the journal's
    // pages like the file's, so nothing reaches disk in plaintext either way. Set on every read-write open:
    // it also takes back a file some other tool switched to WAL.
    QSqlQuery mode(db);
    if (!execute(mode, QStringLiteral("PRAGMA journal_mode = DELETE"), {}, error)) {
        return false;
    }
    if (!mode.next() || mode.value(0).toString().compare(QLatin1String("delete"), Qt::CaseInsensitive) != 0) {
        return fail(error, tr("SQLCipher did not switch the profile to its rollback journal."));
    }
    return true;
}

QString uniqueConnectionName()
{
    return QStringLiteral("callsnare-profile-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

bool recordMeta(QSqlDatabase db, QString* error)
{
    const QString createdWith = QStringLiteral("CallSnare %1").arg(QStringLiteral(CALLSNARE_VERSION));
    const QString createdAt = QString::number(QDateTime::currentSecsSinceEpoch());
    const QList<QPair<QString, QString>> rows = {
        {QStringLiteral("cipher_page_size"), QString::number(SqlCipherDriver::kCipherPageSize)},
        {QStringLiteral("kdf_iter"), QString::number(SqlCipherDriver::kKdfIterations)},
        {QStringLiteral("created_with"), createdWith},
        {QStringLiteral("created_at"), createdAt},
    };
    return inTransaction(db, error, [&] {
        for (const auto& [key, value] : rows) {
            if (!execute(db, QStringLiteral("INSERT OR REPLACE INTO profile_meta (key, value) VALUES (?, ?)"),
                         {key, value}, error)) {
                return false;
            }
        }
        return true;
    });
}

} // namespace

std::unique_ptr<Profile> Profile::create(const QString& path, const QString& passphrase, QString* error)
{
    if (passphrase.isEmpty()) {
        fail(error, tr("A profile needs a passphrase."));
        return nullptr;
    }
    if (QFileInfo::exists(path)) {
        fail(error, tr("A file already exists at %1; a new profile never replaces one.").arg(shown(path)));
        return nullptr;
    }
    std::unique_ptr<Profile> profile(new Profile(path, uniqueConnectionName()));
    QString failure;
    const bool made = [&] {
        if (!openConnection(profile->m_connectionName, path, passphrase, false, &failure)) {
            return false;
        }
        QSqlDatabase db = profile->database();
        return Migrations().migrate(db, &failure) && recordMeta(db, &failure)
            && Migrations::currentVersion(db, &profile->m_schemaVersion, &failure);
    }();
    if (!made) {
        profile.reset();
        // Nothing but our own half-made file is removed: the path did not exist.
        QFile::remove(path);
        for (const QString& sidecar : sidecarFiles(path)) {
            QFile::remove(sidecar);
        }
        fail(error, tr("The profile could not be created at %1: %2").arg(shown(path), failure));
        return nullptr;
    }
    qCInfo(lcStore).noquote() << "created profile" << shown(path) << "at schema" << profile->m_schemaVersion;
    return profile;
}

std::unique_ptr<Profile> Profile::open(const QString& path, const QString& passphrase, Access access,
                                       QString* error)
{
    if (!QFileInfo(path).isFile()) {
        fail(error, tr("The profile file %1 does not exist.").arg(shown(path)));
        return nullptr;
    }
    const bool readOnly = access == Access::ReadOnly;
    std::unique_ptr<Profile> profile(new Profile(path, uniqueConnectionName()));
    if (!openConnection(profile->m_connectionName, path, passphrase, readOnly, error)) {
        return nullptr;
    }
    QSqlDatabase db = profile->database();
    const Migrations migrations;
    int version = 0;
    if (!Migrations::currentVersion(db, &version, error) || !migrations.canUse(version, error)) {
        return nullptr;
    }
    if (version == 0) {
        // Our passphrase opens it, but nothing of ours was ever committed in
        // it: a file some other program keyed the same way.
        QSqlQuery tables(db);
        if (!execute(tables, QStringLiteral("SELECT count(*) FROM sqlite_master"), {}, error)
            || !tables.next()) {
            return nullptr;
        }
        if (tables.value(0).toInt() != 0) {
            fail(error, tr("The file %1 is not a CallSnare profile.").arg(shown(path)));
            return nullptr;
        }
    }
    if (version < migrations.latestVersion()) {
        if (readOnly) {
            fail(error,
                 tr("This profile uses schema %1 and must be upgraded to schema %2 before it can be "
                    "opened read-only; open it once with write access.")
                     .arg(version)
                     .arg(migrations.latestVersion()));
            return nullptr;
        }
        if (!migrations.migrate(db, error)) {
            return nullptr;
        }
    }
    if (!Migrations::currentVersion(db, &profile->m_schemaVersion, error)) {
        return nullptr;
    }
    qCInfo(lcStore).noquote() << "opened profile" << shown(path) << "at schema" << profile->m_schemaVersion
                              << (readOnly ? "read-only" : "read-write");
    return profile;
}

bool Profile::changePassphrase(const QString& newPassphrase, QString* error)
{
    QSqlDatabase db = database();
    return store::changePassphrase(db, newPassphrase, error);
}

} // namespace callsnare::store
