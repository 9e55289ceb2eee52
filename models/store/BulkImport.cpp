#include "store/BulkImport.h"

#include "store/AwaitingReply.h"

#include "domain/EntityWireNames.h"
#include "store/ContactRepository.h"
#include "store/SearchIndex.h"
#include "store/SearchText.h"
#include "store/SqlCipherDriver.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <unordered_map>

namespace callsnare::store {

namespace {

// What a lead's own facts do to its row, as the repositories would leave it
// after inserting them one by one.
struct LeadTally {
    domain::Instant lastCallAt{};
    domain::Instant lastActivityAt{};
    int inbound = 0;
    AwaitingReply::Fold awaiting;
};

qint64 seconds(domain::Instant instant)
{
    return instant.time_since_epoch().count();
}

std::optional<qint64> seconds(const std::optional<domain::Instant>& instant)
{
    return instant ? std::optional<qint64>(seconds(*instant)) : std::nullopt;
}

// SearchIndex::kindName(), as the UTF-8 the statements bind.
constexpr std::string_view kMessageKind = "message";
constexpr std::string_view kNoteKind = "note";
constexpr std::string_view kContactKind = "contact";

} // namespace

BulkImport::BulkImport(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId)), m_orgIdUtf8(m_orgId.toStdString())
{
}

BulkImport::~BulkImport()
{
    end();
}

bool BulkImport::setCacheSize(int kib, QString* error)
{
    return execute(m_db, QStringLiteral("PRAGMA cache_size = -%1").arg(kib), {}, error);
}

bool BulkImport::begin(QString* error)
{
    if (m_begun) {
        return true;
    }
    if (!isInTransaction(m_db)) {
        return refuse(error, QStringLiteral("A bulk import runs inside a transaction."));
    }
    const auto* driver = qobject_cast<const SqlCipherDriver*>(m_db.driver());
    sqlite3* connection = driver ? driver->connection() : nullptr;
    if (connection == nullptr) {
        return refuse(error, QStringLiteral("A bulk import needs an open CallSnare profile."));
    }
    QVariant orgKey;
    if (!SearchIndex(m_db, m_orgId).orgKey(true, &orgKey, error)) {
        return false;
    }
    m_orgKey = orgKey.toLongLong();
    QSqlQuery lastDocid(m_db);
    lastDocid.setForwardOnly(true);
    if (!execute(lastDocid, QStringLiteral("SELECT COALESCE(MAX(docid), 0) FROM search_documents"), {}, error)
        || !lastDocid.next()) {
        return false;
    }
    // What INTEGER PRIMARY KEY would pick for each new row, written out so the
    // batch knows its docids without asking after every insert.
    m_nextDocid = lastDocid.value(0).toLongLong() + 1;
    lastDocid.finish();

    const bool prepared
        = m_insertContact.prepare(
              connection,
              "INSERT INTO contacts (phone, name, opted_out, opt_out_changed_at, opt_out_source, "
              "time_zone_override, id, org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              error)
        && m_insertLead.prepare(
            connection,
            "INSERT INTO leads (id, org_id, contact_id, state, outcome, missed_at, first_text_at, "
            "first_reply_at, booked_at, handed_off_at, closed_at, last_call_at, last_activity_at, "
            "unread_count, automation_paused, urgent, awaiting_reply_since, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            error)
        && m_insertCall.prepare(
            connection,
            "INSERT INTO call_events (id, org_id, lead_id, carrier, carrier_call_id, from_number, "
            "to_number, outcome, carrier_status, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error)
        && m_insertMessage.prepare(
            connection,
            "INSERT INTO messages (id, org_id, lead_id, direction, author, body, carrier_id, status, "
            "carrier_error_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error)
        && m_awaitOnInbound.prepare(connection, AwaitingReply::OnInboundSql, error)
        && m_awaitOnAnswer.prepare(connection, AwaitingReply::OnAnswerSql, error)
        && m_insertNote.prepare(connection,
                                "INSERT INTO notes (id, org_id, lead_id, author, body, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                error)
        && m_insertBooking.prepare(
            connection,
            "INSERT INTO bookings (id, org_id, lead_id, starts_at, duration_minutes, technician, "
            "address, status, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            error)
        && m_insertDocument.prepare(
            connection,
            "INSERT INTO search_documents (docid, org_id, lead_id, kind, ref_id, body, org_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            error)
        && m_insertText.prepare(connection,
                                "INSERT INTO search_index (docid, body, org_key) VALUES (?, ?, ?)", error)
        && m_touchLead.prepare(
            connection,
            "UPDATE leads SET last_call_at = max(last_call_at, COALESCE(?, last_call_at)), "
            "last_activity_at = max(last_activity_at, ?), unread_count = unread_count + ? "
            "WHERE id = ? AND org_id = ?",
            error)
        && m_markRead.prepare(connection, "UPDATE leads SET unread_count = 0 WHERE id = ? AND org_id = ?",
                              error)
        && m_findLead.prepare(connection, "SELECT 1 FROM leads WHERE id = ? AND org_id = ?", error)
        && m_findContact.prepare(connection, "SELECT 1 FROM contacts WHERE id = ? AND org_id = ?", error);
    if (!prepared) {
        return false;
    }

    QSqlQuery cache(m_db);
    cache.setForwardOnly(true);
    if (!execute(cache, QStringLiteral("PRAGMA cache_size"), {}, error) || !cache.next()) {
        return false;
    }
    // Negative values are KiB, positive ones pages; put back exactly what was there.
    const int before = cache.value(0).toInt();
    cache.finish();
    if (m_cacheKiB > 0 && -before < m_cacheKiB) {
        if (!setCacheSize(m_cacheKiB, error)) {
            return false;
        }
        m_cacheBeforeKiB = before;
    }
    m_begun = true;
    return true;
}

void BulkImport::end()
{
    if (m_cacheBeforeKiB != 0) {
        QString error;
        if (!execute(m_db, QStringLiteral("PRAGMA cache_size = %1").arg(m_cacheBeforeKiB), {}, &error)) {
            qCWarning(lcStore).noquote() << "could not restore the page cache size:" << error;
        }
        m_cacheBeforeKiB = 0;
    }
    m_begun = false;
}

bool BulkImport::leadIsOurs(const std::string& leadId, QString* error)
{
    if (m_leads.count(leadId) > 0) {
        return true;
    }
    m_findLead.bindText(1, leadId);
    m_findLead.bindText(2, m_orgIdUtf8);
    bool found = false;
    if (!m_findLead.exists(&found, error)) {
        return false;
    }
    if (!found) {
        return refuse(error,
                      QStringLiteral("This organization has no lead \"%1\"; the import stopped.")
                          .arg(toQString(leadId)));
    }
    m_leads.insert(leadId);
    return true;
}

bool BulkImport::contactIsOurs(const std::string& contactId, QString* error)
{
    if (m_contacts.count(contactId) > 0) {
        return true;
    }
    m_findContact.bindText(1, contactId);
    m_findContact.bindText(2, m_orgIdUtf8);
    bool found = false;
    if (!m_findContact.exists(&found, error)) {
        return false;
    }
    if (!found) {
        return refuse(error,
                      QStringLiteral("This organization has no contact \"%1\"; the import stopped.")
                          .arg(toQString(contactId)));
    }
    m_contacts.insert(contactId);
    return true;
}

bool BulkImport::write(const DemoBatch& batch, const std::unordered_set<std::string>& readLeads,
                       QString* error)
{
    if (!m_begun && !begin(error)) {
        return false;
    }
    m_batchLeads.clear();
    for (const auto& lead : batch.leads) {
        m_batchLeads.insert(lead.id);
    }
    m_pendingTexts.clear();
    m_pendingTexts.reserve(batch.contacts.size() + batch.messages.size() + batch.notes.size());
    if (!writeContacts(batch, error) || !writeLeads(batch, readLeads, error) || !writeCalls(batch, error)
        || !writeMessages(batch, error) || !writeNotes(batch, error) || !writeBookings(batch, error)) {
        return false;
    }
    // Leads of earlier batches or of the profile: as markRead() would.
    for (const std::string& leadId : readLeads) {
        if (m_batchLeads.count(leadId) > 0) {
            continue;
        }
        m_markRead.bindText(1, leadId);
        m_markRead.bindText(2, m_orgIdUtf8);
        if (!m_markRead.run(error)) {
            return false;
        }
        if (m_markRead.changes() == 0) {
            return refuse(error,
                          QStringLiteral("This organization has no lead \"%1\".").arg(toQString(leadId)));
        }
    }
    return flushSearchIndex(error);
}

bool BulkImport::writeContacts(const DemoBatch& batch, QString* error)
{
    for (const auto& contact : batch.contacts) {
        if (!checkOrg(contact.orgId, m_orgId, QStringLiteral("contact"), error)) {
            return false;
        }
        if (contact.id.empty()) {
            return refuse(error, QStringLiteral("A contact needs an id."));
        }
        m_insertContact.bindText(1, contact.phone.e164());
        m_insertContact.bindText(2, contact.name);
        m_insertContact.bindInt(3, contact.optOut.optedOut ? 1 : 0);
        m_insertContact.bindOptionalInt(4, seconds(contact.optOut.changedAt));
        if (contact.optOut.source) {
            m_insertContact.bindText(5, domain::nameIn(domain::kConsentSourceNames, *contact.optOut.source));
        } else {
            m_insertContact.bindNull(5);
        }
        m_insertContact.bindOptionalText(6, contact.timeZoneOverride);
        m_insertContact.bindText(7, contact.id);
        m_insertContact.bindText(8, m_orgIdUtf8);
        if (!m_insertContact.run(error)) {
            return false;
        }
        // A contact's text always holds its number's digits: always rewritten.
        std::string text = indexableText(ContactRepository::searchText(contact)).toStdString();
        if (!addSearchDocument(kContactKind, contact.id, nullptr, {}, std::move(text), error)) {
            return false;
        }
        m_contacts.insert(contact.id);
    }
    return true;
}

bool BulkImport::writeLeads(const DemoBatch& batch, const std::unordered_set<std::string>& readLeads,
                            QString* error)
{
    std::unordered_map<std::string, LeadTally> tallies;
    tallies.reserve(batch.leads.size());
    for (const auto& lead : batch.leads) {
        tallies[lead.id] = LeadTally{lead.lastCallAt, lead.lastCallAt, 0, {}};
    }
    for (const auto& call : batch.calls) {
        const auto found = tallies.find(call.leadId);
        if (found != tallies.end()) {
            found->second.lastCallAt = std::max(found->second.lastCallAt, call.occurredAt);
            found->second.lastActivityAt = std::max(found->second.lastActivityAt, call.occurredAt);
        }
    }
    for (const auto& message : batch.messages) {
        const auto found = tallies.find(message.leadId);
        if (found != tallies.end()) {
            found->second.lastActivityAt = std::max(found->second.lastActivityAt, message.createdAt);
            found->second.inbound += message.direction == domain::Direction::Inbound ? 1 : 0;
            found->second.awaiting.add(message.direction, message.author, seconds(message.createdAt));
        }
    }
    for (const auto& note : batch.notes) {
        const auto found = tallies.find(note.leadId);
        if (found != tallies.end()) {
            found->second.lastActivityAt = std::max(found->second.lastActivityAt, note.createdAt);
        }
    }

    for (const auto& lead : batch.leads) {
        if (!checkOrg(lead.orgId, m_orgId, QStringLiteral("lead"), error)) {
            return false;
        }
        if (lead.id.empty()) {
            return refuse(error, QStringLiteral("A lead needs an id."));
        }
        if (!contactIsOurs(lead.contactId, error)) {
            return false;
        }
        const LeadTally& tally = tallies[lead.id];
        m_insertLead.bindText(1, lead.id);
        m_insertLead.bindText(2, m_orgIdUtf8);
        m_insertLead.bindText(3, lead.contactId);
        m_insertLead.bindText(4, domain::wireName(lead.state));
        if (lead.outcome) {
            m_insertLead.bindText(5, domain::wireName(*lead.outcome));
        } else {
            m_insertLead.bindNull(5);
        }
        m_insertLead.bindInt(6, seconds(lead.stamps.missedAt));
        m_insertLead.bindOptionalInt(7, seconds(lead.stamps.firstTextAt));
        m_insertLead.bindOptionalInt(8, seconds(lead.stamps.firstReplyAt));
        m_insertLead.bindOptionalInt(9, seconds(lead.stamps.bookedAt));
        m_insertLead.bindOptionalInt(10, seconds(lead.stamps.handedOffAt));
        m_insertLead.bindOptionalInt(11, seconds(lead.stamps.closedAt));
        m_insertLead.bindInt(12, seconds(tally.lastCallAt));
        m_insertLead.bindInt(13, seconds(tally.lastActivityAt));
        m_insertLead.bindInt(14, readLeads.count(lead.id) > 0 ? 0 : tally.inbound);
        m_insertLead.bindInt(15, lead.automationPaused ? 1 : 0);
        m_insertLead.bindInt(16, lead.urgent ? 1 : 0);
        m_insertLead.bindOptionalInt(17, tally.awaiting.since());
        if (!m_insertLead.run(error)) {
            return false;
        }
        m_leads.insert(lead.id);
    }
    return true;
}

bool BulkImport::touchLead(const std::string& leadId, std::optional<qint64> callAt, qint64 activityAt,
                           int unread, QString* error)
{
    if (m_batchLeads.count(leadId) > 0) {
        return true; // folded into the row when it was written
    }
    m_touchLead.bindOptionalInt(1, callAt);
    m_touchLead.bindInt(2, activityAt);
    m_touchLead.bindInt(3, unread);
    m_touchLead.bindText(4, leadId);
    m_touchLead.bindText(5, m_orgIdUtf8);
    if (!m_touchLead.run(error)) {
        return false;
    }
    if (m_touchLead.changes() == 0) {
        return refuse(error,
                      QStringLiteral("This organization has no lead \"%1\"; the import stopped.")
                          .arg(toQString(leadId)));
    }
    return true;
}

bool BulkImport::writeCalls(const DemoBatch& batch, QString* error)
{
    for (const auto& call : batch.calls) {
        if (!checkOrg(call.orgId, m_orgId, QStringLiteral("call"), error)) {
            return false;
        }
        if (call.id.empty() || call.carrier.empty() || call.carrierCallId.empty()) {
            return refuse(error, QStringLiteral("A call needs an id, a carrier and the carrier's call id."));
        }
        const qint64 at = seconds(call.occurredAt);
        if (!call.leadId.empty() && !touchLead(call.leadId, at, at, 0, error)) {
            return false;
        }
        m_insertCall.bindText(1, call.id);
        m_insertCall.bindText(2, m_orgIdUtf8);
        if (call.leadId.empty()) {
            m_insertCall.bindNull(3);
        } else {
            m_insertCall.bindText(3, call.leadId);
        }
        m_insertCall.bindText(4, call.carrier);
        m_insertCall.bindText(5, call.carrierCallId);
        if (call.from) {
            m_insertCall.bindText(6, call.from->e164());
        } else {
            m_insertCall.bindNull(6);
        }
        m_insertCall.bindText(7, call.to.e164());
        m_insertCall.bindText(8, domain::nameIn(domain::kCallOutcomeNames, call.outcome));
        m_insertCall.bindText(9, call.carrierStatus);
        m_insertCall.bindInt(10, at);
        if (!m_insertCall.run(error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::writeMessages(const DemoBatch& batch, QString* error)
{
    for (const auto& message : batch.messages) {
        if (!checkOrg(message.orgId, m_orgId, QStringLiteral("message"), error)) {
            return false;
        }
        if (message.id.empty()) {
            return refuse(error, QStringLiteral("A message needs an id."));
        }
        const qint64 at = seconds(message.createdAt);
        const int inbound = message.direction == domain::Direction::Inbound ? 1 : 0;
        if (!leadIsOurs(message.leadId, error)
            || !touchLead(message.leadId, std::nullopt, at, inbound, error)) {
            return false;
        }
        m_insertMessage.bindText(1, message.id);
        m_insertMessage.bindText(2, m_orgIdUtf8);
        m_insertMessage.bindText(3, message.leadId);
        m_insertMessage.bindText(4, domain::nameIn(domain::kDirectionNames, message.direction));
        m_insertMessage.bindText(5, domain::nameIn(domain::kMessageAuthorNames, message.author));
        m_insertMessage.bindText(6, message.body);
        m_insertMessage.bindText(7, message.carrierId);
        m_insertMessage.bindText(8, domain::wireName(message.status));
        m_insertMessage.bindOptionalInt(
            9, message.carrierErrorCode ? std::optional<qint64>(*message.carrierErrorCode) : std::nullopt);
        m_insertMessage.bindInt(10, at);
        if (!m_insertMessage.run(error) || !awaitReply(message, at, error)
            || !addSearchDocument(kMessageKind, message.id, &message.leadId, message.body,
                                  indexableUtf8(message.body), error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::awaitReply(const domain::Message& message, qint64 at, QString* error)
{
    if (m_batchLeads.count(message.leadId) > 0) {
        return true; // folded into the row when it was written
    }
    SqliteStatement* statement = nullptr;
    const char* sql = AwaitingReply::sqlFor(message.direction, message.author);
    if (sql == AwaitingReply::OnInboundSql) {
        statement = &m_awaitOnInbound;
    } else if (sql == AwaitingReply::OnAnswerSql) {
        statement = &m_awaitOnAnswer;
    } else {
        return true;
    }
    statement->bindInt(1, at);
    statement->bindText(2, message.leadId);
    statement->bindText(3, m_orgIdUtf8);
    return statement->run(error);
}

bool BulkImport::writeNotes(const DemoBatch& batch, QString* error)
{
    for (const auto& note : batch.notes) {
        if (!checkOrg(note.orgId, m_orgId, QStringLiteral("note"), error)) {
            return false;
        }
        if (note.id.empty()) {
            return refuse(error, QStringLiteral("A note needs an id."));
        }
        const qint64 at = seconds(note.createdAt);
        if (!leadIsOurs(note.leadId, error) || !touchLead(note.leadId, std::nullopt, at, 0, error)) {
            return false;
        }
        m_insertNote.bindText(1, note.id);
        m_insertNote.bindText(2, m_orgIdUtf8);
        m_insertNote.bindText(3, note.leadId);
        m_insertNote.bindText(4, note.author);
        m_insertNote.bindText(5, note.body);
        m_insertNote.bindInt(6, at);
        if (!m_insertNote.run(error)
            || !addSearchDocument(kNoteKind, note.id, &note.leadId, note.body, indexableUtf8(note.body),
                                  error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::writeBookings(const DemoBatch& batch, QString* error)
{
    for (const auto& booking : batch.bookings) {
        if (!checkOrg(booking.orgId, m_orgId, QStringLiteral("booking"), error)) {
            return false;
        }
        if (booking.id.empty()) {
            return refuse(error, QStringLiteral("A booking needs an id."));
        }
        if (booking.version < 1) {
            return refuse(error, QStringLiteral("A booking's version starts at 1."));
        }
        if (!leadIsOurs(booking.leadId, error)) {
            return false;
        }
        m_insertBooking.bindText(1, booking.id);
        m_insertBooking.bindText(2, m_orgIdUtf8);
        m_insertBooking.bindText(3, booking.leadId);
        m_insertBooking.bindInt(4, seconds(booking.startsAt));
        m_insertBooking.bindInt(5, booking.duration.count());
        m_insertBooking.bindText(6, booking.technician);
        m_insertBooking.bindText(7, booking.address);
        m_insertBooking.bindText(8, domain::nameIn(domain::kBookingStatusNames, booking.status));
        m_insertBooking.bindInt(9, booking.version);
        if (!m_insertBooking.run(error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::addSearchDocument(std::string_view kind, std::string_view refId, const std::string* leadId,
                                   std::string_view text, std::optional<std::string> ownedText,
                                   QString* error)
{
    const qint64 docid = m_nextDocid;
    m_insertDocument.bindInt(1, docid);
    m_insertDocument.bindText(2, m_orgIdUtf8);
    if (leadId) {
        m_insertDocument.bindText(3, *leadId);
    } else {
        m_insertDocument.bindNull(3);
    }
    m_insertDocument.bindText(4, kind);
    m_insertDocument.bindText(5, refId);
    PendingText pending{docid, text, std::move(ownedText)};
    m_insertDocument.bindText(6, pending.text());
    m_insertDocument.bindInt(7, m_orgKey);
    if (!m_insertDocument.run(error)) {
        return false;
    }
    ++m_nextDocid;
    m_pendingTexts.push_back(std::move(pending));
    return true;
}

bool BulkImport::flushSearchIndex(QString* error)
{
    // Rising docids, one languageid: FTS4 keeps gathering the terms in memory
    // instead of writing a segment whenever the docid order breaks.
    for (const PendingText& pending : m_pendingTexts) {
        m_insertText.bindInt(1, pending.docid);
        m_insertText.bindText(2, pending.text());
        m_insertText.bindInt(3, m_orgKey);
        if (!m_insertText.run(error)) {
            return false;
        }
    }
    m_pendingTexts.clear();
    return true;
}

} // namespace callsnare::store
