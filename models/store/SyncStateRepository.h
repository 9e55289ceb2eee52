#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QtGlobal>

#include <vector>

namespace callsnare::store {

// Where this device stands in one organization's event log on the relay
// (table sync_state, one row per organization, made on the first write).
// Every statement is filtered on the organization.
//
// Every method returns false with a readable sentence in `error` when it
// fails; reads hand their result through an out parameter.
class SyncStateRepository {
public:
    SyncStateRepository(QSqlDatabase db, QString orgId);

    // The sequence of the last event applied; 0 before the first pull.
    bool cursor(qint64* cursor, QString* error) const;
    // Moves the cursor forward (or leaves it where it is). Moving it backwards
    // would replay events already applied, so it is refused, as is a negative
    // cursor.
    bool setCursor(qint64 cursor, QString* error);

    // Empty until enrollment stores them.
    bool relayUrl(QString* url, QString* error) const;
    bool setRelayUrl(const QString& url, QString* error);
    bool deviceId(QString* id, QString* error) const;
    bool setDeviceId(const QString& id, QString* error);

    // Where the device token is kept: "keychain", "profile" or empty (not
    // enrolled). The token itself is stored here only for "profile".
    bool tokenStore(QString* store, QString* error) const;
    bool deviceToken(QString* token, QString* error) const;
    // Records where the token went; `token` is kept only when `store` is
    // "profile", and cleared otherwise so no stale copy lingers.
    bool setToken(const QString& store, const QString& token, QString* error);

    // One organization this profile is enrolled with.
    struct Enrollment {
        QString orgId;
        QString relayUrl;
        QString deviceId;
    };
    // Every organization with a device id, by org id.
    static bool enrollments(const QSqlDatabase& db, std::vector<Enrollment>* found, QString* error);

private:
    bool ensureRow(QString* error);
    bool readColumn(const QString& column, QVariant* value, QString* error) const;
    bool writeColumn(const QString& column, const QVariant& value, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
