#include "store/DemoImport.h"

#include "store/BookingRepository.h"
#include "store/CallEventRepository.h"
#include "store/ContactRepository.h"
#include "store/InboxQuery.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/NoteRepository.h"
#include "store/OrganizationRepository.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"

#include <QElapsedTimer>

#include <unordered_map>

namespace callsnare::store {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

double DemoImportReport::rowsPerSecond() const
{
    return elapsedMs > 0 ? static_cast<double>(rows) * 1000.0 / static_cast<double>(elapsedMs)
                         : static_cast<double>(rows) * 1000.0;
}

DemoImport::DemoImport(QSqlDatabase db) : m_db(std::move(db))
{
}

bool DemoImport::run(quint64 seed, qint64 leads, DemoImportReport* report, QString* error)
{
    QElapsedTimer timer;
    timer.start();
    DemoLeads demo(seed, m_now);
    const domain::Organization& org = demo.organization();
    const QString orgId = qs(org.id);
    DemoImportReport done;
    done.orgId = orgId;
    done.orgName = qs(org.name);

    const bool imported = inTransaction(m_db, error, [&] {
        OrganizationRepository organizations(m_db);
        QString lookupError;
        if (organizations.find(orgId, &lookupError)) {
            // Continue after the leads this seed already produced.
            InboxCounts counts;
            if (!InboxQuery(m_db, orgId).countsByState(&counts, error)) {
                return false;
            }
            done.leadsBefore = counts.total;
            demo.skip(done.leadsBefore);
        } else if (!lookupError.isEmpty()) {
            if (error) {
                *error = lookupError;
            }
            return false;
        } else if (!organizations.save(org, error)) {
            return false;
        }
        DemoBatch batch;
        while (done.leadsAdded < leads) {
            batch.clear();
            const qint64 added = demo.generate(std::min(m_batchLeads, leads - done.leadsAdded), &batch);
            if (added == 0) {
                if (error) {
                    *error = QStringLiteral("The demo has no more than %1 leads per seed; try another seed.")
                                 .arg(DemoLeads::maxLeads());
                }
                return false;
            }
            if (!writeBatch(batch, orgId, error)) {
                return false;
            }
            done.leadsAdded += added;
            done.rows += batch.rowCount();
            if (m_progress) {
                m_progress(done.leadsAdded);
            }
        }
        return true;
    });
    done.elapsedMs = timer.elapsed();
    if (!imported) {
        return false;
    }
    qCInfo(lcStore).noquote() << "imported" << done.leadsAdded << "demo leads," << done.rows << "rows in"
                              << done.elapsedMs << "ms";
    if (report) {
        *report = done;
    }
    return true;
}

bool DemoImport::writeBatch(const DemoBatch& batch, const QString& orgId, QString* error)
{
    ContactRepository contacts(m_db, orgId);
    LeadRepository leads(m_db, orgId);
    CallEventRepository calls(m_db, orgId);
    MessageRepository messages(m_db, orgId);
    NoteRepository notes(m_db, orgId);
    BookingRepository bookings(m_db, orgId);

    for (const auto& contact : batch.contacts) {
        if (!contacts.save(contact, error)) {
            return false;
        }
    }
    for (const auto& lead : batch.leads) {
        if (!leads.insert(lead, error)) {
            return false;
        }
    }
    for (const auto& call : batch.calls) {
        CallEventRepository::InsertOutcome outcome{};
        if (!calls.insert(call, &outcome, error)) {
            return false;
        }
    }
    // Which leads end on a homeowner's text nobody answered yet: those stay
    // unread, as in a real inbox; every other lead has been looked at.
    std::unordered_map<std::string, bool> awaitingAnswer;
    for (const auto& message : batch.messages) {
        if (!messages.insert(message, error)) {
            return false;
        }
        awaitingAnswer[message.leadId] = message.direction == domain::Direction::Inbound;
    }
    for (const auto& note : batch.notes) {
        if (!notes.insert(note, error)) {
            return false;
        }
    }
    for (const auto& booking : batch.bookings) {
        if (!bookings.insert(booking, error)) {
            return false;
        }
    }
    for (const auto& lead : batch.leads) {
        const auto found = awaitingAnswer.find(lead.id);
        const bool unanswered = found != awaitingAnswer.end() && found->second && lead.isOpen()
            && lead.state != domain::LeadState::Booked && lead.state != domain::LeadState::Office;
        if (found != awaitingAnswer.end() && !unanswered && !leads.markRead(qs(lead.id), error)) {
            return false;
        }
    }
    return true;
}

} // namespace callsnare::store
