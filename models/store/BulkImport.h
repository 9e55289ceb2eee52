#pragma once

#include "store/DemoLeads.h"
#include "store/SqliteStatement.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace callsnare::store {

// Writes many new facts of one organization (contacts, leads and what hangs
// off them) far faster than the repositories can one at a time, with the same
// rows as a result: the same columns, the same rowids and search docids (rows
// go in the repositories' order), the same search text under the org's FTS4
// languageid.
//
// Where the speed comes from:
// - every statement is prepared once and only rebound per row, straight on
//   the SQLCipher connection (SqliteStatement): values go from the batch's
//   own strings to SQLite without a QString or QVariant in between;
// - a lead's own facts are folded into its row before it is written (last
//   call, last activity, unread texts, since when it waits for a reply)
//   instead of updating it once per fact;
// - references are checked against the ids this import wrote, in memory; only
//   an id it has not seen is looked up (and must be the org's);
// - the full-text index is filled once per batch, in docid order, so FTS4
//   gathers each batch's terms in memory and writes them as few segments;
// - while it runs, the page cache is large enough to hold the indexes being
//   filled (their keys are random UUIDs), so pages are not encrypted, written
//   out and read back over and over.
//
// It only inserts: a fact that is already stored (same id, carrier id or
// phone number) fails the import instead of being merged, so it suits data
// that is new to the profile (the demo, a first sync). It runs inside the
// caller's transaction; a false return leaves rows the caller must roll back.
class BulkImport {
public:
    BulkImport(QSqlDatabase db, QString orgId);
    ~BulkImport();

    BulkImport(const BulkImport&) = delete;
    BulkImport& operator=(const BulkImport&) = delete;

    // Page cache for the import, in KiB (default kImportCacheKiB).
    static constexpr int kImportCacheKiB = 512 * 1024;
    void setCacheKiB(int kib) { m_cacheKiB = kib; }

    // Prepares the statements and raises the page cache. A transaction must
    // be open on the connection.
    bool begin(QString* error);
    // Writes one batch. `readLeads`: leads whose texts somebody has read
    // (their unread count is 0 instead of the number of inbound texts), as
    // LeadRepository::markRead() after the facts would leave them.
    bool write(const DemoBatch& batch, const std::unordered_set<std::string>& readLeads, QString* error);
    // Puts the page cache back; also done by the destructor.
    void end();

private:
    // A text waiting for the full-text index: the batch's own string when it
    // is indexed as it is (the batch outlives the flush), else a rewritten copy.
    struct PendingText {
        qint64 docid = 0;
        std::string_view borrowed;
        std::optional<std::string> owned;
        std::string_view text() const { return owned ? std::string_view(*owned) : borrowed; }
    };

    bool leadIsOurs(const std::string& leadId, QString* error);
    bool contactIsOurs(const std::string& contactId, QString* error);
    bool writeContacts(const DemoBatch& batch, QString* error);
    bool writeLeads(const DemoBatch& batch, const std::unordered_set<std::string>& readLeads, QString* error);
    bool writeCalls(const DemoBatch& batch, QString* error);
    bool writeMessages(const DemoBatch& batch, QString* error);
    // AwaitingReply's statement for a message just inserted on a lead of an
    // earlier batch (a lead of this batch has it folded in).
    bool awaitReply(const domain::Message& message, qint64 at, QString* error);
    bool writeNotes(const DemoBatch& batch, QString* error);
    bool writeBookings(const DemoBatch& batch, QString* error);
    bool touchLead(const std::string& leadId, std::optional<qint64> callAt, qint64 activityAt, int unread,
                   QString* error);
    // `text` must stay alive until the batch is flushed (or be rewritten).
    bool addSearchDocument(std::string_view kind, std::string_view refId, const std::string* leadId,
                           std::string_view text, std::optional<std::string> ownedText, QString* error);
    bool flushSearchIndex(QString* error);
    bool setCacheSize(int kib, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
    std::string m_orgIdUtf8;
    int m_cacheKiB = kImportCacheKiB;
    int m_cacheBeforeKiB = 0; // what to restore; 0 = nothing changed yet
    bool m_begun = false;

    qint64 m_orgKey = 0; // the org's FTS4 languageid
    qint64 m_nextDocid = 1;
    std::vector<PendingText> m_pendingTexts;

    // Ids known to be this organization's: written here or looked up once.
    std::unordered_set<std::string> m_leads;
    std::unordered_set<std::string> m_contacts;
    // The leads of the batch being written (their facts are folded in).
    std::unordered_set<std::string> m_batchLeads;

    SqliteStatement m_insertContact;
    SqliteStatement m_insertLead;
    SqliteStatement m_insertCall;
    SqliteStatement m_insertMessage;
    SqliteStatement m_awaitOnInbound;
    SqliteStatement m_awaitOnAnswer;
    SqliteStatement m_insertNote;
    SqliteStatement m_insertBooking;
    SqliteStatement m_insertDocument;
    SqliteStatement m_insertText;
    SqliteStatement m_touchLead;
    SqliteStatement m_markRead;
    SqliteStatement m_findLead;
    SqliteStatement m_findContact;
};

} // namespace callsnare::store
