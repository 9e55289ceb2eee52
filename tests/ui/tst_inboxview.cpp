#include "UiFixture.h"

#include "client/DispatcherActions.h"
#include "store/InboxQuery.h"
#include "ui/InboxFilterBar.h"
#include "ui/InboxModel.h"
#include "ui/InboxView.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace callsnare;
using callsnare::store::InboxFilter;

class TestInboxView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void firstPageOnly();
    void scrollingFetchesMorePages();
    void filterChipsChangeRows_data();
    void filterChipsChangeRows();
    void searchNarrowsTheList();
    void searchWithoutMatchShowsEmptyState();
    void clickOpensLead();
    void keyboardNavigation();
    void selectLeadFarDown();
    void refreshShowsNewActivityAndKeepsSelection();
    void ageComesFromTheClock();

private:
    std::unique_ptr<ui::InboxView> makeView();
    // The store's page as the view asks for it: attention first, as of the demo's now.
    static store::InboxPageRequest viewRequest(int limit = 50);

    ui_fixture::DemoProfile m_demo;
    static constexpr qint64 kLeads = 3000;
};

void TestInboxView::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.create(QStringLiteral("inbox"), kLeads, &error), qPrintable(error));
}

void TestInboxView::cleanupTestCase()
{
    m_demo.close();
}

std::unique_ptr<ui::InboxView> TestInboxView::makeView()
{
    auto view = std::make_unique<ui::InboxView>(m_demo.db(), m_demo.orgId());
    view->setClock([] { return ui_fixture::DemoProfile::now(); });
    view->resize(480, 600);
    view->show();
    return view;
}

store::InboxPageRequest TestInboxView::viewRequest(int limit)
{
    store::InboxPageRequest request;
    request.limit = limit;
    request.attentionSince
        = ui_fixture::DemoProfile::now() - std::chrono::days{ui::InboxModel::kAttentionDays};
    return request;
}

void TestInboxView::firstPageOnly()
{
    auto view = makeView();
    ui::InboxModel* model = view->model();
    QCOMPARE(model->rowCount(), model->pageSize());
    QVERIFY(model->canFetchMore({}));
    // The first page is the store's first page: the leads that need
    // attention, then the rest newest activity first.
    QVector<store::InboxRow> rows;
    QString error;
    QVERIFY2(store::InboxQuery(m_demo.db(), m_demo.orgId()).page(viewRequest(), &rows, &error),
             qPrintable(error));
    QCOMPARE(model->leadIdAt(0), rows.first().leadId);
    for (int row = 1; row < model->rowCount(); ++row) {
        QVERIFY(model->rowAt(row).tier >= model->rowAt(row - 1).tier);
        if (model->rowAt(row).tier == store::InboxTier::Rest
            && model->rowAt(row - 1).tier == store::InboxTier::Rest) {
            QVERIFY(model->index(row).data(ui::InboxModel::LastActivityRole).toLongLong()
                    <= model->index(row - 1).data(ui::InboxModel::LastActivityRole).toLongLong());
        }
    }
    QVERIFY(view->listView()->isVisible());
    QVERIFY(!view->findChild<QLabel*>(QStringLiteral("inboxEmpty"))->isVisible());
    QTRY_COMPARE(view->filterBar()->button(InboxFilter::All)->text(),
                 QStringLiteral("All (%1)").arg(QLocale().toString(kLeads)));
}

void TestInboxView::scrollingFetchesMorePages()
{
    auto view = makeView();
    ui::InboxModel* model = view->model();
    QScrollBar* bar = view->listView()->verticalScrollBar();
    int previous = model->rowCount();
    int previousMaximum = 0;
    for (int scroll = 0; scroll < 4; ++scroll) {
        // The list lays the new rows out a moment after they arrive.
        QTRY_VERIFY(bar->maximum() > previousMaximum);
        previousMaximum = bar->maximum();
        bar->setValue(bar->maximum());
        QTRY_COMPARE(model->rowCount(), previous + model->pageSize());
        previous = model->rowCount();
    }
    // A few pages, never everything.
    QVERIFY(model->rowCount() < kLeads / 10);
    // Every lead once, in order.
    QSet<QString> seen;
    for (int row = 0; row < model->rowCount(); ++row) {
        QVERIFY(!seen.contains(model->leadIdAt(row)));
        seen.insert(model->leadIdAt(row));
    }
}

void TestInboxView::filterChipsChangeRows_data()
{
    QTest::addColumn<InboxFilter>("filter");
    QTest::addColumn<QString>("chip");
    QTest::newRow("new") << InboxFilter::New << "filterNew";
    QTest::newRow("needs reply") << InboxFilter::NeedsReply << "filterNeedsReply";
    QTest::newRow("booked") << InboxFilter::Booked << "filterBooked";
    QTest::newRow("office") << InboxFilter::Office << "filterOffice";
    QTest::newRow("closed") << InboxFilter::Closed << "filterClosed";
}

void TestInboxView::filterChipsChangeRows()
{
    QFETCH(InboxFilter, filter);
    QFETCH(QString, chip);
    auto view = makeView();
    auto* button = view->findChild<QToolButton*>(chip);
    QVERIFY(button);
    QVERIFY(!button->accessibleName().isEmpty());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(view->filter(), filter);
    ui::InboxModel* model = view->model();
    QVERIFY2(model->rowCount() > 0, "the demo data has leads in every view");

    store::InboxPageRequest request = viewRequest();
    request.filter = filter;
    QVector<store::InboxRow> expected;
    QString error;
    QVERIFY2(store::InboxQuery(m_demo.db(), m_demo.orgId()).page(request, &expected, &error),
             qPrintable(error));
    QCOMPARE(model->rowCount(), static_cast<int>(expected.size()));
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->leadIdAt(row), expected.at(row).leadId);
        const auto state
            = static_cast<domain::LeadState>(model->index(row).data(ui::InboxModel::StateRole).toInt());
        switch (filter) {
        case InboxFilter::Booked:
            QCOMPARE(state, domain::LeadState::Booked);
            break;
        case InboxFilter::Office:
            QCOMPARE(state, domain::LeadState::Office);
            break;
        case InboxFilter::Closed:
            QCOMPARE(state, domain::LeadState::Closed);
            break;
        case InboxFilter::New:
            QVERIFY(state == domain::LeadState::Missed || state == domain::LeadState::Texted);
            break;
        default:
            break;
        }
    }
    // Back to everything.
    QTest::mouseClick(view->findChild<QToolButton*>(QStringLiteral("filterAll")), Qt::LeftButton);
    QCOMPARE(view->filter(), InboxFilter::All);
    QCOMPARE(model->rowCount(), model->pageSize());
}

void TestInboxView::searchNarrowsTheList()
{
    auto view = makeView();
    ui::InboxModel* model = view->model();
    // A lead from far down the list, found by its number as people type it.
    QVector<store::InboxRow> rows;
    QString error;
    store::InboxPageRequest request = viewRequest(400);
    QVERIFY2(store::InboxQuery(m_demo.db(), m_demo.orgId()).page(request, &rows, &error), qPrintable(error));
    const store::InboxRow target = rows.last();
    QVERIFY(model->rowOfLead(target.leadId) < 0);
    const QString digits = target.contactPhone.right(10);

    QTest::keyClicks(view->searchBox(), digits);
    QTRY_VERIFY(model->rowOfLead(target.leadId) >= 0);
    QVERIFY2(model->rowCount() < 5, qPrintable(QString::number(model->rowCount())));
    QVERIFY(!model->canFetchMore({}));

    // Escape clears the search: paging again from the top.
    QTest::keyClick(view->searchBox(), Qt::Key_Escape);
    QCOMPARE(view->searchBox()->text(), QString());
    QCOMPARE(model->rowCount(), model->pageSize());
}

void TestInboxView::searchWithoutMatchShowsEmptyState()
{
    auto view = makeView();
    view->setSearchText(QStringLiteral("xylophonequartz"));
    QCOMPARE(view->model()->rowCount(), 0);
    auto* empty = view->findChild<QLabel*>(QStringLiteral("inboxEmpty"));
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("xylophonequartz")));
    QVERIFY(!view->listView()->isVisible());
    view->setSearchText({});
    QVERIFY(view->listView()->isVisible());
}

void TestInboxView::clickOpensLead()
{
    auto view = makeView();
    QSignalSpy activated(view.get(), &ui::InboxView::leadActivated);
    QListView* list = view->listView();
    const QModelIndex third = view->model()->index(2);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(third).center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), view->model()->leadIdAt(2));
    QCOMPARE(view->currentLeadId(), view->model()->leadIdAt(2));
}

void TestInboxView::keyboardNavigation()
{
    auto view = makeView();
    QVERIFY(QTest::qWaitForWindowActive(view.get()));
    QSignalSpy activated(view.get(), &ui::InboxView::leadActivated);
    ui::InboxModel* model = view->model();

    // Ctrl+F goes to the search box; Down from there to the list's first lead.
    QTest::keyClick(view.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(view->searchBox()->hasFocus());
    QTest::keyClick(view->searchBox(), Qt::Key_Down);
    QVERIFY(view->listView()->hasFocus());
    QCOMPARE(view->currentLeadId(), model->leadIdAt(0));
    activated.clear();

    QTest::keyClick(view->listView(), Qt::Key_Down);
    QTest::keyClick(view->listView(), Qt::Key_Down);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.last().first().toString(), model->leadIdAt(2));
    QTest::keyClick(view->listView(), Qt::Key_Up);
    QCOMPARE(activated.last().first().toString(), model->leadIdAt(1));
    activated.clear();
    QTest::keyClick(view->listView(), Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), model->leadIdAt(1));
}

void TestInboxView::selectLeadFarDown()
{
    auto view = makeView();
    QTest::mouseClick(view->findChild<QToolButton*>(QStringLiteral("filterBooked")), Qt::LeftButton);
    // A lead that is not booked and sits past the first pages.
    QVector<store::InboxRow> rows;
    QString error;
    store::InboxPageRequest request = viewRequest(300);
    QVERIFY2(store::InboxQuery(m_demo.db(), m_demo.orgId()).page(request, &rows, &error), qPrintable(error));
    QString target;
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
        if (it->state != domain::LeadState::Booked) {
            target = it->leadId;
            break;
        }
    }
    QVERIFY(!target.isEmpty());
    QSignalSpy activated(view.get(), &ui::InboxView::leadActivated);
    view->selectLead(target);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().toString(), target);
    QCOMPARE(view->filter(), InboxFilter::All);
    QCOMPARE(view->currentLeadId(), target);
    QVERIFY(view->model()->rowCount() < kLeads);
}

void TestInboxView::refreshShowsNewActivityAndKeepsSelection()
{
    auto view = makeView();
    ui::InboxModel* model = view->model();
    const QString selected = model->leadIdAt(3);
    view->selectLead(selected);
    // A lead of the plain part of the list (after the attention tiers) that
    // new activity does not lift into them: nobody waits on it, not urgent.
    const auto plain = [model](int row) {
        const store::InboxRow& lead = model->rowAt(row);
        return lead.tier == store::InboxTier::Rest && !lead.urgent && !lead.awaitingReplySince;
    };
    int quietRow = 0;
    while (quietRow < model->rowCount() && !plain(quietRow)) {
        if (++quietRow == model->rowCount() && model->canFetchMore({})) {
            model->fetchMore({});
        }
    }
    QVERIFY(quietRow < model->rowCount());
    const QString quiet = model->leadIdAt(quietRow);

    // A note written now moves that lead to the top once the inbox re-reads.
    syncclient::DispatcherActions actions(m_demo.db(), m_demo.orgId(), QStringLiteral("Dana"));
    QString error;
    QVERIFY2(actions.addNote(quiet, QStringLiteral("Called back, no answer"),
                             ui_fixture::DemoProfile::now() + std::chrono::hours{1}, nullptr, &error),
             qPrintable(error));
    QSignalSpy activated(view.get(), &ui::InboxView::leadActivated);
    view->refresh();
    // First after the leads that need attention.
    int firstRest = 0;
    while (model->rowAt(firstRest).tier != store::InboxTier::Rest) {
        ++firstRest;
    }
    QCOMPARE(model->leadIdAt(firstRest), quiet);
    QCOMPARE(view->currentLeadId(), selected);
    QCOMPARE(activated.count(), 0);
}

void TestInboxView::ageComesFromTheClock()
{
    auto view = makeView();
    ui::InboxModel* model = view->model();
    const qint64 missedAt = model->index(0).data(ui::InboxModel::MissedAtRole).toLongLong();
    const domain::Instant missed{std::chrono::seconds{missedAt}};
    view->setClock([missed] { return missed + std::chrono::minutes{3} + std::chrono::seconds{20}; });
    QCOMPARE(model->index(0).data(ui::InboxModel::AgeTextRole).toString(),
             QStringLiteral("missed 3 min ago"));
    view->setClock([missed] { return missed + std::chrono::hours{2}; });
    QCOMPARE(model->index(0).data(ui::InboxModel::AgeTextRole).toString(), QStringLiteral("missed 2 h ago"));
}

QTEST_MAIN(TestInboxView)
#include "tst_inboxview.moc"
