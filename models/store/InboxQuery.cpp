#include "store/InboxQuery.h"

#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QSqlQuery>
#include <QStringList>

#include <utility>

namespace callsnare::store {

namespace {

constexpr int kPreviewLength = 80;
constexpr int kMaxPageSize = 500;

QVariant stateValue(domain::LeadState state)
{
    return toQString(domain::wireName(state));
}

// The filter's condition on `l` (leads) and the values it binds. The
// multi-state conditions repeat the WHERE clauses of the partial indexes
// leads_inbox_new / leads_inbox_needs_reply word for word: SQLite only uses a
// partial index when the query's condition contains the index's own.
QString filterCondition(const InboxPageRequest& request, QVariantList* values)
{
    switch (request.filter) {
    case InboxFilter::All:
        return {};
    case InboxFilter::New:
        return QStringLiteral(" AND l.state IN ('missed', 'texted') AND l.first_reply_at IS NULL");
    case InboxFilter::NeedsReply:
        return QStringLiteral(" AND (l.unread_count > 0 OR l.state = 'replied')");
    case InboxFilter::Booked:
        values->append(stateValue(domain::LeadState::Booked));
        return QStringLiteral(" AND l.state = ?");
    case InboxFilter::Office:
        values->append(stateValue(domain::LeadState::Office));
        return QStringLiteral(" AND l.state = ?");
    case InboxFilter::Closed:
        values->append(stateValue(domain::LeadState::Closed));
        return QStringLiteral(" AND l.state = ?");
    case InboxFilter::Today:
        values->append(instantValue(request.todayStartsAt));
        return QStringLiteral(" AND l.last_activity_at >= ?");
    }
    return {};
}

QString previewOf(const QString& body)
{
    const QString line = body.simplified();
    if (line.size() <= kPreviewLength) {
        return line;
    }
    return line.left(kPreviewLength - 1).trimmed() + QChar(0x2026);
}

} // namespace

InboxQuery::InboxQuery(QSqlDatabase db, QString orgId) : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

QString InboxQuery::pageStatement(const InboxPageRequest& request, QVariantList* values) const
{
    values->clear();
    values->append(m_orgId);
    QString conditions = filterCondition(request, values);
    if (request.after) {
        // "<=" gives SQLite an index range to start from; the OR skips the
        // rows of the cursor's own second that the previous page already had.
        conditions += QStringLiteral(" AND l.last_activity_at <= ? AND (l.last_activity_at < ? OR l.id < ?)");
        *values << instantValue(request.after->lastActivityAt) << instantValue(request.after->lastActivityAt)
                << request.after->leadId;
    }
    values->append(qBound(1, request.limit, kMaxPageSize));

    // The preview is a correlated subquery on messages_by_lead: it runs only
    // for the rows of this page, one index probe each.
    return QStringLiteral(
               "SELECT l.id, l.state, l.outcome, c.name, c.phone, l.missed_at, l.last_activity_at, "
               "       l.unread_count, l.urgent, l.automation_paused, "
               "       (SELECT substr(m.body, 1, 200) FROM messages m "
               "        WHERE m.lead_id = l.id AND m.org_id = l.org_id "
               "        ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1) "
               "FROM leads l JOIN contacts c ON c.id = l.contact_id AND c.org_id = l.org_id "
               "WHERE l.org_id = ?%1 "
               "ORDER BY l.last_activity_at DESC, l.id DESC LIMIT ?")
        .arg(conditions);
}

QString InboxQuery::pagePlan(const InboxPageRequest& request, QString* error) const
{
    QVariantList values;
    const QString sql = pageStatement(request, &values);
    return planOf(sql, values, error);
}

QString InboxQuery::threadPlan(const QString& leadId, QString* error) const
{
    QVariantList values;
    const QString sql = threadStatement(leadId, &values);
    return planOf(sql, values, error);
}

QString InboxQuery::planOf(const QString& statement, const QVariantList& values, QString* error) const
{
    const QString sql = QStringLiteral("EXPLAIN QUERY PLAN ") + statement;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, sql, values, error)) {
        return {};
    }
    QStringList steps;
    while (query.next()) {
        steps.append(query.value(3).toString());
    }
    return steps.join(QLatin1Char('\n'));
}

bool InboxQuery::page(const InboxPageRequest& request, QVector<InboxRow>* rows, QString* error) const
{
    rows->clear();
    if (request.limit <= 0) {
        return true;
    }
    QVariantList values;
    const QString sql = pageStatement(request, &values);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, sql, values, error)) {
        return false;
    }
    while (query.next()) {
        InboxRow row;
        row.leadId = query.value(0).toString();
        const auto state = domain::parseLeadState(toStdString(query.value(1)));
        if (!state) {
            return refuse(error,
                          QStringLiteral("Lead %1 has an unknown state \"%2\".")
                              .arg(row.leadId, query.value(1).toString()));
        }
        row.state = *state;
        if (!query.value(2).isNull()) {
            row.outcome = domain::parseCloseOutcome(toStdString(query.value(2)));
        }
        row.contactName = query.value(3).toString();
        row.contactPhone = query.value(4).toString();
        row.missedAt = instantFrom(query.value(5));
        row.lastActivityAt = instantFrom(query.value(6));
        row.unreadCount = query.value(7).toInt();
        row.urgent = query.value(8).toBool();
        row.automationPaused = query.value(9).toBool();
        row.preview = previewOf(query.value(10).toString());
        rows->append(row);
    }
    return true;
}

QString InboxQuery::threadStatement(const QString& leadId, QVariantList* values) const
{
    values->clear();
    for (int table = 0; table < 5; ++table) {
        *values << leadId << m_orgId;
    }
    // One statement over the per-lead indexes of each table; the sort key is
    // (time, kind, rowid) so equal seconds keep one stable order. Without
    // statistics SQLite rates "org_id = ?" on bookings_by_start nearly as
    // selective as (org_id, lead_id) and takes it for its partial order, which
    // walks every booking of the organization (45 ms at 100k leads): the
    // bookings part names its index.
    return QStringLiteral(
        "SELECT 0, id, occurred_at, outcome, carrier_status, '', COALESCE(from_number, ''), "
        "       NULL, NULL, 0, rowid "
        "FROM call_events WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 1, id, created_at, direction, status, author, body, carrier_error_code, NULL, 0, rowid "
        "FROM messages WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 2, id, occurred_at, kind, '', '', detail, NULL, NULL, 0, rowid "
        "FROM lifecycle_events WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 3, id, created_at, '', '', author, body, NULL, NULL, 0, rowid "
        "FROM notes WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 4, b.id, COALESCE(l.booked_at, b.starts_at), b.status, '', b.technician, b.address, "
        "       NULL, b.starts_at, b.duration_minutes, b.rowid "
        "FROM bookings b INDEXED BY bookings_by_lead "
        "     JOIN leads l ON l.id = b.lead_id AND l.org_id = b.org_id "
        "WHERE b.lead_id = ? AND b.org_id = ? "
        "ORDER BY 3, 1, 11");
}

bool InboxQuery::thread(const QString& leadId, QVector<ThreadItem>* items, QString* error) const
{
    items->clear();
    QVariantList values;
    const QString sql = threadStatement(leadId, &values);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, sql, values, error)) {
        return false;
    }
    while (query.next()) {
        ThreadItem item;
        item.kind = static_cast<ThreadItem::Kind>(query.value(0).toInt());
        item.id = query.value(1).toString();
        item.at = instantFrom(query.value(2));
        item.type = query.value(3).toString();
        item.status = query.value(4).toString();
        item.author = query.value(5).toString();
        item.text = query.value(6).toString();
        if (!query.value(7).isNull()) {
            item.carrierErrorCode = query.value(7).toInt();
        }
        item.startsAt = optionalInstantFrom(query.value(8));
        item.durationMinutes = query.value(9).toInt();
        items->append(item);
    }
    return true;
}

bool InboxQuery::countsByState(InboxCounts* counts, QString* error) const
{
    *counts = InboxCounts{};
    // Two queries, each answered from an index: the per-state counts from
    // leads_inbox_by_state alone, the unread sums from the few rows of
    // leads_inbox_needs_reply (unread_count > 0 implies its condition).
    QSqlQuery byState(m_db);
    byState.setForwardOnly(true);
    if (!execute(byState, QStringLiteral("SELECT state, COUNT(*) FROM leads WHERE org_id = ? GROUP BY state"),
                 {m_orgId}, error)) {
        return false;
    }
    while (byState.next()) {
        const auto state = domain::parseLeadState(toStdString(byState.value(0)));
        if (!state) {
            return refuse(
                error,
                QStringLiteral("Some leads have an unknown state \"%1\".").arg(byState.value(0).toString()));
        }
        const int leads = byState.value(1).toInt();
        counts->byState.at(static_cast<std::size_t>(*state)) = leads;
        counts->total += leads;
    }
    QSqlQuery unread(m_db);
    unread.setForwardOnly(true);
    if (!execute(unread,
                 QStringLiteral(
                     "SELECT COUNT(*), TOTAL(unread_count) FROM leads WHERE org_id = ? AND unread_count > 0"),
                 {m_orgId}, error)) {
        return false;
    }
    if (unread.next()) {
        counts->unreadLeads = unread.value(0).toInt();
        counts->unreadMessages = static_cast<int>(unread.value(1).toLongLong());
    }
    return true;
}

} // namespace callsnare::store
