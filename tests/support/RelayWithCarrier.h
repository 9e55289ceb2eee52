#pragma once

#include "CarrierStandInProcess.h"
#include "RelayProcess.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace callsnare::test {

// The real relay and the carrier stand-in wired to each other on 127.0.0.1,
// as end-to-end tests need them: the stand-in posts webhooks to the relay's
// port (reserved before either starts) and the relay sends texts to the
// stand-in's Messages API. Organizations are made with `admin`, as an
// operator makes them.
class RelayWithCarrier {
public:
    RelayWithCarrier(QString relayProgram, QString standInProgram);

    // Accounts the stand-in knows; add them before start().
    void addAccount(const QByteArray& accountSid, const QByteArray& authToken);

    // databaseUri: empty for the relay's embedded SQLite.
    bool start(const QString& databaseUri, QString* error);
    // Stops both; false (with the relay's log in *error) when the relay did not drain.
    bool stop(QString* error);
    // The relay alone, as in an outage, and back on the same port and storage.
    bool stopRelay(QString* error);
    // The relay dies at once (SIGKILL), as in a crash; restartRelay() brings it back.
    void killRelay();
    bool restartRelay(QString* error);

    // A new organization with quiet hours off (tests run at any hour); its id, or empty with *error.
    // `automation` adds `admin automation set` options (e.g. --on-call).
    QString createOrg(const QString& name, const QByteArray& accountSid, const QByteArray& authToken,
                      const QByteArray& number, QString* error, const QStringList& automation = {});
    // `callsnare-relay admin ...` against the relay's storage: stdout, or a null array with *error.
    QByteArray admin(QStringList arguments, QString* error);

    RelayProcess& relay() { return *m_relay; }
    CarrierStandInProcess& standIn() { return *m_standIn; }
    const QString& databaseUri() const { return m_databaseUri; }
    QString dataDir() const;

private:
    QString m_relayProgram;
    QString m_standInProgram;
    QList<QPair<QByteArray, QByteArray>> m_accounts;
    QString m_databaseUri;
    std::unique_ptr<CarrierStandInProcess> m_standIn;
    std::unique_ptr<RelayProcess> m_relay;
    // A stopped relay whose temporary dir holds the storage its successor uses.
    std::unique_ptr<RelayProcess> m_stopped;
    QStringList m_relayArguments;
    int m_orgs = 0;
};

} // namespace callsnare::test
