#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QtGlobal>

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

private:
    bool ensureRow(QString* error);
    bool readColumn(const QString& column, QVariant* value, QString* error) const;
    bool writeColumn(const QString& column, const QVariant& value, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
