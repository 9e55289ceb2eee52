// `callsnare-relay admin ...` run as an operator runs it: the real binary via
// QProcess, against SQLite in a temp data dir and against a throwaway
// PostgreSQL cluster.

#include "PgCluster.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

namespace {

struct AdminRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestRelayAdmin : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void organizationLifecycle_data() { backends(); }
    void organizationLifecycle();
    void badInputExitsWithOneLine_data();
    void badInputExitsWithOneLine();
    void failuresExitOne_data() { backends(); }
    void failuresExitOne();
    void tokenIsSealedInTheDatabaseFile();

private:
    void backends();
    // The current row's storage flags; false (and a skip) when PostgreSQL is missing.
    bool useBackend(const QString& kind, QString* skipReason);
    AdminRun admin(const QStringList& arguments);
    QString createOrg(const QString& number, const QString& token = QStringLiteral("tok-secret-0123456789"));
    QString tokenFile(const QString& token);

    callsnare::test::PgCluster m_cluster;
    QString m_pgSkipReason;
    int m_databases = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_storage;
    QProcessEnvironment m_environment;
};

void TestRelayAdmin::initTestCase()
{
    if (callsnare::test::PgCluster::available(&m_pgSkipReason)) {
        QString error;
        QVERIFY2(m_cluster.start(&error), qPrintable(error));
    }
}

void TestRelayAdmin::cleanupTestCase()
{
    m_cluster.stop();
}

void TestRelayAdmin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_storage = {QStringLiteral("--data-dir"), m_dir->path()};
    m_environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : m_environment.keys()) {
        if (name.startsWith(QLatin1String("CALLSNARE_RELAY_"))) {
            m_environment.remove(name);
        }
    }
}

void TestRelayAdmin::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

bool TestRelayAdmin::useBackend(const QString& kind, QString* skipReason)
{
    if (kind == QLatin1String("sqlite")) {
        return true;
    }
    if (!m_cluster.isRunning()) {
        *skipReason = m_pgSkipReason;
        return false;
    }
    QString error;
    const QString uri = m_cluster.createDatabase(QStringLiteral("admin_test_%1").arg(++m_databases), &error);
    if (uri.isEmpty()) {
        *skipReason = error;
        return false;
    }
    // Replicas share the key through the environment, not a file.
    m_storage = {QStringLiteral("--database"), uri};
    m_environment.insert(QStringLiteral("CALLSNARE_RELAY_SECRETS_KEY"),
                         QStringLiteral("q5Wl1nC7mJ0s3f4d5g6h7j8k9l0z1x2c3v4b5n6m7Q0="));
    return true;
}

#define USE_BACKEND()                                                                                        \
    {                                                                                                        \
        QFETCH(QString, backend);                                                                            \
        QString skipReason;                                                                                  \
        if (!useBackend(backend, &skipReason))                                                               \
            QSKIP(qPrintable(skipReason));                                                                   \
    }

AdminRun TestRelayAdmin::admin(const QStringList& arguments)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.setWorkingDirectory(m_dir->path());
    process.start(QStringLiteral(CALLSNARE_RELAY_PATH),
                  QStringList{QStringLiteral("admin")} + m_storage + arguments);
    AdminRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QString TestRelayAdmin::tokenFile(const QString& token)
{
    const QString path
        = m_dir->filePath(QStringLiteral("token-%1.txt").arg(QUuid::createUuid().toString(QUuid::Id128)));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(token.toUtf8() + "\n");
    }
    return path;
}

QString TestRelayAdmin::createOrg(const QString& number, const QString& token)
{
    const AdminRun run
        = admin({QStringLiteral("org"), QStringLiteral("create"), QStringLiteral("--name"),
                 QStringLiteral("Cool Breeze HVAC"), QStringLiteral("--timezone"),
                 QStringLiteral("America/Chicago"), QStringLiteral("--number"), number,
                 QStringLiteral("--forward-to"), QStringLiteral("+1 (512) 555-0100"),
                 QStringLiteral("--account-sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef"),
                 QStringLiteral("--auth-token-file"), tokenFile(token), QStringLiteral("--json")});
    if (run.exitCode != 0) {
        qWarning("org create failed: %s", run.err.constData());
        return {};
    }
    return QJsonDocument::fromJson(run.out).object().value(QStringLiteral("id")).toString();
}

void TestRelayAdmin::organizationLifecycle()
{
    USE_BACKEND();
    const QString id = createOrg(QStringLiteral("512-555-0142"));
    QVERIFY2(!QUuid::fromString(id).isNull(), qPrintable(id));

    // A second org with a Messaging Service, in plain (non-JSON) output.
    const AdminRun second = admin(
        {QStringLiteral("org"), QStringLiteral("create"), QStringLiteral("--name"),
         QStringLiteral("Polar Air"), QStringLiteral("--timezone"), QStringLiteral("America/Denver"),
         QStringLiteral("--number"), QStringLiteral("+13035550123"), QStringLiteral("--forward-to"),
         QStringLiteral("+13035550100"), QStringLiteral("--account-sid"),
         QStringLiteral("AC0123456789abcdef0123456789abcdee"), QStringLiteral("--messaging-service-sid"),
         QStringLiteral("MG0123456789abcdef0123456789abcdef"), QStringLiteral("--auth-token-file"),
         tokenFile(QStringLiteral("other-token"))});
    QCOMPARE(second.exitCode, 0);
    const QString secondId = QString::fromUtf8(second.out.trimmed());
    QVERIFY2(!QUuid::fromString(secondId).isNull(), second.out.constData());

    QCOMPARE(admin({QStringLiteral("number"), QStringLiteral("add"), QStringLiteral("--org"), id,
                    QStringLiteral("--number"), QStringLiteral("+15125550150")})
                 .exitCode,
             0);
    QCOMPARE(admin({QStringLiteral("billing"), QStringLiteral("set"), QStringLiteral("--org"), id,
                    QStringLiteral("--state"), QStringLiteral("past_due")})
                 .exitCode,
             0);

    const AdminRun list = admin({QStringLiteral("org"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(!list.out.contains("tok-secret") && !list.out.contains("other-token"),
             "no secret is ever printed");
    const QJsonArray orgs = QJsonDocument::fromJson(list.out).array();
    QCOMPARE(orgs.size(), 2);
    QJsonObject first;
    for (const QJsonValue& value : orgs) {
        if (value.toObject().value(QStringLiteral("id")).toString() == id) {
            first = value.toObject();
        }
    }
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("Cool Breeze HVAC"));
    QCOMPARE(first.value(QStringLiteral("time_zone")).toString(), QStringLiteral("America/Chicago"));
    QCOMPARE(first.value(QStringLiteral("office_number")).toString(), QStringLiteral("+15125550100"));
    QCOMPARE(first.value(QStringLiteral("billing_state")).toString(), QStringLiteral("past_due"));
    QCOMPARE(first.value(QStringLiteral("numbers")).toArray(),
             (QJsonArray{QStringLiteral("+15125550142"), QStringLiteral("+15125550150")}));
    QVERIFY(first.value(QStringLiteral("messaging_service_sid")).isNull());

    const AdminRun plain = admin({QStringLiteral("org"), QStringLiteral("list")});
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.out.count('\n'), 2);

    const AdminRun leads
        = admin({QStringLiteral("leads"), QStringLiteral("--org"), id, QStringLiteral("--json")});
    QCOMPARE(leads.exitCode, 0);
    const QJsonObject view = QJsonDocument::fromJson(leads.out).object();
    QCOMPARE(view.value(QStringLiteral("org_id")).toString(), id);
    QVERIFY(view.value(QStringLiteral("leads")).isArray());
}

void TestRelayAdmin::badInputExitsWithOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString orgCreateText
        = QStringLiteral("org create --name N --timezone America/Chicago --number +15125550142 "
                         "--forward-to +15125550100 --account-sid AC0123456789abcdef0123456789abcdef");
    auto orgCreate = [&](const QString& from, const QString& to, const QString& tokenFile) {
        QString text = orgCreateText;
        text.append(QStringLiteral(" --auth-token-file ")).append(tokenFile);
        text.replace(from, to);
        return text.split(QLatin1Char(' '));
    };
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("org"), QStringLiteral("list"),
                                                   QStringLiteral("--color")};
    QTest::newRow("missing option") << QStringList{QStringLiteral("org"), QStringLiteral("create"),
                                                   QStringLiteral("--name"), QStringLiteral("N")};
    QTest::newRow("option without value")
        << QStringList{QStringLiteral("number"), QStringLiteral("add"), QStringLiteral("--org")};
    const QString token = QStringLiteral("TOKEN");
    QTest::newRow("bad number") << orgCreate(QStringLiteral("+15125550142"), QStringLiteral("12"), token);
    QTest::newRow("unknown time zone")
        << orgCreate(QStringLiteral("America/Chicago"), QStringLiteral("Mars/Olympus"), token);
    QTest::newRow("time zone path") << orgCreate(QStringLiteral("America/Chicago"),
                                                 QStringLiteral("../../etc/passwd"), token);
    QTest::newRow("unreadable token file") << orgCreate(token, token, QStringLiteral("/nonexistent/token"));
    QTest::newRow("bad billing state")
        << QStringList{QStringLiteral("billing"), QStringLiteral("set"),     QStringLiteral("--org"),
                       QStringLiteral("x"),       QStringLiteral("--state"), QStringLiteral("gold")};
    QTest::newRow("json where not offered")
        << QStringList{QStringLiteral("number"), QStringLiteral("add"),      QStringLiteral("--org"),
                       QStringLiteral("x"),      QStringLiteral("--number"), QStringLiteral("+15125550142"),
                       QStringLiteral("--json")};
}

void TestRelayAdmin::badInputExitsWithOneLine()
{
    QFETCH(QStringList, arguments);
    arguments.replaceInStrings(QStringLiteral("TOKEN"), tokenFile(QStringLiteral("t")));
    const AdminRun run = admin(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.startsWith("callsnare-relay admin: "), run.err.constData());
    QVERIFY2(!QFile::exists(m_dir->filePath(QStringLiteral("relay.db"))), "bad input touches no storage");
}

void TestRelayAdmin::failuresExitOne()
{
    USE_BACKEND();
    const QString id = createOrg(QStringLiteral("+15125550142"));
    QVERIFY(!id.isEmpty());
    const QString other = createOrg(QStringLiteral("+15125550143"));
    QVERIFY(!other.isEmpty());

    const AdminRun taken = admin({QStringLiteral("number"), QStringLiteral("add"), QStringLiteral("--org"),
                                  other, QStringLiteral("--number"), QStringLiteral("+15125550142")});
    QCOMPARE(taken.exitCode, 1);
    QCOMPARE(taken.err.count('\n'), 1);
    QVERIFY2(taken.err.contains("already belongs"), taken.err.constData());

    const AdminRun unknown
        = admin({QStringLiteral("billing"), QStringLiteral("set"), QStringLiteral("--org"),
                 QStringLiteral("no-such-org"), QStringLiteral("--state"), QStringLiteral("active")});
    QCOMPARE(unknown.exitCode, 1);
    QCOMPARE(unknown.err.count('\n'), 1);

    const AdminRun duplicate = admin(
        {QStringLiteral("org"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("Dup"),
         QStringLiteral("--timezone"), QStringLiteral("UTC"), QStringLiteral("--number"),
         QStringLiteral("+15125550143"), QStringLiteral("--forward-to"), QStringLiteral("+15125550100"),
         QStringLiteral("--account-sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef"),
         QStringLiteral("--auth-token-file"), tokenFile(QStringLiteral("t"))});
    QCOMPARE(duplicate.exitCode, 1);
    const AdminRun list = admin({QStringLiteral("org"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 2);
}

void TestRelayAdmin::tokenIsSealedInTheDatabaseFile()
{
    const QString token = QStringLiteral("f00dcafe5ecret70ken0000000000000");
    QVERIFY(!createOrg(QStringLiteral("+15125550142"), token).isEmpty());
    const QString keyPath = m_dir->filePath(QStringLiteral("relay-secrets.key"));
    QVERIFY2(QFile::exists(keyPath), "the key file is created on first use");
    QCOMPARE(QFile::permissions(keyPath) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

    QByteArray everything;
    for (const QString& name : {QStringLiteral("relay.db"), QStringLiteral("relay.db-wal")}) {
        QFile file(m_dir->filePath(name));
        if (file.open(QIODevice::ReadOnly)) {
            everything += file.readAll();
        }
    }
    QVERIFY(everything.contains("AC0123456789abcdef0123456789abcdef")); // the account SID is not secret
    QVERIFY2(!everything.contains(token.toUtf8()), "the database file must not contain the auth token");
}

QTEST_GUILESS_MAIN(TestRelayAdmin)
#include "tst_relayadmin.moc"
