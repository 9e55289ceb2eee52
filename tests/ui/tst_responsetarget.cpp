// Response-time targets in the inbox (issue 7): a homeowner waiting for a
// person past the target, counted in business hours, is marked overdue and
// nudges the dispatchers once per wait; urgent and waiting leads come first;
// the chips' counts arrive without holding up the window.

#include "UiFixture.h"

#include "store/AwaitingReply.h"
#include "store/InboxQuery.h"
#include "store/StoreSql.h"
#include "ui/InboxCounter.h"
#include "ui/InboxFilterBar.h"
#include "ui/InboxModel.h"
#include "ui/InboxView.h"
#include "ui/ResponseNudge.h"
#include "ui/ResponseTarget.h"

#include <QListView>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace callsnare;
using namespace std::chrono_literals;

namespace {

const QString kWaiting = QStringLiteral("lead-waiting");
const QString kUrgent = QStringLiteral("lead-urgent");

domain::Instant now()
{
    return ui_fixture::DemoProfile::now(); // Monday 10:30 in Chicago: business hours
}

domain::Instant chicago(int year, int month, int day, int hour, int minute)
{
    const QDateTime local(QDate(year, month, day), QTime(hour, minute), QTimeZone("America/Chicago"));
    return domain::Instant{std::chrono::seconds{local.toSecsSinceEpoch()}};
}

qint64 secondsOf(domain::Instant instant)
{
    return instant.time_since_epoch().count();
}

} // namespace

class TestResponseTarget : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void businessHoursOnly_data();
    void businessHoursOnly();
    void overdueAppearsWhenTheTargetPasses();
    void urgentAndWaitingLeadsFirst();
    void nudgeOncePerWait();
    void countsArriveWithoutBlocking();

private:
    bool addLead(const QString& id, bool urgent, qint64 lastActivity, QString* error);
    bool addText(const QString& leadId, const QString& id, const QString& direction, const QString& author,
                 qint64 at, QString* error);
    std::unique_ptr<ui::InboxView> makeView(domain::Instant at);

    ui_fixture::DemoProfile m_demo;
};

bool TestResponseTarget::addLead(const QString& id, bool urgent, qint64 lastActivity, QString* error)
{
    const QString contact = QStringLiteral("c-") + id;
    return store::execute(
               m_demo.db(),
               QStringLiteral("INSERT INTO contacts (id, org_id, phone, name) VALUES (?, ?, ?, ?)"),
               {contact, m_demo.orgId(), QStringLiteral("+1512555%1").arg(urgent ? 9001 : 9002),
                urgent ? QStringLiteral("Ulla Urgent") : QStringLiteral("Wanda Waiting")},
               error)
        && store::execute(m_demo.db(),
                          QStringLiteral("INSERT INTO leads (id, org_id, contact_id, state, missed_at, "
                                         "last_call_at, last_activity_at, urgent) "
                                         "VALUES (?, ?, ?, 'replied', ?, ?, ?, ?)"),
                          {id, m_demo.orgId(), contact, lastActivity - 600, lastActivity - 600, lastActivity,
                           urgent ? 1 : 0},
                          error);
}

bool TestResponseTarget::addText(const QString& leadId, const QString& id, const QString& direction,
                                 const QString& author, qint64 at, QString* error)
{
    return store::execute(
               m_demo.db(),
               QStringLiteral("INSERT INTO messages (id, org_id, lead_id, direction, author, body, "
                              "status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'delivered', ?)"),
               {id, m_demo.orgId(), leadId, direction, author, QStringLiteral("Is anyone there?"), at}, error)
        // as every writer of messages does after its INSERT
        && store::AwaitingReply::afterInsert(
               m_demo.db(), m_demo.orgId(), leadId,
               direction == QLatin1String("inbound") ? domain::Direction::Inbound
                                                     : domain::Direction::Outbound,
               author == QLatin1String("automation")      ? domain::MessageAuthor::Automation
                   : author == QLatin1String("homeowner") ? domain::MessageAuthor::Homeowner
                                                          : domain::MessageAuthor::Dispatcher,
               at, error);
}

void TestResponseTarget::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.create(QStringLiteral("response"), 600, &error), qPrintable(error));
    // The homeowner wrote 2 minutes ago, after the automatic text-back (which
    // answers nobody); an urgent lead was answered by a person.
    const qint64 t = secondsOf(now());
    QVERIFY2(addLead(kWaiting, false, t - 120, &error)
                 && addText(kWaiting, QStringLiteral("w-auto"), QStringLiteral("outbound"),
                            QStringLiteral("automation"), t - 600, &error)
                 && addText(kWaiting, QStringLiteral("w-in"), QStringLiteral("inbound"),
                            QStringLiteral("homeowner"), t - 120, &error)
                 && addLead(kUrgent, true, t - 3 * 86'400, &error)
                 && addText(kUrgent, QStringLiteral("u-in"), QStringLiteral("inbound"),
                            QStringLiteral("homeowner"), t - 3 * 86'400 - 60, &error)
                 && addText(kUrgent, QStringLiteral("u-out"), QStringLiteral("outbound"),
                            QStringLiteral("dispatcher"), t - 3 * 86'400, &error),
             qPrintable(error));
}

void TestResponseTarget::cleanupTestCase()
{
    m_demo.close();
}

std::unique_ptr<ui::InboxView> TestResponseTarget::makeView(domain::Instant at)
{
    auto view = std::make_unique<ui::InboxView>(m_demo.db(), m_demo.orgId());
    view->setClock([at] { return at; });
    view->resize(480, 600);
    view->show();
    return view;
}

void TestResponseTarget::businessHoursOnly_data()
{
    QTest::addColumn<domain::Instant>("since");
    QTest::addColumn<domain::Instant>("at");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QString>("text");
    QTest::newRow("within the day") << chicago(2026, 11, 2, 10, 0) << chicago(2026, 11, 2, 10, 7) << 7
                                    << QStringLiteral("waiting 7 min");
    QTest::newRow("friday evening to monday morning")
        << chicago(2026, 10, 30, 16, 58) << chicago(2026, 11, 2, 8, 2) << 4
        << QStringLiteral("waiting 4 min");
    QTest::newRow("at night") << chicago(2026, 11, 2, 18, 0) << chicago(2026, 11, 2, 23, 0) << 0
                              << QStringLiteral("waiting 0 min");
    QTest::newRow("a whole day") << chicago(2026, 11, 2, 7, 0) << chicago(2026, 11, 3, 7, 0) << 9 * 60
                                 << QStringLiteral("waiting 9 h 0 min");
}

void TestResponseTarget::businessHoursOnly()
{
    QFETCH(domain::Instant, since);
    QFETCH(domain::Instant, at);
    QFETCH(int, minutes);
    QFETCH(QString, text);
    ui::ResponseTarget target;
    target.setTimeZone(QTimeZone("America/Chicago"));
    const auto waited = target.waited(since, at);
    QCOMPARE(std::chrono::duration_cast<std::chrono::minutes>(waited).count(), minutes);
    QCOMPARE(ui::ResponseTarget::waitingText(waited), text);
    QCOMPARE(target.isOverdue(since, at), minutes > 5);
}

void TestResponseTarget::overdueAppearsWhenTheTargetPasses()
{
    domain::Instant clock = now();
    auto view = std::make_unique<ui::InboxView>(m_demo.db(), m_demo.orgId());
    view->setClock([&clock] { return clock; });
    view->show();
    ui::InboxModel* model = view->model();
    // The newest wait is the attention tiers' last row: a few pages down in the demo.
    const int row = model->loadUntil(kWaiting, 1000);
    QVERIFY(row >= 0);
    const QModelIndex index = model->index(row);
    QCOMPARE(index.data(ui::InboxModel::AwaitingSinceRole).toLongLong(), secondsOf(now()) - 120);
    QCOMPARE(index.data(ui::InboxModel::WaitingTextRole).toString(), QStringLiteral("waiting 2 min"));
    QVERIFY(!index.data(ui::InboxModel::OverdueRole).toBool());

    // Four minutes later the target (5 minutes) has passed; the list is told.
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    clock = now() + 4min;
    view->setClock([&clock] { return clock; });
    const QModelIndex later = model->index(model->rowOfLead(kWaiting));
    QVERIFY(later.data(ui::InboxModel::OverdueRole).toBool());
    QCOMPARE(later.data(ui::InboxModel::WaitingTextRole).toString(), QStringLiteral("waiting 6 min"));
    QVERIFY2(later.data(Qt::AccessibleTextRole).toString().endsWith(QStringLiteral("waiting 6 min, overdue")),
             qPrintable(later.data(Qt::AccessibleTextRole).toString()));
    // The delegate paints the mark (and does not trip over it).
    QVERIFY(!view->listView()->viewport()->grab().isNull());

    // A longer target: no longer overdue.
    changed.clear();
    view->setResponseTarget(10min);
    QVERIFY(!changed.isEmpty());
    QVERIFY(!model->index(model->rowOfLead(kWaiting)).data(ui::InboxModel::OverdueRole).toBool());
    // A lead nobody waits on is never overdue.
    QVERIFY(model->loadUntil(kUrgent, 1000) >= 0);
    QVERIFY(!model->index(model->rowOfLead(kUrgent)).data(ui::InboxModel::OverdueRole).toBool());
    QVERIFY(
        model->index(model->rowOfLead(kUrgent)).data(ui::InboxModel::WaitingTextRole).toString().isEmpty());
}

void TestResponseTarget::urgentAndWaitingLeadsFirst()
{
    auto view = makeView(now() + 10min);
    ui::InboxModel* model = view->model();
    // The urgent lead's last activity is three days old, yet it leads the list;
    // the waiting lead comes before every lead nobody waits on.
    QCOMPARE(model->rowAt(0).tier, store::InboxTier::Urgent);
    const int waiting = model->loadUntil(kWaiting, 1000);
    const int urgent = model->rowOfLead(kUrgent);
    QVERIFY(urgent >= 0 && waiting >= 0);
    QCOMPARE(model->rowAt(urgent).tier, store::InboxTier::Urgent);
    QCOMPARE(model->rowAt(waiting).tier, store::InboxTier::AwaitingReply);
    QVERIFY(urgent < waiting);
    int firstRest = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        const store::InboxRow& lead = model->rowAt(row);
        if (row > 0) {
            QVERIFY2(lead.tier >= model->rowAt(row - 1).tier, "tiers out of order");
        }
        if (lead.tier == store::InboxTier::Rest && firstRest < 0) {
            firstRest = row;
        }
        // Every overdue lead of the page is above every lead that is not waiting.
        if (model->index(row).data(ui::InboxModel::OverdueRole).toBool()) {
            QVERIFY(firstRest < 0 || lead.tier != store::InboxTier::Rest);
        }
    }
    QVERIFY(firstRest > waiting);
    // Scrolling on keeps every lead once across the boundary.
    while (model->canFetchMore({}) && model->rowCount() < 400) {
        model->fetchMore({});
    }
    QSet<QString> seen;
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY2(!seen.contains(model->leadIdAt(row)), qPrintable(model->leadIdAt(row)));
        seen.insert(model->leadIdAt(row));
    }
}

void TestResponseTarget::nudgeOncePerWait()
{
    domain::Instant clock = now();
    ui::ResponseNudge nudge(m_demo.db(), m_demo.orgId());
    nudge.setClock([&clock] { return clock; });
    QSignalSpy nudged(&nudge, &ui::ResponseNudge::leadNeedsAttention);
    const auto nudgesFor = [&nudged](const QString& leadId) {
        int count = 0;
        for (const QList<QVariant>& args : nudged) {
            count += args.at(0).toString() == leadId ? 1 : 0;
        }
        return count;
    };

    nudge.check(); // waiting 2 minutes: within the target
    QCOMPARE(nudgesFor(kWaiting), 0);
    clock = now() + 4min;
    nudge.check();
    QCOMPARE(nudgesFor(kWaiting), 1);
    const QList<QVariant> first = nudged.at(nudged.size() - 1);
    QCOMPARE(first.at(1).toString(), QStringLiteral("Wanda Waiting needs an answer"));
    QVERIFY2(first.at(2).toString().startsWith(QStringLiteral("waiting 6 min")),
             qPrintable(first.at(2).toString()));
    clock = now() + 20min;
    nudge.check();
    nudge.check();
    QCOMPARE(nudgesFor(kWaiting), 1); // once per wait

    // A person answers, the homeowner writes again: a new wait, a new nudge once it is overdue.
    QString error;
    QVERIFY2(addText(kWaiting, QStringLiteral("w-answer"), QStringLiteral("outbound"),
                     QStringLiteral("dispatcher"), secondsOf(now() + 21min), &error)
                 && addText(kWaiting, QStringLiteral("w-again"), QStringLiteral("inbound"),
                            QStringLiteral("homeowner"), secondsOf(now() + 22min), &error),
             qPrintable(error));
    clock = now() + 24min;
    nudge.check();
    QCOMPARE(nudgesFor(kWaiting), 1);
    clock = now() + 28min;
    nudge.check();
    QCOMPARE(nudgesFor(kWaiting), 2);
    QVERIFY(store::execute(
        m_demo.db(), QStringLiteral("DELETE FROM messages WHERE id IN ('w-answer', 'w-again')"), {}, &error));
}

void TestResponseTarget::countsArriveWithoutBlocking()
{
    auto view = std::make_unique<ui::InboxView>(m_demo.db(), m_demo.orgId());
    // The constructor returned with the first page but without the counts:
    // they come in steps from the event loop.
    QVERIFY(view->counter()->isCounting());
    QCOMPARE(view->filterBar()->button(store::InboxFilter::All)->text(), QStringLiteral("All"));
    QSignalSpy ready(view->counter(), &ui::InboxCounter::countsReady);
    QTRY_COMPARE(ready.count(), 1);
    const auto counts = ready.first().first().value<store::InboxCounts>();
    const qint64 leads
        = m_demo.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE org_id = ?"), {m_demo.orgId()});
    QCOMPARE(counts.total, static_cast<int>(leads));
    QCOMPARE(view->filterBar()->button(store::InboxFilter::All)->text(),
             QStringLiteral("All (%1)").arg(QLocale().toString(leads)));
    // A refresh counts again; a count under way starts over instead of piling up.
    view->refresh();
    view->refresh();
    QTRY_COMPARE(ready.count(), 2);
    QVERIFY(!view->counter()->isCounting());
}

QTEST_MAIN(TestResponseTarget)
#include "tst_responsetarget.moc"
