// The inbox's attention order (issue 7): urgent open leads, then leads whose
// homeowner waits for a person (longest first), then the rest newest first,
// with keyset pages that stay right across the tiers' boundaries; when a
// homeowner started waiting; and a thread that lists an automation decision
// before the text it caused.

#include "StoreRows.h"

#include "domain/EntityWireNames.h"
#include "store/AwaitingReply.h"
#include "store/InboxQuery.h"
#include "store/MessageRepository.h"
#include "store/Profile.h"
#include "store/StoreSql.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <memory>
#include <optional>

using namespace callsnare;
using namespace callsnare::store;
using namespace storetest;

namespace {

const QString kOrg = QStringLiteral("org-attention");
constexpr qint64 kNow = 1'750'000'000;
constexpr qint64 kAttentionSince = kNow - 7 * 86'400;

domain::Instant at(qint64 seconds)
{
    return domain::Instant{std::chrono::seconds{seconds}};
}

bool addText(const QSqlDatabase& db, const QString& leadId, const QString& id, const QString& direction,
             const QString& author, qint64 when, QString* error)
{
    return execute(
               db,
               QStringLiteral("INSERT INTO messages (id, org_id, lead_id, direction, author, body, status, "
                              "created_at) VALUES (?, ?, ?, ?, ?, ?, 'delivered', ?)"),
               {id, kOrg, leadId, direction, author, QStringLiteral("text ") + id, when}, error)
        && keepAwaitingReply(db, kOrg, leadId, direction, author, when, error);
}

bool addDecision(const QSqlDatabase& db, const QString& leadId, const QString& id, qint64 when,
                 QString* error)
{
    return execute(
        db,
        QStringLiteral("INSERT INTO lifecycle_events (id, org_id, lead_id, kind, detail, occurred_at) "
                       "VALUES (?, ?, ?, 'automation.text_back', 'sent: within business hours', ?)"),
        {id, kOrg, leadId, when}, error);
}

} // namespace

class TestInboxAttention : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void awaitingReplySince();
    void waitKeptAsTextsArrive();
    void foldAgreesWithTheStatements();
    void attentionOrder();
    void pagesAcrossTheTiers_data();
    void pagesAcrossTheTiers();
    void plainOrderWithoutAttention();
    void decisionBeforeTheTextItCaused();
    void tiersComeStraightOffTheirIndexes_data();
    void tiersComeStraightOffTheirIndexes();
    void repositoryWritesKeepTheWait();

private:
    bool addLeadAt(const QString& id, const QString& state, qint64 lastActivity, bool urgent, QString* error);
    QStringList walk(int pageSize, QString* error);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Profile> m_profile;
    QSqlDatabase m_db;
};

bool TestInboxAttention::addLeadAt(const QString& id, const QString& state, qint64 lastActivity, bool urgent,
                                   QString* error)
{
    LeadRow row;
    row.id = id;
    row.contactId = QStringLiteral("c-") + id;
    row.state = state;
    row.missedAt = lastActivity - 600;
    row.lastActivityAt = lastActivity;
    row.urgent = urgent;
    if (state == QLatin1String("closed")) {
        row.outcome = QStringLiteral("won");
    }
    static int phone = 0;
    return addContact(m_db, kOrg, row.contactId,
                      QStringLiteral("+1512555%1").arg(++phone, 4, 10, QLatin1Char('0')), id, error)
        && addLead(m_db, kOrg, row, error);
}

// Leads, newest activity last in each group:
//   u-*: urgent and open (u-old is urgent but older than the attention window,
//        u-closed is urgent but closed: both stay in the plain order);
//   w-*: the homeowner waits (w-1 longest, since kNow - 3000; w-2 and w-3 wait
//        since the same second, so the id decides);
//   r-*: nobody waits: answered by a person, answered only by automation
//        before the homeowner wrote (waits!), handed to the office, no texts.
void TestInboxAttention::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>(tempRoot() + QStringLiteral("/attention-XXXXXX"));
    QVERIFY(m_dir->isValid());
    QString error;
    m_profile = makeProfile(*m_dir, QStringLiteral("attention"), &error);
    QVERIFY2(m_profile, qPrintable(error));
    m_db = m_profile->database();
    const bool stored = inTransaction(m_db, &error, [&] {
        return addOrg(m_db, kOrg, &error)
            // Urgent.
            && addLeadAt(QStringLiteral("u-1"), QStringLiteral("replied"), kNow - 100, true, &error)
            && addLeadAt(QStringLiteral("u-2"), QStringLiteral("missed"), kNow - 50, true, &error)
            && addLeadAt(QStringLiteral("u-old"), QStringLiteral("replied"), kAttentionSince - 10, true,
                         &error)
            && addLeadAt(QStringLiteral("u-closed"), QStringLiteral("closed"), kNow - 40, true, &error)
            // Waiting for a person.
            && addLeadAt(QStringLiteral("w-1"), QStringLiteral("replied"), kNow - 20, false, &error)
            && addText(m_db, QStringLiteral("w-1"), QStringLiteral("w1-a"), QStringLiteral("outbound"),
                       QStringLiteral("automation"), kNow - 3600, &error)
            && addText(m_db, QStringLiteral("w-1"), QStringLiteral("w1-b"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 3000, &error)
            && addText(m_db, QStringLiteral("w-1"), QStringLiteral("w1-c"), QStringLiteral("outbound"),
                       QStringLiteral("automation"), kNow - 2900, &error)
            && addText(m_db, QStringLiteral("w-1"), QStringLiteral("w1-d"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 20, &error)
            && addLeadAt(QStringLiteral("w-2"), QStringLiteral("replied"), kNow - 30, false, &error)
            && addText(m_db, QStringLiteral("w-2"), QStringLiteral("w2-a"), QStringLiteral("outbound"),
                       QStringLiteral("dispatcher"), kNow - 900, &error)
            && addText(m_db, QStringLiteral("w-2"), QStringLiteral("w2-b"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 600, &error)
            && addLeadAt(QStringLiteral("w-3"), QStringLiteral("texted"), kNow - 10, false, &error)
            && addText(m_db, QStringLiteral("w-3"), QStringLiteral("w3-a"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 600, &error)
            // Nobody waits.
            && addLeadAt(QStringLiteral("r-answered"), QStringLiteral("replied"), kNow - 5, false, &error)
            && addText(m_db, QStringLiteral("r-answered"), QStringLiteral("ra-a"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 400, &error)
            // A person's answer at the very second of the text counts as an answer.
            && addText(m_db, QStringLiteral("r-answered"), QStringLiteral("ra-b"), QStringLiteral("outbound"),
                       QStringLiteral("dispatcher"), kNow - 5, &error)
            && addText(m_db, QStringLiteral("r-answered"), QStringLiteral("ra-c"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 5, &error)
            && addLeadAt(QStringLiteral("r-office"), QStringLiteral("office"), kNow - 15, false, &error)
            && addLeadAt(QStringLiteral("r-booked"), QStringLiteral("booked"), kNow - 16, false, &error)
            && addText(m_db, QStringLiteral("r-booked"), QStringLiteral("rb-a"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 16, &error)
            && addText(m_db, QStringLiteral("r-office"), QStringLiteral("ro-a"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kNow - 700, &error)
            && addLeadAt(QStringLiteral("r-quiet"), QStringLiteral("texted"), kNow - 1, false, &error)
            && addText(m_db, QStringLiteral("r-quiet"), QStringLiteral("rq-a"), QStringLiteral("outbound"),
                       QStringLiteral("automation"), kNow - 1, &error)
            && addLeadAt(QStringLiteral("r-old"), QStringLiteral("replied"), kAttentionSince - 5, false,
                         &error)
            && addText(m_db, QStringLiteral("r-old"), QStringLiteral("rold-a"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), kAttentionSince - 5, &error);
    });
    QVERIFY2(stored, qPrintable(error));
}

void TestInboxAttention::cleanupTestCase()
{
    m_db = QSqlDatabase();
    m_profile.reset();
    m_dir.reset();
}

void TestInboxAttention::awaitingReplySince()
{
    QVector<InboxRow> rows;
    QString error;
    InboxPageRequest request;
    request.limit = 100;
    QVERIFY2(InboxQuery(m_db, kOrg).page(request, &rows, &error), qPrintable(error));
    QHash<QString, std::optional<domain::Instant>> since;
    for (const InboxRow& row : rows) {
        since.insert(row.leadId, row.awaitingReplySince);
        QCOMPARE(row.tier, InboxTier::Rest); // no attention asked for
    }
    // Automatic texts answer nobody: w-1 waits since its first text.
    QCOMPARE(since.value(QStringLiteral("w-1")), std::optional(at(kNow - 3000)));
    // After a person's answer, the wait starts at the next text.
    QCOMPARE(since.value(QStringLiteral("w-2")), std::optional(at(kNow - 600)));
    QCOMPARE(since.value(QStringLiteral("w-3")), std::optional(at(kNow - 600)));
    QCOMPARE(since.value(QStringLiteral("r-old")), std::optional(at(kAttentionSince - 5)));
    QVERIFY(!since.value(QStringLiteral("r-answered")));
    QVERIFY(!since.value(QStringLiteral("r-office"))); // the office has it
    QVERIFY(!since.value(QStringLiteral("r-booked")));
    QVERIFY(!since.value(QStringLiteral("r-quiet")));
    QVERIFY(!since.value(QStringLiteral("u-2")));
}

// AwaitingReply's statements keep the wait right whatever order
// the texts are stored in (sync may deliver them late).
void TestInboxAttention::waitKeptAsTextsArrive()
{
    const QString lead = QStringLiteral("k-lead");
    const qint64 t = kNow + 5000;
    QString error;
    QVERIFY2(addLeadAt(lead, QStringLiteral("replied"), t, false, &error), qPrintable(error));
    const auto since = [&]() -> QVariant {
        QSqlQuery query(m_db);
        if (!execute(query, QStringLiteral("SELECT awaiting_reply_since FROM leads WHERE id = ?"), {lead},
                     &error)
            || !query.next()) {
            return QStringLiteral("error");
        }
        return query.value(0);
    };
    const auto text = [&](const char* id, const char* direction, const char* author, qint64 at) {
        return addText(m_db, lead, QString::fromLatin1(id), QString::fromLatin1(direction),
                       QString::fromLatin1(author), at, &error);
    };
    QVERIFY(text("k-answer", "outbound", "dispatcher", t + 100));
    QVERIFY(text("k-old", "inbound", "homeowner", t + 50)); // answered already
    QVERIFY(since().isNull());
    QVERIFY(text("k-auto", "outbound", "automation", t + 140));
    QVERIFY(text("k-new", "inbound", "homeowner", t + 150));
    QCOMPARE(since().toLongLong(), t + 150);
    QVERIFY(text("k-late", "inbound", "homeowner", t + 120)); // stored late, sent earlier
    QCOMPARE(since().toLongLong(), t + 120);
    QVERIFY(text("k-early-answer", "outbound", "dispatcher", t + 110)); // before the wait: no change
    QCOMPARE(since().toLongLong(), t + 120);
    QVERIFY(text("k-answer-2", "outbound", "dispatcher", t + 130)); // answers k-late, not k-new
    QCOMPARE(since().toLongLong(), t + 150);
    QVERIFY(execute(m_db, QStringLiteral("DELETE FROM messages WHERE id = 'k-new'"), {}, &error));
    QVERIFY(since().isNull());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Gone again, so the other cases see their own leads only.
    QVERIFY2(execute(m_db, QStringLiteral("DELETE FROM messages WHERE lead_id = ?"), {lead}, &error)
                 && execute(m_db, QStringLiteral("DELETE FROM leads WHERE id = ?"), {lead}, &error),
             qPrintable(error));
}

// A bulk import folds a lead's texts in memory (AwaitingReply::Fold) instead
// of running the statements: both must leave the same wait, whatever order
// and ties the texts come in.
void TestInboxAttention::foldAgreesWithTheStatements()
{
    QRandomGenerator random(2026);
    const std::array<std::pair<domain::Direction, domain::MessageAuthor>, 3> kinds{{
        {domain::Direction::Inbound, domain::MessageAuthor::Homeowner},
        {domain::Direction::Outbound, domain::MessageAuthor::Dispatcher},
        {domain::Direction::Outbound, domain::MessageAuthor::Automation},
    }};
    const qint64 t = kNow + 9000;
    QString error;
    for (int round = 0; round < 150; ++round) {
        const QString lead = QStringLiteral("f-lead-%1").arg(round);
        QVERIFY2(addLeadAt(lead, QStringLiteral("replied"), t, false, &error), qPrintable(error));
        AwaitingReply::Fold fold;
        const int texts = random.bounded(1, 9);
        for (int i = 0; i < texts; ++i) {
            const auto& [direction, author] = kinds.at(random.bounded(3U));
            const qint64 when = t + 10 * random.bounded(6); // ties on purpose
            QVERIFY2(addText(m_db, lead, QStringLiteral("%1-%2").arg(lead).arg(i),
                             QString::fromLatin1(domain::nameIn(domain::kDirectionNames, direction)),
                             QString::fromLatin1(domain::nameIn(domain::kMessageAuthorNames, author)), when,
                             &error),
                     qPrintable(error));
            fold.add(direction, author, when);
        }
        QSqlQuery query(m_db);
        QVERIFY2(execute(query, QStringLiteral("SELECT awaiting_reply_since FROM leads WHERE id = ?"), {lead},
                         &error)
                     && query.next(),
                 qPrintable(error));
        const QVariant stored = query.value(0);
        QCOMPARE(stored.isNull() ? std::optional<qint64>() : std::optional(stored.toLongLong()),
                 fold.since());
        query.finish();
        QVERIFY2(execute(m_db, QStringLiteral("DELETE FROM messages WHERE lead_id = ?"), {lead}, &error)
                     && execute(m_db, QStringLiteral("DELETE FROM leads WHERE id = ?"), {lead}, &error),
                 qPrintable(error));
    }
}

QStringList TestInboxAttention::walk(int pageSize, QString* error)
{
    InboxQuery inbox(m_db, kOrg);
    InboxPageRequest request;
    request.limit = pageSize;
    request.attentionSince = at(kAttentionSince);
    QStringList walked;
    for (int pages = 0; pages < 100; ++pages) {
        QVector<InboxRow> rows;
        if (!inbox.page(request, &rows, error)) {
            return {};
        }
        if (rows.isEmpty()) {
            return walked;
        }
        for (const InboxRow& row : rows) {
            walked.append(row.leadId);
        }
        request.after = rows.back().cursor();
    }
    *error = QStringLiteral("paging does not end");
    return {};
}

const QStringList kAttentionOrder{
    // Urgent, newest first.
    QStringLiteral("u-2"), QStringLiteral("u-1"),
    // Waiting, longest first; equal waits by id.
    QStringLiteral("w-1"), QStringLiteral("w-2"), QStringLiteral("w-3"),
    // The rest, newest first.
    QStringLiteral("r-quiet"), QStringLiteral("r-answered"), QStringLiteral("r-office"),
    QStringLiteral("r-booked"), QStringLiteral("u-closed"), QStringLiteral("r-old"), QStringLiteral("u-old")};

void TestInboxAttention::attentionOrder()
{
    InboxPageRequest request;
    request.limit = 100;
    request.attentionSince = at(kAttentionSince);
    QVector<InboxRow> rows;
    QString error;
    QVERIFY2(InboxQuery(m_db, kOrg).page(request, &rows, &error), qPrintable(error));
    QStringList ids;
    for (const InboxRow& row : rows) {
        ids.append(row.leadId);
    }
    QCOMPARE(ids, kAttentionOrder);
    QCOMPARE(rows.at(0).tier, InboxTier::Urgent);
    QCOMPARE(rows.at(2).tier, InboxTier::AwaitingReply);
    QCOMPARE(rows.at(2).awaitingReplySince, std::optional(at(kNow - 3000)));
    QCOMPARE(rows.at(5).tier, InboxTier::Rest);
    // The preview comes with the attention rows too.
    QCOMPARE(rows.at(2).preview, QStringLiteral("text w1-d"));
}

void TestInboxAttention::pagesAcrossTheTiers_data()
{
    QTest::addColumn<int>("pageSize");
    // 1 and 2 end pages on each boundary; 3 and 4 cross them mid-page.
    for (const int size : {1, 2, 3, 4, 5, 6, 50}) {
        QTest::addRow("%d a page", size) << size;
    }
}

void TestInboxAttention::pagesAcrossTheTiers()
{
    QFETCH(int, pageSize);
    QString error;
    const QStringList walked = walk(pageSize, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(walked, kAttentionOrder);
}

void TestInboxAttention::plainOrderWithoutAttention()
{
    InboxPageRequest request;
    request.limit = 4;
    QStringList walked;
    QString error;
    for (;;) {
        QVector<InboxRow> rows;
        QVERIFY2(InboxQuery(m_db, kOrg).page(request, &rows, &error), qPrintable(error));
        if (rows.isEmpty()) {
            break;
        }
        for (const InboxRow& row : rows) {
            walked.append(row.leadId);
        }
        request.after = rows.back().cursor();
    }
    QCOMPARE(walked,
             (QStringList{QStringLiteral("r-quiet"), QStringLiteral("r-answered"), QStringLiteral("w-3"),
                          QStringLiteral("r-office"), QStringLiteral("r-booked"), QStringLiteral("w-1"),
                          QStringLiteral("w-2"), QStringLiteral("u-closed"), QStringLiteral("u-2"),
                          QStringLiteral("u-1"), QStringLiteral("r-old"), QStringLiteral("u-old")}));
}

// The automation decides and sends in the same second; the text is stored
// first (a lower rowid), yet the decision is listed before it. A state change
// caused by a reply still follows the reply.
void TestInboxAttention::decisionBeforeTheTextItCaused()
{
    const QString lead = QStringLiteral("t-decided");
    const qint64 t0 = kNow + 1000;
    QString error;
    const bool stored = inTransaction(m_db, &error, [&] {
        return addLeadAt(lead, QStringLiteral("replied"), t0 + 60, false, &error)
            && addCall(m_db, kOrg, lead, QStringLiteral("z-call"), t0, &error)
            && addText(m_db, lead, QStringLiteral("a-textback"), QStringLiteral("outbound"),
                       QStringLiteral("automation"), t0, &error)
            && addDecision(m_db, lead, QStringLiteral("z-decision"), t0, &error)
            && addText(m_db, lead, QStringLiteral("b-reply"), QStringLiteral("inbound"),
                       QStringLiteral("homeowner"), t0 + 60, &error)
            && addLifecycle(m_db, kOrg, lead, QStringLiteral("a-replied"), QStringLiteral("replied"), t0 + 60,
                            &error);
    });
    QVERIFY2(stored, qPrintable(error));
    for (int round = 0; round < 3; ++round) { // the same order every time
        QVector<ThreadItem> items;
        QVERIFY2(InboxQuery(m_db, kOrg).thread(lead, &items, &error), qPrintable(error));
        QStringList ids;
        for (const ThreadItem& item : items) {
            ids.append(item.id);
        }
        QCOMPARE(
            ids,
            (QStringList{QStringLiteral("z-call"), QStringLiteral("z-decision"), QStringLiteral("a-textback"),
                         QStringLiteral("b-reply"), QStringLiteral("a-replied")}));
    }
}

void TestInboxAttention::tiersComeStraightOffTheirIndexes_data()
{
    QTest::addColumn<int>("tier");
    QTest::addColumn<QString>("index");
    QTest::newRow("urgent") << static_cast<int>(InboxTier::Urgent) << "leads_urgent_open";
    QTest::newRow("waiting") << static_cast<int>(InboxTier::AwaitingReply) << "leads_awaiting_reply";
    QTest::newRow("rest") << static_cast<int>(InboxTier::Rest) << "leads_inbox";
}

// Each tier reads its own index in its own order: no sort, no per-lead
// subquery beyond the page's previews, however many leads wait.
void TestInboxAttention::tiersComeStraightOffTheirIndexes()
{
    QFETCH(int, tier);
    QFETCH(QString, index);
    InboxPageRequest request;
    request.attentionSince = at(kAttentionSince);
    request.after = InboxCursor{at(kNow), QStringLiteral("x"), static_cast<InboxTier>(tier), at(kNow - 600)};
    QString error;
    const QString plan = InboxQuery(m_db, kOrg).pagePlan(request, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(!plan.contains(QStringLiteral("TEMP B-TREE")), qPrintable(plan));
    QVERIFY2(plan.contains(QStringLiteral("TABLE leads AS l USING INDEX %1 (").arg(index)), qPrintable(plan));
    QVERIFY2(!plan.contains(QStringLiteral("SCAN TABLE")), qPrintable(plan));
}

// The writer the app and sync use: MessageRepository::insert runs the same
// statements after its INSERT.
void TestInboxAttention::repositoryWritesKeepTheWait()
{
    const QString lead = QStringLiteral("m-lead");
    const qint64 t = kNow + 9000;
    QString error;
    QVERIFY2(addLeadAt(lead, QStringLiteral("replied"), t, false, &error), qPrintable(error));
    const auto since = [&]() -> QVariant {
        QSqlQuery query(m_db);
        if (!execute(query, QStringLiteral("SELECT awaiting_reply_since FROM leads WHERE id = ?"), {lead},
                     &error)
            || !query.next()) {
            return QStringLiteral("error");
        }
        return query.value(0);
    };
    const auto store
        = [&](const char* id, domain::Direction direction, domain::MessageAuthor author, qint64 at) {
              domain::Message message;
              message.id = id;
              message.orgId = kOrg.toStdString();
              message.leadId = lead.toStdString();
              message.direction = direction;
              message.author = author;
              message.body = "text";
              message.status = domain::DeliveryStatus::Delivered;
              message.createdAt = domain::Instant{std::chrono::seconds{at}};
              return MessageRepository(m_db, kOrg).insert(message, &error);
          };
    QVERIFY2(store("m-auto", domain::Direction::Outbound, domain::MessageAuthor::Automation, t + 10),
             qPrintable(error));
    QVERIFY(since().isNull());
    QVERIFY2(store("m-in", domain::Direction::Inbound, domain::MessageAuthor::Homeowner, t + 20),
             qPrintable(error));
    QCOMPARE(since().toLongLong(), t + 20);
    QVERIFY2(store("m-answer", domain::Direction::Outbound, domain::MessageAuthor::Dispatcher, t + 30),
             qPrintable(error));
    QVERIFY(since().isNull());
}

QTEST_GUILESS_MAIN(TestInboxAttention)
#include "tst_inboxattention.moc"
