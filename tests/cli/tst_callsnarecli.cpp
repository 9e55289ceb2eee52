#include "RelayWithCarrier.h"
#include "SyncFixture.h"

#include "store/ContactRepository.h"
#include "store/DemoLeads.h"
#include "store/Profile.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <limits>

using namespace callsnare;

namespace {

const QString kPassphrase = QStringLiteral("furnace-blue-42 ünïcode");
const QString kNewPassphrase = QStringLiteral("heat pump iced over 7");
constexpr quint64 kSeed = 11;
constexpr int kLeads = 200;

struct Run {
    int exitCode = -1;
    QString out;
    QString err;

    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestCallsnareCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void initCreatesAProfileOnce();
    void importDemoThenStatsCountsEveryRow();
    void importingInStepsStoresTheSameLeads();
    void searchFindsADemoPhrase();
    void rekeyReplacesThePassphrase();
    void wrongPassphraseIsOneLineAndChangesNothing();
    void failedImportLosesNothing();
    void usageErrors_data();
    void usageErrors();
    void passphraseFromFileWinsOverEnvironment();
    void passphraseFromEnvironment();
    void noPassphraseAndNoTerminalIsAClearError();
    void emptyPassphraseFileIsRefused();
    void syncFailuresAreOneLine();
    void syncEnrollsThenPullsOnce();

private:
    Run cli(const QStringList& arguments, const QString& environmentPassphrase = {}) const;
    // The same while this process keeps serving (a relay on loopback in this thread).
    Run cliServing(const QStringList& arguments) const;
    QString writeFile(const QString& name, const QByteArray& content) const;
    QString profilePath(const QString& name) const
    {
        return m_dir.filePath(name + QStringLiteral(".csnare"));
    }
    // The checks every run must pass: no secret printed, one line per failure.
    static void checkShape(const Run& run);

    QTemporaryDir m_dir{qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())
                        + QStringLiteral("/cli-XXXXXX")};
    QString m_passphraseFile;
    QString m_newPassphraseFile;
    QString m_wrongPassphraseFile;
};

Run TestCallsnareCli::cli(const QStringList& arguments, const QString& environmentPassphrase) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("CALLSNARE_PASSPHRASE"));
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    if (!environmentPassphrase.isEmpty()) {
        environment.insert(QStringLiteral("CALLSNARE_PASSPHRASE"), environmentPassphrase);
    }
    process.setProcessEnvironment(environment);
    // Standard input is a pipe, never a terminal: the tool must not prompt.
    process.start(QStringLiteral(CALLSNARE_CLI_PATH), arguments);
    process.closeWriteChannel();
    Run run;
    if (!process.waitForFinished(240000) || process.exitStatus() != QProcess::NormalExit) {
        run.err = QStringLiteral("callsnare-cli did not finish: ") + process.errorString();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

Run TestCallsnareCli::cliServing(const QStringList& arguments) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("CALLSNARE_PASSPHRASE"));
    environment.remove(QStringLiteral("QT_LOGGING_RULES"));
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    process.start(QStringLiteral(CALLSNARE_CLI_PATH), arguments);
    process.closeWriteChannel();
    loop.exec();
    Run run;
    if (process.state() != QProcess::NotRunning || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("callsnare-cli did not finish");
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString TestCallsnareCli::writeFile(const QString& name, const QByteArray& content) const
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return {};
    }
    return path;
}

void TestCallsnareCli::checkShape(const Run& run)
{
    for (const QString& secret : {kPassphrase, kNewPassphrase}) {
        QVERIFY2(!run.out.contains(secret) && !run.err.contains(secret), "a passphrase was printed");
    }
    if (run.exitCode != 0) {
        QCOMPARE(run.errLines().size(), qsizetype{1});
        QVERIFY2(run.err.startsWith(QStringLiteral("callsnare-cli: ")), qPrintable(run.err));
    } else {
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
    }
}

void TestCallsnareCli::initTestCase()
{
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    QVERIFY(QFile::exists(QStringLiteral(CALLSNARE_CLI_PATH)));
    // Files end with a newline, as editors write them; it is not part of the passphrase.
    m_passphraseFile = writeFile(QStringLiteral("passphrase.txt"), kPassphrase.toUtf8() + "\n");
    m_newPassphraseFile
        = writeFile(QStringLiteral("new-passphrase.txt"), kNewPassphrase.toUtf8() + "\r\nignored\n");
    m_wrongPassphraseFile = writeFile(QStringLiteral("wrong.txt"), "not the passphrase\n");
    QVERIFY(!m_passphraseFile.isEmpty() && !m_newPassphraseFile.isEmpty()
            && !m_wrongPassphraseFile.isEmpty());
}

void TestCallsnareCli::initCreatesAProfileOnce()
{
    const QString db = profilePath(QStringLiteral("init"));
    Run run = cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db,
                   QStringLiteral("--passphrase-file"), m_passphraseFile});
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("Created the profile")));
    QVERIFY(QFile::exists(db));

    // A second init never replaces the profile.
    const QByteArray before = fileHash(db);
    run = cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db,
               QStringLiteral("--passphrase-file"), m_passphraseFile});
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
    QCOMPARE(fileHash(db), before);
}

void TestCallsnareCli::importDemoThenStatsCountsEveryRow()
{
    const QString db = profilePath(QStringLiteral("demo"));
    const QStringList key{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), m_passphraseFile};
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("init")} + key).exitCode, 0);
    Run run = cli(QStringList{QStringLiteral("db"), QStringLiteral("import-demo"), QStringLiteral("--leads"),
                              QString::number(kLeads), QStringLiteral("--seed"), QString::number(kSeed)}
                  + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("Imported 200 demo leads")), qPrintable(run.out));

    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--json")} + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QJsonParseError parseError;
    const QJsonObject counts = QJsonDocument::fromJson(run.out.toUtf8(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));

    // The same seed, generated here, says what must be stored.
    store::DemoLeads demo(kSeed);
    store::DemoBatch batch;
    demo.generate(kLeads, &batch);
    const auto count
        = [&counts](const char* table) { return counts.value(QLatin1String(table)).toInteger(-1); };
    QCOMPARE(count("organizations"), qint64{1});
    QCOMPARE(count("contacts"), static_cast<qint64>(batch.contacts.size()));
    QCOMPARE(count("leads"), qint64{kLeads});
    QCOMPARE(count("call_events"), static_cast<qint64>(batch.calls.size()));
    QCOMPARE(count("messages"), static_cast<qint64>(batch.messages.size()));
    QCOMPARE(count("notes"), static_cast<qint64>(batch.notes.size()));
    QCOMPARE(count("bookings"), static_cast<qint64>(batch.bookings.size()));
    QCOMPARE(count("templates"), static_cast<qint64>(demo.organization().templates.size()));
    // Every message, note and contact is searchable.
    QCOMPARE(count("search_documents"),
             static_cast<qint64>(batch.messages.size() + batch.notes.size() + batch.contacts.size()));
    QVERIFY(counts.contains(QStringLiteral("outbox"))
            && !counts.contains(QStringLiteral("search_index_content")));

    // The text form lists the same tables.
    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats")} + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QRegularExpression(QStringLiteral("(?m)^leads +200$"))), qPrintable(run.out));
}

void TestCallsnareCli::importingInStepsStoresTheSameLeads()
{
    const QString db = profilePath(QStringLiteral("steps"));
    const QStringList key{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), m_passphraseFile};
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("init")} + key).exitCode, 0);
    for (int step = 0; step < 2; ++step) {
        const Run run
            = cli(QStringList{QStringLiteral("db"), QStringLiteral("import-demo"), QStringLiteral("--leads"),
                              QStringLiteral("60"), QStringLiteral("--seed"), QString::number(kSeed)}
                  + key);
        checkShape(run);
        QCOMPARE(run.exitCode, 0);
    }
    const Run run
        = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--json")} + key);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject counts = QJsonDocument::fromJson(run.out.toUtf8()).object();
    store::DemoBatch batch;
    store::DemoLeads(kSeed).generate(120, &batch);
    QCOMPARE(counts.value(QStringLiteral("leads")).toInteger(), qint64{120});
    QCOMPARE(counts.value(QStringLiteral("messages")).toInteger(),
             static_cast<qint64>(batch.messages.size()));
    QCOMPARE(counts.value(QStringLiteral("organizations")).toInteger(), qint64{1});
}

void TestCallsnareCli::searchFindsADemoPhrase()
{
    const QString db = profilePath(QStringLiteral("demo")); // imported above
    const QStringList key{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), m_passphraseFile};
    Run run = cli(QStringList{QStringLiteral("db"), QStringLiteral("search"), QStringLiteral("banging noise"),
                              QStringLiteral("--limit"), QStringLiteral("5"), QStringLiteral("--json")}
                  + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    const QJsonArray hits = QJsonDocument::fromJson(run.out.toUtf8()).array();
    QVERIFY2(!hits.isEmpty() && hits.size() <= 5, qPrintable(run.out));
    double previousRank = std::numeric_limits<double>::max();
    for (const auto& value : hits) {
        const QJsonObject hit = value.toObject();
        QCOMPARE(hit.value(QStringLiteral("kind")).toString(), QStringLiteral("message"));
        QVERIFY2(hit.value(QStringLiteral("snippet")).toString().contains(QStringLiteral("[banging]")),
                 qPrintable(hit.value(QStringLiteral("snippet")).toString()));
        QVERIFY(!hit.value(QStringLiteral("leadId")).toString().isEmpty());
        QVERIFY(hit.value(QStringLiteral("rank")).toDouble() <= previousRank);
        previousRank = hit.value(QStringLiteral("rank")).toDouble();
    }

    // A contact by name, in the text form; nothing for a word nobody wrote.
    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("search"), QStringLiteral("thermostat")}
              + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("[thermostat]"), Qt::CaseInsensitive), qPrintable(run.out));
    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("search"), QStringLiteral("xylophone")} + key);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(QStringLiteral("No matches")));
}

void TestCallsnareCli::rekeyReplacesThePassphrase()
{
    const QString db = profilePath(QStringLiteral("rekey"));
    const QStringList oldKey{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"),
                             m_passphraseFile};
    const QStringList newKey{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"),
                             m_newPassphraseFile};
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("init")} + oldKey).exitCode, 0);
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("import-demo"), QStringLiteral("--leads"),
                             QStringLiteral("20")}
                 + oldKey)
                 .exitCode,
             0);

    // Without a new passphrase and without a terminal, nothing changes.
    Run run = cli(QStringList{QStringLiteral("db"), QStringLiteral("rekey")} + oldKey);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("stats")} + oldKey).exitCode, 0);

    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("rekey"),
                          QStringLiteral("--new-passphrase-file"), m_newPassphraseFile}
              + oldKey);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);

    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats")} + oldKey);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("passphrase"), Qt::CaseInsensitive), qPrintable(run.err));
    run = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--json")} + newKey);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("leads")).toInteger(),
             qint64{20});
}

void TestCallsnareCli::wrongPassphraseIsOneLineAndChangesNothing()
{
    const QString db = profilePath(QStringLiteral("wrong"));
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db,
                  QStringLiteral("--passphrase-file"), m_passphraseFile})
                 .exitCode,
             0);
    const QByteArray before = fileHash(db);
    for (const QString& command :
         {QStringLiteral("stats"), QStringLiteral("import-demo"), QStringLiteral("rekey")}) {
        const Run run = cli({QStringLiteral("db"), command, QStringLiteral("--db"), db,
                             QStringLiteral("--passphrase-file"), m_wrongPassphraseFile});
        checkShape(run);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("passphrase"), Qt::CaseInsensitive), qPrintable(run.err));
        QVERIFY(!run.err.contains(QStringLiteral("not the passphrase")));
    }
    QCOMPARE(fileHash(db), before);
}

void TestCallsnareCli::failedImportLosesNothing()
{
    const QString db = profilePath(QStringLiteral("readonly"));
    const QStringList key{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), m_passphraseFile};
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("init")} + key).exitCode, 0);
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("import-demo"), QStringLiteral("--leads"),
                             QStringLiteral("30")}
                 + key)
                 .exitCode,
             0);

    // A homeowner already on file under a number the demo hands to its 45th
    // lead: the import fails there and rolls back, keeping the 30 leads
    // already stored and adding none of the 15 before the clash.
    {
        store::DemoLeads demo(1);
        store::DemoBatch batch;
        demo.generate(50, &batch);
        QString error;
        const auto profile = store::Profile::open(db, kPassphrase, store::Profile::Access::ReadWrite, &error);
        QVERIFY2(profile, qPrintable(error));
        domain::Contact intruder = batch.contacts.at(45);
        intruder.id = "someone-else";
        intruder.name = "Someone Else";
        QVERIFY2(store::ContactRepository(profile->database(), QString::fromStdString(intruder.orgId))
                     .save(intruder, &error),
                 qPrintable(error));
    }
    const Run withIntruder
        = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--json")} + key);
    Run run = cli(QStringList{QStringLiteral("db"), QStringLiteral("import-demo"), QStringLiteral("--leads"),
                              QStringLiteral("30")}
                  + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("unchanged")), qPrintable(run.err));
    const Run after
        = cli(QStringList{QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--json")} + key);
    QCOMPARE(after.exitCode, 0);
    QCOMPARE(after.out, withIntruder.out);
    QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8()).object().value(QStringLiteral("leads")).toInteger(),
             qint64{30});
}

void TestCallsnareCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const QString db = QStringLiteral("some.csnare");
    QTest::newRow("nothing") << QStringList{} << QStringLiteral("no command");
    QTest::newRow("unknown group") << QStringList{QStringLiteral("frobnicate")}
                                   << QStringLiteral("unknown command");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("db"), QStringLiteral("frobnicate"),
                                                    QStringLiteral("--db"), db}
                                     << QStringLiteral("unknown command");
    QTest::newRow("missing --db") << QStringList{QStringLiteral("db"), QStringLiteral("stats")}
                                  << QStringLiteral("--db");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("db"), QStringLiteral("stats"),
                                                   QStringLiteral("--db"), db, QStringLiteral("--colour")}
                                    << QStringLiteral("colour");
    QTest::newRow("option of another command")
        << QStringList{QStringLiteral("db"),      QStringLiteral("stats"), QStringLiteral("--db"), db,
                       QStringLiteral("--leads"), QStringLiteral("5")}
        << QStringLiteral("--leads");
    QTest::newRow("bad --leads") << QStringList{QStringLiteral("db"),      QStringLiteral("import-demo"),
                                                QStringLiteral("--db"),    db,
                                                QStringLiteral("--leads"), QStringLiteral("many")}
                                 << QStringLiteral("--leads");
    QTest::newRow("bad --seed") << QStringList{QStringLiteral("db"),     QStringLiteral("import-demo"),
                                               QStringLiteral("--db"),   db,
                                               QStringLiteral("--seed"), QStringLiteral("-1")}
                                << QStringLiteral("--seed");
    QTest::newRow("search without text")
        << QStringList{QStringLiteral("db"), QStringLiteral("search"), QStringLiteral("--db"), db}
        << QStringLiteral("text");
    const QString relay = QStringLiteral("http://127.0.0.1:9");
    QTest::newRow("sync without --db")
        << QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), relay} << QStringLiteral("--db");
    QTest::newRow("sync without --relay")
        << QStringList{QStringLiteral("sync"), QStringLiteral("--db"), db} << QStringLiteral("--relay URL");
    QTest::newRow("sync with a relay that is no URL")
        << QStringList{QStringLiteral("sync"), QStringLiteral("--db"), db, QStringLiteral("--relay"),
                       QStringLiteral("relay.example.com")}
        << QStringLiteral("http://");
    QTest::newRow("sync once and follow") << QStringList{QStringLiteral("sync"),
                                                         QStringLiteral("--db"),
                                                         db,
                                                         QStringLiteral("--relay"),
                                                         relay,
                                                         QStringLiteral("--once"),
                                                         QStringLiteral("--follow")}
                                          << QStringLiteral("exclude");
    QTest::newRow("sync with an empty code") << QStringList{QStringLiteral("sync"),
                                                            QStringLiteral("--db"),
                                                            db,
                                                            QStringLiteral("--relay"),
                                                            relay,
                                                            QStringLiteral("--enroll"),
                                                            QStringLiteral(" ")}
                                             << QStringLiteral("--enroll");
    QTest::newRow("device name without a code") << QStringList{QStringLiteral("sync"),
                                                               QStringLiteral("--db"),
                                                               db,
                                                               QStringLiteral("--relay"),
                                                               relay,
                                                               QStringLiteral("--device-name"),
                                                               QStringLiteral("Front desk")}
                                                << QStringLiteral("--device-name");
    QTest::newRow("lead without a command")
        << QStringList{QStringLiteral("lead"), QStringLiteral("--db"), db} << QStringLiteral("list or show");
    QTest::newRow("lead show without an id")
        << QStringList{QStringLiteral("lead"), QStringLiteral("show"), QStringLiteral("--db"), db}
        << QStringLiteral("one lead id");
    QTest::newRow("lead list without --db")
        << QStringList{QStringLiteral("lead"), QStringLiteral("list")} << QStringLiteral("--db PATH");
    QTest::newRow("db option on sync")
        << QStringList{QStringLiteral("sync"),  QStringLiteral("--db"), db, QStringLiteral("--relay"), relay,
                       QStringLiteral("--json")}
        << QStringLiteral("--json");
    QTest::newRow("sync option on db") << QStringList{QStringLiteral("db"),      QStringLiteral("stats"),
                                                      QStringLiteral("--db"),    db,
                                                      QStringLiteral("--relay"), relay}
                                       << QStringLiteral("--relay");
    QTest::newRow("extra argument") << QStringList{QStringLiteral("db"), QStringLiteral("stats"),
                                                   QStringLiteral("tables"), QStringLiteral("--db"), db}
                                    << QStringLiteral("tables");
}

void TestCallsnareCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run run = cli(arguments, kPassphrase);
    checkShape(run);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY(!QFile::exists(QStringLiteral("some.csnare")));
}

void TestCallsnareCli::passphraseFromFileWinsOverEnvironment()
{
    const QString db = profilePath(QStringLiteral("sources"));
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db,
                  QStringLiteral("--passphrase-file"), m_passphraseFile})
                 .exitCode,
             0);
    // The file is used even when the environment holds something else.
    Run run = cli({QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--db"), db,
                   QStringLiteral("--passphrase-file"), m_passphraseFile},
                  QStringLiteral("wrong one"));
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    run = cli({QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--db"), db,
               QStringLiteral("--passphrase-file"), m_wrongPassphraseFile},
              kPassphrase);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
}

void TestCallsnareCli::passphraseFromEnvironment()
{
    const QString db = profilePath(QStringLiteral("environment"));
    Run run = cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db}, kPassphrase);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    // The same passphrase from a file opens it: the environment's value was used as is.
    run = cli({QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--db"), db,
               QStringLiteral("--passphrase-file"), m_passphraseFile});
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    run = cli({QStringLiteral("db"), QStringLiteral("stats"), QStringLiteral("--db"), db}, kNewPassphrase);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
}

void TestCallsnareCli::noPassphraseAndNoTerminalIsAClearError()
{
    const QString db = profilePath(QStringLiteral("noterminal"));
    Run run = cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db});
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("not a terminal"))
                 && run.err.contains(QStringLiteral("--passphrase-file"))
                 && run.err.contains(QStringLiteral("CALLSNARE_PASSPHRASE")),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(db));
}

void TestCallsnareCli::emptyPassphraseFileIsRefused()
{
    const QString empty = writeFile(QStringLiteral("empty.txt"), "\n");
    const QString db = profilePath(QStringLiteral("empty"));
    Run run = cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db,
                   QStringLiteral("--passphrase-file"), empty});
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("empty")), qPrintable(run.err));
    run = cli({QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), db,
               QStringLiteral("--passphrase-file"), m_dir.filePath(QStringLiteral("missing.txt"))});
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!QFile::exists(db));
}

void TestCallsnareCli::syncFailuresAreOneLine()
{
    const QString db = profilePath(QStringLiteral("sync-failures"));
    const QStringList key{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), m_passphraseFile};
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("init")} + key).exitCode, 0);
    // A port nobody listens on.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QString unreachable = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();

    Run run = cli(
        QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), unreachable, QStringLiteral("--once")}
        + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("not enrolled")) && run.err.contains(QStringLiteral("--enroll")),
             qPrintable(run.err));

    run = cli(QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), unreachable,
                          QStringLiteral("--enroll"), QStringLiteral("7KQ2-M9XD-PA4T")}
              + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("cannot be reached")), qPrintable(run.err));

    run = cli(QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), unreachable,
                          QStringLiteral("--enroll"), QStringLiteral("no!")}
              + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("enrollment code")), qPrintable(run.err));
}

void TestCallsnareCli::syncEnrollsThenPullsOnce()
{
    const QString db = profilePath(QStringLiteral("sync"));
    const QStringList key{QStringLiteral("--db"), db, QStringLiteral("--passphrase-file"), m_passphraseFile};
    QCOMPARE(cli(QStringList{QStringLiteral("db"), QStringLiteral("init")} + key).exitCode, 0);

    // The real relay and carrier stand-in, with one missed call waiting.
    const QByteArray account = "AC00000000000000000000000000000c11";
    const QByteArray number = "+15125550171";
    callsnare::test::RelayWithCarrier relay(QStringLiteral(CALLSNARE_RELAY_PATH),
                                            QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    relay.addAccount(account, "cli-sync-token");
    QString error;
    QVERIFY2(relay.start({}, &error), qPrintable(error));
    const QString org = relay.createOrg("Polar Air HVAC", account, "cli-sync-token", number, &error);
    QVERIFY2(!org.isEmpty(), qPrintable(error));
    QCOMPARE(relay.standIn().call(account, "+15125550142", number).value("relay_status").toInt(), 200);
    const QByteArray printed = relay.admin({"device", "enroll-code", "--org", org}, &error);
    QVERIFY2(!printed.isNull(), qPrintable(error));
    const QString code = QString::fromLatin1(printed.trimmed().split('\n').last()).toLower();
    const QString url = relay.relay().baseUrl().toString();

    Run run = cliServing(QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), url,
                                     QStringLiteral("--enroll"), QStringLiteral("ZZZZ-ZZZZ-ZZZZ")}
                         + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("invalid_code")), qPrintable(run.err));

    run = cliServing(QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), url,
                                 QStringLiteral("--enroll"), code, QStringLiteral("--device-name"),
                                 QStringLiteral("Front desk"), QStringLiteral("--once")}
                     + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), qsizetype{2});
    QVERIFY2(lines[0].startsWith(QStringLiteral("Enrolled with Polar Air HVAC (%1)").arg(org)),
             qPrintable(lines[0]));
    const QRegularExpression summary(QStringLiteral("(\\d+) events applied, cursor (\\d+)"));
    const auto applied = summary.match(lines[1]);
    QVERIFY2(applied.hasMatch() && applied.captured(1).toInt() >= 4
                 && lines[1].contains(QStringLiteral("0 left")),
             qPrintable(lines[1]));
    const QString cursor = applied.captured(2);
    // The token ("<device id>.<secret>") is never printed.
    const QJsonArray devices
        = QJsonDocument::fromJson(relay.admin({"device", "list", "--org", org, "--json"}, &error))
              .object()
              .value("devices")
              .toArray();
    QCOMPARE(devices.size(), 1);
    QVERIFY2(!run.out.contains(devices.first().toObject().value("id").toString() + QLatin1Char('.')),
             "the device token was printed");

    // Later runs need no code; nothing new is nothing applied.
    run = cliServing(QStringList{QStringLiteral("sync"), QStringLiteral("--relay"), url + QLatin1Char('/')}
                     + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    // (The text-back's delivery may have added events since: the cursor only moves on.)
    const auto later = summary.match(run.out);
    QVERIFY2(later.hasMatch() && later.captured(2).toLongLong() >= cursor.toLongLong(), qPrintable(run.out));
    QVERIFY2(relay.stop(&error), qPrintable(error));

    // The synced lead as `lead list` and `lead show` print it.
    run = cli(QStringList{QStringLiteral("lead"), QStringLiteral("list")} + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QStringList listed = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(listed.size(), qsizetype{2});
    QVERIFY2(listed[0].startsWith(QStringLiteral("Polar Air HVAC (%1): 1 newest leads").arg(org)),
             qPrintable(run.out));
    QVERIFY2(listed[1].contains(QStringLiteral("+15125550142")), qPrintable(run.out));
    const QString leadId = listed[1].split(QLatin1Char(' '), Qt::SkipEmptyParts).first();
    run = cli(QStringList{QStringLiteral("lead"), QStringLiteral("show"), leadId} + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QStringLiteral("Lead %1 of Polar Air HVAC").arg(leadId)),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("contact   +15125550142")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("call      missed from +15125550142")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QStringLiteral("text      by the automation to the homeowner")),
             qPrintable(run.out));
    run = cli(QStringList{QStringLiteral("lead"), QStringLiteral("show"), QStringLiteral("no-such-lead")}
              + key);
    checkShape(run);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("no lead \"no-such-lead\"")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCallsnareCli)
#include "tst_callsnarecli.moc"
