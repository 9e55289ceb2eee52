#include "ui/DesktopSession.h"

#include "client/SyncClient.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/StoreSql.h"
#include "store/SyncStateRepository.h"
#include "ui/EnrollDialog.h"
#include "ui/FirstRunDialog.h"
#include "ui/InboxModel.h"
#include "ui/InboxView.h"
#include "ui/MainWindow.h"
#include "ui/PassphraseKeychain.h"
#include "ui/ProfileLocation.h"
#include "ui/UiLogging.h"
#include "ui/UnlockDialog.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSysInfo>
#include <QTimer>
#include <QUrl>

#include <utility>

namespace callsnare::ui {

using syncclient::SyncClient;

namespace {

void wipe(QString& secret)
{
    secret.fill(QChar(u'\0'));
    secret.clear();
}

} // namespace

DesktopSession::DesktopSession(Options options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    if (m_options.deviceName.isEmpty()) {
        m_options.deviceName = QSysInfo::machineHostName();
    }
}

DesktopSession::~DesktopSession()
{
    // Everything holding the profile's connection goes before the profile.
    m_window.reset();
    delete m_client;
    m_client = nullptr;
    m_profile.reset();
    wipe(m_options.passphrase);
}

void DesktopSession::fail(const QString& error)
{
    qCCritical(lcUi).noquote() << error;
    emit finished(1);
}

void DesktopSession::start()
{
    // Dialogs come and go before the main window: closing one must not end the app.
    QApplication::setQuitOnLastWindowClosed(false);
    QString error;
    if (!ProfileLocation::prepareFolder(m_options.profilePath, &error)) {
        fail(error);
        return;
    }
    if (!QFileInfo::exists(m_options.profilePath)) {
        if (m_options.passphrase.isEmpty()) {
            runFirstRun();
            return;
        }
        m_profile = store::Profile::create(m_options.profilePath, m_options.passphrase, &error);
        wipe(m_options.passphrase);
        if (!m_profile) {
            fail(tr("The profile %1 could not be created: %2")
                     .arg(QDir::toNativeSeparators(m_options.profilePath), error));
            return;
        }
        enrollThenOpen();
        return;
    }
    if (!m_options.passphrase.isEmpty()) {
        QString passphrase = m_options.passphrase;
        wipe(m_options.passphrase);
        m_profile = store::Profile::open(m_options.profilePath, passphrase, store::Profile::Access::ReadWrite,
                                         &error);
        wipe(passphrase);
        if (!m_profile) {
            fail(error);
            return;
        }
        enrollThenOpen();
        return;
    }
    if (m_options.useKeychain && PassphraseKeychain::isRemembered(m_options.profilePath)) {
        auto* keychain = new PassphraseKeychain(m_options.profilePath, this);
        connect(keychain, &PassphraseKeychain::loaded, this, [this, keychain](QString passphrase) {
            keychain->deleteLater();
            openWithPassphrase(passphrase);
            wipe(passphrase);
        });
        connect(keychain, &PassphraseKeychain::failed, this, [this, keychain](const QString& why) {
            keychain->deleteLater();
            askToUnlock(why);
        });
        keychain->load();
        return;
    }
    askToUnlock(QString());
}

void DesktopSession::openWithPassphrase(const QString& passphrase)
{
    QString error;
    m_profile
        = store::Profile::open(m_options.profilePath, passphrase, store::Profile::Access::ReadWrite, &error);
    if (!m_profile) {
        askToUnlock(
            tr("The passphrase remembered in the keychain did not unlock the profile: %1").arg(error));
        return;
    }
    enrollThenOpen();
}

void DesktopSession::askToUnlock(const QString& note)
{
    UnlockDialog dialog(m_options.profilePath);
    dialog.setNote(note);
    if (dialog.exec() != QDialog::Accepted) {
        emit finished(0);
        return;
    }
    m_profile = dialog.takeProfile();
    rememberPassphrase(dialog.takePassphraseToRemember());
    enrollThenOpen();
}

void DesktopSession::runFirstRun()
{
    FirstRunDialog dialog(m_options.profilePath, m_options.sync.tokenStorage);
    dialog.setDeviceName(m_options.deviceName);
    if (!m_options.relayUrl.isEmpty()) {
        dialog.setRelayUrl(m_options.relayUrl);
    }
    if (dialog.exec() != QDialog::Accepted) {
        emit finished(0);
        return;
    }
    m_profile = dialog.takeProfile();
    m_pendingNote = dialog.enrollmentStatus();
    rememberPassphrase(dialog.takePassphraseToRemember());
    openWindow(dialog.enrolledOrgId());
}

void DesktopSession::rememberPassphrase(QString passphrase)
{
    if (passphrase.isEmpty() || !m_options.useKeychain) {
        wipe(passphrase);
        return;
    }
    auto* keychain = new PassphraseKeychain(m_options.profilePath, this);
    connect(keychain, &PassphraseKeychain::stored, this, [this, keychain] {
        keychain->deleteLater();
        if (m_window) {
            m_window->showNote(tr("The passphrase is remembered in the system keychain."));
        }
    });
    connect(keychain, &PassphraseKeychain::failed, this, [this, keychain](const QString& why) {
        keychain->deleteLater();
        if (m_window) {
            m_window->showNote(why);
        } else {
            m_pendingNote = why;
        }
    });
    keychain->store(passphrase);
    wipe(passphrase);
}

void DesktopSession::enrollThenOpen()
{
    if (m_options.enrollCode.isEmpty() || m_options.relayUrl.isEmpty()) {
        openWindow(QString());
        return;
    }
    auto* enrolling = new SyncClient(m_profile->database(), m_options.sync, this);
    connect(enrolling, &SyncClient::enrolled, this,
            [this, enrolling](const QString& orgId, const QString& orgName, const QString&,
                              const QString& status) {
                enrolling->deleteLater();
                m_pendingNote = tr("Enrolled with %1; %2.").arg(orgName, status);
                openWindow(orgId);
            });
    connect(enrolling, &SyncClient::failed, this, [this, enrolling](const QString& error) {
        enrolling->deleteLater();
        // The app still opens on the profile; the window says what happened.
        qCWarning(lcUi).noquote() << "enrollment failed:" << error;
        m_pendingNote = tr("Enrollment failed: %1").arg(error);
        openWindow(QString());
    });
    enrolling->enroll(QUrl::fromUserInput(m_options.relayUrl), m_options.enrollCode, m_options.deviceName);
}

QString DesktopSession::chooseOrg(const QString& preferred, bool* enrolled) const
{
    *enrolled = false;
    QString error;
    std::vector<store::SyncStateRepository::Enrollment> enrollments;
    if (!store::SyncStateRepository::enrollments(m_profile->database(), &enrollments, &error)) {
        qCWarning(lcUi) << "the profile's enrollments could not be read:" << error;
    }
    for (const auto& enrollment : enrollments) {
        if (preferred.isEmpty() || enrollment.orgId == preferred) {
            *enrolled = true;
            return enrollment.orgId;
        }
    }
    if (!preferred.isEmpty()) {
        return preferred;
    }
    // Not enrolled: the profile's own organizations (demo data, an import).
    std::vector<domain::Organization> organizations;
    if (store::OrganizationRepository(m_profile->database()).list(&organizations, &error)
        && !organizations.empty()) {
        return store::toQString(organizations.front().id);
    }
    return {};
}

void DesktopSession::openWindow(const QString& preferredOrg)
{
    m_window.reset();
    delete m_client;
    m_client = nullptr;

    bool enrolled = false;
    const QString orgId = chooseOrg(preferredOrg, &enrolled);
    m_window = std::make_unique<MainWindow>(m_profile->database(), orgId, m_options.deviceName);
    connect(m_window.get(), &MainWindow::enrollRequested, this, &DesktopSession::enrollFromMenu);
    if (enrolled) {
        m_client = new SyncClient(m_profile->database(), m_options.sync, this);
        connect(m_client, &SyncClient::ready, m_client, &SyncClient::follow);
        m_window->setSyncClient(m_client);
    } else {
        m_window->setSyncClient(nullptr);
    }
    if (!m_pendingNote.isEmpty()) {
        m_window->showNote(m_pendingNote);
        m_pendingNote.clear();
    }
    m_window->show();
    QApplication::setQuitOnLastWindowClosed(true);
    if (!m_options.screenshotPath.isEmpty() || m_options.quitAfterMs > 0) {
        armScreenshot();
    }
    if (m_client) {
        m_client->open(orgId);
    }
    emit windowShown();
}

void DesktopSession::enrollFromMenu()
{
    EnrollDialog dialog(m_profile->database(), m_options.sync.tokenStorage, m_options.deviceName,
                        m_window.get());
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    m_pendingNote = dialog.enrollmentStatus();
    // The window is rebuilt for the organization the profile now follows.
    const QString orgId = dialog.enrolledOrgId();
    QTimer::singleShot(0, this, [this, orgId] { openWindow(orgId); });
}

void DesktopSession::armScreenshot()
{
    if (m_options.quitAfterMs > 0) {
        QTimer::singleShot(m_options.quitAfterMs, this, [this] {
            if (m_options.screenshotPath.isEmpty()) {
                emit finished(0);
            } else {
                saveScreenshot();
            }
        });
    }
    if (m_options.screenshotPath.isEmpty()) {
        return;
    }
    const auto soon = [this] {
        // Lets the views take in what sync just applied before the picture.
        QTimer::singleShot(200, this, &DesktopSession::saveScreenshot);
    };
    if (!m_client) {
        soon();
        return;
    }
    connect(m_client, &SyncClient::caughtUp, this, soon, Qt::SingleShotConnection);
    connect(m_client, &SyncClient::retryScheduled, this, soon, Qt::SingleShotConnection);
    connect(m_client, &SyncClient::failed, this, soon, Qt::SingleShotConnection);
}

void DesktopSession::saveScreenshot()
{
    if (m_screenshotTaken || !m_window) {
        return;
    }
    m_screenshotTaken = true;
    // The picture shows a lead's thread, not an empty pane.
    InboxView* inbox = m_window->inbox();
    if (inbox->currentLeadId().isEmpty() && inbox->model()->rowCount() > 0) {
        inbox->selectLead(inbox->model()->index(0).data(InboxModel::LeadIdRole).toString());
        // Opening the lead marks it read and tells the inbox through a queued
        // signal: let the list catch up before the picture is taken.
        QCoreApplication::processEvents();
    }
    const QString path = QFileInfo(m_options.screenshotPath).absoluteFilePath();
    if (!m_window->grab().save(path, "PNG")) {
        fail(tr("The screenshot could not be saved to %1.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    qCInfo(lcUi).noquote() << "screenshot saved to" << QDir::toNativeSeparators(path);
    emit finished(0);
}

} // namespace callsnare::ui
