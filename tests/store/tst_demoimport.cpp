#include "store/BulkImport.h"
#include "store/ContactRepository.h"
#include "store/DemoImport.h"
#include "store/DemoLeads.h"
#include "store/InboxQuery.h"
#include "store/LeadRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/SearchIndex.h"
#include "store/StoreSql.h"
#include "store/TableCounts.h"

#include <QSqlQuery>
#include <QSqlRecord>
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

// Every row of `table` (all columns, in rowid order), as text.
QStringList rowsOf(const QSqlDatabase& db, const QString& select)
{
    QStringList rows;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QString error;
    if (!execute(query, select, {}, &error)) {
        return {QStringLiteral("error: ") + error};
    }
    while (query.next()) {
        QStringList values;
        for (int column = 0; column < query.record().count(); ++column) {
            values.append(query.isNull(column) ? QStringLiteral("NULL") : query.value(column).toString());
        }
        rows.append(values.join(QLatin1Char('|')));
    }
    return rows;
}

QStringList hitsOf(const QSqlDatabase& db, const QString& orgId, const QString& text)
{
    QString error;
    const QVector<SearchHit> hits = SearchIndex(db, orgId).search(text, 25, &error);
    QStringList rows;
    if (!error.isEmpty()) {
        rows.append(QStringLiteral("error: ") + error);
    }
    for (const SearchHit& hit : hits) {
        rows.append(QStringLiteral("%1|%2|%3|%4|%5")
                        .arg(SearchIndex::kindName(hit.kind), hit.refId, hit.leadId, hit.snippet)
                        .arg(hit.rank, 0, 'g', 12));
    }
    return rows;
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
    void demoIdsRiseInStoryOrder();
    void bulkStoresWhatTheRepositoriesStore_data();
    void bulkStoresWhatTheRepositoriesStore();
    void bulkImportKeepsToItsOrganization_data();
    void bulkImportKeepsToItsOrganization();
    void bulkImportPutsThePageCacheBack();

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

// The demo's ids are version 7 UUIDs rising in the order the stories are
// told, as the relay's rise with the order facts reach it, so a demo
// profile's id indexes grow at their right edge like a synced one's.
void TestDemoImport::demoIdsRiseInStoryOrder()
{
    DemoBatch batch;
    DemoLeads demo(5);
    demo.generate(40, &batch);
    DemoBatch later;
    demo.generate(40, &later);
    const auto rising = [](const auto& rows) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].id.size() != 36 || rows[i].id[14] != '7') {
                return false;
            }
            if (i > 0 && !(rows[i - 1].id < rows[i].id)) {
                return false;
            }
        }
        return !rows.empty();
    };
    QVERIFY(rising(batch.leads));
    QVERIFY(rising(batch.contacts));
    QVERIFY(rising(batch.messages));
    QVERIFY(rising(batch.calls));
    QVERIFY(batch.leads.back().id < later.leads.front().id);
    QVERIFY(batch.messages.back().id < later.messages.front().id);
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

void TestDemoImport::bulkStoresWhatTheRepositoriesStore_data()
{
    QTest::addColumn<QList<qint64>>("runs"); // leads per bulk import, one after the other
    QTest::newRow("one run") << QList<qint64>{260};
    QTest::newRow("three runs") << QList<qint64>{100, 1, 159};
}

void TestDemoImport::bulkStoresWhatTheRepositoriesStore()
{
    QFETCH(QList<qint64>, runs);
    constexpr quint64 kSeed = 17;
    QString error;
    const auto reference = Profile::create(m_dir->filePath(QStringLiteral("reference.csnare")),
                                           QStringLiteral("demo passphrase"), &error);
    QVERIFY2(reference, qPrintable(error));
    // Docids follow the batches (contacts, then texts, then notes of each), so
    // both sides import in the same runs and batches.
    qint64 slowRows = 0;
    for (const qint64 leads : runs) {
        DemoImport slow(reference->database());
        slow.setMethod(DemoImport::Method::Repositories);
        slow.setBatchLeads(70);
        DemoImportReport report;
        QVERIFY2(slow.run(kSeed, leads, &report, &error), qPrintable(error));
        slowRows += report.rows;
    }

    qint64 bulkRows = 0;
    QString orgId;
    for (const qint64 leads : runs) {
        DemoImport fast(m_profile->database());
        fast.setMethod(DemoImport::Method::Bulk);
        fast.setBatchLeads(70); // the last batch of a run is a short one
        DemoImportReport report;
        QVERIFY2(fast.run(kSeed, leads, &report, &error), qPrintable(error));
        bulkRows += report.rows;
        orgId = report.orgId;
    }
    QCOMPARE(bulkRows, slowRows);

    const QSqlDatabase bulk = m_profile->database();
    const QSqlDatabase repositories = reference->database();
    TableCounts::Counts bulkCounts;
    TableCounts::Counts repositoryCounts;
    QVERIFY2(TableCounts::count(bulk, &bulkCounts, &error), qPrintable(error));
    QVERIFY2(TableCounts::count(repositories, &repositoryCounts, &error), qPrintable(error));
    QCOMPARE(bulkCounts, repositoryCounts);

    // Row for row, rowids and docids included, and the indexed text.
    for (const char* table : {"organizations", "contacts", "leads", "call_events", "messages", "notes",
                              "bookings", "search_documents", "search_orgs"}) {
        const QString select
            = QStringLiteral("SELECT rowid, * FROM %1 ORDER BY rowid").arg(QLatin1String(table));
        const QStringList expected = rowsOf(repositories, select);
        QVERIFY2(!expected.isEmpty() || QLatin1String(table) == QLatin1String("notes"), table);
        QCOMPARE(rowsOf(bulk, select), expected);
    }
    const QString indexed = QStringLiteral("SELECT docid, body, org_key FROM search_index ORDER BY docid");
    QCOMPARE(rowsOf(bulk, indexed), rowsOf(repositories, indexed));
    // The index agrees with the texts it was built from (search_documents):
    // FTS4 compares its terms with a fresh tokenization of every stored text.
    for (const QSqlDatabase& db : {bulk, repositories}) {
        QVERIFY2(execute(db,
                         QStringLiteral("INSERT INTO search_index (search_index) VALUES ('integrity-check')"),
                         {}, &error),
                 qPrintable(error));
    }

    // What a dispatcher finds, ranks and snippets included.
    DemoBatch batch;
    DemoLeads(kSeed).generate(3, &batch);
    const QString someone = QString::fromStdString(batch.contacts.front().name).section(QLatin1Char(' '), -1);
    const QString digits = QString::fromStdString(batch.contacts.front().phone.e164()).right(4);
    for (const QString& text : {QStringLiteral("no heat"), QStringLiteral("furn*"),
                                QStringLiteral("thermostat"), QStringLiteral("gas smell"), someone, digits}) {
        const QStringList expected = hitsOf(repositories, orgId, text);
        QVERIFY2(!expected.isEmpty(), qPrintable(text));
        QCOMPARE(hitsOf(bulk, orgId, text), expected);
    }

    InboxCounts bulkInbox;
    InboxCounts repositoryInbox;
    QVERIFY2(InboxQuery(bulk, orgId).countsByState(&bulkInbox, &error), qPrintable(error));
    QVERIFY2(InboxQuery(repositories, orgId).countsByState(&repositoryInbox, &error), qPrintable(error));
    QCOMPARE(bulkInbox.byState, repositoryInbox.byState);
    QCOMPARE(bulkInbox.unreadLeads, repositoryInbox.unreadLeads);
    QCOMPARE(bulkInbox.unreadMessages, repositoryInbox.unreadMessages);
}

void TestDemoImport::bulkImportKeepsToItsOrganization_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("contact of another org")
        << QStringLiteral("contact org") << QStringLiteral("organization");
    QTest::newRow("lead of another org") << QStringLiteral("lead org") << QStringLiteral("organization");
    QTest::newRow("lead on another org's contact")
        << QStringLiteral("lead contact") << QStringLiteral("no contact");
    QTest::newRow("message on another org's lead")
        << QStringLiteral("message lead") << QStringLiteral("no lead");
    QTest::newRow("booking on another org's lead")
        << QStringLiteral("booking lead") << QStringLiteral("no lead");
    QTest::newRow("note on an unknown lead") << QStringLiteral("note lead") << QStringLiteral("no lead");
}

void TestDemoImport::bulkImportKeepsToItsOrganization()
{
    QFETCH(QString, change);
    QFETCH(QString, refusal);
    QString error;
    // Organization A: seed 1, already in the profile with a few leads.
    DemoImportReport other;
    QVERIFY2(DemoImport(m_profile->database()).run(1, 5, &other, &error), qPrintable(error));
    DemoBatch theirs;
    DemoLeads(1).generate(1, &theirs);

    // Organization B imports a batch with one thing pointing at A.
    DemoLeads demo(2);
    const QString orgId = QString::fromStdString(demo.organization().id);
    QVERIFY2(OrganizationRepository(m_profile->database()).save(demo.organization(), &error),
             qPrintable(error));
    DemoBatch batch;
    demo.generate(3, &batch);
    if (change == QLatin1String("contact org")) {
        batch.contacts.back().orgId = theirs.contacts.front().orgId;
    } else if (change == QLatin1String("lead org")) {
        batch.leads.back().orgId = theirs.leads.front().orgId;
    } else if (change == QLatin1String("lead contact")) {
        batch.leads.back().contactId = theirs.contacts.front().id;
    } else if (change == QLatin1String("message lead")) {
        batch.messages.back().leadId = theirs.leads.front().id;
    } else if (change == QLatin1String("booking lead")) {
        domain::Booking booking;
        booking.id = "booking-of-b";
        booking.orgId = demo.organization().id;
        booking.leadId = theirs.leads.front().id;
        booking.startsAt = theirs.leads.front().lastCallAt + std::chrono::hours{24};
        batch.bookings.push_back(booking);
    } else if (change == QLatin1String("note lead")) {
        domain::Note note;
        note.id = "note-of-b";
        note.orgId = demo.organization().id;
        note.leadId = "no-such-lead";
        note.body = "called back";
        batch.notes.push_back(note);
    }

    TableCounts::Counts before;
    QVERIFY2(TableCounts::count(m_profile->database(), &before, &error), qPrintable(error));
    const bool imported = inTransaction(m_profile->database(), &error, [&] {
        BulkImport bulk(m_profile->database(), orgId);
        return bulk.begin(&error) && bulk.write(batch, {}, &error);
    });
    QVERIFY(!imported);
    QVERIFY2(error.contains(refusal), qPrintable(error));
    TableCounts::Counts after;
    QVERIFY2(TableCounts::count(m_profile->database(), &after, &error), qPrintable(error));
    QCOMPARE(after, before);
}

void TestDemoImport::bulkImportPutsThePageCacheBack()
{
    QString error;
    const auto cacheSize = [&] {
        QSqlQuery query(m_profile->database());
        return execute(query, QStringLiteral("PRAGMA cache_size"), {}, &error) && query.next()
            ? query.value(0).toLongLong()
            : qint64{0};
    };
    const qint64 before = cacheSize();
    QVERIFY2(before != 0, qPrintable(error));
    qint64 during = 0;
    DemoImport import(m_profile->database());
    import.setBatchLeads(10);
    import.setProgress([&](qint64) { during = cacheSize();
});
QVERIFY2(import.run(4, 20, nullptr, &error), qPrintable(error));
QCOMPARE(during, -qint64{BulkImport::kImportCacheKiB});
QCOMPARE(cacheSize(), before);
}

QTEST_GUILESS_MAIN(TestDemoImport)
#include "tst_demoimport.moc"
