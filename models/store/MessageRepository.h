#pragma once

#include "domain/Message.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// The texts of one organization's leads (table messages). Every statement is
// filtered on the organization. Bodies are kept in the full-text index
// (SearchKind::Message) in the same transaction.
class MessageRepository {
public:
    MessageRepository(QSqlDatabase db, QString orgId);

    // Stores the text on its lead (one of this organization's): an inbound
    // text adds one to the lead's unread count, and every text moves the
    // lead's last activity forward to its time (never back).
    bool insert(const domain::Message& message, QString* error);

    // Applies a delivery report. Carriers report out of order, so a status
    // only moves forward (domain::isDeliveryProgress): a report that would
    // move it back or change a final status is ignored, not an error.
    // `changed` (when given) tells whether the stored status moved. The error
    // code is stored with a moving status; nullopt keeps the stored one.
    bool updateStatus(const QString& messageId, domain::DeliveryStatus status, std::optional<int> errorCode,
                      bool* changed, QString* error);
    // The same, for a report that names the carrier's id (Twilio MessageSid).
    bool updateStatusByCarrierId(const QString& carrierId, domain::DeliveryStatus status,
                                 std::optional<int> errorCode, bool* changed, QString* error);

    // Records the carrier's id of a text once the carrier accepted it. A text
    // that already has one keeps it (the first acceptance is the one the
    // carrier reports on); `changed` (when given) tells whether it was set.
    bool setCarrierId(const QString& messageId, const QString& carrierId, bool* changed, QString* error);

    std::optional<domain::Message> find(const QString& id, QString* error) const;
    // The lead's texts, oldest first (texts of the same second in the order
    // they were stored).
    bool listForLead(const QString& leadId, std::vector<domain::Message>* messages, QString* error) const;

private:
    bool updateStatusWhere(const QString& match, const QString& key, domain::DeliveryStatus status,
                           std::optional<int> errorCode, bool* changed, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
