#include "store/MessageRepository.h"

#include "store/AwaitingReply.h"

#include "domain/EntityWireNames.h"
#include "store/SearchIndex.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

namespace {

constexpr char kSelectMessage[] = "SELECT id, org_id, lead_id, direction, author, body, carrier_id, status, "
                                  "carrier_error_code, created_at FROM messages";

QVariant errorCodeValue(std::optional<int> code)
{
    return code ? QVariant(*code) : QVariant(QMetaType::fromType<int>());
}

bool messageFrom(const QSqlQuery& query, domain::Message* message, QString* error)
{
    const auto direction = domain::valueIn(domain::kDirectionNames, toStdString(query.value(3)));
    const auto author = domain::valueIn(domain::kMessageAuthorNames, toStdString(query.value(4)));
    const auto status = domain::parseDeliveryStatus(toStdString(query.value(7)));
    if (!direction || !author || !status) {
        return refuse(
            error, QStringLiteral("The stored message \"%1\" is unreadable.").arg(query.value(0).toString()));
    }
    message->id = toStdString(query.value(0));
    message->orgId = toStdString(query.value(1));
    message->leadId = toStdString(query.value(2));
    message->direction = *direction;
    message->author = *author;
    message->body = toStdString(query.value(5));
    message->carrierId = toStdString(query.value(6));
    message->status = *status;
    message->carrierErrorCode.reset();
    if (!query.value(8).isNull()) {
        message->carrierErrorCode = query.value(8).toInt();
    }
    message->createdAt = instantFrom(query.value(9));
    return true;
}

} // namespace

MessageRepository::MessageRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool MessageRepository::insert(const domain::Message& message, QString* error)
{
    if (!checkOrg(message.orgId, m_orgId, QStringLiteral("message"), error)) {
        return false;
    }
    if (message.id.empty()) {
        return refuse(error, QStringLiteral("A message needs an id."));
    }
    const QString id = toQString(message.id);
    const QString leadId = toQString(message.leadId);
    const QString carrierId = toQString(message.carrierId);
    return writeAtomically(m_db, error, [&] {
        if (!carrierId.isEmpty()) {
            QSqlQuery known(m_db);
            known.setForwardOnly(true);
            if (!execute(
                    known,
                    QStringLiteral(
                        "SELECT 1 FROM messages WHERE org_id = ? AND carrier_id = ? AND carrier_id <> ''"),
                    {m_orgId, carrierId}, error)) {
                return false;
            }
            if (known.next()) {
                return refuse(
                    error,
                    QStringLiteral("A message with the carrier id %1 is already stored.").arg(carrierId));
            }
        }
        // Touching the lead first also proves it is this organization's.
        QSqlQuery touch(m_db);
        if (!execute(
                touch,
                QStringLiteral("UPDATE OR ROLLBACK leads SET unread_count = unread_count + ?, "
                               "last_activity_at = max(last_activity_at, ?) WHERE id = ? AND org_id = ?"),
                {message.direction == domain::Direction::Inbound ? 1 : 0, instantValue(message.createdAt),
                 leadId, m_orgId},
                error)) {
            return false;
        }
        if (touch.numRowsAffected() == 0) {
            return refuse(error,
                          QStringLiteral("This organization has no lead \"%1\"; the message was not saved.")
                              .arg(leadId));
        }
        return execute(m_db,
                       QStringLiteral(
                           "INSERT INTO messages (id, org_id, lead_id, direction, author, body, carrier_id, "
                           "status, carrier_error_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {id, m_orgId, leadId,
                        toQString(domain::nameIn(domain::kDirectionNames, message.direction)),
                        toQString(domain::nameIn(domain::kMessageAuthorNames, message.author)),
                        toQString(message.body), carrierId, toQString(domain::wireName(message.status)),
                        errorCodeValue(message.carrierErrorCode), instantValue(message.createdAt)},
                       error)
            && AwaitingReply::afterInsert(m_db, m_orgId, leadId, message.direction, message.author,
                                          instantValue(message.createdAt).toLongLong(), error)
            && SearchIndex(m_db, m_orgId)
                   .indexNew(SearchKind::Message, id, leadId, toQString(message.body), error);
    });
}

bool MessageRepository::updateStatus(const QString& messageId, domain::DeliveryStatus status,
                                     std::optional<int> errorCode, bool* changed, QString* error)
{
    return updateStatusWhere(QStringLiteral("id = ?"), messageId, status, errorCode, changed, error);
}

bool MessageRepository::updateStatusByCarrierId(const QString& carrierId, domain::DeliveryStatus status,
                                                std::optional<int> errorCode, bool* changed, QString* error)
{
    if (carrierId.isEmpty()) {
        return refuse(error, QStringLiteral("A delivery report needs the carrier's message id."));
    }
    return updateStatusWhere(QStringLiteral("carrier_id = ? AND carrier_id <> ''"), carrierId, status,
                             errorCode, changed, error);
}

bool MessageRepository::updateStatusWhere(const QString& match, const QString& key,
                                          domain::DeliveryStatus status, std::optional<int> errorCode,
                                          bool* changed, QString* error)
{
    if (changed) {
        *changed = false;
    }
    const QString newStatus = toQString(domain::wireName(status));
    // Compare-and-set on the status read: another connection's report landing
    // in between makes the UPDATE miss, and the comparison runs again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        QSqlQuery read(m_db);
        read.setForwardOnly(true);
        // `match` is one of our two constants, never input; the carrier id form
        // repeats "<> ''" so SQLite can use the partial index messages_by_carrier_id.
        if (!execute(read, QStringLiteral("SELECT status FROM messages WHERE org_id = ? AND %1").arg(match),
                     {m_orgId, key}, error)) {
            return false;
        }
        if (!read.next()) {
            return refuse(error, QStringLiteral("This organization has no message \"%1\".").arg(key));
        }
        const QString storedText = read.value(0).toString();
        read.finish();
        const auto stored = domain::parseDeliveryStatus(storedText.toStdString());
        if (!stored) {
            return refuse(error,
                          QStringLiteral("The stored message \"%1\" has an unreadable status.").arg(key));
        }
        if (!domain::isDeliveryProgress(*stored, status)) {
            qCDebug(lcStore) << "ignoring a delivery report that does not move forward:" << storedText << "->"
                             << newStatus;
            return true;
        }
        QSqlQuery write(m_db);
        if (!execute(write,
                     QStringLiteral("UPDATE OR ROLLBACK messages SET status = ?, carrier_error_code = "
                                    "coalesce(?, carrier_error_code) "
                                    "WHERE org_id = ? AND %1 AND status = ?")
                         .arg(match),
                     {newStatus, errorCodeValue(errorCode), m_orgId, key, storedText}, error)) {
            return false;
        }
        if (write.numRowsAffected() > 0) {
            if (changed) {
                *changed = true;
            }
            return true;
        }
    }
    return refuse(error, QStringLiteral("The status of message \"%1\" kept changing; try again.").arg(key));
}

bool MessageRepository::setCarrierId(const QString& messageId, const QString& carrierId, bool* changed,
                                     QString* error)
{
    if (changed) {
        *changed = false;
    }
    if (carrierId.isEmpty()) {
        return refuse(error, QStringLiteral("The carrier's message id is empty."));
    }
    QSqlQuery query(m_db);
    if (!execute(
            query,
            QStringLiteral("UPDATE OR ROLLBACK messages SET carrier_id = ? WHERE org_id = ? AND id = ? AND "
                           "carrier_id = '' "
                           "AND NOT EXISTS (SELECT 1 FROM messages WHERE org_id = ? AND carrier_id = ? AND "
                           "carrier_id <> '')"),
            {carrierId, m_orgId, messageId, m_orgId, carrierId}, error)) {
        return false;
    }
    if (changed) {
        *changed = query.numRowsAffected() > 0;
    }
    return true;
}

std::optional<domain::Message> MessageRepository::find(const QString& id, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QString::fromLatin1(kSelectMessage) + QStringLiteral(" WHERE org_id = ? AND id = ?"),
                 {m_orgId, id}, error)) {
        return std::nullopt;
    }
    if (!query.next()) {
        if (error) {
            error->clear();
        }
        return std::nullopt;
    }
    domain::Message message;
    if (!messageFrom(query, &message, error)) {
        return std::nullopt;
    }
    return message;
}

bool MessageRepository::listForLead(const QString& leadId, std::vector<domain::Message>* messages,
                                    QString* error) const
{
    messages->clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query,
                 QString::fromLatin1(kSelectMessage)
                     + QStringLiteral(" WHERE org_id = ? AND lead_id = ? ORDER BY created_at, rowid"),
                 {m_orgId, leadId}, error)) {
        return false;
    }
    while (query.next()) {
        domain::Message message;
        if (!messageFrom(query, &message, error)) {
            return false;
        }
        messages->push_back(std::move(message));
    }
    return true;
}

} // namespace callsnare::store
