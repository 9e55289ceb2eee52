#pragma once

#include "domain/Time.h"
#include "store/DemoLeads.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <string>
#include <unordered_set>

namespace callsnare::store {

// What one import did.
struct DemoImportReport {
    QString orgId;
    QString orgName;
    qint64 leadsBefore = 0; // the org's leads already in the profile
    qint64 leadsAdded = 0;
    qint64 rows = 0; // rows written to the fact tables (the search index not counted)
    qint64 elapsedMs = 0;

    double rowsPerSecond() const;
};

// Writes demo data (DemoLeads) into a profile, all in ONE transaction: an
// import that fails leaves the profile exactly as it was. Importing again with
// the same seed continues after the leads already there, so "100 then 100"
// stores the same leads as "200" at once.
//
// The next batch is generated on a second thread while the current one is
// written: making the demo costs about a tenth of writing it, and the
// connection is only ever used by the calling thread.
class DemoImport {
public:
    // How the rows are written. Both leave the same rows behind (tests compare
    // them); the repositories are the reference, BulkImport the fast way.
    enum class Method { Bulk, Repositories };

    explicit DemoImport(QSqlDatabase db);

    void setMethod(Method method) { m_method = method; }

    // The demo's "now" (DemoLeads::defaultNow() unless set).
    void setNow(domain::Instant now) { m_now = now; }
    // Leads generated per batch: bounds memory, not the transaction.
    void setBatchLeads(qint64 leads) { m_batchLeads = leads > 0 ? leads : 1; }
    // Called after each batch with the leads written so far.
    void setProgress(std::function<void(qint64 written)> progress) { m_progress = std::move(progress); }

    bool run(quint64 seed, qint64 leads, DemoImportReport* report, QString* error);

private:
    bool writeThroughRepositories(const DemoBatch& batch, const std::unordered_set<std::string>& readLeads,
                                  const QString& orgId, QString* error);

    QSqlDatabase m_db;
    Method m_method = Method::Bulk;
    domain::Instant m_now = DemoLeads::defaultNow();
    qint64 m_batchLeads = 1000;
    std::function<void(qint64)> m_progress;
};

} // namespace callsnare::store
