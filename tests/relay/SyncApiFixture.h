#pragma once

// What the sync API's end-to-end tests share: the real relay and carrier
// stand-in with two organizations (A and B), on SQLite or on a throwaway
// PostgreSQL cluster, and a device's calls to the API decoded with the same
// protocol codec the desktop uses. A test class derives from QObject and
// from this fixture.

#include "PgCluster.h"
#include "RelayWithCarrier.h"

#include "protocol/EventFacts.h"
#include "protocol/OrgSettings.h"
#include "protocol/SyncEvents.h"
#include "protocol/SyncMutations.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace sync_api {

namespace protocol = callsnare::protocol;

inline const QByteArray accountA = "AC00000000000000000000000000000a01";
inline const QByteArray accountB = "AC00000000000000000000000000000b02";
inline const QByteArray tokenA = "sync-api-token-a";
inline const QByteArray tokenB = "sync-api-token-b";
inline const QByteArray numberA = "+15125550191";
inline const QByteArray numberB = "+15125550192";
inline const QByteArray homeowner = "+15125550142";

std::string newUuid();
QByteArray bearer(const std::string& token);

class SyncApiFixture {
protected:
    // The test's initTestCase(), cleanupTestCase() and cleanup().
    // false with *error when the PostgreSQL cluster exists but does not start.
    bool setUpSuite(QString* error);
    void tearDownSuite();
    // Stops the relay and the stand-in; false with the relay's log when it did not drain.
    bool stopSystem(QString* error);

    // The "backend" column: sqlite, postgresql.
    static void backends();
    bool start(const QString& backend, QString* error);
    std::string enroll(const QString& orgId, QString* error);
    protocol::EventPage events(const std::string& token, std::int64_t after, int limit = 1000, int wait = 0);
    std::vector<protocol::MutationResult> mutate(const std::string& token,
                                                 const std::vector<protocol::Mutation>& batch);
    // A missed call from the homeowner to org A (committed when the stand-in
    // returns); the lead it opened, as the device reads it.
    std::string leadOfMissedCall(const std::string& token);
    // The newest snapshot of the lead in the device's view of the log (of any lead when leadId is empty).
    protocol::LeadSnapshot lead(const std::string& token, const std::string& leadId);
    // The organization's settings as its newest org.settings event has them, and how many there are.
    protocol::OrgSettings settings(const std::string& token, int* count = nullptr);

    callsnare::test::PgCluster m_cluster;
    QString m_pgSkipReason;
    int m_databases = 0;
    std::unique_ptr<callsnare::test::RelayWithCarrier> m_system;
    QString m_orgA;
    QString m_orgB;
};

} // namespace sync_api

#define START_FETCHED()                                                                                      \
    QFETCH(QString, backend);                                                                                \
    if (backend == QLatin1String("postgresql") && !m_cluster.isRunning())                                    \
        QSKIP(qPrintable(m_pgSkipReason));                                                                   \
    {                                                                                                        \
        QString startError;                                                                                  \
        QVERIFY2(start(backend, &startError), qPrintable(startError));                                       \
    }
