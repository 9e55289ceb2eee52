#pragma once

#include "domain/Result.h"
#include "relay/storage/SqlDialect.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace Poco::Data {
class Session;
class SessionPool;
} // namespace Poco::Data

namespace callsnare::relay {

class WalFlush;

struct DatabaseOptions {
    // Where the embedded SQLite database (relay.db) and the secrets key file
    // live. Required for SQLite; optional with PostgreSQL.
    std::string dataDir;
    // postgresql://user:password@host:port/dbname selects PostgreSQL;
    // sqlite:PATH a SQLite file elsewhere; empty selects dataDir/relay.db.
    std::string databaseUri;
    // Readers share a pool of sessions; asking for more at once than this
    // fails fast instead of queueing behind the pool.
    int maxReaderSessions = 32;
    // How long a SQLite statement waits for another connection's lock (the
    // admin CLI running beside the server) before it fails.
    std::chrono::milliseconds busyTimeout{10000};
};

// The relay's database, SQLite (WAL, durable commits, foreign keys) or
// PostgreSQL, through Poco::Data. open() connects and applies the embedded
// migrations; readers take sessions from a pool, each writer thread opens its
// own session (see GroupCommitWriter). Thread-safe.
class RelayDatabase {
public:
    static domain::Result<std::unique_ptr<RelayDatabase>> open(const DatabaseOptions& options);
    ~RelayDatabase();

    RelayDatabase(const RelayDatabase&) = delete;
    RelayDatabase& operator=(const RelayDatabase&) = delete;

    SqlDialect dialect() const { return m_dialect; }
    // `text` with ? placeholders in the form this database's connector takes.
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    // A pooled session for reads; returned to the pool when the last copy is
    // destroyed. Throws Poco::Exception when no session can be had.
    Poco::Data::Session reader();
    // How a writing session's commits reach the disk.
    enum class CommitSync {
        AtCommit, // SQLite synchronous=FULL: COMMIT returns once it is durable
        ByWalFlush, // SQLite synchronous=NORMAL: durable after walFlush()
    };
    // A new session configured for writing (SQLite: the CommitSync, foreign
    // keys, busy timeout; PostgreSQL commits are always durable). Throws
    // Poco::Exception on failure.
    Poco::Data::Session openWriter(CommitSync sync = CommitSync::AtCommit);
    // What makes CommitSync::ByWalFlush commits durable; null for PostgreSQL.
    std::unique_ptr<WalFlush> walFlush() const;

    // For /readyz: the database answers and carries the schema this binary
    // expects; otherwise false and, when `why` is given, the reason.
    bool ready(std::string* why);

    int schemaVersion() const { return m_schemaVersion; }
    const std::string& dataDir() const { return m_options.dataDir; }
    // "sqlite:/path/relay.db" or the PostgreSQL URI without its password.
    const std::string& description() const { return m_description; }
    std::chrono::milliseconds busyTimeout() const { return m_options.busyTimeout; }

private:
    RelayDatabase(DatabaseOptions options, SqlDialect dialect, std::string connector, std::string connection,
                  std::string description);

    void configure(Poco::Data::Session& session, CommitSync sync) const;

    DatabaseOptions m_options;
    SqlDialect m_dialect;
    std::string m_connector;
    std::string m_connection;
    std::string m_description;
    int m_schemaVersion = 0;
    std::unique_ptr<Poco::Data::SessionPool> m_readers;
};

} // namespace callsnare::relay
