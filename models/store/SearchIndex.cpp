#include "store/SearchIndex.h"

#include "store/SearchRanking.h"
#include "store/SearchText.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>

#include <utility>

namespace callsnare::store {

namespace {

QString kindNameOf(SearchKind kind)
{
    switch (kind) {
    case SearchKind::Message:
        return QStringLiteral("message");
    case SearchKind::Note:
        return QStringLiteral("note");
    case SearchKind::Contact:
        return QStringLiteral("contact");
    }
    return {};
}

SearchKind kindFrom(const QString& name)
{
    if (name == QLatin1String("note")) {
        return SearchKind::Note;
    }
    if (name == QLatin1String("contact")) {
        return SearchKind::Contact;
    }
    return SearchKind::Message;
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

SearchIndex::SearchIndex(QSqlDatabase db, QString orgId) : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

QString SearchIndex::kindName(SearchKind kind)
{
    return kindNameOf(kind);
}

bool SearchIndex::orgKey(bool create, QVariant* key, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT org_key FROM search_orgs WHERE org_id = ?"), {m_orgId},
                 error)) {
        return false;
    }
    if (query.next()) {
        *key = query.value(0);
        return true;
    }
    *key = QVariant();
    if (!create) {
        return true;
    }
    QSqlQuery insert(m_db);
    if (!execute(insert, QStringLiteral("INSERT INTO search_orgs (org_id) VALUES (?)"), {m_orgId}, error)) {
        return false;
    }
    *key = insert.lastInsertId();
    return true;
}

bool SearchIndex::index(SearchKind kind, const QString& refId, const QString& leadId, const QString& text,
                        QString* error)
{
    return writeAtomically(m_db, error, [&] {
        QVariant key;
        if (!orgKey(true, &key, error)) {
            return false;
        }
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!execute(
                query,
                QStringLiteral("SELECT docid, org_id FROM search_documents WHERE kind = ? AND ref_id = ?"),
                {kindName(kind), refId}, error)) {
            return false;
        }
        if (!query.next()) {
            query.finish();
            return insertDocument(kind, refId, leadId, text, key, error);
        }
        // ids are unique across organizations; a clash is another org's row.
        if (query.value(1).toString() != m_orgId) {
            return refuse(
                error,
                QStringLiteral("This item belongs to another organization and cannot be indexed here."));
        }
        const QVariant docid = query.value(0);
        query.finish();
        const QString indexed = indexableText(text);
        // Out of the index first: FTS4 reads the text still stored to know
        // which terms to take out.
        return execute(m_db, QStringLiteral("DELETE FROM search_index WHERE docid = ?"), {docid}, error)
            && execute(m_db,
                       QStringLiteral("UPDATE search_documents SET lead_id = ?, body = ?, org_key = ? "
                                      "WHERE docid = ? AND org_id = ?"),
                       {textOrNull(leadId), indexed, key, docid, m_orgId}, error)
            && execute(m_db,
                       QStringLiteral("INSERT INTO search_index (docid, body, org_key) VALUES (?, ?, ?)"),
                       {docid, indexed, key}, error);
    });
}

bool SearchIndex::indexNew(SearchKind kind, const QString& refId, const QString& leadId, const QString& text,
                           QString* error)
{
    return writeAtomically(m_db, error, [&] {
        QVariant key;
        return orgKey(true, &key, error) && insertDocument(kind, refId, leadId, text, key, error);
    });
}

bool SearchIndex::insertDocument(SearchKind kind, const QString& refId, const QString& leadId,
                                 const QString& text, const QVariant& key, QString* error)
{
    const QString indexed = indexableText(text);
    QSqlQuery insert(m_db);
    if (!execute(insert,
                 QStringLiteral("INSERT INTO search_documents (org_id, lead_id, kind, ref_id, body, org_key) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 {m_orgId, textOrNull(leadId), kindName(kind), refId, indexed, key}, error)) {
        return false;
    }
    return execute(m_db, QStringLiteral("INSERT INTO search_index (docid, body, org_key) VALUES (?, ?, ?)"),
                   {insert.lastInsertId(), indexed, key}, error);
}

bool SearchIndex::remove(SearchKind kind, const QString& refId, QString* error)
{
    return writeAtomically(m_db, error, [&] {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!execute(query,
                     QStringLiteral(
                         "SELECT docid FROM search_documents WHERE kind = ? AND ref_id = ? AND org_id = ?"),
                     {kindName(kind), refId, m_orgId}, error)) {
            return false;
        }
        if (!query.next()) {
            return true; // nothing indexed (or not this organization's): nothing to remove
        }
        const QVariant docid = query.value(0);
        query.finish();
        // Index entry first, while FTS4 can still read the text it indexed.
        return execute(m_db, QStringLiteral("DELETE FROM search_index WHERE docid = ?"), {docid}, error)
            && execute(m_db, QStringLiteral("DELETE FROM search_documents WHERE docid = ? AND org_id = ?"),
                       {docid, m_orgId}, error);
    });
}

QVector<SearchHit> SearchIndex::search(const QString& text, int limit, QString* error) const
{
    const QString match = ftsMatchExpression(text);
    if (match.isEmpty() || limit <= 0) {
        return {};
    }
    QVariant key;
    if (!orgKey(false, &key, error)) {
        return {};
    }
    if (key.isNull()) {
        return {}; // nothing of this organization was ever indexed
    }
    if (!ensureRankFunction(m_db, error)) {
        return {};
    }
    // The inner query ranks the organization's hits (org_key picks its FTS4
    // partition, so no other organization's entry is even read) and keeps the
    // best `limit`; SQLite's sorter holds no more than that. snippet() needs
    // its own MATCH, so the outer query walks the hits once more and makes
    // snippets only for the rows that join the best ones; CROSS JOIN pins that
    // order so any other hit costs one lookup in a `limit`-row table.
    const QString sql
        = QStringLiteral(
              "SELECT best.kind, best.ref_id, best.lead_id, "
              "       snippet(search_index, '[', ']', '\u2026', -1, 12), best.rank "
              "FROM search_index CROSS JOIN "
              "     (SELECT ranked.docid AS docid, ranked.rank AS rank, "
              "             d.kind AS kind, d.ref_id AS ref_id, d.lead_id AS lead_id "
              "      FROM (SELECT docid, %1(matchinfo(search_index, 'pcnx')) AS rank FROM search_index "
              "            WHERE search_index MATCH ? AND org_key = ? "
              "            ORDER BY rank DESC, docid DESC LIMIT ?) AS ranked "
              "      JOIN search_documents d ON d.docid = ranked.docid AND d.org_id = ?) AS best "
              "     ON best.docid = search_index.docid "
              "WHERE search_index MATCH ? AND search_index.org_key = ? "
              "ORDER BY best.rank DESC, best.docid DESC")
              .arg(QLatin1String(kRankFunctionName));
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, sql, {match, key, limit, m_orgId, match, key}, error)) {
        qCWarning(lcStore) << "search failed:" << query.lastError().text();
        return {};
    }
    QVector<SearchHit> hits;
    while (query.next()) {
        SearchHit hit;
        hit.kind = kindFrom(query.value(0).toString());
        hit.refId = query.value(1).toString();
        hit.leadId = query.value(2).toString();
        hit.snippet = query.value(3).toString();
        hit.rank = query.value(4).toDouble();
        hits.append(hit);
    }
    return hits;
}

} // namespace callsnare::store
