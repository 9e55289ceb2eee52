#pragma once

#include "domain/Message.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace callsnare::store {

// Keeps leads.awaiting_reply_since (schema 005: the first homeowner text
// after the last text a person sent; automatic texts answer nobody) as each
// message is stored. Every writer of messages runs these right after its
// INSERT, as separate statements: done by triggers on messages, the INSERT
// wrote two tables, so SQLite kept a statement journal for it, and SQLCipher
// encrypts every page copied into that journal — half of a catch-up's time
// went there.
namespace AwaitingReply {

// A homeowner's text starts a wait unless one is already running or a
// person answered at or after it (texts can arrive out of order).
// Parameters: created_at, lead id, org id, lead id, org id, created_at.
inline constexpr const char* OnInboundSql
    = "UPDATE leads SET awaiting_reply_since = ?1 WHERE id = ?2 AND org_id = ?3"
      " AND (awaiting_reply_since IS NULL OR awaiting_reply_since > ?1)"
      " AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.lead_id = ?2 AND o.org_id = ?3"
      " AND o.direction = 'outbound' AND o.author <> 'automation' AND o.created_at >= ?1)";

// A person's text ends a wait that started at or before it; the next wait
// starts with the first homeowner text after it (stored earlier, out of
// order). Without a running wait, nothing changes.
// Parameters: created_at, lead id, org id.
inline constexpr const char* OnAnswerSql
    = "UPDATE leads SET awaiting_reply_since = (SELECT MIN(i.created_at) FROM messages i"
      " WHERE i.lead_id = ?2 AND i.org_id = ?3 AND i.direction = 'inbound' AND i.created_at > ?1)"
      " WHERE id = ?2 AND org_id = ?3 AND awaiting_reply_since IS NOT NULL AND awaiting_reply_since <= ?1";

// The same rule in memory, for a lead whose texts are all at hand (a bulk
// import writes the lead's row after folding its texts in): fed one lead's
// texts in the order they are stored, since() is what the statements above
// leave in awaiting_reply_since of a row that started without a wait.
class Fold {
public:
    void add(domain::Direction direction, domain::MessageAuthor author, qint64 createdAt);
    std::optional<qint64> since() const { return m_since; }

private:
    std::optional<qint64> m_since;
    std::vector<qint64> m_inbound; // the homeowner's texts so far
    std::optional<qint64> m_latestAnswer; // the latest text a person sent so far
};

// The statement a stored message calls for, or null (automatic texts).
const char* sqlFor(domain::Direction direction, domain::MessageAuthor author);

// Runs it on `db` for a message just stored.
bool afterInsert(QSqlDatabase db, const QString& orgId, const QString& leadId, domain::Direction direction,
                 domain::MessageAuthor author, qint64 createdAt, QString* error);

} // namespace AwaitingReply

} // namespace callsnare::store
