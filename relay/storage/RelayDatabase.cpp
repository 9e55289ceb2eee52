#include "relay/storage/RelayDatabase.h"

#include "relay/storage/PostgresConnectionString.h"
#include "relay/storage/SchemaMigrator.h"
#include "relay/storage/WalFlush.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <cctype>
#include <mutex>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

constexpr const char* kDatabaseFileName = "relay.db";
constexpr const char* kSqlitePrefix = "sqlite:";

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Sets a PRAGMA and checks that SQLite took it: a PRAGMA it does not know is
// silently ignored, which would leave the database less durable than promised.
void applyPragma(Poco::Data::Session& session, const std::string& name, const std::string& value,
                 const std::string& expected)
{
    std::string reported;
    session << "PRAGMA " + name + " = " + value, now;
    session << "PRAGMA " + name, into(reported), now;
    if (lowercase(reported) != expected) {
        throw Poco::Data::DataException("SQLite PRAGMA " + name + " is '" + reported + "', expected '"
                                        + expected + "'");
    }
}

} // namespace

RelayDatabase::RelayDatabase(DatabaseOptions options, SqlDialect dialect, std::string connector,
                             std::string connection, std::string description)
    : m_options(std::move(options)), m_dialect(dialect), m_connector(std::move(connector)),
      m_connection(std::move(connection)), m_description(std::move(description))
{
}

RelayDatabase::~RelayDatabase() = default;

domain::Result<std::unique_ptr<RelayDatabase>> RelayDatabase::open(const DatabaseOptions& options)
{
    registerConnectors();
    std::unique_ptr<RelayDatabase> database;
    if (isPostgresUri(options.databaseUri)) {
        auto connection = libpqConnectionString(options.databaseUri);
        if (!connection) {
            return connection.error();
        }
        database.reset(new RelayDatabase(options, SqlDialect::PostgreSql,
                                         Poco::Data::PostgreSQL::Connector::KEY, connection.value(),
                                         redactedUri(options.databaseUri)));
    } else {
        if (!options.databaseUri.empty() && !options.databaseUri.starts_with(kSqlitePrefix)) {
            return domain::makeError("invalid_database_uri",
                                     "The database URI must be postgresql://... or sqlite:PATH.");
        }
        if (options.databaseUri.empty() && options.dataDir.empty()) {
            return domain::makeError(
                "no_data_dir", "A data directory (--data-dir) or a database URI (--database) is required.");
        }
        std::string path;
        try {
            if (options.databaseUri.empty()) {
                Poco::File(options.dataDir).createDirectories();
                path = Poco::Path(options.dataDir).makeDirectory().setFileName(kDatabaseFileName).toString();
            } else {
                path = options.databaseUri.substr(std::string_view(kSqlitePrefix).size());
                Poco::File(Poco::Path(path).parent()).createDirectories();
            }
        } catch (const Poco::Exception& e) {
            return domain::makeError("data_dir_unusable",
                                     "Cannot use the directory for the database "
                                         + (path.empty() ? options.dataDir : path) + ": " + e.displayText());
        }
        // Poco retries a failed SQLite open until its login timeout (60 s)
        // runs out; a path that can never be a database file fails now.
        try {
            const Poco::File file(path);
            if (file.exists() && !file.isFile()) {
                return domain::makeError(
                    "database_unavailable",
                    "Cannot open the database sqlite:" + path + ": "
                        + (file.isDirectory() ? "it is a directory" : "it is not a regular file")
                        + ", not a SQLite database file.");
            }
        } catch (const Poco::Exception& e) {
            return domain::makeError("database_unavailable",
                                     "Cannot open the database sqlite:" + path + ": " + e.displayText());
        }
        database.reset(new RelayDatabase(options, SqlDialect::Sqlite, Poco::Data::SQLite::Connector::KEY,
                                         path, "sqlite:" + path));
    }

    try {
        Poco::Data::Session setup = database->openWriter();
        if (database->m_dialect == SqlDialect::Sqlite) {
            // WAL is a property of the file: set once, every connection uses it.
            applyPragma(setup, "journal_mode", "WAL", "wal");
        }
        auto version = SchemaMigrator::migrate(setup, database->m_dialect);
        if (!version) {
            return version.error();
        }
        database->m_schemaVersion = version.value();
        database->m_readers = std::make_unique<Poco::Data::SessionPool>(
            database->m_connector, database->m_connection, 1, std::max(1, options.maxReaderSessions), 60);
    } catch (const Poco::Exception& e) {
        return domain::makeError("database_unavailable",
                                 "Cannot open the database " + database->m_description + ": "
                                     + e.displayText());
    }
    return database;
}

void RelayDatabase::configure(Poco::Data::Session& session, CommitSync sync) const
{
    if (m_dialect != SqlDialect::Sqlite) {
        // Keep libpq's NOTICEs ("already exists, skipping") out of the logs.
        session << "SET client_min_messages = warning", now;
        return;
    }
    const auto timeoutMs = std::to_string(m_options.busyTimeout.count());
    applyPragma(session, "busy_timeout", timeoutMs, timeoutMs);
    // FULL: a commit is on disk before COMMIT returns. NORMAL: the
    // caller makes commits durable with walFlush() before it tells
    // anyone they happened (GroupCommitWriter overlaps that with the
    // next batch).
    if (sync == CommitSync::AtCommit) {
        applyPragma(session, "synchronous", "FULL", "2");
    } else {
        applyPragma(session, "synchronous", "NORMAL", "1");
    }
    applyPragma(session, "foreign_keys", "ON", "1");
    // A batch rerun after one of its units failed runs each unit in a
    // SAVEPOINT, whose undo pages go to a sub-journal; on a file (the
    // default once it passes 64 KiB) that is a write per page per unit. Only rollback reads it, never
    // recovery, so memory loses nothing durable.
    applyPragma(session, "temp_store", "MEMORY", "2");
    // The writer reads the pages it changes (indexes, the event counters)
    // again and again: with SQLite's 2 MB default cache each miss was a
    // pread system call, costly under virtualization. 64 MB of cache and
    // the file mapped for reading keep them in memory.
    applyPragma(session, "cache_size", "-65536", "-65536");
    applyPragma(session, "mmap_size", "268435456", "268435456");
    // A checkpoint copies every page changed since the last one back into
    // the database file and syncs it; hot pages change in every commit,
    // so checkpointing every 4000 WAL pages (16 MB) rather than 1000
    // writes each of them a quarter as often. Run by COMMIT, it stalls the
    // writer for as long: a writer whose log GroupCommitWriter flushes
    // leaves checkpoints to the writer's checkpointer thread instead.
    if (sync == CommitSync::AtCommit) {
        applyPragma(session, "wal_autocheckpoint", "4000", "4000");
    } else {
        applyPragma(session, "wal_autocheckpoint", "0", "0");
    }
}

Poco::Data::Session RelayDatabase::reader()
{
    Poco::Data::Session session = m_readers->get();
    if (m_dialect == SqlDialect::Sqlite) {
        // Pooled SQLite sessions are opened by Poco; the busy timeout is per
        // connection and cheap to (re)apply (no SQL round trip).
        session.setConnectionTimeout(
            static_cast<std::size_t>(std::max<long long>(1, m_options.busyTimeout.count() / 1000)));
    }
    return session;
}

std::unique_ptr<WalFlush> RelayDatabase::walFlush() const
{
    if (m_dialect != SqlDialect::Sqlite) {
        return nullptr;
    }
    return std::make_unique<WalFlush>(m_connection);
}

Poco::Data::Session RelayDatabase::openWriter(CommitSync sync)
{
    // SQLite opens a local file: when that fails it will not succeed by
    // retrying for Poco's default 60 s login timeout.
    constexpr std::size_t kSqliteOpenTimeoutSeconds = 2;
    Poco::Data::Session session = m_dialect == SqlDialect::Sqlite
        ? Poco::Data::Session(m_connector, m_connection, kSqliteOpenTimeoutSeconds)
        : Poco::Data::Session(m_connector, m_connection);
    configure(session, sync);
    return session;
}

bool RelayDatabase::ready(std::string* why)
{
    try {
        Poco::Data::Session session = reader();
        auto version = SchemaMigrator::currentVersion(session);
        if (!version) {
            if (why != nullptr) {
                *why = version.error().message;
            }
            return false;
        }
        if (version.value() != m_schemaVersion) {
            if (why != nullptr) {
                *why = "The database schema changed to version " + std::to_string(version.value())
                    + " while this relay runs version " + std::to_string(m_schemaVersion) + ".";
            }
            return false;
        }
        return true;
    } catch (const Poco::Exception& e) {
        if (why != nullptr) {
            *why = "The database does not answer: " + e.displayText();
        }
        return false;
    }
}

} // namespace callsnare::relay
