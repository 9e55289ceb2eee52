#include "UiFixture.h"

#include "store/ContactRepository.h"
#include "store/InboxQuery.h"
#include "store/LeadRepository.h"
#include "ui/Composer.h"
#include "ui/LeadThreadView.h"
#include "ui/ThreadModel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace callsnare;

class TestLeadThreadView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void showsFactsInTimeOrder();
    void showingALeadMarksItRead();
    void sendReply_data();
    void sendReply();
    void segmentCounter();
    void templateFilledFromTheLead();
    void optedOutBlocksSending();
    void takeOverToggles();
    void addNoteAppearsInTheThread();
    void closeWithOutcome();
    void failedActionShowsWhy();

private:
    std::unique_ptr<ui::LeadThreadView> makeView();
    // An open lead of the demo in `state` (any open one when not given), whose
    // homeowner did not opt out, that no earlier case used.
    QString freshLead(std::optional<domain::LeadState> state = std::nullopt,
                      std::optional<bool> paused = false);
    qint64 outboxCount(const QString& kind) const;

    ui_fixture::DemoProfile m_demo;
    QSet<QString> m_used;
};

void TestLeadThreadView::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.create(QStringLiteral("thread"), 300, &error), qPrintable(error));
}

void TestLeadThreadView::cleanupTestCase()
{
    m_demo.close();
}

std::unique_ptr<ui::LeadThreadView> TestLeadThreadView::makeView()
{
    auto view = std::make_unique<ui::LeadThreadView>(m_demo.db(), m_demo.orgId(), QStringLiteral("Dana"));
    view->setClock([] { return ui_fixture::DemoProfile::now(); });
    view->resize(520, 700);
    view->show();
    return view;
}

QString TestLeadThreadView::freshLead(std::optional<domain::LeadState> state, std::optional<bool> paused)
{
    QVector<store::InboxRow> rows;
    QString error;
    store::InboxPageRequest request;
    request.limit = 300;
    if (!store::InboxQuery(m_demo.db(), m_demo.orgId()).page(request, &rows, &error)) {
        qWarning() << error;
        return {};
    }
    for (const store::InboxRow& row : rows) {
        if (m_used.contains(row.leadId) || row.state == domain::LeadState::Closed
            || (paused && row.automationPaused != *paused) || (state && row.state != *state)) {
            continue;
        }
        if (m_demo.scalar(
                QStringLiteral("SELECT c.opted_out FROM leads l JOIN contacts c ON c.id = l.contact_id "
                               "WHERE l.id = ?"),
                {row.leadId})
            != 0) {
            continue;
        }
        m_used.insert(row.leadId);
        return row.leadId;
    }
    return {};
}

qint64 TestLeadThreadView::outboxCount(const QString& kind) const
{
    return m_demo.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE kind = ?"), {kind});
}

void TestLeadThreadView::showsFactsInTimeOrder()
{
    const QString lead = freshLead(domain::LeadState::Booked, std::nullopt);
    QVERIFY(!lead.isEmpty());
    auto view = makeView();
    view->showLead(lead);
    QCOMPARE(view->leadId(), lead);

    QVector<store::ThreadItem> items;
    QString error;
    QVERIFY2(store::InboxQuery(m_demo.db(), m_demo.orgId()).thread(lead, &items, &error), qPrintable(error));
    ui::ThreadModel* model = view->threadModel();
    QVERIFY(items.size() >= 3);
    QCOMPARE(model->rowCount(), static_cast<int>(items.size()));
    bool sawCall = false, sawText = false, sawBooking = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        QCOMPARE(index.data(ui::ThreadModel::ItemIdRole).toString(), items.at(row).id);
        if (row > 0) {
            QVERIFY(index.data(ui::ThreadModel::AtRole).toLongLong()
                    >= model->index(row - 1).data(ui::ThreadModel::AtRole).toLongLong());
        }
        const auto kind = static_cast<store::ThreadItem::Kind>(index.data(ui::ThreadModel::KindRole).toInt());
        sawCall |= kind == store::ThreadItem::Kind::Call;
        sawBooking |= kind == store::ThreadItem::Kind::Booking;
        if (kind == store::ThreadItem::Kind::Message) {
            sawText = true;
            QVERIFY(index.data(Qt::DisplayRole).toString().contains(items.at(row).text));
            QVERIFY(!index.data(ui::ThreadModel::StatusTextRole).toString().isEmpty());
        }
    }
    QVERIFY(sawCall && sawText && sawBooking);
    QVERIFY(view->findChild<QLabel*>(QStringLiteral("leadTitle"))->isVisible());
}

void TestLeadThreadView::showingALeadMarksItRead()
{
    const QString lead = m_demo.text(QStringLiteral(
        "SELECT id FROM leads WHERE unread_count > 0 AND state <> 'closed' ORDER BY id LIMIT 1"));
    QVERIFY(!lead.isEmpty());
    m_used.insert(lead);
    auto view = makeView();
    QSignalSpy changed(view.get(), &ui::LeadThreadView::leadChanged);
    view->showLead(lead);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(m_demo.scalar(QStringLiteral("SELECT unread_count FROM leads WHERE id = ?"), {lead}), 0);
}

void TestLeadThreadView::sendReply_data()
{
    QTest::addColumn<bool>("withKeyboard");
    QTest::newRow("Ctrl+Return") << true;
    QTest::newRow("send button") << false;
}

void TestLeadThreadView::sendReply()
{
    QFETCH(bool, withKeyboard);
    const QString lead = freshLead();
    QVERIFY(!lead.isEmpty());
    auto view = makeView();
    view->showLead(lead);
    QSignalSpy outbox(view.get(), &ui::LeadThreadView::outboxChanged);
    const qint64 textsBefore
        = m_demo.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE lead_id = ?"), {lead});
    const qint64 queuedBefore = outboxCount(QStringLiteral("message.send"));
    const int rowsBefore = view->threadModel()->rowCount();

    auto* editor = view->findChild<QPlainTextEdit*>(QStringLiteral("messageEdit"));
    auto* send = view->findChild<QPushButton*>(QStringLiteral("sendButton"));
    QVERIFY(!editor->accessibleName().isEmpty() && !send->accessibleName().isEmpty());
    QVERIFY(!send->isEnabled());
    const QString body = QStringLiteral("We can come by at 3 today, does that work?");
    QTest::keyClicks(editor, body);
    QVERIFY(send->isEnabled());
    if (withKeyboard) {
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    } else {
        QTest::mouseClick(send, Qt::LeftButton);
    }

    QCOMPARE(outbox.count(), 1);
    QCOMPARE(view->lastError(), QString());
    QCOMPARE(m_demo.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE lead_id = ?"), {lead}),
             textsBefore + 1);
    QCOMPARE(m_demo.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE lead_id = ? AND body = ? AND "
                                          "status = 'queued' AND author = 'dispatcher'"),
                           {lead, body}),
             1);
    QCOMPARE(outboxCount(QStringLiteral("message.send")), queuedBefore + 1);
    QCOMPARE(editor->toPlainText(), QString());

    ui::ThreadModel* model = view->threadModel();
    QCOMPARE(model->rowCount(), rowsBefore + 1);
    bool shown = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        if (index.data(ui::ThreadModel::BodyRole).toString() == body) {
            shown = true;
            QCOMPARE(index.data(ui::ThreadModel::TypeRole).toString(), QStringLiteral("outbound"));
            QCOMPARE(index.data(ui::ThreadModel::StatusTextRole).toString(), QStringLiteral("Queued"));
        }
    }
    QVERIFY(shown);
}

void TestLeadThreadView::segmentCounter()
{
    auto view = makeView();
    view->showLead(freshLead());
    auto* counter = view->findChild<QLabel*>(QStringLiteral("segmentCounter"));
    auto* editor = view->findChild<QPlainTextEdit*>(QStringLiteral("messageEdit"));
    QVERIFY(counter->text().startsWith(QStringLiteral("1 segment")));
    editor->setPlainText(QString(161, QLatin1Char('a')));
    QVERIFY2(counter->text().startsWith(QStringLiteral("2 segment")), qPrintable(counter->text()));
    editor->setPlainText(QStringLiteral("Merci \u2744"));
    QVERIFY2(counter->text().contains(QStringLiteral("Unicode")), qPrintable(counter->text()));
}

void TestLeadThreadView::templateFilledFromTheLead()
{
    const QString lead = freshLead();
    auto view = makeView();
    view->showLead(lead);
    auto* picker = view->findChild<QComboBox*>(QStringLiteral("templatePicker"));
    QVERIFY(picker->isEnabled());
    const int textBack = picker->findText(ui::Composer::templateLabel(QStringLiteral("text_back")));
    QVERIFY(textBack > 0);
    picker->setFocus();
    picker->setCurrentIndex(textBack - 1);
    QTest::keyClick(picker, Qt::Key_Down);
    const QString text = view->findChild<QPlainTextEdit*>(QStringLiteral("messageEdit"))->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("Comfort Pros")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("{{")), qPrintable(text));
    QCOMPARE(picker->currentIndex(), 0);
}

void TestLeadThreadView::optedOutBlocksSending()
{
    const QString lead = freshLead();
    const QString contact = m_demo.text(QStringLiteral("SELECT contact_id FROM leads WHERE id = ?"), {lead});
    QString error;
    QVERIFY2(store::ContactRepository(m_demo.db(), m_demo.orgId())
                 .setOptOut(contact, {true, ui_fixture::DemoProfile::now(), domain::ConsentSource::Keyword},
                            &error),
             qPrintable(error));
    auto view = makeView();
    view->showLead(lead);
    QSignalSpy outbox(view.get(), &ui::LeadThreadView::outboxChanged);
    auto* banner = view->findChild<QLabel*>(QStringLiteral("optOutBanner"));
    auto* send = view->findChild<QPushButton*>(QStringLiteral("sendButton"));
    auto* editor = view->findChild<QPlainTextEdit*>(QStringLiteral("messageEdit"));
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("opted out")), qPrintable(banner->text()));
    QVERIFY(!send->isEnabled());
    editor->setPlainText(QStringLiteral("Are you still there?"));
    QVERIFY(!send->isEnabled());
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(outbox.count(), 0);
    QCOMPARE(m_demo.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE lead_id = ? AND body = ?"),
                           {lead, QStringLiteral("Are you still there?")}),
             0);

    // Another lead, not opted out: the banner goes away.
    view->showLead(freshLead());
    QVERIFY(!banner->isVisible());
}

void TestLeadThreadView::takeOverToggles()
{
    const QString lead = freshLead(std::nullopt, false);
    QVERIFY(!lead.isEmpty());
    auto view = makeView();
    view->showLead(lead);
    QSignalSpy outbox(view.get(), &ui::LeadThreadView::outboxChanged);
    auto* button = view->findChild<QToolButton*>(QStringLiteral("takeOverButton"));
    QVERIFY(!button->isChecked());
    QCOMPARE(button->text(), QStringLiteral("Take over"));
    const qint64 takeOvers = outboxCount(QStringLiteral("lead.take_over"));

    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(outbox.count(), 1);
    QCOMPARE(m_demo.scalar(QStringLiteral("SELECT automation_paused FROM leads WHERE id = ?"), {lead}), 1);
    QCOMPARE(outboxCount(QStringLiteral("lead.take_over")), takeOvers + 1);
    QVERIFY(button->isChecked());
    QCOMPARE(button->text(), QStringLiteral("Release"));
    QVERIFY(
        view->findChild<QLabel*>(QStringLiteral("leadSubtitle"))->text().contains(QStringLiteral("paused")));

    const qint64 releases = outboxCount(QStringLiteral("lead.release"));
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(outbox.count(), 2);
    QCOMPARE(m_demo.scalar(QStringLiteral("SELECT automation_paused FROM leads WHERE id = ?"), {lead}), 0);
    QCOMPARE(outboxCount(QStringLiteral("lead.release")), releases + 1);
    QVERIFY(!button->isChecked());
}

void TestLeadThreadView::addNoteAppearsInTheThread()
{
    const QString lead = freshLead();
    auto view = makeView();
    view->showLead(lead);
    QSignalSpy outbox(view.get(), &ui::LeadThreadView::outboxChanged);
    auto* note = view->findChild<QLineEdit*>(QStringLiteral("noteEdit"));
    auto* add = view->findChild<QPushButton*>(QStringLiteral("addNoteButton"));
    QVERIFY(!add->isEnabled());
    const QString body = QStringLiteral("Gate code 4411, dog in the yard");
    QTest::keyClicks(note, body);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(outbox.count(), 1);
    QCOMPARE(note->text(), QString());
    QCOMPARE(outboxCount(QStringLiteral("note.add")) > 0, true);
    ui::ThreadModel* model = view->threadModel();
    const QModelIndex last = model->index(model->rowCount() - 1);
    QCOMPARE(static_cast<store::ThreadItem::Kind>(last.data(ui::ThreadModel::KindRole).toInt()),
             store::ThreadItem::Kind::Note);
    QCOMPARE(last.data(ui::ThreadModel::BodyRole).toString(), body);
    QCOMPARE(last.data(ui::ThreadModel::AuthorRole).toString(), QStringLiteral("Dana"));

    // Enter in the note field adds it too.
    QTest::keyClicks(note, QStringLiteral("Prefers mornings"));
    QTest::keyClick(note, Qt::Key_Return);
    QCOMPARE(outbox.count(), 2);
    QCOMPARE(model->index(model->rowCount() - 1).data(ui::ThreadModel::BodyRole).toString(),
             QStringLiteral("Prefers mornings"));
}

void TestLeadThreadView::closeWithOutcome()
{
    const QString lead = freshLead();
    auto view = makeView();
    view->showLead(lead);
    QSignalSpy outbox(view.get(), &ui::LeadThreadView::outboxChanged);
    auto* close = view->findChild<QToolButton*>(QStringLiteral("closeButton"));
    QVERIFY(close->isEnabled());
    auto* won = close->menu()->findChild<QAction*>(QStringLiteral("closeWon"));
    QVERIFY(won);
    won->trigger();
    QCOMPARE(outbox.count(), 1);
    QCOMPARE(m_demo.text(QStringLiteral("SELECT state || '/' || outcome FROM leads WHERE id = ?"), {lead}),
             QStringLiteral("closed/won"));
    QVERIFY(!close->isEnabled());
    QVERIFY(!view->findChild<QToolButton*>(QStringLiteral("takeOverButton"))->isEnabled());
}

void TestLeadThreadView::failedActionShowsWhy()
{
    const QString lead = freshLead();
    auto view = makeView();
    view->showLead(lead);
    QSignalSpy outbox(view.get(), &ui::LeadThreadView::outboxChanged);
    // Hand to office twice: the second move is not allowed by the lifecycle;
    // the button is disabled, so go around it with a second view that still
    // shows the old state.
    auto stale = makeView();
    stale->showLead(lead);
    QTest::mouseClick(view->findChild<QToolButton*>(QStringLiteral("handToOfficeButton")), Qt::LeftButton);
    QCOMPARE(outbox.count(), 1);
    QCOMPARE(m_demo.text(QStringLiteral("SELECT state FROM leads WHERE id = ?"), {lead}),
             QStringLiteral("office"));
    QSignalSpy staleOutbox(stale.get(), &ui::LeadThreadView::outboxChanged);
    QTest::mouseClick(stale->findChild<QToolButton*>(QStringLiteral("handToOfficeButton")), Qt::LeftButton);
    QCOMPARE(staleOutbox.count(), 0);
    QVERIFY(!stale->lastError().isEmpty());
    QVERIFY(stale->findChild<QLabel*>(QStringLiteral("actionError"))->isVisible());
}

QTEST_MAIN(TestLeadThreadView)
#include "tst_leadthreadview.moc"
