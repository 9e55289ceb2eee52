#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>

class QAction;
class QSplitter;
class QSystemTrayIcon;

namespace callsnare::syncclient {
class SyncClient;
}

namespace callsnare::ui {

class InboxView;
class LeadNotifier;
class LeadThreadView;
class ResponseNudge;
class SyncStatusIndicator;

// The desktop app's main window: menus (File, Sync, Help), a toolbar with
// Sync now, the sync state in the status bar, and a work area of two panes
// (the inbox | the lead it opens) in a splitter.
//
// The window knows the sync client only through its signals: eventsApplied
// becomes storeChanged() (the views' refresh()), and new missed calls and
// replies become tray notifications whose click raises the window and emits
// leadRequested() (the inbox's selectLead()).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // `dispatcherName` signs what this desktop's user writes (notes, texts).
    MainWindow(QSqlDatabase db, QString orgId, QString dispatcherName, QWidget* parent = nullptr);
    ~MainWindow() override;

    InboxView* inbox() const { return m_inbox; }
    LeadThreadView* thread() const { return m_thread; }

    // The client whose state the status bar shows and whose applied events
    // refresh the work area (not owned; null: not enrolled, working offline).
    void setSyncClient(syncclient::SyncClient* client);

    // A sentence for the status bar's message area (a keychain note, a sync failure).
    void showNote(const QString& note);

    SyncStatusIndicator* syncStatus() const { return m_syncStatus; }
    LeadNotifier* leadNotifier() const { return m_notifier; }
    ResponseNudge* responseNudge() const { return m_nudge; }
    QString orgId() const { return m_orgId; }
    // The lead the last notification was about (what a click opens).
    QString notifiedLeadId() const { return m_notifiedLeadId; }

signals:
    // Sync wrote to the store: views re-read what they show.
    void storeChanged();
    // The user asked to see a lead (a notification was clicked).
    void leadRequested(const QString& leadId);
    // Sync > Enroll with a relay (offered while not enrolled).
    void enrollRequested();

public slots:
    void syncNow();
    // Re-reads the outbox and conflict counts for the status bar.
    void refreshSyncCounts();
    // Tells the user about a lead (tray message when a tray is available,
    // else the status bar).
    void notifyLead(const QString& leadId, const QString& title, const QString& text);
    // Raises the window and asks for the last notified lead.
    void openNotifiedLead();
    // File > Settings…: the owner's settings of the organization, as the store holds them.
    void openSettings();

private:
    void buildMenus();
    // The organization's response target and business hours, as stored,
    // into the inbox's overdue marks and the nudge.
    void followResponseRules();
    void updateTitle();
    void updateSyncActions();

    QSqlDatabase m_db;
    QString m_orgId;
    QSplitter* m_splitter = nullptr;
    InboxView* m_inbox = nullptr;
    LeadThreadView* m_thread = nullptr;
    SyncStatusIndicator* m_syncStatus = nullptr;
    LeadNotifier* m_notifier = nullptr;
    ResponseNudge* m_nudge = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_syncNowAction = nullptr;
    QAction* m_enrollAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QString m_dispatcherName;
    QPointer<syncclient::SyncClient> m_client;
    QString m_notifiedLeadId;
};

} // namespace callsnare::ui
