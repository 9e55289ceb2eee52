// The main window as the app composes it (DesktopSession): over a profile
// enrolled non-interactively with the real relay and carrier stand-in on
// 127.0.0.1, a missed call placed through the stand-in appears in the lead
// list after sync with the status online and a notification whose click
// selects the lead; the relay stopped turns the status offline while the
// window keeps working, and back online when it returns. Without a relay the
// window works on the profile alone; the work area's panes can be replaced.

#include "RelayWithCarrier.h"

#include "store/DemoImport.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/StoreSql.h"
#include "ui/DesktopSession.h"
#include "ui/InboxModel.h"
#include "ui/InboxView.h"
#include "ui/LeadNotifier.h"
#include "ui/LeadThreadView.h"
#include "ui/MainWindow.h"
#include "ui/SyncStatusIndicator.h"
#include "ui/ThreadModel.h"

#include <QAction>
#include <QImage>
#include <QListView>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace callsnare;
using callsnare::test::RelayWithCarrier;
using callsnare::ui::DesktopSession;
using callsnare::ui::InboxView;
using callsnare::ui::MainWindow;
using callsnare::ui::SyncStatusIndicator;
using namespace std::chrono_literals;

namespace {

const QByteArray account = "AC00000000000000000000000000000d01";
const QByteArray authToken = "main-window-token";
const QByteArray orgNumber = "+15125550161";
const QByteArray homeowner = "+15125550142";
const QString passphrase = QStringLiteral("copper kettle winter 42");

SyncStatusIndicator::State stateOf(const DesktopSession& session)
{
    return session.mainWindow() ? session.mainWindow()->syncStatus()->state()
                                : SyncStatusIndicator::State::NotEnrolled;
}

InboxView* inboxOf(const DesktopSession& session)
{
    return session.mainWindow() ? session.mainWindow()->inbox() : nullptr;
}

// The inbox's lead ids, top to bottom, as far as it has paged.
QStringList leadIds(const InboxView* inbox)
{
    QStringList ids;
    for (int row = 0; row < inbox->model()->rowCount(); ++row)
        ids << inbox->model()->index(row).data(callsnare::ui::InboxModel::LeadIdRole).toString();
    return ids;
}

// Everything the thread shows, one fact per line (headers and bodies).
QString threadText(const callsnare::ui::LeadThreadView* thread)
{
    QStringList lines;
    const auto* model = thread->threadModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex item = model->index(row);
        lines << item.data(callsnare::ui::ThreadModel::HeaderRole).toString() + QLatin1Char(' ')
                + item.data(callsnare::ui::ThreadModel::BodyRole).toString();
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void worksOnTheProfileAloneAndTheWorkAreaIsReplaceable();
    void missedCallAppearsAfterSyncAndOfflineIsAStatus();
    void screenshotIsSavedAfterTheFirstRound();
    void wrongPassphraseEndsANonInteractiveStart();

private:
    DesktopSession::Options sessionOptions(bool enroll, QString* error);
    QString profilePath() const
    {
        return m_dir->filePath(QStringLiteral("profile-%1.callsnare").arg(m_case));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayWithCarrier> m_system;
    QString m_org;
    int m_case = 0;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    m_dir = std::make_unique<QTemporaryDir>(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())
                                            + QStringLiteral("/mainwindow-XXXXXX"));
    QVERIFY(m_dir->isValid());
}

void TestMainWindow::init()
{
    ++m_case;
    m_system = std::make_unique<RelayWithCarrier>(QStringLiteral(CALLSNARE_RELAY_PATH),
                                                  QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    m_system->addAccount(account, authToken);
    QString error;
    QVERIFY2(m_system->start({}, &error), qPrintable(error));
    m_org = m_system->createOrg("Cool Breeze HVAC", account, authToken, orgNumber, &error);
    QVERIFY2(!m_org.isEmpty(), qPrintable(error));
}

void TestMainWindow::cleanup()
{
    QString error;
    const bool drained = m_system->stop(&error);
    m_system.reset();
    QVERIFY2(drained, qPrintable(error));
}

DesktopSession::Options TestMainWindow::sessionOptions(bool enroll, QString* error)
{
    DesktopSession::Options options;
    options.profilePath = profilePath();
    options.passphrase = passphrase;
    options.deviceName = QStringLiteral("Front desk");
    options.useKeychain = false;
    options.sync.tokenStorage = syncclient::DeviceCredentials::Storage::ProfileOnly;
    options.sync.waitSeconds = 2;
    options.sync.initialBackoff = 50ms;
    options.sync.maxBackoff = 400ms;
    if (enroll) {
        const QByteArray printed = m_system->admin({"device", "enroll-code", "--org", m_org}, error);
        if (printed.isNull())
            return {};
        options.relayUrl = m_system->relay().baseUrl().toString();
        options.enrollCode = QString::fromLatin1(printed.trimmed().split('\n').last());
    }
    return options;
}

void TestMainWindow::worksOnTheProfileAloneAndTheWorkAreaIsReplaceable()
{
    QString error;
    auto profile = store::Profile::create(profilePath(), passphrase, &error);
    QVERIFY2(profile, qPrintable(error));
    store::DemoImportReport report;
    QVERIFY2(store::DemoImport(profile->database()).run(7, 30, &report, &error), qPrintable(error));
    std::vector<domain::Organization> orgs;
    QVERIFY(store::OrganizationRepository(profile->database()).list(&orgs, &error));
    const QString orgId = store::toQString(orgs.front().id);

    auto window = std::make_unique<MainWindow>(profile->database(), orgId, QStringLiteral("Front desk"));
    window->setSyncClient(nullptr);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY2(window->windowTitle().contains(report.orgName), qPrintable(window->windowTitle()));
    QCOMPARE(window->syncStatus()->state(), SyncStatusIndicator::State::NotEnrolled);
    QVERIFY(!window->findChild<QAction*>(QStringLiteral("syncNowAction"))->isEnabled());
    QVERIFY(window->findChild<QAction*>(QStringLiteral("enrollAction"))->isEnabled());
    QVERIFY(!window->syncStatus()->accessibleName().isEmpty());

    InboxView* list = window->inbox();
    QVERIFY(list);
    QCOMPARE(leadIds(list).size(), 30);
    // Choosing a lead shows its thread beside the list.
    list->listView()->setFocus();
    QTest::keyClick(list->listView(), Qt::Key_Down);
    QVERIFY(!list->currentLeadId().isEmpty());
    auto* thread = window->thread();
    QTRY_COMPARE(thread->leadId(), list->currentLeadId());
    QVERIFY(!threadText(thread).isEmpty());

    // A notification's click raises the window and asks for the lead.
    QSignalSpy requested(window.get(), &MainWindow::leadRequested);
    const QString third = leadIds(list).at(2);
    window->notifyLead(third, QStringLiteral("Missed call"), QStringLiteral("test"));
    window->openNotifiedLead();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().first().toString(), third);
    QCOMPARE(list->currentLeadId(), third);
    QTRY_COMPARE(thread->leadId(), third);
    window.reset();
    profile.reset();
}

void TestMainWindow::missedCallAppearsAfterSyncAndOfflineIsAStatus()
{
    QString error;
    const auto options = sessionOptions(true, &error);
    QVERIFY2(!options.enrollCode.isEmpty(), qPrintable(error));
    DesktopSession session(options);
    QSignalSpy shown(&session, &DesktopSession::windowShown);
    QSignalSpy finished(&session, &DesktopSession::finished);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
    QVERIFY(finished.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(session), SyncStatusIndicator::State::Online, 30000);
    QVERIFY2(session.mainWindow()->syncStatus()->text().startsWith(QStringLiteral("Online")),
             qPrintable(session.mainWindow()->syncStatus()->text()));
    QVERIFY(session.mainWindow()->findChild<QAction*>(QStringLiteral("syncNowAction"))->isEnabled());
    InboxView* list = inboxOf(session);
    QVERIFY(list);
    QVERIFY(leadIds(list).isEmpty());

    QSignalSpy attention(session.mainWindow()->leadNotifier(), &ui::LeadNotifier::leadNeedsAttention);
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(leadIds(list).size(), 1, 20000);
    QCOMPARE(list->model()->index(0).data(ui::InboxModel::PhoneRole).toString(),
             QString::fromLatin1(homeowner));
    const QString leadId = leadIds(list).first();
    QTRY_VERIFY_WITH_TIMEOUT(!attention.isEmpty(), 10000);
    QCOMPARE(attention.first().at(0).toString(), leadId);
    QVERIFY2(attention.first().at(1).toString().contains(QStringLiteral("Missed call")),
             qPrintable(attention.first().at(1).toString()));
    QCOMPARE(session.mainWindow()->notifiedLeadId(), leadId);
    QSignalSpy requested(session.mainWindow(), &MainWindow::leadRequested);
    session.mainWindow()->openNotifiedLead();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(list->currentLeadId(), leadId);
    auto* thread = session.mainWindow()->thread();
    QTRY_VERIFY2_WITH_TIMEOUT(threadText(thread).contains(QStringLiteral("Missed call")),
                              qPrintable(threadText(thread)), 10000);

    // The homeowner replies: a second notification, about the same lead.
    attention.clear();
    QCOMPARE(m_system->standIn()
                 .inbound(account, homeowner, orgNumber, "The furnace is making a loud banging noise")
                 .value("relay_status")
                 .toInt(),
             200);
    QTRY_VERIFY_WITH_TIMEOUT(!attention.isEmpty(), 20000);
    QCOMPARE(attention.last().at(0).toString(), leadId);
    QVERIFY2(attention.last().at(1).toString().contains(QStringLiteral("replied")),
             qPrintable(attention.last().at(1).toString()));

    // The relay goes away: a status, and the window keeps working.
    QVERIFY2(m_system->stopRelay(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(session), SyncStatusIndicator::State::Offline, 60000);
    QVERIFY2(session.mainWindow()->syncStatus()->text().startsWith(QStringLiteral("Offline")),
             qPrintable(session.mainWindow()->syncStatus()->text()));
    QVERIFY(session.mainWindow()->isVisible());
    session.mainWindow()->syncNow();
    emit session.mainWindow()->storeChanged();
    QCOMPARE(leadIds(list), QStringList{leadId});
    QTRY_VERIFY2(threadText(thread).contains(QStringLiteral("banging")), qPrintable(threadText(thread)));

    QVERIFY2(m_system->restartRelay(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(session), SyncStatusIndicator::State::Online, 60000);
}

void TestMainWindow::screenshotIsSavedAfterTheFirstRound()
{
    QString error;
    // A lead exists before the app starts: the first round brings it in.
    QCOMPARE(m_system->standIn().call(account, homeowner, orgNumber).value("relay_status").toInt(), 200);
    auto options = sessionOptions(true, &error);
    QVERIFY2(!options.enrollCode.isEmpty(), qPrintable(error));
    options.screenshotPath = m_dir->filePath(QStringLiteral("window.png"));
    DesktopSession session(options);
    QSignalSpy finished(&session, &DesktopSession::finished);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.first().first().toInt(), 0);
    const QImage picture(options.screenshotPath);
    QVERIFY(!picture.isNull());
    QCOMPARE(picture.size(), session.mainWindow()->size() * session.mainWindow()->devicePixelRatio());
    QCOMPARE(leadIds(inboxOf(session)).size(), 1);
    QCOMPARE(inboxOf(session)->currentLeadId(), leadIds(inboxOf(session)).first());
}

void TestMainWindow::wrongPassphraseEndsANonInteractiveStart()
{
    QString error;
    QVERIFY2(store::Profile::create(profilePath(), passphrase, &error), qPrintable(error));
    auto options = sessionOptions(false, &error);
    options.passphrase = QStringLiteral("not the passphrase at all");
    DesktopSession session(options);
    QSignalSpy finished(&session, &DesktopSession::finished);
    session.start();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), 1);
    QVERIFY(!session.mainWindow());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
