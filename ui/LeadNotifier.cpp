#include "ui/LeadNotifier.h"

#include "store/InboxQuery.h"
#include "ui/UiLogging.h"

#include <utility>

namespace callsnare::ui {

LeadNotifier::LeadNotifier(QSqlDatabase db, QString orgId, QObject* parent)
    : QObject(parent), m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

void LeadNotifier::prime()
{
    m_primed = look(false);
}

void LeadNotifier::check()
{
    if (!m_primed) {
        prime();
        return;
    }
    look(true);
}

bool LeadNotifier::look(bool notify)
{
    if (m_orgId.isEmpty()) {
        return false;
    }
    QVector<store::InboxRow> rows;
    store::InboxPageRequest request;
    request.limit = kWatchedLeads;
    QString error;
    if (!store::InboxQuery(m_db, m_orgId).page(request, &rows, &error)) {
        qCWarning(lcUi) << "new leads could not be looked for:" << error;
        return false;
    }
    for (const store::InboxRow& row : rows) {
        const QString who = row.contactName.isEmpty() ? row.contactPhone : row.contactName;
        const auto before = m_seen.constFind(row.leadId);
        if (notify) {
            const bool isNew = before == m_seen.constEnd();
            const int unreadBefore = isNew ? 0 : before->unreadCount;
            if (row.unreadCount > unreadBefore) {
                emit leadNeedsAttention(row.leadId, tr("%1 replied").arg(who),
                                        row.preview.isEmpty() ? tr("A new text arrived.") : row.preview);
            } else if (isNew
                       && (row.state == domain::LeadState::Missed
                           || row.state == domain::LeadState::Texted)) {
                emit leadNeedsAttention(row.leadId, tr("Missed call from %1").arg(who),
                                        row.state == domain::LeadState::Texted
                                            ? tr("CallSnare texted them back.")
                                            : tr("No text has gone out yet."));
            }
        }
        m_seen.insert(row.leadId, Seen{row.state, row.unreadCount});
    }
    return true;
}

} // namespace callsnare::ui
