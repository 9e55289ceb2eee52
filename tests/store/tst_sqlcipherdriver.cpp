#include "SqlCipherFixtures.h"

#include <QSqlResult>

class TestSqlCipherDriver : public SqlCipherTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { setUpSuite(); }

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

    void preparedStatementIsReusedOnEveryExec()
    {
        Connection connection(freshPath(), kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        QSqlQuery create(connection.db());
        EXEC_OK(create, "CREATE TABLE calls(id INTEGER PRIMARY KEY, sid TEXT)");
        // A bulk import prepares once and rebinds per row: the driver must run
        // the same sqlite3_stmt again, never prepare it anew.
        QSqlQuery insert(connection.db());
        QVERIFY2(insert.prepare(QStringLiteral("  insert INTO calls(sid) VALUES(?)")),
                 qPrintable(insert.lastError().text()));
        const QVariant statement = insert.result()->handle();
        QCOMPARE(statement.typeName(), "sqlite3_stmt*");
        const void* prepared = *static_cast<void* const*>(statement.constData());
        QVERIFY(prepared != nullptr);
        for (int row = 1; row <= 3; ++row) {
            insert.bindValue(0, QStringLiteral("CA%1").arg(row));
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
            QCOMPARE(*static_cast<void* const*>(insert.result()->handle().constData()), prepared);
            // The verb is read once at prepare(), whatever its case and indent.
            QCOMPARE(insert.lastInsertId(), QVariant(qlonglong{row}));
        }
        EXEC_OK(create, "SELECT group_concat(sid) FROM calls");
        QVERIFY(create.next());
        QCOMPARE(create.value(0).toString(), QStringLiteral("CA1,CA2,CA3"));
    }

    void finishedStatementsAreKeptAndReused()
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("unfinalized|still in use")));
        const QString path = freshPath();
        Connection connection(path, kPassphrase);
        QVERIFY2(connection.opened(), qPrintable(connection.errorText()));
        SqlCipherDriver* driver = connection.driver();
        QSqlDatabase db = connection.db();
        {
            QSqlQuery setup(db);
            EXEC_OK(setup, "CREATE TABLE calls(id INTEGER PRIMARY KEY, sid TEXT)");
            EXEC_OK(setup, "INSERT INTO calls(sid) VALUES('CA1'), ('CA2')");
        }
        const QString select = QStringLiteral("SELECT sid FROM calls WHERE id = ?");
        const auto handleOf = [](const QSqlQuery& query) {
            return *static_cast<void* const*>(query.result()->handle().constData());
        };
        const auto sidOf = [&](QSqlQuery& query, int id) {
            query.bindValue(0, id);
            return query.exec() && query.next() ? query.value(0).toString() : QStringLiteral("<none>");
        };
        const void* first = nullptr;
        {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            QVERIFY(query.prepare(select));
            first = handleOf(query);
            QCOMPARE(sidOf(query, 1), QStringLiteral("CA1")); // left mid-result on purpose
        }
        QVERIFY(driver->keptStatementCount() >= 1);
        {
            // The same text takes the kept statement, with nothing of its
            // last run: no binding, no pending row, no read lock.
            QSqlQuery again(db);
            QVERIFY(again.prepare(select));
            QCOMPARE(handleOf(again), first);
            QCOMPARE(sidOf(again, 2), QStringLiteral("CA2"));
            QCOMPARE(sidOf(again, 3), QStringLiteral("<none>"));
            // A second live query of the same text gets a statement of its own.
            QSqlQuery twin(db);
            QVERIFY(twin.prepare(select));
            QVERIFY(handleOf(twin) != first);
            QCOMPARE(sidOf(twin, 1), QStringLiteral("CA1"));
            QCOMPARE(sidOf(again, 1), QStringLiteral("CA1"));
        }
        {
            Connection writer(path, kPassphrase, QStringLiteral("QSQLCIPHER_BUSY_TIMEOUT=0"));
            QVERIFY2(writer.opened(), qPrintable(writer.errorText()));
            QSqlQuery write(writer.db());
            EXEC_OK(write, "INSERT INTO calls(sid) VALUES('CA3')");
        }
        {
            // A kept statement follows a schema change (SQLite recompiles it).
            QSqlQuery all(db);
            EXEC_OK(all, "SELECT * FROM calls ORDER BY id");
            QCOMPARE(all.record().count(), 2);
        }
        {
            QSqlQuery alter(db);
            EXEC_OK(alter, "ALTER TABLE calls ADD COLUMN carrier TEXT DEFAULT 'twilio'");
            QSqlQuery all(db);
            EXEC_OK(all, "SELECT * FROM calls ORDER BY id");
            QCOMPARE(all.record().count(), 3);
            QCOMPARE(all.record().fieldName(2), QStringLiteral("carrier"));
            QVERIFY(all.next());
            QCOMPARE(all.value(2).toString(), QStringLiteral("twilio"));
        }
        {
            // PRAGMAs (which may carry key material) are never kept.
            const int kept = driver->keptStatementCount();
            QSqlQuery pragma(db);
            EXEC_OK(pragma, "PRAGMA user_version");
            pragma.finish();
            pragma.clear();
            QCOMPARE(driver->keptStatementCount(), kept);
        }
        QVERIFY2(callsnare::store::changePassphrase(db, QStringLiteral("another passphrase"), nullptr),
                 "rekey failed");
        QCOMPARE(driver->keptStatementCount(), 0);
        {
            QSqlQuery query(db);
            QVERIFY(query.prepare(select));
            QCOMPARE(sidOf(query, 3), QStringLiteral("CA3"));
        }
        QVERIFY(driver->keptStatementCount() >= 1);
        db.close();
        QCOMPARE(driver->keptStatementCount(), 0);
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
};

QTEST_GUILESS_MAIN(TestSqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
