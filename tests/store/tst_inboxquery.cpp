#include "StoreRows.h"

#include "store/InboxQuery.h"
#include "store/Profile.h"
#include "store/StoreSql.h"

#include <QSet>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>

using namespace callsnare;
using namespace callsnare::store;
using namespace storetest;

Q_DECLARE_METATYPE(callsnare::store::InboxFilter)

namespace {

const QString kOrgA = QStringLiteral("org-a");
const QString kOrgB = QStringLiteral("org-b");
constexpr qint64 kBase = 1'750'000'000;
constexpr qint64 kTodayStartsAt = kBase + 40 * 60;
constexpr int kLeads = 1000;

const QStringList kStates{QStringLiteral("missed"), QStringLiteral("texted"), QStringLiteral("replied"),
                          QStringLiteral("booked"), QStringLiteral("office"), QStringLiteral("closed")};

domain::Instant at(qint64 seconds)
{
    return domain::Instant{std::chrono::seconds{seconds}};
}

// The big fixture, as the test expects the inbox to see it.
struct Expected {
    QString id;
    QString state;
    qint64 lastActivityAt = 0;
    int unread = 0;
    bool replied = false;
};

bool matches(InboxFilter filter, const Expected& lead)
{
    switch (filter) {
    case InboxFilter::All:
        return true;
    case InboxFilter::New:
        return (lead.state == QLatin1String("missed") || lead.state == QLatin1String("texted"))
            && !lead.replied;
    case InboxFilter::NeedsReply:
        return lead.unread > 0 || lead.state == QLatin1String("replied");
    case InboxFilter::Booked:
        return lead.state == QLatin1String("booked");
    case InboxFilter::Office:
        return lead.state == QLatin1String("office");
    case InboxFilter::Closed:
        return lead.state == QLatin1String("closed");
    case InboxFilter::Today:
        return lead.lastActivityAt >= kTodayStartsAt;
    }
    return false;
}

} // namespace

class TestInboxQuery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pagesWalkEveryLeadOnce_data();
    void pagesWalkEveryLeadOnce();
    void pagesComeStraightOffAnIndex_data();
    void pagesComeStraightOffAnIndex();
    void rowContents();
    void emptyAndOversizedPages();
    void threadInTimeOrder();
    void threadOfAnotherOrgIsEmpty();
    void threadReadsOnlyTheLeadsRows_data();
    void threadReadsOnlyTheLeadsRows();
    void counts();
    void countsInSteps_data();
    void countsInSteps();

private:
    bool fillBigFixture(QString* error);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Profile> m_profile;
    QSqlDatabase m_db;
    QVector<Expected> m_expected; // org A's leads
};

void TestInboxQuery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>(tempRoot() + QStringLiteral("/inbox-XXXXXX"));
    QVERIFY(m_dir->isValid());
    QString error;
    m_profile = makeProfile(*m_dir, QStringLiteral("inbox"), &error);
    QVERIFY2(m_profile, qPrintable(error));
    m_db = m_profile->database();
    QVERIFY2(inTransaction(m_db, &error, [&] { return fillBigFixture(&error); }), qPrintable(error));
}

void TestInboxQuery::cleanupTestCase()
{
    m_db = QSqlDatabase();
    m_profile.reset();
    m_dir.reset();
}

// 1,000 leads of org A over 90 distinct seconds (so about 11 share each
// second), ids not in insertion order, every state, some unread; org B gets
// leads at the very same seconds, which must never show up for org A.
bool TestInboxQuery::fillBigFixture(QString* error)
{
    if (!addOrg(m_db, kOrgA, error) || !addOrg(m_db, kOrgB, error)) {
        return false;
    }
    for (int i = 0; i < kLeads; ++i) {
        Expected lead;
        lead.id = QStringLiteral("a-%1").arg((i * 7919) % 10007, 5, 10, QLatin1Char('0'));
        lead.state = kStates.at(i % kStates.size());
        lead.lastActivityAt = kBase + (i % 90) * 60;
        lead.unread = (i % 5 == 0) ? 1 + i % 3 : 0;
        lead.replied = lead.state == QLatin1String("texted") && i % 4 == 1;
        const QString contact = QStringLiteral("contact-") + lead.id;
        LeadRow row;
        row.id = lead.id;
        row.contactId = contact;
        row.state = lead.state;
        row.missedAt = kBase - 3600;
        row.lastActivityAt = lead.lastActivityAt;
        row.unread = lead.unread;
        row.firstReplyAt = lead.replied ? QVariant(kBase) : null();
        if (!addContact(m_db, kOrgA, contact, QStringLiteral("+1512555%1").arg(i, 4, 10, QLatin1Char('0')),
                        QStringLiteral("Homeowner %1").arg(i), error)
            || !addLead(m_db, kOrgA, row, error)) {
            return false;
        }
        m_expected.append(lead);
    }
    for (int i = 0; i < 60; ++i) {
        LeadRow row;
        row.id = QStringLiteral("b-%1").arg(i, 3, 10, QLatin1Char('0'));
        row.contactId = QStringLiteral("contact-") + row.id;
        row.state = kStates.at(i % kStates.size());
        row.lastActivityAt = kBase + (i % 90) * 60;
        row.unread = 3;
        if (!addContact(m_db, kOrgB, row.contactId,
                        QStringLiteral("+1737555%1").arg(i, 4, 10, QLatin1Char('0')),
                        QStringLiteral("Other %1").arg(i), error)
            || !addLead(m_db, kOrgB, row, error)) {
            return false;
        }
    }
    return true;
}

void TestInboxQuery::pagesWalkEveryLeadOnce_data()
{
    QTest::addColumn<InboxFilter>("filter");
    QTest::addColumn<int>("pageSize");
    QTest::newRow("all, 37 a page") << InboxFilter::All << 37;
    QTest::newRow("all, 1 a page") << InboxFilter::All << 1;
    QTest::newRow("all, one page") << InboxFilter::All << 500;
    QTest::newRow("new") << InboxFilter::New << 13;
    QTest::newRow("needs reply") << InboxFilter::NeedsReply << 25;
    QTest::newRow("booked") << InboxFilter::Booked << 10;
    QTest::newRow("office") << InboxFilter::Office << 50;
    QTest::newRow("closed") << InboxFilter::Closed << 7;
    QTest::newRow("today") << InboxFilter::Today << 30;
}

void TestInboxQuery::pagesWalkEveryLeadOnce()
{
    QFETCH(InboxFilter, filter);
    QFETCH(int, pageSize);

    QVector<Expected> expected;
    std::copy_if(m_expected.cbegin(), m_expected.cend(), std::back_inserter(expected),
                 [&](const Expected& lead) { return matches(filter, lead); });
    std::sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) {
        return a.lastActivityAt != b.lastActivityAt ? a.lastActivityAt > b.lastActivityAt : a.id > b.id;
    });
    QStringList expectedIds;
    for (const Expected& lead : expected) {
        expectedIds.append(lead.id);
    }
    QVERIFY(!expectedIds.isEmpty());
    QVERIFY(expectedIds.size() < kLeads || filter == InboxFilter::All);

    InboxQuery inbox(m_db, kOrgA);
    InboxPageRequest request;
    request.filter = filter;
    request.limit = pageSize;
    request.todayStartsAt = at(kTodayStartsAt);
    QStringList walked;
    int pages = 0;
    for (;;) {
        QVector<InboxRow> rows;
        QString error;
        QVERIFY2(inbox.page(request, &rows, &error), qPrintable(error));
        QVERIFY(rows.size() <= pageSize);
        if (rows.isEmpty()) {
            break;
        }
        for (const InboxRow& row : rows) {
            walked.append(row.leadId);
        }
        request.after = rows.back().cursor();
        QVERIFY2(++pages <= kLeads + 1, "paging does not end");
    }
    QCOMPARE(walked.size(), expectedIds.size());
    QCOMPARE(walked, expectedIds); // every lead once, in (last_activity_at DESC, id DESC) order
    QCOMPARE(QSet<QString>(walked.cbegin(), walked.cend()).size(), walked.size());
}

void TestInboxQuery::pagesComeStraightOffAnIndex_data()
{
    QTest::addColumn<InboxFilter>("filter");
    QTest::addColumn<bool>("withCursor");
    QTest::addColumn<QString>("index");
    struct Case {
        const char* name;
        InboxFilter filter;
        const char* index;
    };
    const Case cases[] = {
        {"all", InboxFilter::All, "leads_inbox"},
        {"new", InboxFilter::New, "leads_inbox_new"},
        {"needs reply", InboxFilter::NeedsReply, "leads_inbox_needs_reply"},
        {"booked", InboxFilter::Booked, "leads_inbox_by_state"},
        {"office", InboxFilter::Office, "leads_inbox_by_state"},
        {"closed", InboxFilter::Closed, "leads_inbox_by_state"},
        {"today", InboxFilter::Today, "leads_inbox"},
    };
    for (const Case& c : cases) {
        QTest::addRow("%s, first page", c.name) << c.filter << false << QString::fromLatin1(c.index);
        QTest::addRow("%s, next page", c.name) << c.filter << true << QString::fromLatin1(c.index);
    }
}

void TestInboxQuery::pagesComeStraightOffAnIndex()
{
    QFETCH(InboxFilter, filter);
    QFETCH(bool, withCursor);
    QFETCH(QString, index);
    InboxPageRequest request;
    request.filter = filter;
    request.todayStartsAt = at(kTodayStartsAt);
    if (withCursor) {
        request.after = InboxCursor{at(kBase + 600), QStringLiteral("a-05000")};
    }
    QString error;
    const QString plan = InboxQuery(m_db, kOrgA).pagePlan(request, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The rows come in inbox order off the index: no sort of the whole
    // filter's leads before the first row, and the preview is one probe.
    QVERIFY2(!plan.contains(QStringLiteral("TEMP B-TREE")), qPrintable(plan));
    QVERIFY2(plan.contains(QStringLiteral("TABLE leads AS l USING INDEX %1 (").arg(index)), qPrintable(plan));
    QVERIFY2(plan.contains(QStringLiteral("USING INDEX messages_by_lead")), qPrintable(plan));
    QVERIFY2(!plan.contains(QStringLiteral("SCAN TABLE")), qPrintable(plan));
}

void TestInboxQuery::rowContents()
{
    // A small org of its own, so the big fixture stays as it is.
    const QString org = QStringLiteral("org-rows");
    QString error;
    const bool stored = inTransaction(m_db, &error, [&] {
        LeadRow closed;
        closed.id = QStringLiteral("r-closed");
        closed.contactId = QStringLiteral("c-closed");
        closed.state = QStringLiteral("closed");
        closed.outcome = QStringLiteral("won");
        closed.missedAt = kBase;
        closed.lastActivityAt = kBase + 500;
        closed.unread = 2;
        closed.urgent = true;
        closed.paused = true;
        LeadRow quiet;
        quiet.id = QStringLiteral("r-quiet");
        quiet.contactId = QStringLiteral("c-quiet");
        quiet.missedAt = kBase;
        quiet.lastActivityAt = kBase + 100;
        const QString longBody
            = QStringLiteral("Yes please,\n  come tomorrow morning. ") + QString(100, QLatin1Char('x'));
        return addOrg(m_db, org, &error)
            && addContact(m_db, org, closed.contactId, QStringLiteral("+15125550142"),
                          QStringLiteral("Dana Whitfield"), &error)
            && addContact(m_db, org, quiet.contactId, QStringLiteral("+15125550143"), QStringLiteral(""),
                          &error)
            && addLead(m_db, org, closed, &error) && addLead(m_db, org, quiet, &error)
            && addMessage(m_db, org, closed.id, QStringLiteral("m-3"), QStringLiteral("outbound"),
                          QStringLiteral("Sorry we missed your call"), kBase + 10, &error)
            && addMessage(m_db, org, closed.id, QStringLiteral("m-2"), QStringLiteral("inbound"),
                          QStringLiteral("an earlier text at the same second"), kBase + 400, &error)
            && addMessage(m_db, org, closed.id, QStringLiteral("m-1"), QStringLiteral("inbound"), longBody,
                          kBase + 400, &error);
    });
    QVERIFY2(stored, qPrintable(error));

    QVector<InboxRow> rows;
    QVERIFY2(InboxQuery(m_db, org).page({}, &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), 2);
    const InboxRow& row = rows.at(0);
    QCOMPARE(row.leadId, QStringLiteral("r-closed"));
    QCOMPARE(row.state, domain::LeadState::Closed);
    QCOMPARE(row.outcome, std::optional<domain::CloseOutcome>(domain::CloseOutcome::Won));
    QCOMPARE(row.contactName, QStringLiteral("Dana Whitfield"));
    QCOMPARE(row.contactPhone, QStringLiteral("+15125550142"));
    QCOMPARE(row.missedAt, at(kBase));
    QCOMPARE(row.lastActivityAt, at(kBase + 500));
    QCOMPARE(row.unreadCount, 2);
    QVERIFY(row.urgent);
    QVERIFY(row.automationPaused);
    // The latest message (the later stored of two at the same second), on one
    // line, cut to 80 characters.
    QVERIFY2(row.preview.startsWith(QStringLiteral("Yes please, come tomorrow morning. xxx")),
             qPrintable(row.preview));
    QCOMPARE(row.preview.size(), 80);
    QVERIFY(row.preview.endsWith(QChar(0x2026)));

    const InboxRow& quiet = rows.at(1);
    QCOMPARE(quiet.state, domain::LeadState::Missed);
    QVERIFY(!quiet.outcome);
    QVERIFY(quiet.preview.isEmpty());
    QVERIFY(quiet.contactName.isEmpty());
    QVERIFY(!quiet.urgent);
    QVERIFY(!quiet.automationPaused);
}

void TestInboxQuery::emptyAndOversizedPages()
{
    InboxQuery inbox(m_db, kOrgA);
    QString error;
    QVector<InboxRow> rows{InboxRow{}};
    InboxPageRequest request;
    request.limit = 0;
    QVERIFY2(inbox.page(request, &rows, &error), qPrintable(error));
    QVERIFY(rows.isEmpty());
    request.limit = 100000;
    QVERIFY2(inbox.page(request, &rows, &error), qPrintable(error));
    QCOMPARE(rows.size(), 500);
    // Past the last lead: an empty page, not an error.
    request.after = InboxCursor{at(kBase - 1), QStringLiteral("zzz")};
    QVERIFY2(inbox.page(request, &rows, &error), qPrintable(error));
    QVERIFY(rows.isEmpty());
    // A stranger org sees nothing.
    QVERIFY2(InboxQuery(m_db, QStringLiteral("org-nobody")).page({}, &rows, &error), qPrintable(error));
    QVERIFY(rows.isEmpty());
}

void TestInboxQuery::threadInTimeOrder()
{
    const QString org = QStringLiteral("org-thread");
    const QString lead = QStringLiteral("t-lead");
    const qint64 t0 = kBase + 10'000;
    QString error;
    const bool stored = inTransaction(m_db, &error, [&] {
        LeadRow row;
        row.id = lead;
        row.contactId = QStringLiteral("t-contact");
        row.state = QStringLiteral("booked");
        row.missedAt = t0;
        row.lastActivityAt = t0 + 120;
        row.bookedAt = t0 + 120;
        LeadRow other = row;
        other.id = QStringLiteral("t-other");
        other.bookedAt = null();
        // Stored out of time order and with ids against it, so only the
        // query's ordering can get the thread right.
        return addOrg(m_db, org, &error)
            && addContact(m_db, org, row.contactId, QStringLiteral("+15125550150"), QStringLiteral("Pat"),
                          &error)
            && addLead(m_db, org, row, &error) && addLead(m_db, org, other, &error)
            && addBooking(m_db, org, lead, QStringLiteral("a-booking"), t0 + 86'400, &error)
            && addNote(m_db, org, lead, QStringLiteral("a-note"), QStringLiteral("gate code 4411"), t0 + 60,
                       &error)
            && addMessage(m_db, org, lead, QStringLiteral("z-reply"), QStringLiteral("inbound"),
                          QStringLiteral("Furnace is out"), t0 + 60, &error)
            && addMessage(m_db, org, lead, QStringLiteral("y-reply"), QStringLiteral("inbound"),
                          QStringLiteral("Also the thermostat is blank"), t0 + 60, &error)
            && addLifecycle(m_db, org, lead, QStringLiteral("b-replied"), QStringLiteral("replied"), t0 + 60,
                            &error)
            && addMessage(m_db, org, lead, QStringLiteral("m-textback"), QStringLiteral("outbound"),
                          QStringLiteral("Sorry we missed your call"), t0 + 5, &error)
            && addLifecycle(m_db, org, lead, QStringLiteral("a-texted"), QStringLiteral("texted"), t0, &error)
            && addCall(m_db, org, lead, QStringLiteral("z-call"), t0, &error)
            && addCall(m_db, org, other.id, QStringLiteral("other-call"), t0 + 1, &error)
            && addMessage(m_db, org, other.id, QStringLiteral("other-msg"), QStringLiteral("inbound"),
                          QStringLiteral("not this lead"), t0 + 2, &error);
    });
    QVERIFY2(stored, qPrintable(error));

    QVector<ThreadItem> items;
    QVERIFY2(InboxQuery(m_db, org).thread(lead, &items, &error), qPrintable(error));
    QStringList ids;
    for (const ThreadItem& item : items) {
        ids.append(item.id);
    }
    QCOMPARE(ids,
             (QStringList{QStringLiteral("z-call"), QStringLiteral("a-texted"), QStringLiteral("m-textback"),
                          QStringLiteral("z-reply"), QStringLiteral("y-reply"), QStringLiteral("b-replied"),
                          QStringLiteral("a-note"), QStringLiteral("a-booking")}));
    // Same second: call before lifecycle; messages of one second as stored.
    QCOMPARE(items.at(0).kind, ThreadItem::Kind::Call);
    QCOMPARE(items.at(0).type, QStringLiteral("missed"));
    QCOMPARE(items.at(0).status, QStringLiteral("no-answer"));
    QCOMPARE(items.at(0).text, QStringLiteral("+15125550142"));
    QCOMPARE(items.at(0).at, at(t0));
    const ThreadItem& reply = items.at(3);
    QCOMPARE(reply.kind, ThreadItem::Kind::Message);
    QCOMPARE(reply.type, QStringLiteral("inbound"));
    QCOMPARE(reply.status, QStringLiteral("received"));
    QCOMPARE(reply.author, QStringLiteral("homeowner"));
    QCOMPARE(reply.text, QStringLiteral("Furnace is out"));
    QVERIFY(!reply.carrierErrorCode);
    QCOMPARE(items.at(5).kind, ThreadItem::Kind::Lifecycle);
    QCOMPARE(items.at(5).type, QStringLiteral("state_changed"));
    QCOMPARE(items.at(5).text, QStringLiteral("replied"));
    QCOMPARE(items.at(6).kind, ThreadItem::Kind::Note);
    QCOMPARE(items.at(6).text, QStringLiteral("gate code 4411"));
    const ThreadItem& booking = items.at(7);
    QCOMPARE(booking.kind, ThreadItem::Kind::Booking);
    QCOMPARE(booking.at, at(t0 + 120));
    QCOMPARE(booking.startsAt, std::optional<domain::Instant>(at(t0 + 86'400)));
    QCOMPARE(booking.durationMinutes, 120);
    QCOMPARE(booking.type, QStringLiteral("scheduled"));
    QCOMPARE(booking.author, QStringLiteral("Sam"));
    QCOMPARE(booking.text, QStringLiteral("12 Elm St"));
}

void TestInboxQuery::threadOfAnotherOrgIsEmpty()
{
    QString error;
    QVector<ThreadItem> items;
    QVERIFY2(InboxQuery(m_db, kOrgA).thread(QStringLiteral("t-lead"), &items, &error), qPrintable(error));
    QVERIFY(items.isEmpty());
    QVERIFY2(InboxQuery(m_db, QStringLiteral("org-thread")).thread(QStringLiteral("t-lead"), &items, &error),
             qPrintable(error));
    QVERIFY(!items.isEmpty());
}

void TestInboxQuery::threadReadsOnlyTheLeadsRows_data()
{
    QTest::addColumn<QString>("step");
    // Every part of the thread goes through an index that starts at the
    // lead: an org-wide index (bookings_by_start, the carrier-id uniques)
    // would read every row of the organization for one lead.
    QTest::newRow("calls") << QStringLiteral("TABLE call_events USING INDEX call_events_by_lead (lead_id=?)");
    QTest::newRow("messages") << QStringLiteral("TABLE messages USING INDEX messages_by_lead (lead_id=?)");
    QTest::newRow("lifecycle") << QStringLiteral(
        "TABLE lifecycle_events USING INDEX lifecycle_events_by_lead (lead_id=?)");
    QTest::newRow("notes") << QStringLiteral("TABLE notes USING INDEX notes_by_lead (lead_id=?)");
    QTest::newRow("bookings") << QStringLiteral(
        "TABLE bookings AS b USING INDEX bookings_by_lead (org_id=? AND lead_id=?)");
    QTest::newRow("booking's lead") << QStringLiteral(
        "TABLE leads AS l USING INDEX sqlite_autoindex_leads_1 (id=?)");
}

void TestInboxQuery::threadReadsOnlyTheLeadsRows()
{
    QFETCH(QString, step);
    QString error;
    const QString plan = InboxQuery(m_db, kOrgA).threadPlan(QStringLiteral("a-05000"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(plan.contains(QStringLiteral("SEARCH ") + step), qPrintable(plan));
    QVERIFY2(!plan.contains(QStringLiteral("SCAN TABLE")), qPrintable(plan));
}

void TestInboxQuery::counts()
{
    InboxCounts counts;
    QString error;
    QVERIFY2(InboxQuery(m_db, kOrgA).countsByState(&counts, &error), qPrintable(error));
    std::array<int, 6> byState{};
    int unreadMessages = 0;
    int unreadLeads = 0;
    for (const Expected& lead : std::as_const(m_expected)) {
        ++byState.at(static_cast<std::size_t>(kStates.indexOf(lead.state)));
        unreadMessages += lead.unread;
        unreadLeads += lead.unread > 0 ? 1 : 0;
    }
    QCOMPARE(counts.byState, byState);
    QCOMPARE(counts.total, kLeads);
    QCOMPARE(counts.count(domain::LeadState::Booked), byState.at(3));
    QCOMPARE(counts.unreadMessages, unreadMessages);
    QCOMPARE(counts.unreadLeads, unreadLeads);
    QVERIFY(unreadLeads > 0);

    // Org B's 60 leads (3 unread each) are counted for org B alone.
    QVERIFY2(InboxQuery(m_db, kOrgB).countsByState(&counts, &error), qPrintable(error));
    QCOMPARE(counts.total, 60);
    QCOMPARE(counts.unreadMessages, 180);
    QCOMPARE(counts.count(domain::LeadState::Missed), 10);
    QVERIFY2(InboxQuery(m_db, QStringLiteral("org-nobody")).countsByState(&counts, &error),
             qPrintable(error));
    QCOMPARE(counts.total, 0);
}

void TestInboxQuery::countsInSteps_data()
{
    QTest::addColumn<int>("rows");
    QTest::newRow("1 a step") << 1;
    QTest::newRow("7 a step (ends inside each state)") << 7;
    QTest::newRow("one step a state") << 100000;
}

// The counter's steps add up to the one-query counts, however they fall
// between leads that share a second.
void TestInboxQuery::countsInSteps()
{
    QFETCH(int, rows);
    QString error;
    InboxCounts whole;
    QVERIFY2(InboxQuery(m_db, kOrgA).countsByState(&whole, &error), qPrintable(error));
    InboxCountProgress progress;
    int steps = 0;
    while (!progress.done) {
        QVERIFY2(InboxQuery(m_db, kOrgA).countStep(&progress, rows, &error), qPrintable(error));
        QVERIFY2(++steps <= 2 * kLeads + 10, "counting does not end");
    }
    QCOMPARE(progress.counts.byState, whole.byState);
    QCOMPARE(progress.counts.total, kLeads);
    QCOMPARE(progress.counts.unreadMessages, whole.unreadMessages);
    QCOMPARE(progress.counts.unreadLeads, whole.unreadLeads);
}

QTEST_GUILESS_MAIN(TestInboxQuery)
#include "tst_inboxquery.moc"
