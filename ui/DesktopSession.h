#pragma once

#include "client/SyncClient.h"

#include <QObject>
#include <QString>

#include <memory>

namespace callsnare::store {
class Profile;
}
namespace callsnare::ui {

class MainWindow;

// One run of the desktop app, from the profile to the live main window: the
// first-run dialog when there is no profile yet, else the passphrase (given
// non-interactively, remembered in the keychain, or asked by the unlock
// dialog); then the main window over the profile and, when the profile is
// enrolled, the sync client following the relay. An unreachable relay is a
// status, never a reason to stop. With a screenshot path the run saves the
// window once the first sync round is in (or the relay turned out to be
// unreachable) and finishes.
class DesktopSession : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString profilePath; // absolute (ProfileLocation::resolve)
        // Non-interactive runs (--passphrase-file, CALLSNARE_PASSPHRASE): no
        // dialog; a wrong passphrase ends the run. Wiped once used.
        QString passphrase;
        // Enroll the profile before opening the window (--relay URL --enroll CODE).
        QString relayUrl;
        QString enrollCode;
        QString deviceName;
        QString screenshotPath; // save the window as PNG after the first sync round, then finish
        int quitAfterMs = 0; // finish (saving the screenshot if asked) after this long; 0: never
        syncclient::SyncClient::Options sync; // where tokens go, long-poll and retry timing
        bool useKeychain = true; // passphrase remembered in the OS keychain
    };

    explicit DesktopSession(Options options, QObject* parent = nullptr);
    ~DesktopSession() override;

    MainWindow* mainWindow() const { return m_window.get(); }
    syncclient::SyncClient* syncClient() const { return m_client; }
    store::Profile* profile() const { return m_profile.get(); }

signals:
    // The main window is shown over an open profile.
    void windowShown();
    // The run is over (a dialog was cancelled, a non-interactive start
    // failed, the screenshot is saved): the app exits with this code.
    void finished(int exitCode);

public slots:
    // Call from inside the event loop.
    void start();

private:
    void openWithPassphrase(const QString& passphrase);
    void askToUnlock(const QString& note);
    void runFirstRun();
    void rememberPassphrase(QString passphrase);
    // Enrolls non-interactively when --relay/--enroll ask for it, then opens the window.
    void enrollThenOpen();
    void openWindow(const QString& orgId);
    void enrollFromMenu();
    QString chooseOrg(const QString& preferred, bool* enrolled) const;
    void armScreenshot();
    void saveScreenshot();
    void fail(const QString& error);

    Options m_options;
    std::unique_ptr<store::Profile> m_profile;
    std::unique_ptr<MainWindow> m_window;
    syncclient::SyncClient* m_client = nullptr;
    QString m_pendingNote; // for the status bar, once the window exists
    bool m_screenshotTaken = false;
};

} // namespace callsnare::ui
