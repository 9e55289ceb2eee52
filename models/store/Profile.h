#pragma once

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace callsnare::store {

// One dispatcher's encrypted profile: a single SQLCipher file holding every
// lead, message, booking and proof record of the organizations it syncs.
// Opening runs the schema migrations forward; a file from a newer CallSnare
// is refused. The object owns its QSqlDatabase connection (a unique name per
// Profile) and closes it when destroyed.
class Profile {
public:
    enum class Access { ReadWrite, ReadOnly };

    // Makes a new profile at `path` (an existing file is refused, never
    // overwritten), keyed with `passphrase`, at the latest schema version,
    // with the cipher settings recorded in profile_meta.
    static std::unique_ptr<Profile> create(const QString& path, const QString& passphrase, QString* error);
    // Opens an existing profile. A wrong passphrase, a file that is not a
    // profile, a newer schema: nullptr with one user-readable sentence in
    // `error`, and the file untouched.
    static std::unique_ptr<Profile> open(const QString& path, const QString& passphrase, Access access,
                                         QString* error);

    ~Profile();
    Profile(const Profile&) = delete;
    Profile& operator=(const Profile&) = delete;

    QSqlDatabase database() const;
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();

    // Re-encrypts the file under a new passphrase, all or nothing.
    bool changePassphrase(const QString& newPassphrase, QString* error);

private:
    Profile(QString path, QString connectionName);

    QString m_path;
    QString m_connectionName;
    int m_schemaVersion = 0;
};

} // namespace callsnare::store
