#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVector>

namespace callsnare::store {

// What a search hit points at.
enum class SearchKind { Message, Note, Contact };

struct SearchHit {
    SearchKind kind = SearchKind::Message;
    QString refId; // the message, note or contact id
    QString leadId; // empty for a contact
    QString snippet; // the matching text with hits wrapped in [ and ]
    double rank = 0; // higher is better
};

// Full-text search (FTS4, tables search_documents + search_index) over message
// bodies, notes, contact names and numbers of one organization. The
// repositories call index()/remove() inside the transaction that stores the
// fact, so the index never disagrees with the data.
class SearchIndex {
public:
    SearchIndex(QSqlDatabase db, QString orgId);

    // Adds or replaces the text of one fact.
    bool index(SearchKind kind, const QString& refId, const QString& leadId, const QString& text,
               QString* error);
    // The same for a fact whose row was just inserted, so it has no document
    // yet: one lookup fewer (the unique (kind, ref_id) refuses a document
    // that exists after all).
    bool indexNew(SearchKind kind, const QString& refId, const QString& leadId, const QString& text,
                  QString* error);
    bool remove(SearchKind kind, const QString& refId, QString* error);

    // The best `limit` hits for what a person typed ("no heat", "555-0142",
    // "furn*"), best first. Text that is not a valid FTS query is searched as
    // plain words rather than refused.
    QVector<SearchHit> search(const QString& text, int limit, QString* error) const;

    // The organization's FTS4 languageid (search_orgs); null when it has none
    // and `create` is false. Public for BulkImport, which writes the index
    // rows itself and must file them under the same languageid.
    bool orgKey(bool create, QVariant* key, QString* error) const;
    // search_documents.kind of each kind of fact.
    static QString kindName(SearchKind kind);

private:
    bool insertDocument(SearchKind kind, const QString& refId, const QString& leadId, const QString& text,
                        const QVariant& key, QString* error);

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
