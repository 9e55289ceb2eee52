#pragma once

// The relay's storage on both databases it runs on, for data-driven tests:
// SQLite in a temp dir and a real, throwaway PostgreSQL 15 cluster
// (PgCluster). Each row gets a fresh database with its writer.

#include "PgCluster.h"

#include "domain/PhoneNumber.h"
#include "domain/Time.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/RelayDatabase.h"

#include <Poco/Types.h>

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <string>

namespace relay_backends {

using namespace callsnare;
using namespace callsnare::relay;

inline QString q(const std::string& text)
{
    return QString::fromStdString(text);
}

inline domain::PhoneNumber phone(const char* text)
{
    return domain::PhoneNumber::parse(text).value();
}

inline domain::Instant at(long long seconds)
{
    return domain::Instant{std::chrono::seconds{seconds}};
}

// One fresh database of either kind, with its writer.
struct Backend {
    std::unique_ptr<QTemporaryDir> dir;
    DatabaseOptions options;
    std::unique_ptr<RelayDatabase> database;
    std::unique_ptr<GroupCommitWriter> writer;
};

// The PostgreSQL cluster the rows share, and how a row's database is made.
class Backends {
public:
    // initTestCase: starts the cluster when PostgreSQL is installed.
    bool start(QString* error);
    void stop() { m_cluster.stop(); }
    // A _data() function's rows: "sqlite" and "postgresql".
    static void rows();
    bool postgresRunning() const { return m_cluster.isRunning(); }
    const QString& skipReason() const { return m_skipReason; }
    bool open(const QString& kind, Backend& backend, QString* error);

private:
    callsnare::test::PgCluster m_cluster;
    QString m_skipReason;
    int m_databases = 0;
};

std::string createOrg(OrgDirectory& directory, const char* number, const char* account,
                      std::optional<std::string> service, const char* token);

Poco::Int64 countRows(RelayDatabase& database, const std::string& sql, const std::string& key);

} // namespace relay_backends

// A fresh database for the current row's backend (a test class with a
// relay_backends::Backends m_backends); skips the row only when PostgreSQL is
// not installed.
#define OPEN_BACKEND(b)                                                                                      \
    relay_backends::Backend b;                                                                               \
    {                                                                                                        \
        QFETCH(QString, backend);                                                                            \
        if (backend == QLatin1String("postgresql") && !m_backends.postgresRunning())                         \
            QSKIP(qPrintable(m_backends.skipReason()));                                                      \
        QString openError;                                                                                   \
        QVERIFY2(m_backends.open(backend, b, &openError), qPrintable(openError));                            \
    }
