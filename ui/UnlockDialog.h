#pragma once

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

namespace callsnare::ui {

// Later starts: asks for the profile's passphrase and opens the profile. A
// wrong passphrase (or a damaged file) shows the store's own sentence, clears
// the field and lets the user try again; the file is never changed by a
// failed attempt.
class UnlockDialog : public QDialog {
    Q_OBJECT

public:
    explicit UnlockDialog(QString profilePath, QWidget* parent = nullptr);
    ~UnlockDialog() override;

    // A sentence shown before the user types (e.g. why the keychain did not unlock it).
    void setNote(const QString& note);

    std::unique_ptr<store::Profile> takeProfile();
    // When the user ticked "remember": the passphrase for the keychain (wipe it after use).
    QString takePassphraseToRemember();
    QString message() const;
    int failedAttempts() const { return m_failedAttempts; }

private:
    void unlock();

    QString m_profilePath;
    QLineEdit* m_passphrase = nullptr;
    QCheckBox* m_remember = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_unlockButton = nullptr;
    std::unique_ptr<store::Profile> m_profile;
    QString m_passphraseToRemember;
    int m_failedAttempts = 0;
};

} // namespace callsnare::ui
