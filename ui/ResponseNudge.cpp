#include "ui/ResponseNudge.h"

#include "store/InboxQuery.h"
#include "store/OrganizationRepository.h"
#include "ui/InboxModel.h"
#include "ui/LeadText.h"
#include "ui/UiLogging.h"

#include <QSet>
#include <QTimer>

#include <utility>

namespace callsnare::ui {

ResponseNudge::ResponseNudge(QSqlDatabase db, QString orgId, QObject* parent)
    : QObject(parent), m_db(std::move(db)), m_orgId(std::move(orgId)), m_timer(new QTimer(this))
{
    QString error;
    const auto org = store::OrganizationRepository(m_db).find(m_orgId, &error);
    if (org && !org->timeZone.empty()) {
        m_target.setTimeZone(QTimeZone(QByteArray::fromStdString(org->timeZone)));
    }
    m_timer->setInterval(kCheckMs);
    connect(m_timer, &QTimer::timeout, this, &ResponseNudge::check);
}

void ResponseNudge::startTimer()
{
    m_timer->start();
}

void ResponseNudge::check()
{
    if (m_orgId.isEmpty()) {
        return;
    }
    const domain::Instant now = m_clock();
    // The attention tiers, to their end: the newest wait is their last row.
    store::InboxPageRequest request;
    request.limit = kPageRows;
    request.attentionSince = now - std::chrono::days{InboxModel::kAttentionDays};
    const store::InboxQuery query(m_db, m_orgId);
    QVector<store::InboxRow> rows;
    for (int pages = 0; pages < kMaxPages; ++pages) {
        QVector<store::InboxRow> page;
        QString error;
        if (!query.page(request, &page, &error)) {
            qCWarning(lcUi) << "waiting leads could not be looked for:" << error;
            return;
        }
        rows += page;
        if (page.size() < kPageRows || page.back().tier == store::InboxTier::Rest) {
            break;
        }
        request.after = page.back().cursor();
    }
    QSet<QString> waiting;
    for (const store::InboxRow& row : rows) {
        if (row.tier == store::InboxTier::Rest || !row.awaitingReplySince) {
            continue;
        }
        const domain::Instant since = *row.awaitingReplySince;
        waiting.insert(row.leadId);
        const auto nudged = m_nudged.constFind(row.leadId);
        if ((nudged != m_nudged.constEnd() && *nudged == since) || !m_target.isOverdue(since, now)) {
            continue;
        }
        m_nudged.insert(row.leadId, since);
        const QString who
            = row.contactName.isEmpty() ? LeadText::phoneDisplay(row.contactPhone) : row.contactName;
        const QString waited = ResponseTarget::waitingText(m_target.waited(since, now));
        emit leadNeedsAttention(
            row.leadId,
            row.urgent ? tr("Urgent: %1 needs an answer").arg(who) : tr("%1 needs an answer").arg(who),
            row.preview.isEmpty() ? waited : tr("%1: \u201c%2\u201d").arg(waited, row.preview));
    }
    // A lead answered since: its next wait is a new episode.
    for (auto it = m_nudged.begin(); it != m_nudged.end();) {
        it = waiting.contains(it.key()) ? std::next(it) : m_nudged.erase(it);
    }
}

} // namespace callsnare::ui
