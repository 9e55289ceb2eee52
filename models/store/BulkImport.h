#pragma once

#include "store/DemoLeads.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <string>
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
// - every statement is prepared once and only rebound per row;
// - a lead's own facts are folded into its row before it is written (last
//   call, last activity, unread texts) instead of updating it once per fact;
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
    struct PendingText {
        qint64 docid = 0;
        QString text;
    };

    bool prepare(QSqlQuery& query, const char* sql, QString* error);
    bool run(QSqlQuery& query, QString* error);
    bool leadIsOurs(const std::string& leadId, QString* error);
    bool contactIsOurs(const std::string& contactId, QString* error);
    bool writeContacts(const DemoBatch& batch, QString* error);
    bool writeLeads(const DemoBatch& batch, const std::unordered_set<std::string>& readLeads, QString* error);
    bool writeCalls(const DemoBatch& batch, QString* error);
    bool writeMessages(const DemoBatch& batch, QString* error);
    bool writeNotes(const DemoBatch& batch, QString* error);
    bool writeBookings(const DemoBatch& batch, QString* error);
    bool touchLead(const std::string& leadId, const QVariant& callAt, const QVariant& activityAt, int unread,
                   QString* error);
    bool addSearchDocument(const QString& kind, const QString& refId, const QVariant& leadId,
                           const QString& text, QString* error);
    bool flushSearchIndex(QString* error);
    bool setCacheSize(int kib, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
    int m_cacheKiB = kImportCacheKiB;
    int m_cacheBeforeKiB = 0; // what to restore; 0 = nothing changed yet
    bool m_begun = false;

    QVariant m_orgKey; // the org's FTS4 languageid
    qint64 m_nextDocid = 1;
    std::vector<PendingText> m_pendingTexts;

    // Ids known to be this organization's: written here or looked up once.
    std::unordered_set<std::string> m_leads;
    std::unordered_set<std::string> m_contacts;
    // The leads of the batch being written (their facts are folded in).
    std::unordered_set<std::string> m_batchLeads;

    QSqlQuery m_insertContact;
    QSqlQuery m_insertLead;
    QSqlQuery m_insertCall;
    QSqlQuery m_insertMessage;
    QSqlQuery m_insertNote;
    QSqlQuery m_insertBooking;
    QSqlQuery m_insertDocument;
    QSqlQuery m_insertText;
    QSqlQuery m_touchLead;
    QSqlQuery m_markRead;
    QSqlQuery m_findLead;
    QSqlQuery m_findContact;
};

} // namespace callsnare::store
