#pragma once

#include <QObject>
#include <QString>

namespace callsnare::ui {

// Remembers a profile's passphrase in the OS keychain (QtKeychain, without
// its insecure fallback), when the user asks for it. Whether a profile's
// passphrase was remembered is a non-secret note in the app's settings, so a
// start without a keychain service (headless Linux) never waits on one it
// was not asked to use. Jobs are asynchronous: store() ends in stored() or
// failed(), load() in loaded() or failed(). Nothing here logs the secret.
class PassphraseKeychain : public QObject {
    Q_OBJECT

public:
    static constexpr const char* kService = "CallSnare";

    explicit PassphraseKeychain(QString profilePath, QObject* parent = nullptr);

    void store(const QString& passphrase);
    void load();
    // Removes the keychain entry and the note (best effort, no signal).
    void forget();

    static bool isRemembered(const QString& profilePath);

signals:
    void stored();
    void loaded(const QString& passphrase);
    void failed(const QString& reason);

private:
    QString key() const;
    static QString settingsKey(const QString& profilePath);
    static void setRemembered(const QString& profilePath, bool remembered);

    QString m_profilePath;
};

} // namespace callsnare::ui
