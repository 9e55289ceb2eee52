#include "store/DemoImport.h"

#include "store/BookingRepository.h"
#include "store/BulkImport.h"
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

#include <future>

#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace callsnare::store {

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

// The leads somebody has looked at: every lead with texts except those ending
// on a homeowner's text nobody answered yet on an open lead, which stay
// unread as in a real inbox.
std::unordered_set<std::string> leadsLookedAt(const DemoBatch& batch)
{
    std::unordered_map<std::string, bool> awaitingAnswer;
    for (const auto& message : batch.messages) {
        awaitingAnswer[message.leadId] = message.direction == domain::Direction::Inbound;
    }
    std::unordered_set<std::string> read;
    for (const auto& lead : batch.leads) {
        const auto found = awaitingAnswer.find(lead.id);
        if (found == awaitingAnswer.end()) {
            continue;
        }
        const bool unanswered = found->second && lead.isOpen() && lead.state != domain::LeadState::Booked
            && lead.state != domain::LeadState::Office;
        if (!unanswered) {
            read.insert(lead.id);
        }
    }
    return read;
}

// One batch made ahead of its turn, with what the writer needs to know about it.
struct GeneratedBatch {
    DemoBatch batch;
    std::unordered_set<std::string> readLeads;
    qint64 asked = 0;
    qint64 leads = 0; // fewer than asked once the seed runs out of leads
};

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

    // Outlives the transaction: it puts the page cache back after the commit
    // has written the pages out.
    std::optional<BulkImport> bulk;
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
        if (m_method == Method::Bulk) {
            bulk.emplace(m_db, orgId);
            if (!bulk->begin(error)) {
                return false;
            }
        }
        // The generator runs one batch ahead on its own thread; it only
        // touches `demo`, which this thread leaves alone meanwhile. A pending
        // batch is waited for when `ahead` goes out of scope, before `demo`.
        qint64 requested = 0;
        const auto generateNext = [&] {
            const qint64 count = std::min(m_batchLeads, leads - requested);
            requested += count;
            return std::async(std::launch::async, [&demo, count] {
                GeneratedBatch next;
                next.asked = count;
                next.leads = demo.generate(count, &next.batch);
                next.readLeads = leadsLookedAt(next.batch);
                return next;
            });
        };
        std::future<GeneratedBatch> ahead = generateNext();
        while (done.leadsAdded < leads) {
            const GeneratedBatch current = ahead.get();
            requested -= current.asked - current.leads;
            if (current.leads == 0) {
                if (error) {
                    *error = QStringLiteral("The demo has no more than %1 leads per seed; try another seed.")
                                 .arg(DemoLeads::maxLeads());
                }
                return false;
            }
            if (requested < leads) {
                ahead = generateNext();
            }
            const bool written = bulk
                ? bulk->write(current.batch, current.readLeads, error)
                : writeThroughRepositories(current.batch, current.readLeads, orgId, error);
            if (!written) {
                return false;
            }
            done.leadsAdded += current.leads;
            done.rows += current.batch.rowCount();
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

bool DemoImport::writeThroughRepositories(const DemoBatch& batch,
                                          const std::unordered_set<std::string>& readLeads,
                                          const QString& orgId, QString* error)
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
    for (const auto& message : batch.messages) {
        if (!messages.insert(message, error)) {
            return false;
        }
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
    // In batch order, as a dispatcher working down the list would.
    for (const auto& lead : batch.leads) {
        if (readLeads.count(lead.id) > 0 && !leads.markRead(qs(lead.id), error)) {
            return false;
        }
    }
    return true;
}

} // namespace callsnare::store
