#include "store/DemoImport.h"
#include "store/DemoLeads.h"
#include "store/InboxQuery.h"
#include "store/LeadRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/TableCounts.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace callsnare;
using namespace callsnare::store;

namespace {

qint64 countOf(const TableCounts::Counts& counts, const char* table)
{
    for (const auto& [name, rows] : counts) {
        if (name == QLatin1String(table)) {
            return rows;
        }
    }
    return -1;
}

} // namespace

class TestDemoImport : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void importStoresEveryFactOnce();
    void inboxShowsWhatTheDemoTells();
    void importingAgainContinuesTheSameLeads();
    void eachSeedIsItsOwnOrganization();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Profile> m_profile;
};

void TestDemoImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())
                                            + QStringLiteral("/demoimport-XXXXXX"));
    QVERIFY(m_dir->isValid());
    QString error;
    m_profile = Profile::create(m_dir->filePath(QStringLiteral("demo.csnare")),
                                QStringLiteral("demo passphrase"), &error);
    QVERIFY2(m_profile, qPrintable(error));
}

void TestDemoImport::cleanup()
{
    m_profile.reset();
    m_dir.reset();
}

void TestDemoImport::importStoresEveryFactOnce()
{
    DemoImport import(m_profile->database());
    import.setBatchLeads(40); // several batches, one transaction
    qint64 lastProgress = 0;
    int progressCalls = 0;
    import.setProgress([&](qint64 written) {
        QVERIFY(written > lastProgress);
    lastProgress = written;
    ++progressCalls;
});
DemoImportReport report;
QString error;
QVERIFY2(import.run(3, 150, &report, &error), qPrintable(error));
QCOMPARE(report.leadsAdded, qint64{150});
QCOMPARE(report.leadsBefore, qint64{0});
QCOMPARE(progressCalls, 4);
QCOMPARE(lastProgress, qint64{150});

DemoLeads demo(3);
DemoBatch batch;
demo.generate(150, &batch);
QCOMPARE(report.rows, batch.rowCount());
QCOMPARE(report.orgId, QString::fromStdString(demo.organization().id));
QVERIFY(report.rowsPerSecond() > 0);

TableCounts::Counts counts;
QVERIFY2(TableCounts::count(m_profile->database(), &counts, &error), qPrintable(error));
QCOMPARE(countOf(counts, "contacts"), static_cast<qint64>(batch.contacts.size()));
QCOMPARE(countOf(counts, "leads"), qint64{150});
QCOMPARE(countOf(counts, "call_events"), static_cast<qint64>(batch.calls.size()));
QCOMPARE(countOf(counts, "messages"), static_cast<qint64>(batch.messages.size()));
QCOMPARE(countOf(counts, "notes"), static_cast<qint64>(batch.notes.size()));
QCOMPARE(countOf(counts, "bookings"), static_cast<qint64>(batch.bookings.size()));
QCOMPARE(countOf(counts, "search_documents"),
         static_cast<qint64>(batch.contacts.size() + batch.messages.size() + batch.notes.size()));

const auto org = OrganizationRepository(m_profile->database()).find(report.orgId, &error);
QVERIFY2(org, qPrintable(error));
QCOMPARE(org->name, demo.organization().name);
QCOMPARE(org->templates, demo.organization().templates);
}

void TestDemoImport::inboxShowsWhatTheDemoTells()
{
    DemoImportReport report;
    QString error;
    QVERIFY2(DemoImport(m_profile->database()).run(5, 120, &report, &error), qPrintable(error));
    DemoBatch batch;
    DemoLeads(5).generate(120, &batch);

    InboxCounts counts;
    QVERIFY2(InboxQuery(m_profile->database(), report.orgId).countsByState(&counts, &error),
             qPrintable(error));
    QCOMPARE(counts.total, 120);
    std::map<domain::LeadState, int> expected;
    for (const auto& lead : batch.leads) {
        ++expected[lead.state];
    }
    for (const auto& [state, number] : expected) {
        QCOMPARE(counts.count(state), number);
    }

    // The newest fact of each lead orders the inbox; texts stay unread only
    // where the homeowner wrote last on an open lead nobody answered yet.
    std::map<std::string, domain::Instant> newest;
    std::map<std::string, bool> homeownerLast;
    for (const auto& lead : batch.leads) {
        newest[lead.id] = lead.lastCallAt;
    }
    for (const auto& message : batch.messages) {
        newest[message.leadId] = std::max(newest[message.leadId], message.createdAt);
        homeownerLast[message.leadId] = message.direction == domain::Direction::Inbound;
    }
    for (const auto& note : batch.notes) {
        newest[note.leadId] = std::max(newest[note.leadId], note.createdAt);
    }
    const LeadRepository leads(m_profile->database(), report.orgId);
    int unreadLeads = 0;
    for (const auto& lead : batch.leads) {
        const auto record = leads.find(QString::fromStdString(lead.id), &error);
        QVERIFY2(record, qPrintable(error));
        QCOMPARE(record->lead.state, lead.state);
        QCOMPARE(record->lead.stamps, lead.stamps);
        QCOMPARE(record->lastActivityAt, newest[lead.id]);
        const bool waiting = homeownerLast[lead.id]
            && (lead.state == domain::LeadState::Replied || lead.state == domain::LeadState::Texted);
        QCOMPARE(record->unreadCount > 0, waiting);
        unreadLeads += waiting ? 1 : 0;
    }
    QVERIFY(unreadLeads > 0);
    QCOMPARE(counts.unreadLeads, unreadLeads);

    InboxPageRequest request;
    request.limit = 10;
    QVector<InboxRow> rows;
    QVERIFY2(InboxQuery(m_profile->database(), report.orgId).page(request, &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), qsizetype{10});
    const auto latest = std::max_element(newest.begin(), newest.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
    QCOMPARE(rows.front().lastActivityAt, latest->second);
}

void TestDemoImport::importingAgainContinuesTheSameLeads()
{
    QString error;
    DemoImportReport first;
    DemoImportReport second;
    QVERIFY2(DemoImport(m_profile->database()).run(9, 50, &first, &error), qPrintable(error));
    QVERIFY2(DemoImport(m_profile->database()).run(9, 70, &second, &error), qPrintable(error));
    QCOMPARE(second.leadsBefore, qint64{50});
    QCOMPARE(second.leadsAdded, qint64{70});

    DemoBatch all;
    DemoLeads(9).generate(120, &all);
    QCOMPARE(first.rows + second.rows, all.rowCount());
    const LeadRepository leads(m_profile->database(), first.orgId);
    for (const std::size_t index : {std::size_t{0}, std::size_t{49}, std::size_t{50}, std::size_t{119}}) {
        QVERIFY2(leads.find(QString::fromStdString(all.leads.at(index).id), &error), qPrintable(error));
    }
}

void TestDemoImport::eachSeedIsItsOwnOrganization()
{
    QString error;
    DemoImportReport a;
    DemoImportReport b;
    QVERIFY2(DemoImport(m_profile->database()).run(1, 30, &a, &error), qPrintable(error));
    QVERIFY2(DemoImport(m_profile->database()).run(2, 45, &b, &error), qPrintable(error));
    QVERIFY(a.orgId != b.orgId);
    std::vector<domain::Organization> organizations;
    QVERIFY2(OrganizationRepository(m_profile->database()).list(&organizations, &error), qPrintable(error));
    QCOMPARE(organizations.size(), std::size_t{2});
    InboxCounts countsA;
    InboxCounts countsB;
    QVERIFY(InboxQuery(m_profile->database(), a.orgId).countsByState(&countsA, &error));
    QVERIFY(InboxQuery(m_profile->database(), b.orgId).countsByState(&countsB, &error));
    QCOMPARE(countsA.total, 30);
    QCOMPARE(countsB.total, 45);
}

QTEST_GUILESS_MAIN(TestDemoImport)
#include "tst_demoimport.moc"
