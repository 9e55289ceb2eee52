#include "store/AwaitingReply.h"

#include "store/StoreSql.h"

namespace callsnare::store::AwaitingReply {

const char* sqlFor(domain::Direction direction, domain::MessageAuthor author)
{
    if (direction == domain::Direction::Inbound) {
        return OnInboundSql;
    }
    return author == domain::MessageAuthor::Automation ? nullptr : OnAnswerSql;
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
