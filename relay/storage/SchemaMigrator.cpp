#include "relay/storage/SchemaMigrator.h"

#include "relay_migrations.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <chrono>
#include <span>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

// Any constant shared by every relay binary: the key of the advisory lock
// that serializes concurrent migrations on one PostgreSQL database.
constexpr const char* kPostgresLockSql = "SELECT pg_advisory_lock(727274001)::text";
constexpr const char* kPostgresUnlockSql = "SELECT pg_advisory_unlock(727274001)::text";

std::span<const migrations::EmbeddedMigration> migrationsFor(SqlDialect dialect)
{
    if (dialect == SqlDialect::Sqlite) {
        return migrations::sqlite;
    }
    return migrations::postgresql;
}

void begin(Poco::Data::Session& session, SqlDialect dialect)
{
    if (dialect == SqlDialect::Sqlite) {
        session << "BEGIN IMMEDIATE", now;
    } else {
        session.begin();
    }
}

void commit(Poco::Data::Session& session, SqlDialect dialect)
{
    if (dialect == SqlDialect::Sqlite) {
        session << "COMMIT", now;
    } else {
        session.commit();
    }
}

void rollbackQuietly(Poco::Data::Session& session, SqlDialect dialect)
{
    try {
        if (dialect == SqlDialect::Sqlite) {
            session << "ROLLBACK", now;
        } else {
            session.rollback();
        }
    } catch (const Poco::Exception&) {
        // The failure that led here is the one worth reporting.
    }
}

int readVersion(Poco::Data::Session& session)
{
    Poco::Int64 version = 0;
    session << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
    return static_cast<int>(version);
}

domain::Error tooNew(int current, int latest)
{
    return domain::makeError("schema_too_new",
                             "The database schema is at version " + std::to_string(current)
                                 + ", but this callsnare-relay knows versions up to " + std::to_string(latest)
                                 + ": upgrade callsnare-relay before using this database.");
}

domain::Result<int> applyPending(Poco::Data::Session& session, SqlDialect dialect)
{
    const int latest = SchemaMigrator::latestVersion(dialect);
    session << "CREATE TABLE IF NOT EXISTS schema_migrations ("
               "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
        now;
    int current = readVersion(session);
    if (current > latest) {
        return tooNew(current, latest);
    }
    for (const auto& migration : migrationsFor(dialect)) {
        if (migration.version <= current) {
            continue;
        }
        try {
            begin(session, dialect);
            current = readVersion(session);
            if (current > latest) {
                rollbackQuietly(session, dialect);
                return tooNew(current, latest);
            }
            if (migration.version <= current) {
                commit(session, dialect);
                continue;
            }
            for (const std::string& statement : splitSqlScript(migration.sql)) {
                session << statement, now;
            }
            Poco::Int64 version = migration.version;
            Poco::Int64 appliedAt = std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
            session << portableSql(dialect,
                                   "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                use(version), use(appliedAt), now;
            commit(session, dialect);
            current = migration.version;
        } catch (const Poco::Exception& e) {
            rollbackQuietly(session, dialect);
            return domain::makeError("migration_failed",
                                     "Schema migration " + std::to_string(migration.version)
                                         + " failed and was rolled back: " + e.displayText());
        }
    }
    return current;
}

} // namespace

int SchemaMigrator::latestVersion(SqlDialect dialect)
{
    const auto list = migrationsFor(dialect);
    return list.empty() ? 0 : list.back().version;
}

domain::Result<int> SchemaMigrator::currentVersion(Poco::Data::Session& session)
{
    try {
        return readVersion(session);
    } catch (const Poco::Exception& e) {
        return domain::makeError("schema_unreadable",
                                 "Could not read the schema version: " + e.displayText());
    }
}

domain::Result<int> SchemaMigrator::migrate(Poco::Data::Session& session, SqlDialect dialect)
{
    try {
        if (dialect == SqlDialect::PostgreSql) {
            std::string ignored;
            session << kPostgresLockSql, into(ignored), now;
        }
        auto result = applyPending(session, dialect);
        if (dialect == SqlDialect::PostgreSql) {
            std::string ignored;
            session << kPostgresUnlockSql, into(ignored), now;
        }
        return result;
    } catch (const Poco::Exception& e) {
        return domain::makeError("migration_failed", "Schema migration failed: " + e.displayText());
    }
}

} // namespace callsnare::relay
