#include "store/Migrations.h"
#include "store/Profile.h"
#include "store/SqlCipherDriver.h"
#include "store/SqlCipherErrors.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace callsnare::store;

namespace {

const QString kPassphrase = QStringLiteral("correct horse battery staple");
const QString kNewPassphrase = QStringLiteral("Tr0ub4dor&3 — ünïcode 🔑");
const QString kPhone = QStringLiteral("+15125550187");

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs `sql` and returns "" or what went wrong, for QVERIFY2.
QString run(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        return sql + QStringLiteral(": ") + query.lastError().text();
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        query.bindValue(static_cast<int>(i), values.at(i));
    }
    return query.exec() ? QString() : sql + QStringLiteral(": ") + query.lastError().text();
}

QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (qsizetype i = 0; i < values.size(); ++i) {
        query.bindValue(static_cast<int>(i), values.at(i));
    }
    if (!query.exec() || !query.next()) {
        return {};
    }
    return query.value(0);
}

QString addOrg(const QSqlDatabase& db, const QString& id)
{
    return run(db,
               QStringLiteral("INSERT INTO organizations (id, name, time_zone, billing_state, "
                              "dedupe_window_minutes, quiet_start_minute, quiet_end_minute, quiet_policy, "
                              "reminder_offsets) VALUES (?, 'Polar Air', 'America/Chicago', 'active', 1440, "
                              "1260, 480, 'defer', '1440,120')"),
               {id});
}

// Writes to a profile outside the Profile class, as another program would.
class RawConnection {
public:
    RawConnection(const QString& path, const QString& passphrase)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        registerSqlCipherDriver();
        QSqlDatabase db = QSqlDatabase::addDatabase(QString::fromLatin1(kSqlCipherDriverName), m_name);
        db.setDatabaseName(path);
        db.setPassword(passphrase);
        m_opened = db.open();
        m_error = db.lastError().text();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    bool opened() const { return m_opened; }
    QString error() const { return m_error; }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_opened = false;
    QString m_error;
};

} // namespace

class TestProfile : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    int m_count = 0;

    QString freshPath()
    {
        const QString dir = m_tmp->filePath(QStringLiteral("case-%1").arg(++m_count));
        QDir().mkpath(dir);
        return dir + QStringLiteral("/profile.callsnare");
    }

    // A profile with one organization, closed again.
    QString makeProfile()
    {
        const QString path = freshPath();
        QString error;
        auto profile = Profile::create(path, kPassphrase, &error);
        if (!profile) {
            qWarning() << error;
            return {};
        }
        const QString failure = addOrg(profile->database(), QStringLiteral("org-a"));
        if (!failure.isEmpty()) {
            qWarning() << failure;
            return {};
        }
        return path;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QStringLiteral("/profile-XXXXXX"));
        QVERIFY2(m_tmp->isValid(), qPrintable(m_tmp->errorString()));
    }

    void builtInSchemaIsEmbedded()
    {
        const QVector<Migration>& steps = Migrations::builtIn();
        QVERIFY(!steps.isEmpty());
        QCOMPARE(steps.first().version, 1);
        QCOMPARE(steps.first().name, QStringLiteral("initial"));
        QVERIFY(steps.first().sql.contains(QLatin1String("CREATE TABLE leads")));
        QCOMPARE(Profile::latestSchemaVersion(), steps.last().version);
    }

    void splitStatements_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("two") << "CREATE TABLE a(x);\nCREATE TABLE b(y);\n"
                             << QStringList{"CREATE TABLE a(x);", "CREATE TABLE b(y);"};
        QTest::newRow("semicolons and colons in strings and comments")
            << "-- head; at 12:00, the org's comment\nINSERT INTO a VALUES ('x;y -- :z'); -- tail;\n"
            << QStringList{"INSERT INTO a VALUES ('x;y -- :z');"};
        QTest::newRow("block comment")
            << "CREATE /* a; b */ TABLE c(x);" << QStringList{"CREATE   TABLE c(x);"};
        QTest::newRow("doubled quote") << "INSERT INTO a VALUES ('it''s; -- fine');"
                                       << QStringList{"INSERT INTO a VALUES ('it''s; -- fine');"};
        QTest::newRow("trigger body")
            << "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; DELETE FROM c; END;"
            << QStringList{"CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; DELETE FROM c; END;"};
        QTest::newRow("only comments") << "-- nothing here\n\n" << QStringList{};
    }

    void splitStatements()
    {
        QFETCH(QString, script);
        QFETCH(QStringList, expected);
        QStringList statements;
        QString error;
        QVERIFY2(Migrations::splitStatements(script, &statements, &error), qPrintable(error));
        QCOMPARE(statements, expected);
    }

    void splitStatementsRefusesAnUnfinishedOne()
    {
        QStringList statements;
        QString error;
        QVERIFY(!Migrations::splitStatements(QStringLiteral("CREATE TABLE a(x);\nCREATE TABLE b(y)"),
                                             &statements, &error));
        QVERIFY(error.contains(QLatin1String("middle of a statement")));
    }

    void createAndReopen()
    {
        const QString path = freshPath();
        QString error;
        {
            auto profile = Profile::create(path, kPassphrase, &error);
            QVERIFY2(profile, qPrintable(error));
            QCOMPARE(profile->path(), path);
            QCOMPARE(profile->schemaVersion(), Profile::latestSchemaVersion());
            const QSqlDatabase db = profile->database();
            QVERIFY(db.isOpen());
            QVERIFY(db.tables().contains(QStringLiteral("leads")));
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(),
                     Profile::latestSchemaVersion());
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("delete"));
            QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
            // Qt does not keep the passphrase once the file is open.
            QVERIFY(db.password().isEmpty());
            const QString failure = addOrg(db, QStringLiteral("org-a"));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        QVERIFY(QFile::exists(path));

        auto reopened = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
        QVERIFY2(reopened, qPrintable(error));
        QCOMPARE(reopened->schemaVersion(), Profile::latestSchemaVersion());
        const QSqlDatabase db = reopened->database();
        QCOMPARE(
            scalar(db, QStringLiteral("SELECT name FROM organizations WHERE id = ?"), {"org-a"}).toString(),
            QStringLiteral("Polar Air"));
        // foreign_keys is per connection: the reopen must have set it again.
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QVERIFY(
            !run(db,
                 QStringLiteral("INSERT INTO contacts (id, org_id, phone) VALUES ('c', 'no-such-org', ?)"),
                 {kPhone})
                 .isEmpty());
    }

    void metaIsRecorded()
    {
        const QString path = freshPath();
        QString error;
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        auto profile = Profile::create(path, kPassphrase, &error);
        QVERIFY2(profile, qPrintable(error));
        const QSqlDatabase db = profile->database();
        const auto meta = [&](const char* key) {
            return scalar(db, QStringLiteral("SELECT value FROM profile_meta WHERE key = ?"),
                          {QString::fromLatin1(key)})
                .toString();
        };
        QCOMPARE(meta("cipher_page_size").toInt(), SqlCipherDriver::kCipherPageSize);
        QCOMPARE(meta("kdf_iter").toInt(), SqlCipherDriver::kKdfIterations);
        QVERIFY2(meta("created_with").startsWith(QLatin1String("CallSnare ")),
                 qPrintable(meta("created_with")));
        QVERIFY(meta("created_at").toLongLong() >= before);
        QVERIFY(meta("created_at").toLongLong() <= QDateTime::currentSecsSinceEpoch());
        // And they are what SQLCipher really uses.
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA cipher_page_size")).toInt(),
                 SqlCipherDriver::kCipherPageSize);
    }

    void createRefusesAnExistingFile()
    {
        const QString path = freshPath();
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("someone's notes, not a profile");
        }
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!Profile::create(path, kPassphrase, &error));
        QVERIFY2(error.contains(QLatin1String("already exists")), qPrintable(error));
        QCOMPARE(fileHash(path), before);
    }

    void createRefusesAnEmptyPassphrase()
    {
        const QString path = freshPath();
        QString error;
        QVERIFY(!Profile::create(path, QString(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void createInAMissingFolderLeavesNothing()
    {
        const QString path = m_tmp->filePath(QStringLiteral("no-such-folder/profile.callsnare"));
        QString error;
        QVERIFY(!Profile::create(path, kPassphrase, &error));
        QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void openMissingFile()
    {
        const QString path = freshPath();
        QString error;
        QVERIFY(!Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
        QVERIFY(!QFile::exists(path)); // opening never creates
    }

    void wrongPassphraseLeavesTheFileUntouched_data()
    {
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("read-write") << false;
        QTest::newRow("read-only") << true;
    }

    void wrongPassphraseLeavesTheFileUntouched()
    {
        QFETCH(bool, readOnly);
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        const QByteArray before = fileHash(path);
        const QStringList filesBefore = QFileInfo(path).dir().entryList(QDir::Files);
        QString error;
        QVERIFY(!Profile::open(path, QStringLiteral("not the passphrase"),
                               readOnly ? Profile::Access::ReadOnly : Profile::Access::ReadWrite, &error));
        QCOMPARE(error, wrongPassphraseMessage());
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QFileInfo(path).dir().entryList(QDir::Files), filesBefore);
    }

    void newerSchemaIsRefused_data()
    {
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("read-write") << false;
        QTest::newRow("read-only") << true;
    }

    void newerSchemaIsRefused()
    {
        QFETCH(bool, readOnly);
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        const int newer = Profile::latestSchemaVersion() + 1;
        {
            RawConnection raw(path, kPassphrase);
            QVERIFY2(raw.opened(), qPrintable(raw.error()));
            const QString failure = run(raw.db(), QStringLiteral("PRAGMA user_version = %1").arg(newer));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!Profile::open(path, kPassphrase,
                               readOnly ? Profile::Access::ReadOnly : Profile::Access::ReadWrite, &error));
        QCOMPARE(error,
                 QStringLiteral("This profile was made by a newer version of CallSnare (schema %1); "
                                "this version understands up to %2.")
                     .arg(newer)
                     .arg(Profile::latestSchemaVersion()));
        QCOMPARE(fileHash(path), before);

        RawConnection check(path, kPassphrase);
        QVERIFY2(check.opened(), qPrintable(check.error()));
        QCOMPARE(scalar(check.db(), QStringLiteral("PRAGMA user_version")).toInt(), newer);
    }

    void aFailingMigrationRollsBackCompletely()
    {
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        QString error;
        auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
        QVERIFY2(profile, qPrintable(error));
        QSqlDatabase db = profile->database();

        QVector<Migration> steps = Migrations::builtIn();
        steps.append({static_cast<int>(steps.size()) + 1, QStringLiteral("broken"),
                      QStringLiteral("CREATE TABLE technicians (id TEXT PRIMARY KEY);\n"
                                     "INSERT INTO technicians (id) VALUES ('t1');\n"
                                     "UPDATE organizations SET name = 'changed';\n"
                                     "INSERT INTO no_such_table VALUES (1);\n")});
        const Migrations broken(steps);
        QVERIFY(!broken.migrate(db, &error));
        QVERIFY2(error.contains(QLatin1String("broken")) && error.contains(QLatin1String("no_such_table")),
                 qPrintable(error));

        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), Profile::latestSchemaVersion());
        QVERIFY(!db.tables().contains(QStringLiteral("technicians")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT name FROM organizations")).toString(),
                 QStringLiteral("Polar Air"));
        // No transaction was left open behind the failure.
        const QString failure = addOrg(db, QStringLiteral("org-b"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void aLaterStepAppliesAndOlderBinariesRefuseTheResult()
    {
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        QString error;
        {
            auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
            QVERIFY2(profile, qPrintable(error));
            QVector<Migration> steps = Migrations::builtIn();
            const int next = static_cast<int>(steps.size()) + 1;
            steps.append({next, QStringLiteral("technicians"),
                          QStringLiteral("CREATE TABLE technicians (id TEXT PRIMARY KEY);\n"
                                         "CREATE INDEX technicians_by_id ON technicians (id);\n")});
            const Migrations upgraded(steps);
            QVERIFY2(upgraded.migrate(profile->database(), &error), qPrintable(error));
            QCOMPARE(scalar(profile->database(), QStringLiteral("PRAGMA user_version")).toInt(), next);
            QVERIFY(profile->database().tables().contains(QStringLiteral("technicians")));
            // Running it again does nothing.
            QVERIFY2(upgraded.migrate(profile->database(), &error), qPrintable(error));
        }
        QVERIFY(!Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QLatin1String("newer version")), qPrintable(error));
    }

    void stepsMustBeNumberedInOrder()
    {
        const QString path = makeProfile();
        QString error;
        auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
        QVERIFY2(profile, qPrintable(error));
        QVector<Migration> steps = Migrations::builtIn();
        steps.append({static_cast<int>(steps.size()) + 2, QStringLiteral("gap"),
                      QStringLiteral("CREATE TABLE gap (x);")});
        QVERIFY(!Migrations(steps).migrate(profile->database(), &error));
        QVERIFY(!profile->database().tables().contains(QStringLiteral("gap")));
    }

    void anEmptyKeyedFileIsMigratedOnFirstOpen()
    {
        // Same passphrase, nothing committed yet: an older (version 0) profile.
        const QString path = freshPath();
        {
            RawConnection raw(path, kPassphrase);
            QVERIFY2(raw.opened(), qPrintable(raw.error()));
            QString failure = run(raw.db(), QStringLiteral("CREATE TABLE scratch (x)"));
            failure += run(raw.db(), QStringLiteral("DROP TABLE scratch"));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!Profile::open(path, kPassphrase, Profile::Access::ReadOnly, &error));
        QVERIFY2(error.contains(QLatin1String("must be upgraded")), qPrintable(error));
        QCOMPARE(fileHash(path), before);

        auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->schemaVersion(), Profile::latestSchemaVersion());
        QVERIFY(profile->database().tables().contains(QStringLiteral("messages")));
    }

    void aForeignDatabaseIsNotAProfile()
    {
        const QString path = freshPath();
        {
            RawConnection raw(path, kPassphrase);
            QVERIFY2(raw.opened(), qPrintable(raw.error()));
            const QString failure = run(raw.db(), QStringLiteral("CREATE TABLE recipes (name TEXT)"));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        const QByteArray before = fileHash(path);
        QString error;
        QVERIFY(!Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error));
        QVERIFY2(error.contains(QLatin1String("not a CallSnare profile")), qPrintable(error));
        QCOMPARE(fileHash(path), before);
    }

    void readOnlyAccess()
    {
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        const QByteArray before = fileHash(path);
        QString error;
        {
            auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadOnly, &error);
            QVERIFY2(profile, qPrintable(error));
            const QSqlDatabase db = profile->database();
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 1);
            const QString failure = addOrg(db, QStringLiteral("org-b"));
            QVERIFY(!failure.isEmpty());
            QVERIFY(!profile->changePassphrase(kNewPassphrase, &error));
            QVERIFY2(error.contains(QLatin1String("read-only")), qPrintable(error));
        }
        QCOMPARE(fileHash(path), before);
        auto check = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
        QVERIFY2(check, qPrintable(error));
        QCOMPARE(scalar(check->database(), QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 1);
    }

    void readOnlyAccessToAWriteProtectedFile()
    {
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
        QString error;
        auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadOnly, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(scalar(profile->database(), QStringLiteral("SELECT count(*) FROM organizations")).toInt(),
                 1);
        profile.reset();
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }

    void twoProfilesAtOnce()
    {
        const QString pathA = freshPath();
        const QString pathB = freshPath();
        QString error;
        auto a = Profile::create(pathA, kPassphrase, &error);
        QVERIFY2(a, qPrintable(error));
        auto b = Profile::create(pathB, kNewPassphrase, &error);
        QVERIFY2(b, qPrintable(error));
        const QString nameA = a->database().connectionName();
        const QString nameB = b->database().connectionName();
        QVERIFY(nameA != nameB);
        QVERIFY(QSqlDatabase::connectionNames().contains(nameA));

        QString failure = addOrg(a->database(), QStringLiteral("org-a"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(scalar(b->database(), QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 0);

        // A second Profile on the same file is a connection of its own too.
        auto again = Profile::open(pathA, kPassphrase, Profile::Access::ReadOnly, &error);
        QVERIFY2(again, qPrintable(error));
        QVERIFY(again->database().connectionName() != nameA);
        QCOMPARE(scalar(again->database(), QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 1);

        a.reset();
        QVERIFY(!QSqlDatabase::connectionNames().contains(nameA));
        failure = addOrg(b->database(), QStringLiteral("org-b"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(scalar(again->database(), QStringLiteral("SELECT count(*) FROM organizations")).toInt(), 1);
        b.reset();
        again.reset();
        QVERIFY(!QSqlDatabase::connectionNames().contains(nameB));
    }

    void changePassphrase()
    {
        const QString path = makeProfile();
        QVERIFY(!path.isEmpty());
        QString error;
        {
            auto profile = Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error);
            QVERIFY2(profile, qPrintable(error));
            QVERIFY2(profile->changePassphrase(kNewPassphrase, &error), qPrintable(error));
            // Still usable under the new key.
            const QString failure = addOrg(profile->database(), QStringLiteral("org-b"));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        QVERIFY(!Profile::open(path, kPassphrase, Profile::Access::ReadWrite, &error));
        QCOMPARE(error, wrongPassphraseMessage());
        auto profile = Profile::open(path, kNewPassphrase, Profile::Access::ReadWrite, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(scalar(profile->database(), QStringLiteral("SELECT count(*) FROM organizations")).toInt(),
                 2);
    }

    void nothingReachesDiskInPlaintext()
    {
        const QString path = freshPath();
        QString error;
        auto profile = Profile::create(path, kPassphrase, &error);
        QVERIFY2(profile, qPrintable(error));
        {
            QSqlDatabase db = profile->database();
            QString failure = addOrg(db, QStringLiteral("org-a"));
            failure += run(
                db,
                QStringLiteral("INSERT INTO contacts (id, org_id, phone, name) VALUES ('c1', 'org-a', ?, "
                               "'Dana Whitfield')"),
                {kPhone});
            QVERIFY2(failure.isEmpty(), qPrintable(failure));

            // While a change is under way the journal holds the old pages
            // (the contact among them): encrypted too.
            QVERIFY(db.transaction());
            failure = run(
                db, QStringLiteral("UPDATE contacts SET name = 'someone else', phone = '+15125550100'"));
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            const QByteArray journal = fileBytes(path + QStringLiteral("-journal"));
            QVERIFY(!journal.isEmpty());
            QVERIFY(!journal.contains(kPhone.toUtf8()));
            QVERIFY(!journal.contains("Dana Whitfield"));
            QVERIFY(!journal.contains("CREATE TABLE"));
            QVERIFY(db.rollback());
            QCOMPARE(scalar(db, QStringLiteral("SELECT phone FROM contacts")).toString(), kPhone);
        }
        profile.reset();
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
        const QByteArray main = fileBytes(path);
        QVERIFY(!main.isEmpty());
        QVERIFY(!main.contains(kPhone.toUtf8()));
        QVERIFY(!main.contains("Dana Whitfield"));
        QVERIFY(!main.startsWith("SQLite format 3"));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
