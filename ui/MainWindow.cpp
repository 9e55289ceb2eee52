#include "ui/MainWindow.h"

#include "client/SyncClient.h"
#include "store/OrgSettingsRepository.h"
#include "store/OrganizationRepository.h"
#include "store/OutboxRepository.h"
#include "store/StoreSql.h"
#include "store/SyncConflictRepository.h"
#include "ui/AppIcon.h"
#include "ui/InboxView.h"
#include "ui/LeadNotifier.h"
#include "ui/LeadThreadView.h"
#include "ui/ResponseNudge.h"
#include "ui/SettingsDialog.h"
#include "ui/SyncStatusIndicator.h"
#include "ui/UiLogging.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolBar>

#include <utility>

namespace callsnare::ui {

using syncclient::SyncClient;

namespace {

constexpr int kNoteTimeoutMs = 15000;

} // namespace

MainWindow::MainWindow(QSqlDatabase db, QString orgId, QString dispatcherName, QWidget* parent)
    : QMainWindow(parent), m_db(std::move(db)), m_orgId(std::move(orgId)), m_dispatcherName(dispatcherName)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAccessibleName(tr("CallSnare"));
    setWindowIcon(AppIcon::icon());
    updateTitle();

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("workArea"));
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    // The inbox beside the lead it opens. The thread's actions queue
    // mutations (setSyncClient() sends them on at once) and change the
    // lead, which the inbox re-reads.
    m_inbox = new InboxView(m_db, m_orgId);
    m_thread = new LeadThreadView(m_db, m_orgId, std::move(dispatcherName));
    m_splitter->addWidget(m_inbox);
    m_splitter->addWidget(m_thread);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    connect(m_inbox, &InboxView::leadActivated, m_thread, &LeadThreadView::showLead);
    connect(m_thread, &LeadThreadView::leadChanged, m_inbox, &InboxView::refresh);
    connect(m_thread, &LeadThreadView::outboxChanged, this, &MainWindow::refreshSyncCounts);
    connect(this, &MainWindow::storeChanged, m_inbox, &InboxView::refresh);
    connect(this, &MainWindow::storeChanged, m_thread, &LeadThreadView::refresh);
    connect(this, &MainWindow::leadRequested, m_inbox, &InboxView::selectLead);

    m_syncStatus = new SyncStatusIndicator(this);
    statusBar()->addPermanentWidget(m_syncStatus, 1);
    buildMenus();

    m_notifier = new LeadNotifier(m_db, m_orgId, this);
    m_notifier->prime();
    connect(m_notifier, &LeadNotifier::leadNeedsAttention, this, &MainWindow::notifyLead);
    m_nudge = new ResponseNudge(m_db, m_orgId, this);
    connect(m_nudge, &ResponseNudge::leadNeedsAttention, this, &MainWindow::notifyLead);
    m_nudge->startTimer();
    followResponseRules();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(windowTitle());
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &MainWindow::openNotifiedLead);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    refreshSyncCounts();
    resize(1100, 680);
}

MainWindow::~MainWindow() = default;

void MainWindow::followResponseRules()
{
    QString error;
    const auto settings = store::OrgSettingsRepository(m_db, m_orgId).find(&error);
    if (!settings) {
        if (!error.isEmpty()) {
            qCWarning(lcUi) << "the organization's response target cannot be read:" << error;
        }
        return; // the defaults stay: 5 minutes, weekdays 08:00-17:00
    }
    m_inbox->setResponseTarget(settings->responseTarget);
    m_inbox->setBusinessHours(settings->hours);
    m_nudge->setResponseTarget(settings->responseTarget);
    m_nudge->setBusinessHours(settings->hours);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_settingsAction = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setToolTip(
        tr("Business hours, quiet hours, templates and the other organization settings"));
    m_settingsAction->setEnabled(!m_orgId.isEmpty());
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* sync = menuBar()->addMenu(tr("&Sync"));
    m_syncNowAction = sync->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Sync &now"), this,
                                      &MainWindow::syncNow);
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncNowAction->setShortcut(QKeySequence::Refresh);
    m_syncNowAction->setToolTip(tr("Send queued changes and fetch new events from the relay now"));
    m_enrollAction = sync->addAction(tr("&Enroll with a relay…"), this, &MainWindow::enrollRequested);
    m_enrollAction->setObjectName(QStringLiteral("enrollAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About CallSnare"), this, [this] {
        QMessageBox::about(this, tr("About CallSnare"),
                           tr("<p><b>CallSnare</b> %1</p><p>Missed-call recovery for residential HVAC "
                              "businesses: every missed call gets a text back, and the dispatchers work "
                              "the lead from here.</p>")
                               .arg(QApplication::applicationVersion().toHtmlEscaped()));
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setAccessibleName(tr("Main toolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(m_syncNowAction);
    updateSyncActions();
}

void MainWindow::openSettings()
{
    if (auto* open = findChild<SettingsDialog*>(QStringLiteral("settingsDialog"))) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new SettingsDialog(m_db, m_orgId, m_dispatcherName, systemClock(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::settingsQueued, this, [this] {
        refreshSyncCounts();
        followResponseRules();
        emit storeChanged();
        if (m_client) {
            m_client->outboxChanged();
        }
    });
    dialog->open();
}

void MainWindow::updateTitle()
{
    QString name;
    if (!m_orgId.isEmpty()) {
        QString error;
        if (const auto org = store::OrganizationRepository(m_db).find(m_orgId, &error)) {
            name = store::toQString(org->name);
        }
    }
    setWindowTitle(name.isEmpty() ? tr("CallSnare") : tr("%1 — CallSnare").arg(name));
}

void MainWindow::updateSyncActions()
{
    m_syncNowAction->setEnabled(!m_client.isNull());
    m_enrollAction->setEnabled(m_client.isNull());
}

void MainWindow::setSyncClient(SyncClient* client)
{
    if (m_client) {
        disconnect(m_client, nullptr, this, nullptr);
        disconnect(m_thread, nullptr, m_client, nullptr);
    }
    m_client = client;
    updateSyncActions();
    if (!client) {
        m_syncStatus->setState(SyncStatusIndicator::State::NotEnrolled);
        return;
    }
    m_syncStatus->setState(client->isOnline() ? SyncStatusIndicator::State::Online
                                              : SyncStatusIndicator::State::Connecting);
    connect(m_thread, &LeadThreadView::outboxChanged, client, &SyncClient::outboxChanged);
    connect(client, &SyncClient::eventsApplied, this, [this] {
        refreshSyncCounts();
        // Before the views refresh: the open thread marks its lead read,
        // and a reply to the lead on screen still deserves a notification
        // when the window is in the background.
        m_notifier->check();
        followResponseRules(); // an org.settings event may have changed them
        m_nudge->check();
        emit storeChanged();
    });
    connect(client, &SyncClient::caughtUp, this, [this] {
        m_syncStatus->setState(SyncStatusIndicator::State::Online);
        m_syncStatus->setLastSynced(QDateTime::currentDateTime());
        refreshSyncCounts();
    });
    connect(client, &SyncClient::onlineChanged, this, [this](bool online) {
        m_syncStatus->setState(online ? SyncStatusIndicator::State::Online
                                      : SyncStatusIndicator::State::Offline);
    });
    connect(client, &SyncClient::retryScheduled, this, [this](const QString& reason) {
        m_syncStatus->setState(SyncStatusIndicator::State::Offline, reason);
    });
    connect(client, &SyncClient::mutationsFlushed, this, &MainWindow::refreshSyncCounts);
    connect(
        client, &SyncClient::conflictRecorded, this,
        [this](const QString&, const QString& kind, int status, const QString& message) {
            refreshSyncCounts();
            showNote(
                tr("The relay did not apply a change (%1, HTTP %2): %3").arg(kind).arg(status).arg(message));
        });
    connect(client, &SyncClient::failed, this, [this](const QString& error) {
        qCWarning(lcUi) << "sync failed:" << error;
        // Following, the client retries whatever retrying can fix; what
        // reaches here needs the user (a revoked token, a lost enrollment).
        m_syncStatus->setState(SyncStatusIndicator::State::Stopped, error);
        showNote(error);
    });
}

void MainWindow::showNote(const QString& note)
{
    statusBar()->showMessage(note, kNoteTimeoutMs);
}

void MainWindow::syncNow()
{
    if (!m_client) {
        return;
    }
    // Cuts a running long-poll short, or starts a round at once when the
    // client waits to retry or had stopped.
    m_client->outboxChanged();
    m_client->follow();
}

void MainWindow::refreshSyncCounts()
{
    if (m_orgId.isEmpty()) {
        return;
    }
    qint64 outbox = 0;
    qint64 conflicts = 0;
    QString error;
    if (!store::OutboxRepository(m_db, m_orgId).count(&outbox, &error)
        || !store::SyncConflictRepository(m_db, m_orgId).countOpen(&conflicts, &error)) {
        qCWarning(lcUi) << "sync counts could not be read:" << error;
        return;
    }
    m_syncStatus->setCounts(outbox, conflicts);
}

void MainWindow::notifyLead(const QString& leadId, const QString& title, const QString& text)
{
    m_notifiedLeadId = leadId;
    if (m_tray && m_tray->isVisible() && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, text, QSystemTrayIcon::Information);
    } else {
        showNote(QStringLiteral("%1: %2").arg(title, text));
    }
    QApplication::alert(this);
}

void MainWindow::openNotifiedLead()
{
    showNormal();
    raise();
    activateWindow();
    if (!m_notifiedLeadId.isEmpty()) {
        emit leadRequested(m_notifiedLeadId);
    }
}

} // namespace callsnare::ui
