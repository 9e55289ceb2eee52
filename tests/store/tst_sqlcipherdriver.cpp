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

namespace {

const QString kDriver = QString::fromLatin1(kSqlCipherDriverName);
const QString kPassphrase = QStringLiteral("correct horse battery staple");
const QString kOtherPassphrase = QStringLiteral("Tr0ub4dor&3 — ünïcode 🔑");
const QString kPhone = QStringLiteral("+15125550187");
const QString kBody = QStringLiteral("Our furnace stopped blowing warm air around 9pm");
const QString kSqlcipherTool = QStringLiteral("/usr/bin/sqlcipher");

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

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

QString exec(QSqlQuery& query, const QString& sql)
{
    return query.exec(sql) ? QString() : sql + QStringLiteral(": ") + query.lastError().text();
}

#define EXEC_OK(query, sql)                                                                                  \
    do {                                                                                                     \
        const QString failure = exec(query, QStringLiteral(sql));                                            \
        QVERIFY2(failure.isEmpty(), qPrintable(failure));                                                    \
    } while (false)

// A small profile with the known phone number and message among others.
bool makeProfile(const QString& path, const QString& passphrase, int extraMessages = 300)
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

ToolRun runSqlcipherTool(const QString& path, const QString& script)
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

} // namespace

class TestSqlCipherDriver : public QObject {
    Q_OBJECT

private:
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

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QStringLiteral("/sqlcipher-XXXXXX"));
        QVERIFY2(m_tmp->isValid(), qPrintable(m_tmp->errorString()));

        registerSqlCipherDriver();
        registerSqlCipherDriver(); // idempotent
        QVERIFY(QSqlDatabase::drivers().contains(kDriver));
    }

    void featuresAreDeclared()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        const QSqlDriver* driver = connection.db().driver();
        QVERIFY(driver->hasFeature(QSqlDriver::Transactions));
        QVERIFY(driver->hasFeature(QSqlDriver::PreparedQueries));
        QVERIFY(driver->hasFeature(QSqlDriver::PositionalPlaceholders));
        QVERIFY(driver->hasFeature(QSqlDriver::LastInsertId));
        QVERIFY(driver->hasFeature(QSqlDriver::BLOB));
        QVERIFY(driver->hasFeature(QSqlDriver::Unicode));
        QVERIFY(!driver->hasFeature(QSqlDriver::QuerySize));
        QVERIFY(connection.driver()->isEncrypted());
        QVERIFY(!connection.driver()->isReadOnly());
    }

    void typesRoundTrip_data()
    {
        QTest::addColumn<QString>("declared");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<int>("typeId");

        const int integer = QMetaType::LongLong;
        const int real = QMetaType::Double;
        const int text = QMetaType::QString;
        const int blob = QMetaType::QByteArray;
        QTest::newRow("null integer") << "INTEGER" << QVariant(QMetaType::fromType<qlonglong>()) << integer;
        QTest::newRow("null real") << "REAL" << QVariant(QMetaType::fromType<double>()) << real;
        QTest::newRow("null text") << "TEXT" << QVariant(QMetaType::fromType<QString>()) << text;
        QTest::newRow("null blob") << "BLOB" << QVariant(QMetaType::fromType<QByteArray>()) << blob;
        QTest::newRow("null QString into text") << "TEXT" << QVariant(QString()) << text;
        QTest::newRow("int64 min") << "INTEGER" << QVariant(std::numeric_limits<qlonglong>::min()) << integer;
        QTest::newRow("int64 max") << "INTEGER" << QVariant(std::numeric_limits<qlonglong>::max()) << integer;
        QTest::newRow("zero") << "INTEGER" << QVariant(qlonglong{0}) << integer;
        QTest::newRow("int from int") << "INTEGER" << QVariant(-42) << integer;
        QTest::newRow("bool true") << "INTEGER" << QVariant(true) << integer;
        QTest::newRow("double pi") << "REAL" << QVariant(3.141592653589793) << real;
        QTest::newRow("double smallest")
            << "REAL" << QVariant(std::numeric_limits<double>::denorm_min()) << real;
        QTest::newRow("double max") << "REAL" << QVariant(std::numeric_limits<double>::max()) << real;
        QTest::newRow("double negative") << "REAL" << QVariant(-273.15) << real;
        QTest::newRow("ascii text") << "TEXT" << QVariant(QStringLiteral("No heat upstairs")) << text;
        QTest::newRow("utf8 with emoji")
            << "TEXT" << QVariant(QString::fromUtf8("Furnace 🔥 dead, naïve café ❄️ 空调")) << text;
        QTest::newRow("empty text") << "TEXT" << QVariant(QStringLiteral("")) << text;
        QTest::newRow("blob with zero bytes")
            << "BLOB" << QVariant(QByteArray("\x00\x01\x00\xff\x00", 5)) << blob;
        QTest::newRow("empty blob") << "BLOB" << QVariant(QByteArray("")) << blob;
    }

    void typesRoundTrip()
    {
        QFETCH(QString, declared);
        QFETCH(QVariant, value);
        QFETCH(int, typeId);

        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        QVERIFY2(query.exec(QStringLiteral("CREATE TABLE t(v %1)").arg(declared)),
                 qPrintable(query.lastError().text()));
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO t(v) VALUES(?)")));
        query.addBindValue(value);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

        const bool expectNull
            = value.isNull() || (value.metaType().id() == QMetaType::QString && value.toString().isNull());
        for (const bool forwardOnly : {true, false}) {
            QSqlQuery select(connection.db());
            select.setForwardOnly(forwardOnly);
            EXEC_OK(select, "SELECT v FROM t");
            QCOMPARE(select.record().field(0).metaType().id(), typeId);
            QVERIFY(select.next());
            const QVariant back = select.value(0);
            QCOMPARE(back.metaType().id(), typeId);
            QCOMPARE(select.isNull(0), expectNull);
            QCOMPARE(back.isNull(), expectNull);
            if (!expectNull) {
                if (typeId == QMetaType::LongLong) {
                    QCOMPARE(back.toLongLong(), value.toLongLong());
                } else if (typeId == QMetaType::Double) {
                    QCOMPARE(back.toDouble(), value.toDouble());
                } else if (typeId == QMetaType::QString) {
                    QCOMPARE(back.toString(), value.toString());
                    QVERIFY(!back.toString().isNull());
                } else {
                    QCOMPARE(back.toByteArray(), value.toByteArray());
                    QVERIFY(!back.toByteArray().isNull());
                }
            }
            QVERIFY(!select.next());
        }
    }

    void positionalBinding()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query, "CREATE TABLE people(name TEXT, phone TEXT, visits INTEGER)");
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO people VALUES(?, ?, ?)")));
        query.addBindValue(QStringLiteral("Ana"));
        query.addBindValue(kPhone);
        query.addBindValue(3);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        // bindValue(pos) in any order means the same as addBindValue.
        query.bindValue(2, 7);
        query.bindValue(0, QStringLiteral("Ben"));
        query.bindValue(1, QStringLiteral("+15125550100"));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

        QVERIFY(
            query.prepare(QStringLiteral("SELECT name, visits FROM people WHERE phone = ? AND visits > ?")));
        query.addBindValue(kPhone);
        query.addBindValue(1);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("Ana"));
        QCOMPARE(query.value(1).toLongLong(), 3);
        QVERIFY(!query.next());
    }

    void namedBinding()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query, "CREATE TABLE notes(author TEXT, body TEXT, signed_by TEXT)");
        // A name used twice, bound out of order.
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO notes VALUES(:author, :body, :author)")));
        query.bindValue(QStringLiteral(":body"), QStringLiteral("Filter replaced"));
        query.bindValue(QStringLiteral(":author"), QStringLiteral("Luis"));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));

        // ':label' inside a string literal is text, not a placeholder.
        QVERIFY(query.prepare(
            QStringLiteral("SELECT ':label', author, signed_by FROM notes WHERE body = :body")));
        query.bindValue(QStringLiteral(":body"), QStringLiteral("Filter replaced"));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral(":label"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("Luis"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("Luis"));
    }

    void reexecutedStatementTakesNewBindings()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query, "CREATE TABLE readings(zone INTEGER, temp REAL)");
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO readings VALUES(:zone, :temp)")));
        for (int zone = 0; zone < 50; ++zone) {
            query.bindValue(QStringLiteral(":zone"), zone);
            query.bindValue(QStringLiteral(":temp"), 18.5 + zone);
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }

        QSqlQuery select(connection.db());
        QVERIFY(select.prepare(QStringLiteral("SELECT temp FROM readings WHERE zone = ?")));
        for (const int zone : {3, 49, 0, 3}) {
            select.addBindValue(zone);
            QVERIFY2(select.exec(), qPrintable(select.lastError().text()));
            QVERIFY(select.next());
            QCOMPARE(select.value(0).toDouble(), 18.5 + zone);
            QVERIFY(!select.next());
        }
        // Re-executing while rows are still pending starts over.
        select.addBindValue(7);
        QVERIFY(select.exec());
        select.addBindValue(8);
        QVERIFY(select.exec());
        QVERIFY(select.next());
        QCOMPARE(select.value(0).toDouble(), 26.5);
    }

    void transactions_data()
    {
        QTest::addColumn<bool>("commit");
        QTest::newRow("commit") << true;
        QTest::newRow("rollback") << false;
    }

    void transactions()
    {
        QFETCH(bool, commit);
        const QString path = freshPath();
        {
            Connection connection(path, kPassphrase);
            QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
            QSqlDatabase db = connection.db();
            QSqlQuery query(db);
            EXEC_OK(query, "CREATE TABLE bookings(slot TEXT)");
            EXEC_OK(query, "INSERT INTO bookings VALUES('kept')");
            QVERIFY2(db.transaction(), qPrintable(db.lastError().text()));
            QVERIFY(!db.transaction()); // no nesting
            QCOMPARE(db.lastError().type(), QSqlError::TransactionError);
            EXEC_OK(query, "INSERT INTO bookings VALUES('tuesday 8-10')");
            EXEC_OK(query, "DELETE FROM bookings WHERE slot = 'kept'");
            QVERIFY(commit ? db.commit() : db.rollback());
            QVERIFY(!db.commit()); // nothing open any more
        }
        // Judge by what a fresh connection reads from the file.
        Connection reopened(path, kPassphrase);
        QVERIFY2(reopened.opened(), qPrintable(reopened.errorText()));
        QSqlQuery query(reopened.db());
        EXEC_OK(query, "SELECT slot FROM bookings");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), commit ? QStringLiteral("tuesday 8-10") : QStringLiteral("kept"));
        QVERIFY(!query.next());
    }

    void lastInsertIdAndRowsAffected()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query, "CREATE TABLE leads(id INTEGER PRIMARY KEY, state TEXT)");
        EXEC_OK(query, "INSERT INTO leads(state) VALUES('missed')");
        QCOMPARE(query.lastInsertId(), QVariant(qlonglong{1}));
        QCOMPARE(query.numRowsAffected(), 1);
        EXEC_OK(query, "INSERT INTO leads(state) VALUES('missed')");
        QCOMPARE(query.lastInsertId(), QVariant(qlonglong{2}));
        EXEC_OK(query, "INSERT INTO leads(id, state) VALUES(100, 'texted')");
        QCOMPARE(query.lastInsertId().toLongLong(), 100);
        EXEC_OK(query, "INSERT OR REPLACE INTO leads(id, state) VALUES(100, 'replied')");
        QCOMPARE(query.lastInsertId().toLongLong(), 100);

        EXEC_OK(query, "UPDATE leads SET state = 'texted' WHERE state = 'missed'");
        QCOMPARE(query.numRowsAffected(), 2);
        QVERIFY(!query.lastInsertId().isValid());
        EXEC_OK(query, "DELETE FROM leads WHERE id = 12345");
        QCOMPARE(query.numRowsAffected(), 0);
        EXEC_OK(query, "SELECT * FROM leads");
        QCOMPARE(query.numRowsAffected(), -1);
        QVERIFY(!query.lastInsertId().isValid());
        QCOMPARE(query.size(), -1);
    }

    void forwardOnlyIteratesTenThousandRows()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlDatabase db = connection.db();
        QSqlQuery query(db);
        EXEC_OK(query, "CREATE TABLE calls(n INTEGER, sid TEXT)");
        QVERIFY(db.transaction());
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO calls VALUES(?, ?)")));
        const int rows = 10000;
        for (int n = 0; n < rows; ++n) {
            query.addBindValue(n);
            query.addBindValue(QStringLiteral("CA%1").arg(n, 32, 16, QLatin1Char('0')));
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
        QVERIFY(db.commit());

        QSqlQuery select(db);
        select.setForwardOnly(true);
        EXEC_OK(select, "SELECT n, sid FROM calls ORDER BY n");
        qint64 expected = 0;
        while (select.next()) {
            QCOMPARE(select.at(), static_cast<int>(expected));
            QCOMPARE(select.value(0).toLongLong(), expected);
            if (expected % 1000 == 0) {
                QCOMPARE(select.value(1).toString(),
                         QStringLiteral("CA%1").arg(expected, 32, 16, QLatin1Char('0')));
            }
            ++expected;
        }
        QCOMPARE(expected, qint64{rows});
        QVERIFY(!select.lastError().isValid());
        QTest::ignoreMessage(QtWarningMsg, "QSqlQuery::seek: cannot seek backwards in a forward only query");
        QVERIFY(!select.previous());

        // last() on a forward-only query still lands on the last row.
        EXEC_OK(select, "SELECT n FROM calls ORDER BY n");
        QVERIFY(select.next());
        QCOMPARE(select.value(0).toInt(), 0);
        QVERIFY(select.last());
        QCOMPARE(select.value(0).toInt(), rows - 1);
        QCOMPARE(select.at(), rows - 1);
        QVERIFY(!select.next());
    }

    void scrollableResultSeeks()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query, "CREATE TABLE n(v INTEGER)");
        EXEC_OK(query, "INSERT INTO n VALUES(0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
        QVERIFY(!query.isForwardOnly());
        EXEC_OK(query, "SELECT v FROM n ORDER BY v");
        QVERIFY(query.seek(5));
        QCOMPARE(query.value(0).toInt(), 5);
        QVERIFY(query.previous());
        QCOMPARE(query.value(0).toInt(), 4);
        QVERIFY(query.last());
        QCOMPARE(query.value(0).toInt(), 9);
        QCOMPARE(query.at(), 9);
        QVERIFY(query.first());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(query.seek(3, true));
        QCOMPARE(query.value(0).toInt(), 3);
        QVERIFY(!query.seek(10));
        QVERIFY(query.seek(9));
        QVERIFY(!query.next());
        QVERIFY(query.previous());
        QCOMPARE(query.value(0).toInt(), 9);

        EXEC_OK(query, "SELECT v FROM n WHERE v > 100");
        QVERIFY(!query.first());
        QVERIFY(!query.last());
        QVERIFY(!query.next());
    }

    void recordHasNamesAndTypes()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlDatabase db = connection.db();
        QSqlQuery query(db);
        EXEC_OK(query,
                "CREATE TABLE contacts(id INTEGER PRIMARY KEY, phone VARCHAR(20) NOT NULL, "
                "photo BLOB, score DOUBLE DEFAULT 0.5)");
        EXEC_OK(query, "INSERT INTO contacts(phone) VALUES('+15125550187')");

        QVERIFY(query.prepare(QStringLiteral("SELECT id AS contact_id, phone, photo, score, count(*) AS n, "
                                             "'x' || phone AS tagged FROM contacts")));
        // Names are known as soon as the statement is prepared.
        QCOMPARE(query.record().count(), 6);
        QCOMPARE(query.record().fieldName(0), QStringLiteral("contact_id"));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        const QSqlRecord record = query.record();
        const QStringList names{QStringLiteral("contact_id"), QStringLiteral("phone"),
                                QStringLiteral("photo"),      QStringLiteral("score"),
                                QStringLiteral("n"),          QStringLiteral("tagged")};
        for (int i = 0; i < names.size(); ++i) {
            QCOMPARE(record.fieldName(i), names.at(i));
        }
        QCOMPARE(record.field(0).metaType().id(), QMetaType::LongLong);
        QCOMPARE(record.field(1).metaType().id(), QMetaType::QString);
        QCOMPARE(record.field(2).metaType().id(), QMetaType::QByteArray);
        QCOMPARE(record.field(3).metaType().id(), QMetaType::Double);
        QCOMPARE(record.field(4).metaType().id(), QMetaType::LongLong); // from the value: no declared type
        QCOMPARE(record.field(5).metaType().id(), QMetaType::QString);
        QCOMPARE(record.field(1).tableName(), QStringLiteral("contacts"));
        QCOMPARE(record.indexOf(QStringLiteral("score")), 3);
        QVERIFY(query.next());
        QCOMPARE(query.value(QStringLiteral("phone")).toString(), kPhone);
        QCOMPARE(query.value(QStringLiteral("score")).toDouble(), 0.5);
        QVERIFY(query.isNull(QStringLiteral("photo")));

        // The driver's view of the table itself.
        const QSqlRecord table = db.record(QStringLiteral("contacts"));
        QCOMPARE(table.count(), 4);
        QCOMPARE(table.field(QStringLiteral("phone")).requiredStatus(), QSqlField::Required);
        QCOMPARE(table.field(QStringLiteral("photo")).requiredStatus(), QSqlField::Optional);
        QCOMPARE(table.field(QStringLiteral("id")).metaType().id(), QMetaType::LongLong);
        QVERIFY(table.field(QStringLiteral("id")).isAutoValue());
        const QSqlIndex key = db.primaryIndex(QStringLiteral("contacts"));
        QCOMPARE(key.count(), 1);
        QCOMPARE(key.fieldName(0), QStringLiteral("id"));
        QVERIFY(db.record(QStringLiteral("no_such_table")).isEmpty());
    }

    void syntaxErrorCarriesSqliteMessageAndCode()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        QVERIFY(!query.exec(QStringLiteral("SELEC 1")));
        const QSqlError error = query.lastError();
        QCOMPARE(error.type(), QSqlError::StatementError);
        QVERIFY2(error.databaseText().contains(QStringLiteral("syntax error")),
                 qPrintable(error.databaseText()));
        QCOMPARE(error.nativeErrorCode(), QStringLiteral("1")); // SQLITE_ERROR
        QVERIFY(!error.driverText().isEmpty());

        QVERIFY(!query.exec(QStringLiteral("SELECT * FROM nowhere")));
        QVERIFY2(query.lastError().databaseText().contains(QStringLiteral("no such table: nowhere")),
                 qPrintable(query.lastError().text()));
    }

    void constraintViolation_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("extendedCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unique") << "INSERT INTO contacts(phone) VALUES('+15125550187')" << 2067
                                << "UNIQUE constraint failed: contacts.phone";
        QTest::newRow("not null") << "INSERT INTO contacts(phone) VALUES(NULL)" << 1299
                                  << "NOT NULL constraint failed: contacts.phone";
        QTest::newRow("check") << "INSERT INTO contacts(phone, visits) VALUES('+1', -1)" << 275
                               << "CHECK constraint failed: contacts";
    }

    void constraintViolation()
    {
        QFETCH(QString, sql);
        QFETCH(int, extendedCode);
        QFETCH(QString, message);

        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query,
                "CREATE TABLE contacts(phone TEXT NOT NULL UNIQUE, visits INTEGER CHECK(visits >= 0))");
        EXEC_OK(query, "INSERT INTO contacts(phone) VALUES('+15125550187')");
        QVERIFY(!query.exec(sql));
        const QSqlError error = query.lastError();
        QCOMPARE(error.type(), QSqlError::StatementError);
        QCOMPARE(error.nativeErrorCode().toInt(), extendedCode);
        QCOMPARE(error.nativeErrorCode().toInt() & 0xff, 19); // SQLITE_CONSTRAINT
        QVERIFY2(error.databaseText().startsWith(message), qPrintable(error.databaseText()));
        EXEC_OK(query, "SELECT count(*) FROM contacts");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void misuseIsReportedNotGuessed()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        EXEC_OK(query, "CREATE TABLE t(a, b)");

        QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES(?, ?)")));
        query.addBindValue(1);
        QVERIFY(!query.exec());
        QVERIFY2(query.lastError().text().contains(QStringLiteral("2 placeholders but 1 values")),
                 qPrintable(query.lastError().text()));

        QVERIFY(!query.exec(QStringLiteral("INSERT INTO t VALUES(1, 2); DROP TABLE t")));
        QVERIFY2(query.lastError().text().contains(QStringLiteral("one SQL statement")),
                 qPrintable(query.lastError().text()));
        // A trailing comment or semicolon is not a second statement.
        EXEC_OK(query, "INSERT INTO t VALUES(1, 2); -- the first reading");
        EXEC_OK(query, "SELECT count(*) FROM t");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1); // the refused statement did not run

        QVERIFY(query.prepare(QStringLiteral("INSERT INTO t VALUES(?, ?)")));
        query.addBindValue(std::numeric_limits<qulonglong>::max());
        query.addBindValue(1);
        QVERIFY(!query.exec());
        QVERIFY2(query.lastError().text().contains(QStringLiteral("too large")),
                 qPrintable(query.lastError().text()));
    }

    void tablesAndIdentifiers()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlDatabase db = connection.db();
        const QSqlDriver* driver = db.driver();
        const QString weird = QStringLiteral("lead \"notes\" table");
        const QString escaped = driver->escapeIdentifier(weird, QSqlDriver::TableName);
        QCOMPARE(escaped, QStringLiteral("\"lead \"\"notes\"\" table\""));
        QCOMPARE(driver->escapeIdentifier(escaped, QSqlDriver::TableName), escaped);

        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral("CREATE TABLE %1(x)").arg(escaped)),
                 qPrintable(query.lastError().text()));
        EXEC_OK(query, "CREATE TABLE leads(id INTEGER PRIMARY KEY AUTOINCREMENT)");
        EXEC_OK(query, "CREATE VIEW open_leads AS SELECT id FROM leads");
        QCOMPARE(db.tables(QSql::Tables), (QStringList{weird, QStringLiteral("leads")}));
        QCOMPARE(db.tables(QSql::Views), QStringList{QStringLiteral("open_leads")});
        QVERIFY(db.tables(QSql::SystemTables).contains(QStringLiteral("sqlite_master")));
        QVERIFY(!db.tables(QSql::Tables).contains(QStringLiteral("sqlite_sequence")));

        QSqlField blob(QStringLiteral("b"), QMetaType::fromType<QByteArray>());
        blob.setValue(QByteArray("\x00\xff", 2));
        QCOMPARE(driver->formatValue(blob), QStringLiteral("X'00ff'"));
        QSqlField text(QStringLiteral("t"), QMetaType::fromType<QString>());
        text.setValue(QStringLiteral("O'Brien"));
        QCOMPARE(driver->formatValue(text), QStringLiteral("'O''Brien'"));
    }

    void cipherSettingsArePinned()
    {
        const QString path = freshPath();
        QVERIFY(makeProfile(path, kPassphrase));
        Connection connection(path, kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery query(connection.db());
        const auto pragma = [&query](const QString& name) {
            return query.exec(QStringLiteral("PRAGMA %1").arg(name)) && query.next() ? query.value(0)
                                                                                     : QVariant();
        };
        QCOMPARE(pragma(QStringLiteral("cipher_page_size")).toInt(), SqlCipherDriver::kCipherPageSize);
        QCOMPARE(pragma(QStringLiteral("kdf_iter")).toInt(), SqlCipherDriver::kKdfIterations);
        QCOMPARE(pragma(QStringLiteral("page_size")).toInt(), SqlCipherDriver::kCipherPageSize);
        QCOMPARE(pragma(QStringLiteral("cache_size")).toInt(), -SqlCipherDriver::kPageCacheKiB);
        QCOMPARE(QFileInfo(path).size() % SqlCipherDriver::kCipherPageSize, 0);
        QVERIFY(!fileBytes(path).startsWith("SQLite format 3"));
    }

    void emptyPassphraseWritesPlainSqlite()
    {
        const QString path = freshPath();
        QVERIFY(makeProfile(path, QString(), 10));
        QVERIFY(fileBytes(path).startsWith(QByteArray("SQLite format 3\0", 16)));
        Connection connection(path, QString());
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QVERIFY(!connection.driver()->isEncrypted());
    }

    void openFailuresLeaveTheFileUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("expected");

        const QString wrong
            = QStringLiteral("The passphrase is wrong, or the file is not a CallSnare profile.");
        const QString cut
            = QStringLiteral("The profile file is damaged or incomplete; restore it from a backup.");
        QTest::newRow("wrong passphrase") << "encrypted" << kOtherPassphrase << wrong;
        QTest::newRow("no passphrase for an encrypted file") << "encrypted" << QString() << wrong;
        QTest::newRow("not a database at all") << "junk" << kPassphrase << wrong;
        QTest::newRow("plain SQLite file with a passphrase")
            << "plain" << kPassphrase
            << "The file is an unencrypted SQLite database, not an encrypted CallSnare profile.";
        QTest::newRow("truncated inside a page") << "truncated-mid-page" << kPassphrase << cut;
        QTest::newRow("truncated at a page boundary") << "truncated-page-boundary" << kPassphrase << cut;
        QTest::newRow("truncated inside page one") << "truncated-page-one" << kPassphrase << wrong;
    }

    void openFailuresLeaveTheFileUntouched()
    {
        QFETCH(QString, kind);
        QFETCH(QString, passphrase);
        QFETCH(QString, expected);

        const QString path = freshPath();
        if (kind == QLatin1String("junk")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 2000; ++i) {
                file.write("Invoice 1042: furnace tune-up, 89.00 USD\n");
            }
        } else {
            QVERIFY(makeProfile(path, kind == QLatin1String("plain") ? QString() : kPassphrase));
        }
        const qint64 page = SqlCipherDriver::kCipherPageSize;
        const qint64 size = QFileInfo(path).size();
        if (kind == QLatin1String("truncated-mid-page")) {
            QVERIFY(QFile::resize(path, size - 1000));
        } else if (kind == QLatin1String("truncated-page-boundary")) {
            QVERIFY2(size >= 4 * page, "the profile needs a few pages for this case");
            QVERIFY(QFile::resize(path, (size / page / 2) * page));
        } else if (kind == QLatin1String("truncated-page-one")) {
            QVERIFY(QFile::resize(path, page / 2));
        }

        const QString dir = QFileInfo(path).absolutePath();
        const QByteArray hashBefore = fileHash(path);
        const QStringList filesBefore = filesIn(dir);

        Connection connection(path, passphrase);
        QVERIFY(!connection.opened());
        QCOMPARE(connection.error().driverText(), expected);
        QCOMPARE(connection.error().type(), QSqlError::ConnectionError);
        QVERIFY(!connection.db().isOpen());
        QVERIFY(connection.db().isOpenError());

        QCOMPARE(fileHash(path), hashBefore);
        QCOMPARE(filesIn(dir), filesBefore); // no journal, no WAL, nothing new
        if (kind == QLatin1String("encrypted")) {
            Connection rightKey(path, kPassphrase);
            QVERIFY2(rightKey.opened(), qPrintable(rightKey.errorText()));
        }
    }

    void missingFolderIsAClearError()
    {
        const QString dir = m_tmp->filePath(QStringLiteral("no-such-folder"));
        Connection connection(dir + QStringLiteral("/profile.callsnare"), kPassphrase);
        QVERIFY(!connection.opened());
        QVERIFY2(connection.error().driverText().startsWith(QStringLiteral("The folder ")),
                 qPrintable(connection.errorText()));
        QVERIFY(connection.error().driverText().endsWith(QStringLiteral(" does not exist.")));
        QVERIFY(!QFileInfo::exists(dir));

        Connection readOnlyMissing(freshPath(), kPassphrase, QStringLiteral("QSQLCIPHER_OPEN_READONLY"));
        QVERIFY(!readOnlyMissing.opened());
        QVERIFY2(readOnlyMissing.error().driverText().contains(QStringLiteral("does not exist")),
                 qPrintable(readOnlyMissing.errorText()));

        Connection badOption(freshPath(), kPassphrase, QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=soon"));
        QVERIFY(!badOption.opened());
        QVERIFY2(badOption.error().driverText().contains(QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT")),
                 qPrintable(badOption.errorText()));
    }

    void readOnlyProfile_data()
    {
        QTest::addColumn<bool>("byOption");
        QTest::newRow("connect option") << true;
        QTest::newRow("file permissions") << false;
    }

    void readOnlyProfile()
    {
        QFETCH(bool, byOption);
        const QString path = freshPath();
        QVERIFY(makeProfile(path, kPassphrase));
        if (!byOption) {
            QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        }
        const QString dir = QFileInfo(path).absolutePath();
        const QByteArray hashBefore = fileHash(path);
        const QStringList filesBefore = filesIn(dir);
        {
            Connection connection(path, kPassphrase,
                                  byOption ? QStringLiteral("QSQLCIPHER_OPEN_READONLY") : QString());
            QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
            QSqlQuery query(connection.db());
            EXEC_OK(query, "SELECT body FROM messages WHERE id = 1");
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), kBody);
            query.finish();

            if (!byOption && ::geteuid() == 0) {
                QSKIP("running as root: file permissions do not stop writes (the connect-option row covers "
                      "it)");
            }
            QVERIFY(connection.driver()->isReadOnly());
            QVERIFY(!query.exec(QStringLiteral("INSERT INTO messages(contact_id, body) VALUES(1, 'x')")));
            const QSqlError error = query.lastError();
            QCOMPARE(error.driverText(),
                     QStringLiteral("The profile is open read-only; the change was not saved."));
            QCOMPARE(error.nativeErrorCode().toInt() & 0xff, 8); // SQLITE_READONLY
            QString rekeyError;
            QSqlDatabase db = connection.db();
            QVERIFY(!changePassphrase(db, kOtherPassphrase, &rekeyError));
            QVERIFY(!rekeyError.isEmpty());
        }
        QCOMPARE(fileHash(path), hashBefore);
        QCOMPARE(filesIn(dir), filesBefore);
    }

    void changePassphraseRekeysTheFile()
    {
        const QString path = freshPath();
        QVERIFY(makeProfile(path, kPassphrase));
        const QByteArray before = fileHash(path);
        {
            Connection connection(path, kPassphrase);
            QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
            QSqlDatabase db = connection.db();
            QString error;
            QVERIFY2(changePassphrase(db, kOtherPassphrase, &error), qPrintable(error));
            QCOMPARE(db.password(), kOtherPassphrase);
            // The same connection keeps working, reads and writes.
            QSqlQuery query(db);
            EXEC_OK(query, "INSERT INTO messages(contact_id, body) VALUES(1, 'after rekey')");
            EXEC_OK(query, "SELECT count(*) FROM messages");
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), 302);
        }
        QVERIFY(fileHash(path) != before);
        QCOMPARE(QFileInfo(path).size() % SqlCipherDriver::kCipherPageSize, 0);

        const QByteArray hashAfter = fileHash(path);
        {
            Connection oldKey(path, kPassphrase);
            QVERIFY(!oldKey.opened());
            QCOMPARE(oldKey.error().driverText(),
                     QStringLiteral("The passphrase is wrong, or the file is not a CallSnare profile."));
        }
        QCOMPARE(fileHash(path), hashAfter);

        Connection newKey(path, kOtherPassphrase);
        QVERIFY2(newKey.opened(), qPrintable(newKey.errorText()));
        QSqlQuery query(newKey.db());
        EXEC_OK(query,
                "SELECT c.phone, m.body FROM messages m JOIN contacts c ON c.id = m.contact_id "
                "WHERE m.id = 1");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), kPhone);
        QCOMPARE(query.value(1).toString(), kBody);
        EXEC_OK(query, "PRAGMA integrity_check");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));

        // The command-line tool agrees, with the new passphrase and the pinned settings.
        const ToolRun run = runSqlcipherTool(
            path,
            QStringLiteral("PRAGMA key='%1';\nPRAGMA cipher_page_size=%2;\nPRAGMA kdf_iter=%3;\n"
                           "SELECT body FROM messages WHERE id = 1;\n")
                .arg(kOtherPassphrase)
                .arg(SqlCipherDriver::kCipherPageSize)
                .arg(SqlCipherDriver::kKdfIterations));
        QVERIFY2(run.out.contains(kBody), qPrintable(run.out + run.err));
    }

    void changePassphraseRefusesWhatItCannotDo()
    {
        const QString plainPath = freshPath();
        QVERIFY(makeProfile(plainPath, QString(), 5));
        {
            Connection plain(plainPath, QString());
            QVERIFY2(plain.opened(), qPrintable(plain.errorText()));
            QSqlDatabase db = plain.db();
            QString error;
            QVERIFY(!changePassphrase(db, kPassphrase, &error));
            QVERIFY2(error.contains(QStringLiteral("not encrypted")), qPrintable(error));
        }
        QVERIFY(fileBytes(plainPath).startsWith("SQLite format 3"));

        const QString path = freshPath();
        QVERIFY(makeProfile(path, kPassphrase, 5));
        Connection connection(path, kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlDatabase db = connection.db();
        QString error;
        QVERIFY(!changePassphrase(db, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("must not be empty")), qPrintable(error));
        QVERIFY(db.transaction());
        QVERIFY(!changePassphrase(db, kOtherPassphrase, &error));
        QVERIFY2(error.contains(QStringLiteral("transaction")), qPrintable(error));
        QVERIFY(db.rollback());
        QCOMPARE(db.password(), kPassphrase);

        QSqlDatabase invalid; // not ours: refused, nothing else touched
        QVERIFY(!changePassphrase(invalid, kOtherPassphrase, &error));
    }

    void sqlcipherToolReadsTheFileOnlyWithTheKey()
    {
        QVERIFY2(QFileInfo(kSqlcipherTool).isExecutable(), "install Debian's sqlcipher package");
        const QString path = freshPath();
        QVERIFY(makeProfile(path, kPassphrase));

        const QString keyed
            = QStringLiteral("PRAGMA key='%1';\nPRAGMA cipher_page_size=%2;\nPRAGMA kdf_iter=%3;\n")
                  .arg(kPassphrase)
                  .arg(SqlCipherDriver::kCipherPageSize)
                  .arg(SqlCipherDriver::kKdfIterations);
        const ToolRun withKey = runSqlcipherTool(
            path,
            keyed
                + QStringLiteral("SELECT c.phone || '|' || m.body FROM messages m JOIN contacts c "
                                 "ON c.id = m.contact_id WHERE m.id = 1;\nSELECT count(*) FROM messages;\n"));
        QVERIFY2(withKey.out.contains(kPhone + QLatin1Char('|') + kBody),
                 qPrintable(withKey.out + withKey.err));
        QVERIFY2(withKey.out.contains(QStringLiteral("301")), qPrintable(withKey.out));

        const ToolRun withoutKey = runSqlcipherTool(
            path, QStringLiteral("SELECT phone FROM contacts;\nSELECT body FROM messages;\n"));
        QVERIFY(!withoutKey.out.contains(kPhone));
        QVERIFY(!withoutKey.out.contains(kBody));
        QVERIFY2(withoutKey.err.contains(QStringLiteral("file is encrypted or is not a database")),
                 qPrintable(withoutKey.err));

        // The wrong settings do not read it either: they really are pinned.
        const ToolRun defaults = runSqlcipherTool(
            path, QStringLiteral("PRAGMA key='%1';\nSELECT body FROM messages;\n").arg(kPassphrase));
        QVERIFY(!defaults.out.contains(kBody));

        const QByteArray raw = fileBytes(path);
        QVERIFY(raw.size() > 16 * 1024);
        QVERIFY(!raw.contains(kPhone.toUtf8()));
        QVERIFY(!raw.contains(kBody.toUtf8()));
        QVERIFY(!raw.contains("furnace"));
        QVERIFY(!raw.contains("CREATE TABLE"));
    }

    void closeFinalizesLiveStatements()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("unfinalized|still in use")));
        const QString path = freshPath();
        QVERIFY(makeProfile(path, kPassphrase));
        Connection connection(path, kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlDatabase db = connection.db();
        {
            QSqlQuery reading(db);
            reading.setForwardOnly(true);
            EXEC_OK(reading, "SELECT body FROM messages");
            QVERIFY(reading.next()); // mid-iteration: the statement holds a read lock
            QSqlQuery prepared(db);
            QVERIFY(prepared.prepare(QStringLiteral("INSERT INTO messages(contact_id, body) VALUES(1, ?)")));

            db.close();
            QVERIFY(!db.isOpen());
            QVERIFY(!reading.next());
            prepared.addBindValue(QStringLiteral("late"));
            QVERIFY(!prepared.exec());
        }
        QVERIFY(db.open());
        QSqlQuery query(db);
        EXEC_OK(query, "SELECT count(*) FROM messages");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 301);
        QCOMPARE(filesIn(QFileInfo(path).absolutePath()), QStringList{QStringLiteral("profile.callsnare")});
    }

    void passphraseIsNeverLogged()
    {
        static QStringList captured;
        captured.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("callsnare.store.debug=true"));
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& message) { captured << message; });

        const QString path = freshPath();
        const bool made = makeProfile(path, kPassphrase, 5);
        {
            Connection wrong(path, kOtherPassphrase);
            Connection right(path, kPassphrase);
            QSqlDatabase db = right.db();
            QString error;
            changePassphrase(db, kOtherPassphrase, &error);
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        QVERIFY(made);
        QVERIFY(!captured.isEmpty()); // the store did log something
        for (const QString& line : std::as_const(captured)) {
            QVERIFY2(!line.contains(kPassphrase) && !line.contains(kOtherPassphrase), qPrintable(line));
        }
    }
};

QTEST_GUILESS_MAIN(TestSqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
