#pragma once

#include "client/DeviceCredentials.h"

#include <QDialog>
#include <QString>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace callsnare::store {
class Profile;
}
namespace callsnare::syncclient {
class SyncClient;
}

namespace callsnare::ui {

// The first start on this computer: the dispatcher chooses the passphrase of
// a new encrypted profile (twice, with a strength hint; a mismatch or a very
// weak choice is refused with a sentence saying why), whether to remember it
// in the system keychain, and enrolls with the relay (its URL and the
// operator's one-time code). "Enroll later" makes the profile alone, so the
// app works offline until it is enrolled. An enrollment that fails (relay
// unreachable, code refused) says why and can be retried; the profile made
// by then is kept.
class FirstRunDialog : public QDialog {
    Q_OBJECT

public:
    FirstRunDialog(QString profilePath, syncclient::DeviceCredentials::Storage tokenStorage,
                   QWidget* parent = nullptr);
    ~FirstRunDialog() override;

    // Prefills the relay's address (a deployment's default, or --relay).
    void setRelayUrl(const QString& url);
    void setDeviceName(const QString& name) { m_deviceName = name; }

    // After acceptance: the open profile, the organization it enrolled with
    // (empty after "Enroll later") and, when the user ticked the box, the
    // passphrase to hand to the keychain (empty otherwise; wipe it after use).
    std::unique_ptr<store::Profile> takeProfile();
    QString enrolledOrgId() const { return m_orgId; }
    QString enrollmentStatus() const { return m_enrollmentStatus; }
    QString takePassphraseToRemember();

    // The sentence shown to the user (an error or progress), for tests and screen readers.
    QString message() const;

private:
    void updateStrength();
    void createAndEnroll();
    void enrollLater();
    bool ensureProfile();
    void showMessage(const QString& text, bool isError);
    void setBusy(bool busy);

    QString m_profilePath;
    syncclient::DeviceCredentials::Storage m_tokenStorage;
    QString m_deviceName;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_passphraseAgain = nullptr;
    QLabel* m_strength = nullptr;
    QCheckBox* m_remember = nullptr;
    QLineEdit* m_relayUrl = nullptr;
    QLineEdit* m_code = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_createButton = nullptr;
    QPushButton* m_laterButton = nullptr;
    std::unique_ptr<store::Profile> m_profile;
    syncclient::SyncClient* m_client = nullptr;
    QString m_orgId;
    QString m_enrollmentStatus;
    QString m_passphraseToRemember;
};

} // namespace callsnare::ui
