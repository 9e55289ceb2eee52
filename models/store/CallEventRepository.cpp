#include "store/CallEventRepository.h"

#include "domain/EntityWireNames.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

namespace {

std::optional<domain::CallEvent> callFrom(const QSqlQuery& query, QString* error)
{
    const QString id = query.value(0).toString();
    auto to = domain::PhoneNumber::parse(toStdString(query.value(6)));
    const auto outcome = domain::valueIn(domain::kCallOutcomeNames, toStdString(query.value(7)));
    std::optional<domain::PhoneNumber> from;
    if (!query.value(5).isNull()) {
        auto parsed = domain::PhoneNumber::parse(toStdString(query.value(5)));
        if (!parsed) {
            refuse(error, QStringLiteral("The stored call \"%1\" has an unreadable caller number.").arg(id));
            return std::nullopt;
        }
        from = parsed.value();
    }
    if (!to || !outcome) {
        refuse(error, QStringLiteral("The stored call \"%1\" is unreadable.").arg(id));
        return std::nullopt;
    }
    return domain::CallEvent{
        .id = toStdString(query.value(0)),
        .orgId = toStdString(query.value(1)),
        .leadId = toStdString(query.value(2)), // NULL reads as ""
        .carrier = toStdString(query.value(3)),
        .carrierCallId = toStdString(query.value(4)),
        .from = from,
        .to = to.value(),
        .outcome = *outcome,
        .carrierStatus = toStdString(query.value(8)),
        .occurredAt = instantFrom(query.value(9)),
    };
}

} // namespace

CallEventRepository::CallEventRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool CallEventRepository::insert(const domain::CallEvent& event, InsertOutcome* outcome, QString* error)
{
    if (!checkOrg(event.orgId, m_orgId, QStringLiteral("call"), error)) {
        return false;
    }
    if (event.id.empty() || event.carrier.empty() || event.carrierCallId.empty()) {
        return refuse(error, QStringLiteral("A call needs an id, a carrier and the carrier's call id."));
    }
    const QString leadId = toQString(event.leadId);
    InsertOutcome result = InsertOutcome::Inserted;
    const bool stored = writeAtomically(m_db, error, [&] {
        // A carrier's retry of the same webhook is the same call: keep the
        // first report and leave the lead alone.
        QSqlQuery known(m_db);
        known.setForwardOnly(true);
        if (!execute(
                known,
                QStringLiteral(
                    "SELECT 1 FROM call_events WHERE org_id = ? AND carrier = ? AND carrier_call_id = ?"),
                {m_orgId, toQString(event.carrier), toQString(event.carrierCallId)}, error)) {
            return false;
        }
        if (known.next()) {
            result = InsertOutcome::AlreadyStored;
            return true;
        }
        known.finish();

        if (!leadId.isEmpty()) {
            QSqlQuery touch(m_db);
            if (!execute(
                    touch,
                    QStringLiteral("UPDATE OR ROLLBACK leads SET last_call_at = max(last_call_at, ?), "
                                   "last_activity_at = max(last_activity_at, ?) WHERE id = ? AND org_id = ?"),
                    {instantValue(event.occurredAt), instantValue(event.occurredAt), leadId, m_orgId},
                    error)) {
                return false;
            }
            if (touch.numRowsAffected() == 0) {
                return refuse(error,
                              QStringLiteral("This organization has no lead \"%1\"; the call was not saved.")
                                  .arg(leadId));
            }
        }
        return execute(
            m_db,
            QStringLiteral("INSERT INTO call_events (id, org_id, lead_id, carrier, carrier_call_id, "
                           "from_number, to_number, outcome, carrier_status, occurred_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {toQString(event.id), m_orgId,
             leadId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(leadId),
             toQString(event.carrier), toQString(event.carrierCallId),
             event.from ? QVariant(toQString(event.from->e164())) : QVariant(QMetaType::fromType<QString>()),
             toQString(event.to.e164()), toQString(domain::nameIn(domain::kCallOutcomeNames, event.outcome)),
             toQString(event.carrierStatus), instantValue(event.occurredAt)},
            error);
    });
    if (stored && outcome) {
        *outcome = result;
    }
    return stored;
}

bool CallEventRepository::listForLead(const QString& leadId, std::vector<domain::CallEvent>* events,
                                      QString* error) const
{
    events->clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(
            query,
            QStringLiteral("SELECT id, org_id, lead_id, carrier, carrier_call_id, from_number, to_number, "
                           "outcome, carrier_status, occurred_at FROM call_events "
                           "WHERE org_id = ? AND lead_id = ? ORDER BY occurred_at, rowid"),
            {m_orgId, leadId}, error)) {
        return false;
    }
    while (query.next()) {
        auto event = callFrom(query, error);
        if (!event) {
            return false;
        }
        events->push_back(std::move(*event));
    }
    return true;
}

} // namespace callsnare::store
