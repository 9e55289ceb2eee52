#include "store/AwaitingReply.h"

#include "store/StoreSql.h"

#include <algorithm>

namespace callsnare::store::AwaitingReply {

const char* sqlFor(domain::Direction direction, domain::MessageAuthor author)
{
    if (direction == domain::Direction::Inbound) {
        return OnInboundSql;
    }
    return author == domain::MessageAuthor::Automation ? nullptr : OnAnswerSql;
}

void Fold::add(domain::Direction direction, domain::MessageAuthor author, qint64 createdAt)
{
    if (direction == domain::Direction::Inbound) {
        // OnInboundSql: no running wait that started earlier, no person's text at or after it.
        const bool answered = m_latestAnswer && *m_latestAnswer >= createdAt;
        if ((!m_since || *m_since > createdAt) && !answered) {
            m_since = createdAt;
        }
        m_inbound.push_back(createdAt);
        return;
    }
    if (author == domain::MessageAuthor::Automation) {
        return;
    }
    // OnAnswerSql: a wait that started at or before it moves to the first later homeowner text.
    m_latestAnswer = m_latestAnswer ? std::max(*m_latestAnswer, createdAt) : createdAt;
    if (m_since && *m_since <= createdAt) {
        m_since.reset();
        for (const qint64 inbound : m_inbound) {
            if (inbound > createdAt && (!m_since || inbound < *m_since)) {
                m_since = inbound;
            }
        }
    }
}

bool afterInsert(QSqlDatabase db, const QString& orgId, const QString& leadId, domain::Direction direction,
                 domain::MessageAuthor author, qint64 createdAt, QString* error)
{
    const char* sql = sqlFor(direction, author);
    if (!sql) {
        return true;
    }
    return execute(db, QString::fromLatin1(sql), {createdAt, leadId, orgId}, error);
}

} // namespace callsnare::store::AwaitingReply
