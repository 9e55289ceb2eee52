#pragma once

#include <QObject>
#include <QSqlDatabase>
#include <QString>

namespace callsnare::syncclient {

// Keeps a device's relay token. The OS keychain (QtKeychain, no insecure
// fallback of its own) holds it when a keychain service answers; where none
// runs (headless Linux, tests, CI) the token goes into the encrypted profile
// instead, and sync_state records which of the two holds it, so reading it
// back asks the right place. Nothing here logs the token.
//
// Keychain jobs are asynchronous: save() ends in saved() or failed(), load()
// in loaded() or failed().
class DeviceCredentials : public QObject {
    Q_OBJECT

public:
    enum class Storage {
        Auto, // the keychain when it answers, else the profile
        ProfileOnly, // never ask the keychain (tests, or a user's choice)
    };

    static constexpr const char* kKeychainService = "CallSnare";

    DeviceCredentials(QSqlDatabase db, QString orgId, Storage storage, QObject* parent = nullptr);

    void save(const QString& token);
    void load();

    // Where the token is, in words for a status line.
    static QString describe(const QString& tokenStore);

signals:
    // `where` is "keychain" or "profile".
    void saved(const QString& where, const QString& note);
    void loaded(const QString& token);
    void failed(const QString& error);

private:
    QString keychainKey() const;
    void saveInProfile(const QString& token, const QString& note);

    QSqlDatabase m_db;
    QString m_orgId;
    Storage m_storage;
};

} // namespace callsnare::syncclient
