#include "cli/LeadCommands.h"

#include "store/ContactRepository.h"
#include "store/InboxQuery.h"
#include "store/LeadRepository.h"
#include "store/OrganizationRepository.h"
#include "store/StoreSql.h"

#include <QDateTime>

#include <utility>
#include <vector>

namespace callsnare::cli {

namespace {

using store::toQString;

QString when(domain::Instant at)
{
    return QDateTime::fromSecsSinceEpoch(at.time_since_epoch().count()).toString(Qt::ISODate);
}

QString describe(const store::ThreadItem& item)
{
    switch (item.kind) {
    case store::ThreadItem::Kind::Call:
        return QStringLiteral("call      %1 from %2 (%3)").arg(item.type, item.text, item.status);
    case store::ThreadItem::Kind::Message: {
        QString line = item.type == QLatin1String("inbound")
            ? QStringLiteral("text      from the %1 [%2]: %3").arg(item.author, item.status, item.text)
            : QStringLiteral("text      by the %1 to the homeowner [%2]: %3")
                  .arg(item.author, item.status, item.text);
        if (item.carrierErrorCode) {
            line += QStringLiteral(" (carrier error %1)").arg(*item.carrierErrorCode);
        }
        return line;
    }
    case store::ThreadItem::Kind::Lifecycle:
        return QStringLiteral("event     %1%2")
            .arg(item.type, item.text.isEmpty() ? QString() : QStringLiteral(": ") + item.text);
    case store::ThreadItem::Kind::Note:
        return QStringLiteral("note      by %1: %2").arg(item.author, item.text);
    case store::ThreadItem::Kind::Booking:
        return QStringLiteral("booking   %1 at %2, %3 min, %4, technician %5")
            .arg(item.type, item.startsAt ? when(*item.startsAt) : QString())
            .arg(item.durationMinutes)
            .arg(item.text, item.author);
    }
    return {};
}

} // namespace

LeadCommands::LeadCommands(QSqlDatabase db, QTextStream& out) : m_db(std::move(db)), m_out(out)
{
}

bool LeadCommands::list(int limit, QString* error)
{
    std::vector<domain::Organization> organizations;
    if (!store::OrganizationRepository(m_db).list(&organizations, error)) {
        return false;
    }
    for (const auto& org : organizations) {
        QVector<store::InboxRow> rows;
        store::InboxPageRequest request;
        request.limit = limit;
        if (!store::InboxQuery(m_db, toQString(org.id)).page(request, &rows, error)) {
            return false;
        }
        m_out << toQString(org.name) << " (" << toQString(org.id) << "): " << rows.size()
              << " newest leads\n";
        for (const auto& row : rows) {
            m_out << "  " << row.leadId << "  " << toQString(domain::wireName(row.state)).leftJustified(8)
                  << "  " << row.contactPhone << "  " << when(row.lastActivityAt) << "  "
                  << (row.contactName.isEmpty() ? QString() : row.contactName + QStringLiteral(": "))
                  << row.preview << '\n';
        }
    }
    m_out.flush();
    return true;
}

bool LeadCommands::show(const QString& leadId, QString* error)
{
    std::vector<domain::Organization> organizations;
    if (!store::OrganizationRepository(m_db).list(&organizations, error)) {
        return false;
    }
    for (const auto& org : organizations) {
        const QString orgId = toQString(org.id);
        const auto record = store::LeadRepository(m_db, orgId).find(leadId, error);
        if (!record) {
            if (!error->isEmpty()) {
                return false;
            }
            continue;
        }
        const auto contact
            = store::ContactRepository(m_db, orgId).find(toQString(record->lead.contactId), error);
        QVector<store::ThreadItem> items;
        if (!store::InboxQuery(m_db, orgId).thread(leadId, &items, error)) {
            return false;
        }
        m_out << "Lead " << leadId << " of " << toQString(org.name) << "\n";
        if (contact) {
            m_out << "  contact   " << toQString(contact->phone.e164())
                  << (contact->name.empty() ? QString()
                                            : QStringLiteral(" (%1)").arg(toQString(contact->name)))
                  << '\n';
        }
        m_out << "  state     " << toQString(domain::wireName(record->lead.state));
        if (record->lead.outcome) {
            m_out << " (" << toQString(domain::wireName(*record->lead.outcome)) << ")";
        }
        m_out << (record->lead.automationPaused ? ", automation paused" : "")
              << (record->lead.urgent ? ", urgent" : "") << '\n';
        m_out << "  unread    " << record->unreadCount << '\n';
        m_out << "Thread (" << items.size() << " facts, oldest first):\n";
        for (const auto& item : items) {
            m_out << "  " << when(item.at) << "  " << describe(item) << '\n';
        }
        m_out.flush();
        return true;
    }
    *error = QStringLiteral("no lead \"%1\" in this profile").arg(leadId);
    return false;
}

} // namespace callsnare::cli
