#include "ui/InboxModel.h"

#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/SearchIndex.h"
#include "ui/LeadText.h"

#include <QDateTime>
#include <QSet>

#include <utility>

namespace callsnare::ui {

namespace {

// Enough matches for a person to pick from; a search is a shortcut, not a report.
constexpr int kSearchHits = 200;
// InboxQuery's own cap on one page.
constexpr int kMaxPage = 500;

qint64 seconds(domain::Instant instant)
{
    return instant.time_since_epoch().count();
}

QString snippetText(QString snippet)
{
    // The index marks hits with [ and ]; the list shows plain text.
    return snippet.remove(QLatin1Char('[')).remove(QLatin1Char(']')).simplified();
}

} // namespace

InboxModel::InboxModel(QSqlDatabase db, QString orgId, QObject* parent)
    : QAbstractListModel(parent), m_db(std::move(db)), m_orgId(std::move(orgId)), m_query(m_db, m_orgId)
{
}

int InboxModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant InboxModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const store::InboxRow& row = m_rows.at(index.row());
    const QString who
        = row.contactName.isEmpty() ? LeadText::phoneDisplay(row.contactPhone) : row.contactName;
    switch (role) {
    case Qt::DisplayRole:
        return who;
    case Qt::ToolTipRole:
        return row.contactName.isEmpty() ? who
                                         : tr("%1, %2").arg(who, LeadText::phoneDisplay(row.contactPhone));
    case Qt::AccessibleTextRole: {
        QString text
            = tr("%1, %2, %3")
                  .arg(who, LeadText::stateName(row.state), LeadText::missedAgo(row.missedAt, m_clock()));
        if (row.unreadCount > 0) {
            text += tr(", %n unread", nullptr, row.unreadCount);
        }
        if (row.urgent) {
            text += tr(", urgent");
        }
        if (waits(row)) {
            text += QStringLiteral(", ")
                + ResponseTarget::waitingText(m_target.waited(*row.awaitingReplySince, m_clock()));
            if (isOverdue(row)) {
                text += tr(", overdue");
            }
        }
        return text;
    }
    case LeadIdRole:
        return row.leadId;
    case StateRole:
        return static_cast<int>(row.state);
    case StateTextRole:
        return row.outcome
            ? tr("%1 (%2)").arg(LeadText::stateName(row.state), LeadText::outcomeName(*row.outcome))
            : LeadText::stateName(row.state);
    case NameRole:
        return row.contactName;
    case PhoneRole:
        return row.contactPhone;
    case PreviewRole:
        return row.preview;
    case UnreadRole:
        return row.unreadCount;
    case UrgentRole:
        return row.urgent;
    case AutomationPausedRole:
        return row.automationPaused;
    case MissedAtRole:
        return seconds(row.missedAt);
    case LastActivityRole:
        return seconds(row.lastActivityAt);
    case AgeTextRole:
        return LeadText::missedAgo(row.missedAt, m_clock());
    case AwaitingSinceRole:
        return row.awaitingReplySince ? QVariant(seconds(*row.awaitingReplySince)) : QVariant();
    case OverdueRole:
        return isOverdue(row);
    case WaitingTextRole:
        return waits(row) ? ResponseTarget::waitingText(m_target.waited(*row.awaitingReplySince, m_clock()))
                          : QString();
    default:
        return {};
    }
}

QHash<int, QByteArray> InboxModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(LeadIdRole, "leadId");
    names.insert(StateRole, "state");
    names.insert(StateTextRole, "stateText");
    names.insert(NameRole, "name");
    names.insert(PhoneRole, "phone");
    names.insert(PreviewRole, "preview");
    names.insert(UnreadRole, "unread");
    names.insert(UrgentRole, "urgent");
    names.insert(AutomationPausedRole, "automationPaused");
    names.insert(MissedAtRole, "missedAt");
    names.insert(LastActivityRole, "lastActivityAt");
    names.insert(AgeTextRole, "age");
    names.insert(AwaitingSinceRole, "awaitingSince");
    names.insert(OverdueRole, "overdue");
    names.insert(WaitingTextRole, "waiting");
    return names;
}

bool InboxModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !searching();
}

void InboxModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    QVector<store::InboxRow> page;
    if (!readPage(m_pageSize, &page)) {
        return;
    }
    if (page.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(page.size()) - 1);
    m_rows += page;
    endInsertRows();
}

void InboxModel::setFilter(store::InboxFilter filter)
{
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    reload(0);
}

void InboxModel::setSearchText(const QString& text)
{
    if (text == m_searchText) {
        return;
    }
    m_searchText = text;
    reload(0);
}

void InboxModel::setPageSize(int rows)
{
    m_pageSize = qBound(1, rows, kMaxPage);
}

void InboxModel::setClock(Clock clock)
{
    m_clock = std::move(clock);
    timesChanged();
}

void InboxModel::setTimeZone(const QTimeZone& zone)
{
    m_zone = zone;
    m_target.setTimeZone(zone);
    timesChanged();
}

void InboxModel::setResponseTarget(std::chrono::minutes target)
{
    m_target.setTarget(target);
    timesChanged();
}

void InboxModel::setBusinessHours(domain::BusinessHours hours)
{
    m_target.setHours(std::move(hours));
    timesChanged();
}

bool InboxModel::isOverdue(const store::InboxRow& row) const
{
    return waits(row) && m_target.isOverdue(*row.awaitingReplySince, m_clock());
}

// Only the leads of the attention tiers show their wait: an older lead whose
// homeowner's last text went unanswered is a lost lead to close, not a
// reason to light up half the list.
bool InboxModel::waits(const store::InboxRow& row) const
{
    return row.awaitingReplySince && row.tier != store::InboxTier::Rest;
}

// The roles that depend on "now", the zone or the target.
void InboxModel::timesChanged()
{
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1),
                         {AgeTextRole, OverdueRole, WaitingTextRole, Qt::AccessibleTextRole});
    }
}

void InboxModel::refresh()
{
    reload(static_cast<int>(m_rows.size()));
}

void InboxModel::reload(int keepRows)
{
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_attentionSince = m_clock() - std::chrono::days{kAttentionDays};
    m_lastError.clear();
    if (searching()) {
        readSearch(&m_rows);
        m_atEnd = true;
    } else {
        const int wanted = qMax(keepRows, m_pageSize);
        while (!m_atEnd && m_rows.size() < wanted) {
            QVector<store::InboxRow> page;
            if (!readPage(qMin(kMaxPage, wanted - static_cast<int>(m_rows.size())), &page)) {
                break;
            }
            m_rows += page;
        }
    }
    endResetModel();
}

int InboxModel::loadUntil(const QString& leadId, int maxRows)
{
    int row = rowOfLead(leadId);
    while (row < 0 && canFetchMore({}) && m_rows.size() < maxRows) {
        fetchMore({});
        row = rowOfLead(leadId);
    }
    return row;
}

int InboxModel::rowOfLead(const QString& leadId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).leadId == leadId) {
            return row;
        }
    }
    return -1;
}

QString InboxModel::leadIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).leadId : QString();
}

store::InboxPageRequest InboxModel::request(int limit) const
{
    store::InboxPageRequest request;
    request.filter = m_filter;
    request.limit = limit;
    request.attentionSince = m_attentionSince;
    if (!m_rows.isEmpty()) {
        request.after = m_rows.last().cursor();
    }
    if (m_filter == store::InboxFilter::Today) {
        request.todayStartsAt = todayStartsAt();
    }
    return request;
}

domain::Instant InboxModel::todayStartsAt() const
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(seconds(m_clock()), m_zone);
    return domain::Instant{std::chrono::seconds{now.date().startOfDay(m_zone).toSecsSinceEpoch()}};
}

bool InboxModel::readPage(int limit, QVector<store::InboxRow>* rows)
{
    QString error;
    if (!m_query.page(request(limit), rows, &error)) {
        m_atEnd = true;
        fail(error);
        return false;
    }
    if (rows->size() < limit) {
        m_atEnd = true;
    }
    return true;
}

void InboxModel::readSearch(QVector<store::InboxRow>* rows)
{
    QString error;
    const QVector<store::SearchHit> hits
        = store::SearchIndex(m_db, m_orgId).search(m_searchText, kSearchHits, &error);
    if (!error.isEmpty()) {
        fail(error);
        return;
    }
    store::LeadRepository leads(m_db, m_orgId);
    store::ContactRepository contacts(m_db, m_orgId);
    QSet<QString> seen;
    for (const store::SearchHit& hit : hits) {
        std::optional<store::LeadRecord> lead;
        if (hit.kind == store::SearchKind::Contact) {
            lead = leads.latestForContact(hit.refId, &error);
        } else if (!seen.contains(hit.leadId)) {
            lead = leads.find(hit.leadId, &error);
        }
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        if (!lead || seen.contains(QString::fromStdString(lead->lead.id))) {
            continue;
        }
        const auto contact = contacts.find(QString::fromStdString(lead->lead.contactId), &error);
        if (!contact) {
            fail(error);
            return;
        }
        store::InboxRow row;
        row.leadId = QString::fromStdString(lead->lead.id);
        row.state = lead->lead.state;
        row.outcome = lead->lead.outcome;
        row.contactName = QString::fromStdString(contact->name);
        row.contactPhone = QString::fromStdString(contact->phone.e164());
        row.missedAt = lead->lead.stamps.missedAt;
        row.lastActivityAt = lead->lastActivityAt;
        row.unreadCount = lead->unreadCount;
        row.urgent = lead->lead.urgent;
        row.automationPaused = lead->lead.automationPaused;
        row.preview = snippetText(hit.snippet);
        seen.insert(row.leadId);
        if (passesFilter(row)) {
            rows->append(row);
        }
    }
}

// The filters of InboxQuery, for the rows a search found.
bool InboxModel::passesFilter(const store::InboxRow& row) const
{
    using domain::LeadState;
    switch (m_filter) {
    case store::InboxFilter::All:
        return true;
    case store::InboxFilter::New:
        return row.state == LeadState::Missed || row.state == LeadState::Texted;
    case store::InboxFilter::NeedsReply:
        return row.unreadCount > 0 || row.state == LeadState::Replied;
    case store::InboxFilter::Booked:
        return row.state == LeadState::Booked;
    case store::InboxFilter::Office:
        return row.state == LeadState::Office;
    case store::InboxFilter::Closed:
        return row.state == LeadState::Closed;
    case store::InboxFilter::Today:
        return row.lastActivityAt >= todayStartsAt();
    }
    return true;
}

void InboxModel::fail(const QString& error)
{
    m_lastError = error;
    emit loadFailed(error);
}

} // namespace callsnare::ui
