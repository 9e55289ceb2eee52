#include "SqlCipherFixtures.h"

class TestSqlCipherFile : public SqlCipherTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { setUpSuite(); }

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

QTEST_GUILESS_MAIN(TestSqlCipherFile)
#include "tst_sqlcipherfile.moc"
