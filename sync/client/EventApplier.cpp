#include "client/EventApplier.h"

#include "client/SyncLogging.h"
#include "domain/EntityWireNames.h"
#include "store/BookingRepository.h"
#include "store/CallEventRepository.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/LifecycleEventRepository.h"
#include "store/MessageRepository.h"
#include "store/NoteRepository.h"
#include "store/OrgSettingsRepository.h"
#include "store/ProofRecordRepository.h"
#include "store/ReminderJobRepository.h"
#include "store/StoreSql.h"
#include "store/SyncStateRepository.h"
#include "store/WriteScope.h"

#include <QUuid>

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace callsnare::syncclient {

namespace {

using store::toQString;

// The namespace of ids derived from the event log (a fixed random UUID).
const QUuid kDerivedIdNamespace(QStringLiteral("{5b0c7a52-3a8e-4f4e-9d53-7c1f2e6b9a10}"));

// Writes the facts of one page through the repositories, inside the page's
// transaction. Each method returns false with m_error set when the store
// refuses a write or a fact's value cannot be used (a phone number that does
// not parse); the caller then rolls the whole page back.
class FactWriter {
public:
    FactWriter(QSqlDatabase db, QString orgId) : m_db(std::move(db)), m_orgId(std::move(orgId)) { }

    // `applied` is false when the fact is about nothing this store holds.
    bool write(const protocol::SyncEvent& event, const protocol::EventFact& fact, bool* applied)
    {
        m_event = &event;
        *applied = true;
        return std::visit([&](const auto& item) { return writeFact(item, applied); }, fact);
    }

    const domain::Error& error() const { return m_error; }

private:
    bool storeFailed(const QString& message)
    {
        m_error = domain::makeError("store_error", message.toStdString());
        return false;
    }

    bool invalid(const std::string& field, const std::string& problem)
    {
        m_error = domain::makeError("invalid_field",
                                    "events[seq " + std::to_string(m_event->seq) + "].data." + field + ": "
                                        + problem);
        return false;
    }

    // The page fails on a proof record the stored ledger cannot take.
    bool brokenChain(const std::string& field, const std::string& problem)
    {
        m_error = domain::makeError("broken_proof_chain",
                                    "events[seq " + std::to_string(m_event->seq) + "].data." + field + ": "
                                        + problem);
        return false;
    }

    std::string orgId() const { return m_orgId.toStdString(); }

    bool bookingKnown(const std::string& bookingId, bool* known)
    {
        *known = m_knownBookings.contains(bookingId);
        if (*known) {
            return true;
        }
        QString error;
        const auto booking = store::BookingRepository(m_db, m_orgId).find(toQString(bookingId), &error);
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        *known = booking.has_value();
        if (*known) {
            m_knownBookings.insert(bookingId);
        }
        return true;
    }

    bool leadKnown(const std::optional<std::string>& leadId, bool* known)
    {
        *known = false;
        if (!leadId || leadId->empty()) {
            return true;
        }
        if (m_knownLeads.contains(*leadId)) {
            *known = true;
            return true;
        }
        QString error;
        const auto lead = store::LeadRepository(m_db, m_orgId).find(toQString(*leadId), &error);
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        *known = lead.has_value();
        if (*known) {
            m_knownLeads.insert(*leadId);
        }
        return true;
    }

    // The local contact for the relay's contact id and number: the one with
    // that id, else the one with that number (made here before the relay's
    // id was known, e.g. imported), else a new one.
    bool resolveContact(const std::string& contactId, const std::string& phoneText, std::string* localId)
    {
        const auto phone = domain::PhoneNumber::parse(phoneText);
        if (!phone) {
            return invalid("phone", "\"" + phoneText + "\" is not a phone number");
        }
        // Keyed by id and number: the same pair always resolves the same way.
        std::string key = contactId + '\n' + phone.value().e164();
        if (const auto known = m_knownContacts.find(key); known != m_knownContacts.end()) {
            *localId = known->second;
            return true;
        }
        if (!resolveStoredContact(contactId, phone.value(), localId)) {
            return false;
        }
        m_knownContacts.emplace(std::move(key), *localId);
        return true;
    }

    bool resolveStoredContact(const std::string& contactId, const domain::PhoneNumber& phone,
                              std::string* localId)
    {
        store::ContactRepository contacts(m_db, m_orgId);
        QString error;
        if (const auto byId = contacts.find(toQString(contactId), &error)) {
            *localId = byId->id;
            return true;
        }
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        if (const auto byPhone = contacts.findByPhone(phone, &error)) {
            *localId = byPhone->id;
            return true;
        }
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        domain::Contact contact{.id = contactId,
                                .orgId = orgId(),
                                .phone = phone,
                                .name = {},
                                .optOut = {},
                                .timeZoneOverride = std::nullopt};
        if (!contacts.insert(contact, &error)) {
            return storeFailed(error);
        }
        *localId = contactId;
        return true;
    }

    bool writeFact(const protocol::LeadSnapshot& snapshot, bool*)
    {
        std::string contactId;
        if (!resolveContact(snapshot.contactId, snapshot.phone, &contactId)) {
            return false;
        }
        domain::Lead lead = protocol::leadOf(snapshot, orgId());
        lead.contactId = contactId; // the desktop's contact for the number
        QString error;
        if (!store::LeadRepository(m_db, m_orgId).saveRelayVersion(lead, snapshot.version, nullptr, &error)) {
            return storeFailed(error);
        }
        m_knownLeads.insert(snapshot.leadId);
        return true;
    }

    bool writeFact(const protocol::ContactOptOut& change, bool*)
    {
        std::string contactId;
        if (!resolveContact(change.contactId, change.phone, &contactId)) {
            return false;
        }
        const domain::OptOutState state{
            .optedOut = change.optedOut,
            .changedAt = change.changedAt,
            .source = domain::valueIn(domain::kConsentSourceNames, change.source),
        };
        QString error;
        if (!store::ContactRepository(m_db, m_orgId).setOptOut(toQString(contactId), state, &error)) {
            return storeFailed(error);
        }
        return true;
    }

    bool writeFact(const protocol::CallFact& call, bool* applied)
    {
        bool known = false;
        if (!leadKnown(call.leadId, &known)) {
            return false;
        }
        if (!known) {
            *applied = false;
            return true;
        }
        const auto to = domain::PhoneNumber::parse(call.to);
        if (!to) {
            return invalid("to", "\"" + call.to + "\" is not a phone number");
        }
        std::optional<domain::PhoneNumber> from;
        if (call.from) {
            // A caller id the relay kept verbatim (it did not parse there
            // either) is shown as withheld rather than failing the page.
            if (auto parsed = domain::PhoneNumber::parse(*call.from)) {
                from = parsed.value();
            }
        }
        const domain::CallEvent event{
            .id = EventApplier::derivedId(m_orgId, m_event->seq).toStdString(),
            .orgId = orgId(),
            .leadId = *call.leadId,
            .carrier = call.carrier,
            .carrierCallId = call.callSid,
            .from = from,
            .to = to.value(),
            .outcome = call.missed ? domain::CallOutcome::Missed : domain::CallOutcome::Answered,
            .carrierStatus = call.status,
            .occurredAt = call.occurredAt,
        };
        store::CallEventRepository::InsertOutcome outcome{};
        QString error;
        if (!store::CallEventRepository(m_db, m_orgId).insert(event, &outcome, &error)) {
            return storeFailed(error);
        }
        return true;
    }

    bool writeFact(const protocol::MessageFact& fact, bool* applied)
    {
        bool known = false;
        if (!leadKnown(fact.leadId, &known)) {
            return false;
        }
        if (!known) {
            *applied = false;
            return true;
        }
        store::MessageRepository messages(m_db, m_orgId);
        QString error;
        const auto status = domain::parseDeliveryStatus(fact.status).value_or(domain::DeliveryStatus::Queued);
        if (const auto stored = messages.find(toQString(fact.messageId), &error)) {
            // The desktop's own text (message.send minted its id) or a replay:
            // its status may move on and its time is the relay's.
            if (!messages.updateStatus(toQString(fact.messageId), status, std::nullopt, nullptr, &error)
                || !store::LeadRepository(m_db, m_orgId)
                        .adoptRelayTime(store::TimedFact::Message, toQString(fact.messageId), fact.at,
                                        nullptr, &error)) {
                return storeFailed(error);
            }
            return true;
        }
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        domain::Message message;
        message.id = fact.messageId;
        message.orgId = orgId();
        message.leadId = *fact.leadId;
        message.direction
            = fact.direction == "inbound" ? domain::Direction::Inbound : domain::Direction::Outbound;
        message.author = domain::valueIn(domain::kMessageAuthorNames, fact.author)
                             .value_or(domain::MessageAuthor::Automation);
        message.body = fact.body;
        message.carrierId = fact.carrierSid.value_or("");
        message.status = status;
        message.createdAt = fact.at;
        if (!messages.insert(message, &error)) {
            return storeFailed(error);
        }
        return true;
    }

    bool writeFact(const protocol::MessageProgress& progress, bool* applied)
    {
        store::MessageRepository messages(m_db, m_orgId);
        QString error;
        const QString id = toQString(progress.messageId.value_or(""));
        const auto stored = id.isEmpty() ? std::nullopt : messages.find(id, &error);
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        if (!stored) {
            // A text about no lead, or one the relay itself did not know.
            *applied = false;
            return true;
        }
        if (progress.carrierSid && stored->carrierId.empty()
            && !messages.setCarrierId(id, toQString(*progress.carrierSid), nullptr, &error)) {
            return storeFailed(error);
        }
        if (progress.status) {
            const auto status = domain::parseDeliveryStatus(*progress.status);
            std::optional<int> code;
            if (progress.errorCode) {
                code = static_cast<int>(*progress.errorCode);
            }
            if (status && !messages.updateStatus(id, *status, code, nullptr, &error)) {
                return storeFailed(error);
            }
        }
        return true;
    }

    bool writeFact(const protocol::NoteFact& fact, bool* applied)
    {
        bool known = false;
        if (!leadKnown(fact.leadId, &known)) {
            return false;
        }
        if (!known) {
            *applied = false;
            return true;
        }
        store::NoteRepository notes(m_db, m_orgId);
        bool stored = false;
        QString error;
        if (!notes.contains(toQString(fact.noteId), &stored, &error)) {
            return storeFailed(error);
        }
        if (stored) {
            // This desktop's own note (or a replay): its time is the relay's.
            return store::LeadRepository(m_db, m_orgId)
                       .adoptRelayTime(store::TimedFact::Note, toQString(fact.noteId), fact.createdAt,
                                       nullptr, &error)
                || storeFailed(error);
        }
        const domain::Note note{fact.noteId, orgId(), fact.leadId, fact.author, fact.body, fact.createdAt};
        if (!notes.insert(note, &error)) {
            return storeFailed(error);
        }
        return true;
    }

    bool writeFact(const protocol::LeadActivity& activity, bool* applied)
    {
        bool known = false;
        if (!leadKnown(activity.leadId, &known)) {
            return false;
        }
        if (!known) {
            *applied = false;
            return true;
        }
        store::LifecycleEventRepository timeline(m_db, m_orgId);
        const QString id = EventApplier::derivedId(m_orgId, m_event->seq);
        bool stored = false;
        QString error;
        if (!timeline.contains(id, &stored, &error)) {
            return storeFailed(error);
        }
        if (stored) {
            return true;
        }
        const domain::LifecycleEvent event{id.toStdString(), orgId(),         *activity.leadId,
                                           activity.kind,    activity.detail, m_event->at};
        if (!timeline.append(event, &error)) {
            return storeFailed(error);
        }
        return true;
    }

    bool writeFact(const protocol::BookingSnapshot& snapshot, bool* applied)
    {
        bool known = false;
        if (!leadKnown(snapshot.leadId, &known)) {
            return false;
        }
        if (!known) {
            *applied = false;
            return true;
        }
        domain::Booking booking;
        booking.id = snapshot.bookingId;
        booking.orgId = orgId();
        booking.leadId = snapshot.leadId;
        booking.startsAt = snapshot.startsAt;
        booking.duration = std::chrono::minutes{snapshot.durationMinutes};
        booking.technician = snapshot.technician;
        booking.address = snapshot.address;
        booking.status = domain::valueIn(domain::kBookingStatusNames, snapshot.status)
                             .value_or(domain::BookingStatus::Scheduled);
        booking.version = static_cast<int>(snapshot.version);
        QString error;
        if (!store::BookingRepository(m_db, m_orgId).saveRelayVersion(booking, nullptr, &error)) {
            return storeFailed(error);
        }
        return true;
    }

    // Version-guarded like lead snapshots: a replay or an older snapshot
    // changes nothing.
    bool writeFact(const protocol::OrgSettings& settings, bool*)
    {
        store::OrgSettingsRecord record;
        record.timeZone = settings.timeZone;
        record.quietHours.start = std::chrono::minutes{settings.quietStartMinutes};
        record.quietHours.end = std::chrono::minutes{settings.quietEndMinutes};
        record.quietHours.policy = domain::valueIn(domain::kQuietHoursPolicyNames, settings.quietPolicy)
                                       .value_or(domain::QuietHoursPolicy::Defer);
        record.dedupeWindow = std::chrono::minutes{settings.dedupeWindowMinutes};
        record.templates = settings.templates;
        record.intakeQuestions = settings.intakeQuestions;
        if (settings.onCallNumber) {
            auto number = domain::PhoneNumber::parse(*settings.onCallNumber);
            if (!number) {
                return invalid("on_call_number", "\"" + *settings.onCallNumber + "\" is not a phone number");
            }
            record.onCallNumber = number.value();
        }
        auto hours = domain::BusinessHours::create(settings.businessHours, settings.holidays);
        if (!hours) {
            return invalid("business_hours", hours.error().message);
        }
        record.hours = std::move(hours).value();
        record.reminderOffsets.clear();
        for (const std::int64_t offset : settings.reminderOffsetsMinutes) {
            record.reminderOffsets.push_back(std::chrono::minutes{offset});
        }
        record.responseTarget = std::chrono::minutes{settings.responseTargetMinutes};
        record.version = settings.version;
        QString error;
        return store::OrgSettingsRepository(m_db, m_orgId).saveRelayVersion(record, nullptr, &error)
            || storeFailed(error);
    }

    // A job of a booking this store does not hold (its lead is not here) is
    // about nothing here. The relay's copy wins, except over a job already
    // sent or canceled: that is history, and a copy saying otherwise is older.
    bool writeFact(const protocol::ReminderJobSnapshot& snapshot, bool* applied)
    {
        bool known = false;
        if (!bookingKnown(snapshot.bookingId, &known)) {
            return false;
        }
        if (!known) {
            *applied = false;
            return true;
        }
        store::ReminderJobRepository jobs(m_db, m_orgId);
        QString error;
        const auto stored = jobs.find(toQString(snapshot.reminderId), &error);
        if (!error.isEmpty()) {
            return storeFailed(error);
        }
        const domain::ReminderJob job = protocol::reminderJobOf(snapshot, orgId());
        if (stored && *stored == job) {
            return true;
        }
        if (stored && domain::isFinal(stored->status)) {
            qCDebug(lcSync) << "keeping reminder job" << toQString(job.id) << "as"
                            << toQString(domain::nameIn(domain::kReminderStatusNames, stored->status))
                            << "over an older copy";
            return true;
        }
        return jobs.upsert(job, &error) || storeFailed(error);
    }

    // The ledger only grows by records that verify and continue it. A record
    // already stored (a replay) changes nothing if it is the stored one; any
    // other record fails the page, so a tampered ledger is never mirrored.
    bool writeFact(const protocol::ProofRecordFact& fact, bool*)
    {
        const domain::ProofRecord record = protocol::proofRecordOf(fact, orgId());
        const std::string number = "proof record " + std::to_string(record.sequence);
        if (record.hash != domain::proofRecordHash(record.sequence, record.previousHash, record.fact)) {
            return brokenChain("hash", number + " does not match its hash: its contents were changed");
        }
        store::ProofRecordRepository ledger(m_db, m_orgId);
        QString error;
        if (!m_proofHead) {
            const auto head = ledger.head(&error);
            if (!error.isEmpty()) {
                return storeFailed(error);
            }
            m_proofHead = head ? ProofHead{head->sequence, head->hash}
                               : ProofHead{0, std::string(domain::kGenesisHash)};
        }
        if (record.sequence <= m_proofHead->sequence) {
            const auto stored = ledger.hashAt(record.sequence, &error);
            if (!error.isEmpty()) {
                return storeFailed(error);
            }
            if (stored && *stored == record.hash) {
                return true;
            }
            return brokenChain(
                "hash", number + " differs from the stored " + number + ": the relay's ledger was rewritten");
        }
        if (record.sequence != m_proofHead->sequence + 1) {
            return brokenChain("sequence",
                               number + " does not follow the stored ledger, which ends at record "
                                   + std::to_string(m_proofHead->sequence));
        }
        if (record.previousHash != m_proofHead->hash) {
            return brokenChain("previous_hash",
                               number + " does not chain onto the hash of stored record "
                                   + std::to_string(m_proofHead->sequence));
        }
        if (!ledger.append(record, &error)) {
            return storeFailed(error);
        }
        m_proofHead = ProofHead{record.sequence, record.hash};
        return true;
    }

    bool writeFact(const protocol::UnknownFact& unknown, bool* applied)
    {
        qCDebug(lcSync) << "skipping an event of a kind this version does not know:"
                        << QString::fromStdString(unknown.kind);
        *applied = false;
        return true;
    }

    QSqlDatabase m_db;
    QString m_orgId;
    const protocol::SyncEvent* m_event = nullptr;
    domain::Error m_error;
    // Leads this page wrote or found: most facts name one, and leads are
    // never deleted, so one lookup per lead and page is enough.
    std::unordered_set<std::string> m_knownLeads;
    // The relay's contact id and number pairs this page resolved, with the
    // local id each maps to (contacts are never deleted either, and every
    // lead snapshot names its contact again).
    std::unordered_map<std::string, std::string> m_knownContacts;
    // Bookings this page found (never deleted either).
    std::unordered_set<std::string> m_knownBookings;
    // The end of the stored ledger as this page leaves it, read once.
    struct ProofHead {
        std::uint64_t sequence = 0;
        std::string hash;
    };
    std::optional<ProofHead> m_proofHead;
};

} // namespace

EventApplier::EventApplier(QSqlDatabase db, QString orgId) : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

QString EventApplier::derivedId(const QString& orgId, qint64 seq)
{
    // A name-based (version 5) UUID of the org and seq, whose first 48 bits
    // are then replaced by the seq itself and marked version 8 (RFC 9562's
    // custom layout). Still the same on every device and replay, and unique
    // (the hash bits differ per org), but rising with the log: the rows
    // arrive in seq order, so their id index grows at its right edge instead
    // of dirtying a random page per row, which cost a catch-up of 50,000
    // leads about 40 µs per call and per timeline fact.
    QByteArray bytes
        = QUuid::createUuidV5(kDerivedIdNamespace, orgId + QLatin1Char('/') + QString::number(seq))
              .toRfc4122();
    const auto ordinal = static_cast<quint64>(std::max<qint64>(seq, 0));
    for (int i = 0; i < 6; ++i) {
        bytes[i] = static_cast<char>((ordinal >> (8 * (5 - i))) & 0xffU);
    }
    bytes[6] = static_cast<char>((static_cast<quint8>(bytes[6]) & 0x0fU) | 0x80U);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

bool EventApplier::saveCurrent(const protocol::EventFact& fact, QString* error)
{
    const protocol::SyncEvent current{0, "current", {}, nullptr};
    FactWriter writer(m_db, m_orgId);
    bool applied = false;
    if (!writer.write(current, fact, &applied)) {
        return store::refuse(error, QString::fromStdString(writer.error().message));
    }
    return true;
}

domain::Result<ApplyReport> EventApplier::apply(protocol::EventPage page)
{
    auto decoded = protocol::decodeFacts(std::move(page));
    if (!decoded) {
        return decoded.error();
    }
    return apply(decoded.value());
}

domain::Result<ApplyReport> EventApplier::apply(const protocol::DecodedPage& page)
{
    if (toQString(page.header.orgId) != m_orgId) {
        return domain::makeError("org_mismatch",
                                 "The relay sent events of organization \"" + page.header.orgId
                                     + "\" to a client of \"" + m_orgId.toStdString() + "\".");
    }
    store::SyncStateRepository state(m_db, m_orgId);
    ApplyReport report;
    QString error;
    if (!state.cursor(&report.cursor, &error)) {
        return domain::makeError("store_error", error.toStdString());
    }
    const auto firstNew
        = std::find_if(page.events.begin(), page.events.end(),
                       [&](const protocol::DecodedEvent& item) { return item.event.seq > report.cursor; });
    report.skipped = static_cast<int>(firstNew - page.events.begin());
    if (firstNew == page.events.end()) {
        return report;
    }

    FactWriter writer(m_db, m_orgId);
    ApplyReport result = report;
    const bool done = store::inTransaction(m_db, &error, [&] {
        for (auto item = firstNew; item != page.events.end(); ++item) {
            bool applied = false;
            if (!writer.write(item->event, item->fact, &applied)) {
                return false;
            }
            ++(applied ? result.applied : result.skipped);
        }
        result.cursor = page.events.back().event.seq;
        return state.setCursor(result.cursor, &error);
    });
    if (!done) {
        if (!writer.error().code.empty()) {
            return writer.error();
        }
        return domain::makeError("store_error", error.toStdString());
    }
    return result;
}

} // namespace callsnare::syncclient
