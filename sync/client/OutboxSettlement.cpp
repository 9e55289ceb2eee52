#include "client/OutboxSettlement.h"

#include "client/EventApplier.h"
#include "client/SyncLogging.h"
#include "domain/Message.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "store/BookingRepository.h"
#include "store/MessageRepository.h"
#include "store/StoreSql.h"

#include <map>
#include <utility>

namespace callsnare::syncclient {

namespace {

using store::toQString;

// A field of the queued mutation's data ("lead_id", "message_id"...), empty
// when absent.
QString dataField(const store::OutboxEntry& entry, const std::string& key)
{
    const auto item = protocol::parseObject(entry.payloadJson.toStdString(), "queued mutation");
    if (!item) {
        return {};
    }
    const auto data = item.value()->getObject("data");
    if (!data || !data->has(key) || !data->get(key).isString()) {
        return {};
    }
    return toQString(data->getValue<std::string>(key));
}

} // namespace

OutboxSettlement::OutboxSettlement(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

QByteArray OutboxSettlement::batchBody(const std::vector<store::OutboxEntry>& entries)
{
    QByteArray body = "{\"protocol\":" + QByteArray::number(protocol::ProtocolVersion) + ",\"mutations\":[";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) {
            body += ',';
        }
        body += entries[i].payloadJson.toUtf8();
    }
    body += "]}";
    return body;
}

bool OutboxSettlement::settle(const std::vector<store::OutboxEntry>& sent,
                              const std::vector<protocol::MutationResult>& results, domain::Instant now,
                              SettleReport* report, QString* error)
{
    std::map<QString, const protocol::MutationResult*> byId;
    for (const auto& result : results) {
        byId.emplace(toQString(result.id), &result);
    }
    *report = SettleReport{};
    store::OutboxRepository outbox(m_db, m_orgId);
    return store::inTransaction(m_db, error, [&] {
        for (std::size_t i = 0; i < sent.size(); ++i) {
            const store::OutboxEntry& entry = sent[i];
            const auto found = byId.find(entry.clientUuid);
            const int status = found == byId.end() ? 0 : found->second->status;
            if (status == 200) {
                if (!outbox.remove(entry.id, error)) {
                    return false;
                }
                // A text the relay's send gate refused at once comes back
                // applied with its status; events would say so later too.
                const auto data = found->second->data;
                if (entry.kind == QLatin1String("message.send") && data && data->has("status")
                    && data->get("status").isString()) {
                    const auto moved = domain::parseDeliveryStatus(data->getValue<std::string>("status"));
                    const QString messageId = dataField(entry, "message_id");
                    if (moved && !messageId.isEmpty()
                        && !store::MessageRepository(m_db, m_orgId)
                                .updateStatus(messageId, *moved, std::nullopt, nullptr, error)) {
                        return false;
                    }
                }
                ++report->applied;
            } else if (status == 409 || status == 404 || status == 422) {
                if (!reject(entry, *found->second, now, report, error)) {
                    return false;
                }
            } else {
                // No answer, or one to try again later: this entry and every
                // later one stay queued, in order.
                const QString reason = status == 0
                    ? QStringLiteral("the relay's answer did not mention this change")
                    : QStringLiteral("the relay answered %1 for this change").arg(status);
                if (!outbox.recordAttempt(entry.id, reason, error)) {
                    return false;
                }
                report->kept = static_cast<int>(sent.size() - i);
                return true;
            }
        }
        return true;
    });
}

bool OutboxSettlement::reject(const store::OutboxEntry& entry, const protocol::MutationResult& result,
                              domain::Instant now, SettleReport* report, QString* error)
{
    store::SyncConflict conflict;
    conflict.clientUuid = entry.clientUuid;
    conflict.kind = entry.kind;
    conflict.leadId = dataField(entry, "lead_id");
    const QString bookingId = dataField(entry, "booking_id");
    if (conflict.leadId.isEmpty() && !bookingId.isEmpty()) {
        QString lookupError;
        if (const auto booking = store::BookingRepository(m_db, m_orgId).find(bookingId, &lookupError)) {
            conflict.leadId = toQString(booking->leadId);
        }
    }
    conflict.status = result.status;
    conflict.code = toQString(result.error ? result.error->code : std::string("rejected"));
    conflict.message = toQString(result.error ? result.error->message : std::string());
    conflict.mutationJson = entry.payloadJson;
    conflict.recordedAt = now;
    if (result.current) {
        conflict.currentJson = toQString(protocol::stringify(*result.current));
        // The relay's current state replaces this desktop's guess.
        EventApplier applier(m_db, m_orgId);
        if (entry.kind.startsWith(QLatin1String("lead."))) {
            const auto lead = protocol::decodeLeadSnapshot(result.current, "current");
            if (lead && !applier.saveCurrent(lead.value(), error)) {
                return false;
            }
        } else if (entry.kind.startsWith(QLatin1String("booking."))) {
            const auto booking = protocol::decodeBooking(result.current, "current");
            if (booking && !applier.saveCurrent(booking.value(), error)) {
                return false;
            }
        } else if (entry.kind == QLatin1String("settings.change")) {
            const auto settings = protocol::decodeOrgSettings(result.current, "current");
            if (settings && !applier.saveCurrent(settings.value(), error)) {
                return false;
            }
        }
    }
    // A text the relay will never send must not sit as "queued" forever.
    if (entry.kind == QLatin1String("message.send")) {
        const QString messageId = dataField(entry, "message_id");
        if (!messageId.isEmpty()
            && !store::MessageRepository(m_db, m_orgId)
                    .updateStatus(messageId, domain::DeliveryStatus::Refused, std::nullopt, nullptr, error)) {
            return false;
        }
    }
    if (!store::SyncConflictRepository(m_db, m_orgId).record(conflict, error)
        || !store::OutboxRepository(m_db, m_orgId).remove(entry.id, error)) {
        return false;
    }
    qCInfo(lcSync) << "relay did not apply" << entry.kind << entry.clientUuid << "status" << result.status
                   << conflict.code;
    ++report->conflicts;
    report->recorded.push_back(std::move(conflict));
    return true;
}

bool OutboxSettlement::recordFailure(const std::vector<store::OutboxEntry>& sent, const QString& reason,
                                     QString* error)
{
    store::OutboxRepository outbox(m_db, m_orgId);
    return store::inTransaction(m_db, error, [&] {
        for (const auto& entry : sent) {
            if (!outbox.recordAttempt(entry.id, reason, error)) {
                return false;
            }
        }
        return true;
    });
}

} // namespace callsnare::syncclient
