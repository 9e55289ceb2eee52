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

// Leads someone may still owe an answer. A booked lead's last word is
// usually "see you Tuesday" after the automatic confirmation: not a question
// to nudge about; the office's and closed leads are out of the inbox's hands.
// Word for word as in the partial indexes leads_awaiting_reply and
// leads_urgent_open (005_inbox_attention.sql).
const QString kAnswerableStates = QStringLiteral("l.state IN ('missed', 'texted', 'replied')");

// The columns every page reads, in the order readRows() expects; `l` is the
// lead, `c` its contact. The preview is a correlated subquery on
// messages_by_lead: it runs only for the rows of the page, one probe each.
// awaiting_reply_since is kept by triggers on messages.
QString rowColumns()
{
    return QStringLiteral("l.id, l.state, l.outcome, c.name, c.phone, l.missed_at, l.last_activity_at, "
                          "l.unread_count, l.urgent, l.automation_paused, "
                          "(SELECT substr(m.body, 1, 200) FROM messages m "
                          " WHERE m.lead_id = l.id AND m.org_id = l.org_id "
                          " ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1), "
                          "CASE WHEN %1 THEN l.awaiting_reply_since END")
        .arg(kAnswerableStates);
}

const QString kFromLeads
    = QStringLiteral("FROM leads l JOIN contacts c ON c.id = l.contact_id AND c.org_id = l.org_id ");

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
    if (request.attentionSince) {
        // The attention tiers' leads were listed before this part. (Spelled
        // out so that a NULL wait makes the condition false, never NULL.)
        conditions += QStringLiteral(" AND NOT (%1 AND ((l.urgent = 1 AND l.last_activity_at >= ?) "
                                     "OR (l.urgent = 0 AND l.awaiting_reply_since IS NOT NULL AND "
                                     "l.awaiting_reply_since >= ?)))")
                          .arg(kAnswerableStates);
        *values << instantValue(*request.attentionSince) << instantValue(*request.attentionSince);
    }
    if (request.after && request.after->tier == InboxTier::Rest) {
        // "<=" gives SQLite an index range to start from; the OR skips the
        // rows of the cursor's own second that the previous page already had.
        conditions += QStringLiteral(" AND l.last_activity_at <= ? AND (l.last_activity_at < ? OR l.id < ?)");
        *values << instantValue(request.after->lastActivityAt) << instantValue(request.after->lastActivityAt)
                << request.after->leadId;
    }
    values->append(qBound(1, request.limit, kMaxPageSize));
    return QStringLiteral(
               "SELECT %1 %2WHERE l.org_id = ?%3 ORDER BY l.last_activity_at DESC, l.id DESC LIMIT ?")
        .arg(rowColumns(), kFromLeads, conditions);
}

// The open urgent leads active since request.attentionSince, newest first,
// off leads_urgent_open.
QString InboxQuery::urgentStatement(const InboxPageRequest& request, QVariantList* values) const
{
    values->clear();
    *values << m_orgId << instantValue(request.attentionSince.value_or(domain::Instant{}));
    QString conditions = filterCondition(request, values);
    if (request.after && request.after->tier == InboxTier::Urgent) {
        conditions += QStringLiteral(" AND l.last_activity_at <= ? AND (l.last_activity_at < ? OR l.id < ?)");
        *values << instantValue(request.after->lastActivityAt) << instantValue(request.after->lastActivityAt)
                << request.after->leadId;
    }
    values->append(qBound(1, request.limit, kMaxPageSize));
    return QStringLiteral(
               "SELECT %1 %2WHERE l.org_id = ? AND l.urgent = 1 AND %3 AND l.last_activity_at >= ?%4 "
               "ORDER BY l.last_activity_at DESC, l.id DESC LIMIT ?")
        .arg(rowColumns(), kFromLeads, kAnswerableStates, conditions);
}

// The other open leads whose homeowner started waiting since
// request.attentionSince, the longest waiting first (so every overdue lead
// comes before one still within its target), off leads_awaiting_reply.
QString InboxQuery::awaitingStatement(const InboxPageRequest& request, QVariantList* values) const
{
    values->clear();
    *values << m_orgId << instantValue(request.attentionSince.value_or(domain::Instant{}));
    QString conditions = filterCondition(request, values);
    if (request.after && request.after->tier == InboxTier::AwaitingReply) {
        conditions += QStringLiteral(" AND l.awaiting_reply_since >= ? "
                                     "AND (l.awaiting_reply_since > ? OR l.id > ?)");
        *values << instantValue(request.after->awaitingSince) << instantValue(request.after->awaitingSince)
                << request.after->leadId;
    }
    values->append(qBound(1, request.limit, kMaxPageSize));
    return QStringLiteral("SELECT %1 %2WHERE l.org_id = ? AND l.awaiting_reply_since IS NOT NULL AND %3 "
                          "AND l.awaiting_reply_since >= ? AND l.urgent = 0%4 "
                          "ORDER BY l.awaiting_reply_since, l.id LIMIT ?")
        .arg(rowColumns(), kFromLeads, kAnswerableStates, conditions);
}

QString InboxQuery::pagePlan(const InboxPageRequest& request, QString* error) const
{
    QVariantList values;
    const InboxTier tier = !request.attentionSince ? InboxTier::Rest
        : request.after                            ? request.after->tier
                                                   : InboxTier::Urgent;
    const QString sql = tier == InboxTier::Urgent ? urgentStatement(request, &values)
        : tier == InboxTier::AwaitingReply        ? awaitingStatement(request, &values)
                                                  : pageStatement(request, &values);
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
    if (!request.attentionSince) {
        return readRows(pageStatement(request, &values), values, rows, error);
    }
    // The tiers one after the other, from the cursor's: each part starts at
    // its top unless the cursor is in it.
    const int limit = qBound(1, request.limit, kMaxPageSize);
    const InboxTier from = request.after ? request.after->tier : InboxTier::Urgent;
    for (const InboxTier tier : {InboxTier::Urgent, InboxTier::AwaitingReply, InboxTier::Rest}) {
        if (tier < from) {
            continue;
        }
        InboxPageRequest part = request;
        part.limit = limit - static_cast<int>(rows->size());
        if (tier != from) {
            part.after.reset();
        }
        const QString sql = tier == InboxTier::Urgent ? urgentStatement(part, &values)
            : tier == InboxTier::AwaitingReply        ? awaitingStatement(part, &values)
                                                      : pageStatement(part, &values);
        QVector<InboxRow> more;
        if (!readRows(sql, values, &more, error)) {
            return false;
        }
        for (InboxRow& row : more) {
            row.tier = tier;
        }
        *rows += more;
        if (rows->size() >= limit) {
            break;
        }
    }
    return true;
}

bool InboxQuery::readRows(const QString& sql, const QVariantList& values, QVector<InboxRow>* rows,
                          QString* error) const
{
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
        row.awaitingReplySince = optionalInstantFrom(query.value(11));
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
    // (time, rank, rowid) so equal seconds keep one stable order. The rank
    // puts an automation decision ("automation.*") before the messages of its
    // second (the text it sent), other lifecycle facts after them (a state
    // change follows the reply that caused it). Without
    // statistics SQLite rates "org_id = ?" on bookings_by_start nearly as
    // selective as (org_id, lead_id) and takes it for its partial order, which
    // walks every booking of the organization (45 ms at 100k leads): the
    // bookings part names its index.
    return QStringLiteral(
        "SELECT 0, id, occurred_at, outcome, carrier_status, '', COALESCE(from_number, ''), "
        "       NULL, NULL, 0, rowid, 0 "
        "FROM call_events WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 1, id, created_at, direction, status, author, body, carrier_error_code, NULL, 0, rowid, 2 "
        "FROM messages WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 2, id, occurred_at, kind, '', '', detail, NULL, NULL, 0, rowid, "
        "       CASE WHEN substr(kind, 1, 11) = 'automation.' THEN 1 ELSE 3 END "
        "FROM lifecycle_events WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 3, id, created_at, '', '', author, body, NULL, NULL, 0, rowid, 4 "
        "FROM notes WHERE lead_id = ? AND org_id = ? "
        "UNION ALL "
        "SELECT 4, b.id, COALESCE(l.booked_at, b.starts_at), b.status, '', b.technician, b.address, "
        "       NULL, b.starts_at, b.duration_minutes, b.rowid, 5 "
        "FROM bookings b INDEXED BY bookings_by_lead "
        "     JOIN leads l ON l.id = b.lead_id AND l.org_id = b.org_id "
        "WHERE b.lead_id = ? AND b.org_id = ? "
        "ORDER BY 3, 12, 11");
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

bool InboxQuery::countStep(InboxCountProgress* progress, int rows, QString* error) const
{
    if (progress->done) {
        return true;
    }
    constexpr int kStates = static_cast<int>(domain::LeadState::Closed) + 1;
    const int step = qMax(1, rows);
    if (progress->state >= kStates) {
        // The unread sums, in steps over leads_inbox_needs_reply (its
        // condition verbatim; unread_count > 0 implies it): reading
        // unread_count visits each of those leads' rows.
        QString after;
        QVariantList values{m_orgId};
        if (progress->after) {
            after = QStringLiteral(" AND last_activity_at <= ? AND (last_activity_at < ? OR id < ?)");
            values << instantValue(progress->after->lastActivityAt)
                   << instantValue(progress->after->lastActivityAt) << progress->after->leadId;
        }
        values.append(step);
        QSqlQuery unread(m_db);
        unread.setForwardOnly(true);
        if (!execute(unread,
                     QStringLiteral("SELECT last_activity_at, id, unread_count FROM leads "
                                    "WHERE org_id = ? AND (unread_count > 0 OR state = 'replied')%1 "
                                    "ORDER BY last_activity_at DESC, id DESC LIMIT ?")
                         .arg(after),
                     values, error)) {
            return false;
        }
        int seen = 0;
        while (unread.next()) {
            ++seen;
            const int count = unread.value(2).toInt();
            if (count > 0) {
                ++progress->counts.unreadLeads;
                progress->counts.unreadMessages += count;
            }
            progress->after = InboxCursor{instantFrom(unread.value(0)), unread.value(1).toString()};
        }
        progress->done = seen < step;
        return true;
    }
    // The step's last entry, `rows` entries on in leads_inbox_by_state: SQLite
    // skips the OFFSET inside the index, without handing rows over.
    const auto state = static_cast<domain::LeadState>(progress->state);
    QString after;
    QVariantList values{m_orgId, stateValue(state)};
    if (progress->after) {
        after = QStringLiteral(" AND last_activity_at <= ? AND (last_activity_at < ? OR id < ?)");
        values << instantValue(progress->after->lastActivityAt)
               << instantValue(progress->after->lastActivityAt) << progress->after->leadId;
    }
    QSqlQuery last(m_db);
    last.setForwardOnly(true);
    if (!execute(last,
                 QStringLiteral("SELECT last_activity_at, id FROM leads WHERE org_id = ? AND state = ?%1 "
                                "ORDER BY last_activity_at DESC, id DESC LIMIT 1 OFFSET ?")
                     .arg(after),
                 values + QVariantList{step - 1}, error)) {
        return false;
    }
    std::size_t slot = static_cast<std::size_t>(progress->state);
    if (last.next()) {
        progress->counts.byState.at(slot) += step;
        progress->counts.total += step;
        progress->after = InboxCursor{instantFrom(last.value(0)), last.value(1).toString()};
        return true;
    }
    // Fewer than a step left: count them and go on to the next state.
    QSqlQuery rest(m_db);
    rest.setForwardOnly(true);
    if (!execute(rest,
                 QStringLiteral("SELECT COUNT(*) FROM leads WHERE org_id = ? AND state = ?%1").arg(after),
                 values, error)) {
        return false;
    }
    const int left = rest.next() ? rest.value(0).toInt() : 0;
    progress->counts.byState.at(slot) += left;
    progress->counts.total += left;
    progress->after.reset();
    ++progress->state;
    return true;
}

} // namespace callsnare::store
