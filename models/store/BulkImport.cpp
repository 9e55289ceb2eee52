#include "store/BulkImport.h"

#include "domain/EntityWireNames.h"
#include "store/ContactRepository.h"
#include "store/SearchIndex.h"
#include "store/SearchText.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlError>

#include <algorithm>
#include <unordered_map>

namespace callsnare::store {

namespace {

const QVariant kNullText{QMetaType::fromType<QString>()};
const QVariant kNullInteger{QMetaType::fromType<qint64>()};

// What a lead's own facts do to its row, as the repositories would leave it
// after inserting them one by one.
struct LeadTally {
    domain::Instant lastCallAt{};
    domain::Instant lastActivityAt{};
    int inbound = 0;
};

} // namespace

BulkImport::BulkImport(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId)), m_insertContact(m_db), m_insertLead(m_db),
      m_insertCall(m_db), m_insertMessage(m_db), m_insertNote(m_db), m_insertBooking(m_db),
      m_insertDocument(m_db), m_insertText(m_db), m_touchLead(m_db), m_markRead(m_db), m_findLead(m_db),
      m_findContact(m_db)
{
}

BulkImport::~BulkImport()
{
    end();
}

bool BulkImport::prepare(QSqlQuery& query, const char* sql, QString* error)
{
    query.setForwardOnly(true);
    if (!query.prepare(QString::fromLatin1(sql))) {
        return refuse(error, QStringLiteral("Preparing a query failed: %1").arg(query.lastError().text()));
    }
    return true;
}

bool BulkImport::run(QSqlQuery& query, QString* error)
{
    if (!query.exec()) {
        return refuse(error, QStringLiteral("Running a query failed: %1").arg(query.lastError().text()));
    }
    return true;
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
    if (!SearchIndex(m_db, m_orgId).orgKey(true, &m_orgKey, error)) {
        return false;
    }
    QSqlQuery lastDocid(m_db);
    lastDocid.setForwardOnly(true);
    if (!execute(lastDocid, QStringLiteral("SELECT COALESCE(MAX(docid), 0) FROM search_documents"), {}, error)
        || !lastDocid.next()) {
        return false;
    }
    // What INTEGER PRIMARY KEY would pick for each new row, written out so the
    // batch knows its docids without asking after every insert.
    m_nextDocid = lastDocid.value(0).toLongLong() + 1;

    const bool prepared
        = prepare(m_insertContact,
                  "INSERT INTO contacts (phone, name, opted_out, opt_out_changed_at, opt_out_source, "
                  "time_zone_override, id, org_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  error)
        && prepare(m_insertLead,
                   "INSERT INTO leads (id, org_id, contact_id, state, outcome, missed_at, first_text_at, "
                   "first_reply_at, booked_at, handed_off_at, closed_at, last_call_at, last_activity_at, "
                   "unread_count, automation_paused, urgent, version) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                   error)
        && prepare(m_insertCall,
                   "INSERT INTO call_events (id, org_id, lead_id, carrier, carrier_call_id, from_number, "
                   "to_number, outcome, carrier_status, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   error)
        && prepare(m_insertMessage,
                   "INSERT INTO messages (id, org_id, lead_id, direction, author, body, carrier_id, status, "
                   "carrier_error_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   error)
        && prepare(m_insertNote,
                   "INSERT INTO notes (id, org_id, lead_id, author, body, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   error)
        && prepare(m_insertBooking,
                   "INSERT INTO bookings (id, org_id, lead_id, starts_at, duration_minutes, technician, "
                   "address, status, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   error)
        && prepare(
              m_insertDocument,
              "INSERT INTO search_documents (docid, org_id, lead_id, kind, ref_id) VALUES (?, ?, ?, ?, ?)",
              error)
        && prepare(m_insertText, "INSERT INTO search_index (docid, body, org_key) VALUES (?, ?, ?)", error)
        && prepare(m_touchLead,
                   "UPDATE leads SET last_call_at = max(last_call_at, COALESCE(?, last_call_at)), "
                   "last_activity_at = max(last_activity_at, ?), unread_count = unread_count + ? "
                   "WHERE id = ? AND org_id = ?",
                   error)
        && prepare(m_markRead, "UPDATE leads SET unread_count = 0 WHERE id = ? AND org_id = ?", error)
        && prepare(m_findLead, "SELECT 1 FROM leads WHERE id = ? AND org_id = ?", error)
        && prepare(m_findContact, "SELECT 1 FROM contacts WHERE id = ? AND org_id = ?", error);
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
    m_findLead.bindValue(0, toQString(leadId));
    m_findLead.bindValue(1, m_orgId);
    if (!run(m_findLead, error)) {
        return false;
    }
    const bool found = m_findLead.next();
    m_findLead.finish();
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
    m_findContact.bindValue(0, toQString(contactId));
    m_findContact.bindValue(1, m_orgId);
    if (!run(m_findContact, error)) {
        return false;
    }
    const bool found = m_findContact.next();
    m_findContact.finish();
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
    if (!writeContacts(batch, error) || !writeLeads(batch, readLeads, error) || !writeCalls(batch, error)
        || !writeMessages(batch, error) || !writeNotes(batch, error) || !writeBookings(batch, error)) {
        return false;
    }
    // Leads of earlier batches or of the profile: as markRead() would.
    for (const std::string& leadId : readLeads) {
        if (m_batchLeads.count(leadId) > 0) {
            continue;
        }
        m_markRead.bindValue(0, toQString(leadId));
        m_markRead.bindValue(1, m_orgId);
        if (!run(m_markRead, error)) {
            return false;
        }
        if (m_markRead.numRowsAffected() == 0) {
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
        const QString id = toQString(contact.id);
        m_insertContact.bindValue(0, toQString(contact.phone.e164()));
        m_insertContact.bindValue(1, toQString(contact.name));
        m_insertContact.bindValue(2, contact.optOut.optedOut);
        m_insertContact.bindValue(3, instantValue(contact.optOut.changedAt));
        m_insertContact.bindValue(4,
                                  contact.optOut.source ? QVariant(toQString(
                                      domain::nameIn(domain::kConsentSourceNames, *contact.optOut.source)))
                                                        : kNullText);
        m_insertContact.bindValue(5, textOrNull(contact.timeZoneOverride));
        m_insertContact.bindValue(6, id);
        m_insertContact.bindValue(7, m_orgId);
        if (!run(m_insertContact, error)
            || !addSearchDocument(SearchIndex::kindName(SearchKind::Contact), id, kNullText,
                                  ContactRepository::searchText(contact), error)) {
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
        tallies[lead.id] = LeadTally{lead.lastCallAt, lead.lastCallAt, 0};
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
        m_insertLead.bindValue(0, toQString(lead.id));
        m_insertLead.bindValue(1, m_orgId);
        m_insertLead.bindValue(2, toQString(lead.contactId));
        m_insertLead.bindValue(3, toQString(domain::wireName(lead.state)));
        m_insertLead.bindValue(
            4, lead.outcome ? QVariant(toQString(domain::wireName(*lead.outcome))) : kNullText);
        m_insertLead.bindValue(5, instantValue(lead.stamps.missedAt));
        m_insertLead.bindValue(6, instantValue(lead.stamps.firstTextAt));
        m_insertLead.bindValue(7, instantValue(lead.stamps.firstReplyAt));
        m_insertLead.bindValue(8, instantValue(lead.stamps.bookedAt));
        m_insertLead.bindValue(9, instantValue(lead.stamps.handedOffAt));
        m_insertLead.bindValue(10, instantValue(lead.stamps.closedAt));
        m_insertLead.bindValue(11, instantValue(tally.lastCallAt));
        m_insertLead.bindValue(12, instantValue(tally.lastActivityAt));
        m_insertLead.bindValue(13, readLeads.count(lead.id) > 0 ? 0 : tally.inbound);
        m_insertLead.bindValue(14, lead.automationPaused);
        m_insertLead.bindValue(15, lead.urgent);
        if (!run(m_insertLead, error)) {
            return false;
        }
        m_leads.insert(lead.id);
    }
    return true;
}

bool BulkImport::touchLead(const std::string& leadId, const QVariant& callAt, const QVariant& activityAt,
                           int unread, QString* error)
{
    if (m_batchLeads.count(leadId) > 0) {
        return true; // folded into the row when it was written
    }
    m_touchLead.bindValue(0, callAt);
    m_touchLead.bindValue(1, activityAt);
    m_touchLead.bindValue(2, unread);
    m_touchLead.bindValue(3, toQString(leadId));
    m_touchLead.bindValue(4, m_orgId);
    if (!run(m_touchLead, error)) {
        return false;
    }
    if (m_touchLead.numRowsAffected() == 0) {
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
        const QVariant at = instantValue(call.occurredAt);
        if (!call.leadId.empty() && !touchLead(call.leadId, at, at, 0, error)) {
            return false;
        }
        m_insertCall.bindValue(0, toQString(call.id));
        m_insertCall.bindValue(1, m_orgId);
        m_insertCall.bindValue(2, call.leadId.empty() ? kNullText : QVariant(toQString(call.leadId)));
        m_insertCall.bindValue(3, toQString(call.carrier));
        m_insertCall.bindValue(4, toQString(call.carrierCallId));
        m_insertCall.bindValue(5, call.from ? QVariant(toQString(call.from->e164())) : kNullText);
        m_insertCall.bindValue(6, toQString(call.to.e164()));
        m_insertCall.bindValue(7, toQString(domain::nameIn(domain::kCallOutcomeNames, call.outcome)));
        m_insertCall.bindValue(8, toQString(call.carrierStatus));
        m_insertCall.bindValue(9, at);
        if (!run(m_insertCall, error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::writeMessages(const DemoBatch& batch, QString* error)
{
    const QString kind = SearchIndex::kindName(SearchKind::Message);
    for (const auto& message : batch.messages) {
        if (!checkOrg(message.orgId, m_orgId, QStringLiteral("message"), error)) {
            return false;
        }
        if (message.id.empty()) {
            return refuse(error, QStringLiteral("A message needs an id."));
        }
        const QVariant at = instantValue(message.createdAt);
        const int inbound = message.direction == domain::Direction::Inbound ? 1 : 0;
        if (!leadIsOurs(message.leadId, error)
            || !touchLead(message.leadId, kNullInteger, at, inbound, error)) {
            return false;
        }
        const QString id = toQString(message.id);
        const QString leadId = toQString(message.leadId);
        const QString body = toQString(message.body);
        m_insertMessage.bindValue(0, id);
        m_insertMessage.bindValue(1, m_orgId);
        m_insertMessage.bindValue(2, leadId);
        m_insertMessage.bindValue(3, toQString(domain::nameIn(domain::kDirectionNames, message.direction)));
        m_insertMessage.bindValue(4, toQString(domain::nameIn(domain::kMessageAuthorNames, message.author)));
        m_insertMessage.bindValue(5, body);
        m_insertMessage.bindValue(6, toQString(message.carrierId));
        m_insertMessage.bindValue(7, toQString(domain::wireName(message.status)));
        m_insertMessage.bindValue(8,
                                  message.carrierErrorCode ? QVariant(*message.carrierErrorCode)
                                                           : QVariant(QMetaType::fromType<int>()));
        m_insertMessage.bindValue(9, at);
        if (!run(m_insertMessage, error) || !addSearchDocument(kind, id, leadId, body, error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::writeNotes(const DemoBatch& batch, QString* error)
{
    const QString kind = SearchIndex::kindName(SearchKind::Note);
    for (const auto& note : batch.notes) {
        if (!checkOrg(note.orgId, m_orgId, QStringLiteral("note"), error)) {
            return false;
        }
        if (note.id.empty()) {
            return refuse(error, QStringLiteral("A note needs an id."));
        }
        const QVariant at = instantValue(note.createdAt);
        if (!leadIsOurs(note.leadId, error) || !touchLead(note.leadId, kNullInteger, at, 0, error)) {
            return false;
        }
        const QString id = toQString(note.id);
        const QString leadId = toQString(note.leadId);
        const QString body = toQString(note.body);
        m_insertNote.bindValue(0, id);
        m_insertNote.bindValue(1, m_orgId);
        m_insertNote.bindValue(2, leadId);
        m_insertNote.bindValue(3, toQString(note.author));
        m_insertNote.bindValue(4, body);
        m_insertNote.bindValue(5, at);
        if (!run(m_insertNote, error) || !addSearchDocument(kind, id, leadId, body, error)) {
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
        m_insertBooking.bindValue(0, toQString(booking.id));
        m_insertBooking.bindValue(1, m_orgId);
        m_insertBooking.bindValue(2, toQString(booking.leadId));
        m_insertBooking.bindValue(3, instantValue(booking.startsAt));
        m_insertBooking.bindValue(4, QVariant::fromValue<qint64>(booking.duration.count()));
        m_insertBooking.bindValue(5, toQString(booking.technician));
        m_insertBooking.bindValue(6, toQString(booking.address));
        m_insertBooking.bindValue(7, toQString(domain::nameIn(domain::kBookingStatusNames, booking.status)));
        m_insertBooking.bindValue(8, booking.version);
        if (!run(m_insertBooking, error)) {
            return false;
        }
    }
    return true;
}

bool BulkImport::addSearchDocument(const QString& kind, const QString& refId, const QVariant& leadId,
                                   const QString& text, QString* error)
{
    const qint64 docid = m_nextDocid;
    m_insertDocument.bindValue(0, docid);
    m_insertDocument.bindValue(1, m_orgId);
    m_insertDocument.bindValue(2, leadId);
    m_insertDocument.bindValue(3, kind);
    m_insertDocument.bindValue(4, refId);
    if (!run(m_insertDocument, error)) {
        return false;
    }
    ++m_nextDocid;
    m_pendingTexts.push_back(PendingText{docid, indexableText(text)});
    return true;
}

bool BulkImport::flushSearchIndex(QString* error)
{
    // Rising docids, one languageid: FTS4 keeps gathering the terms in memory
    // instead of writing a segment whenever the docid order breaks.
    for (const PendingText& pending : m_pendingTexts) {
        m_insertText.bindValue(0, pending.docid);
        m_insertText.bindValue(1, pending.text);
        m_insertText.bindValue(2, m_orgKey);
        if (!run(m_insertText, error)) {
            return false;
        }
    }
    m_pendingTexts.clear();
    return true;
}

} // namespace callsnare::store
