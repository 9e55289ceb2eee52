#pragma once

// Fixtures shared by the SQLCipher driver suites: connections, file hashes,
// a sample profile and the sqlcipher command-line tool.

#include "store/SqlCipherDriver.h"
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <limits>
#include <memory>
#include <unistd.h>

using namespace callsnare::store;

namespace sqlcipher_fixtures {

inline const QString kDriver = QString::fromLatin1(kSqlCipherDriverName);
inline const QString kPassphrase = QStringLiteral("correct horse battery staple");
inline const QString kOtherPassphrase = QStringLiteral("Tr0ub4dor&3 — ünïcode 🔑");
inline const QString kPhone = QStringLiteral("+15125550187");
inline const QString kBody = QStringLiteral("Our furnace stopped blowing warm air around 9pm");
inline const QString kSqlcipherTool = QStringLiteral("/usr/bin/sqlcipher");

// One named QSqlDatabase connection, removed again when the test is done.
// Declare queries after it so they are destroyed first.
class Connection {
public:
    Connection(const QString& path, const QString& passphrase, const QString& options = {})
        : m_name(QStringLiteral("connection-%1").arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, m_name);
        db.setDatabaseName(path);
        db.setPassword(passphrase);
        db.setConnectOptions(options);
        m_opened = db.open();
        m_error = db.lastError();
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    bool opened() const { return m_opened; }
    QSqlError error() const { return m_error; }
    QString errorText() const { return m_error.text(); }
    SqlCipherDriver* driver() const { return qobject_cast<SqlCipherDriver*>(db().driver()); }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_opened = false;
    QSqlError m_error;
};

inline QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

inline QString exec(QSqlQuery& query, const QString& sql)
{
    return query.exec(sql) ? QString() : sql + QStringLiteral(": ") + query.lastError().text();
}

#define EXEC_OK(query, sql)                                                                                  \
    do {                                                                                                     \
        const QString failure = exec(query, QStringLiteral(sql));                                            \
        QVERIFY2(failure.isEmpty(), qPrintable(failure));                                                    \
    } while (false)

// A small profile with the known phone number and message among others.
inline bool makeProfile(const QString& path, const QString& passphrase, int extraMessages = 300)
{
    Connection connection(path, passphrase);
    if (!connection.opened()) {
        qWarning() << "makeProfile:" << connection.errorText();
        return false;
    }
    QSqlDatabase db = connection.db();
    QSqlQuery query(db);
    bool ok = query.exec(QStringLiteral(
                  "CREATE TABLE contacts(id INTEGER PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT)"))
        && query.exec(
            QStringLiteral("CREATE TABLE messages(id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, "
                           "body TEXT NOT NULL)"))
        && db.transaction();
    ok = ok && query.prepare(QStringLiteral("INSERT INTO contacts(phone, name) VALUES(?, ?)"));
    query.addBindValue(kPhone);
    query.addBindValue(QStringLiteral("Dana Whitfield"));
    ok = ok && query.exec();
    ok = ok && query.prepare(QStringLiteral("INSERT INTO messages(contact_id, body) VALUES(1, ?)"));
    query.addBindValue(kBody);
    ok = ok && query.exec();
    for (int i = 0; ok && i < extraMessages; ++i) {
        query.addBindValue(QStringLiteral("Reply %1: the technician can come Tuesday between 8 and 10, "
                                          "the outdoor unit is humming but the fan does not spin.")
                               .arg(i));
        ok = query.exec();
    }
    ok = ok && db.commit();
    if (!ok) {
        qWarning() << "makeProfile:" << query.lastError().text() << db.lastError().text();
    }
    return ok;
}

struct ToolRun {
    int exitCode = -1;
    QString out;
    QString err;
};

inline ToolRun runSqlcipherTool(const QString& path, const QString& script)
{
    QProcess tool;
    tool.start(kSqlcipherTool, {QStringLiteral("-batch"), path});
    ToolRun run;
    if (!tool.waitForStarted(10000)) {
        run.err = tool.errorString();
        return run;
    }
    tool.write(script.toUtf8());
    tool.closeWriteChannel();
    tool.waitForFinished(60000);
    run.exitCode = tool.exitCode();
    run.out = QString::fromUtf8(tool.readAllStandardOutput());
    run.err = QString::fromUtf8(tool.readAllStandardError());
    return run;
}

} // namespace sqlcipher_fixtures

using namespace sqlcipher_fixtures;

// The per-suite temp folder and driver registration; suites call setUpSuite()
// from their initTestCase().
class SqlCipherTestCase : public QObject {

protected:
    std::unique_ptr<QTemporaryDir> m_tmp;
    int m_fileCount = 0;

    // A fresh folder per case, so listings of "what files exist" stay exact.
    QString freshDir()
    {
        const QString dir = m_tmp->filePath(QStringLiteral("case-%1").arg(++m_fileCount));
        QDir().mkpath(dir);
        return dir;
    }
    QString freshPath() { return freshDir() + QStringLiteral("/profile.callsnare"); }

protected:
    void setUpSuite()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QStringLiteral("/sqlcipher-XXXXXX"));
        QVERIFY2(m_tmp->isValid(), qPrintable(m_tmp->errorString()));

        registerSqlCipherDriver();
        registerSqlCipherDriver(); // idempotent
        QVERIFY(QSqlDatabase::drivers().contains(kDriver));
    }
};
