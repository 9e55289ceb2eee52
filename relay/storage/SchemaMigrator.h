#pragma once

#include "domain/Result.h"
#include "relay/storage/SqlDialect.h"

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

// Versioned schema migrations embedded in the binary
// (relay/storage/migrations/<dialect>/NNN.sql). Applied versions are recorded
// in schema_migrations; each migration runs in one transaction, so a failure
// leaves the previous version intact. Several relays starting at once are
// safe: PostgreSQL serializes them with an advisory lock, SQLite with
// BEGIN IMMEDIATE, and each re-reads the version inside its transaction.
class SchemaMigrator {
public:
    static int latestVersion(SqlDialect dialect);

    // The version the database is at (0 for an empty database).
    static domain::Result<int> currentVersion(Poco::Data::Session& session);

    // Brings the schema to latestVersion() and returns it. A database whose
    // schema is newer than this binary knows is refused (error code
    // "schema_too_new"), never downgraded or touched.
    static domain::Result<int> migrate(Poco::Data::Session& session, SqlDialect dialect);
};

} // namespace callsnare::relay
