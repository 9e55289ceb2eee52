// callsnare-relay as an operator runs it: the real binary on 127.0.0.1:0,
// driven over HTTP(S), configured through flags, environment and files, and
// stopped with SIGTERM.
#include "RelayProcess.h"
#include "TestHttpClient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using callsnare::test::HttpReply;
using callsnare::test::RelayProcess;
using callsnare::test::TestHttpClient;

class TestRelayServer : public QObject {
    Q_OBJECT

private:
    static bool writeFile(const QString& path, const QByteArray& text)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
    }

    // The value of one Prometheus sample line, or -1 when absent.
    static double sample(const QByteArray& text, const QByteArray& series)
    {
        for (const QByteArray& line : text.split('\n')) {
            if (line.startsWith(series + ' '))
                return line.mid(series.size() + 1).toDouble();
        }
        return -1;
    }

    static void verifyErrorShape(const HttpReply& reply, const QString& code)
    {
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply.json().keys(), QStringList{"error"});
        const QJsonObject error = reply.json().value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(!error.value("message").toString().isEmpty(), reply.describe());
    }

    // Every stderr line of the relay is one JSON object with the agreed keys.
    static void verifyJsonLog(const QByteArray& stderrText)
    {
        const QList<QByteArray> lines = stderrText.trimmed().split('\n');
        QVERIFY2(!lines.isEmpty(), "no log lines");
        for (const QByteArray& line : lines) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            QVERIFY2(!object.isEmpty(), line.constData());
            for (const char* key : {"time", "level", "logger", "message"})
                QVERIFY2(object.contains(QLatin1String(key)), line.constData());
        }
    }

private slots:
    void healthzAndReadyz()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        TestHttpClient client;

        HttpReply reply = client.get(relay.url("/healthz"));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.json(), QJsonObject({{"status", "ok"}}));

        // Ready exactly when the database answers; the embedded SQLite of a
        // fresh data dir does, migrated at startup.
        reply = client.get(relay.url("/readyz"));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.json().value("status").toString(), QStringLiteral("ready"));
        QVERIFY2(QFile::exists(relay.filePath(QStringLiteral("data/relay.db"))),
                 "no relay.db in the data dir");

        QVERIFY(relay.stop());
        QCOMPARE(relay.exitStatus(), QProcess::NormalExit);
        QCOMPARE(relay.exitCode(), 0);
        verifyJsonLog(relay.standardError());
    }

    void metricsCountRequestsAfterTheyWereMade()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        TestHttpClient client;
        const QByteArray series
            = R"(callsnare_http_requests_total{route="/healthz",method="GET",status="200"})";

        HttpReply before = client.get(relay.url("/metrics"));
        QVERIFY2(before.status == 200, before.describe());
        QCOMPARE(before.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QCOMPARE(sample(before.body, series), -1.0);

        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.get(relay.url("/healthz")).status, 200);

        const HttpReply after = client.get(relay.url("/metrics"));
        QCOMPARE(sample(after.body, series), 3.0);
        QVERIFY2(sample(after.body, R"(callsnare_http_request_duration_seconds_count{route="/healthz"})")
                     == 3.0,
                 after.body.constData());
        QVERIFY2(
            sample(after.body, R"(callsnare_http_requests_total{route="/metrics",method="GET",status="200"})")
                == 1.0,
            after.body.constData());
        QVERIFY2(sample(after.body, "callsnare_http_queue_depth") >= 0.0, after.body.constData());
        QVERIFY(after.body.contains("# TYPE callsnare_http_request_duration_seconds histogram"));
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("bodyBytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        QTest::newRow("unknown path") << QByteArray("GET") << "/v1/nothing-here" << 0 << 404 << "not_found";
        QTest::newRow("wrong method")
            << QByteArray("POST") << "/healthz" << 10 << 405 << "method_not_allowed";
        QTest::newRow("body over 64 KiB")
            << QByteArray("POST") << "/healthz" << 64 * 1024 + 1 << 413 << "body_too_large";
    }

    void refusedRequests()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, bodyBytes);
        QFETCH(int, status);
        QFETCH(QString, code);

        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        TestHttpClient client;
        const HttpReply reply = client.send(method, relay.url(path), QByteArray(bodyBytes, 'x'),
                                            {{"Content-Type", "application/x-www-form-urlencoded"}});
        QVERIFY2(reply.status == status, reply.describe());
        verifyErrorShape(reply, code);
        if (status == 405)
            QCOMPARE(reply.header("Allow"), QByteArray("GET"));
        // The relay keeps serving after a refusal.
        QCOMPARE(client.get(relay.url("/healthz")).status, 200);
    }

    void configuredBodyLimit()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        relay.setArguments({"--max-body-bytes", "100"});
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        TestHttpClient client;
        const HttpReply reply = client.post(relay.url("/healthz"), QByteArray(101, 'x'));
        QVERIFY2(reply.status == 413, reply.describe());
        QVERIFY2(reply.json()["error"].toObject()["message"].toString().contains("100"), reply.describe());
    }

    void badConfigurationExitsWithUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("envName");
        QTest::addColumn<QString>("envValue");
        QTest::addColumn<QByteArray>("configText");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("unknown flag") << QStringList{"--frobnicate", "1"} << ""
                                      << "" << QByteArray() << "frobnicate";
        QTest::newRow("flag without value") << QStringList{"--listen"} << ""
                                            << "" << QByteArray() << "listen";
        QTest::newRow("bad listen") << QStringList{"--listen", "localhost"} << ""
                                    << "" << QByteArray() << "--listen";
        QTest::newRow("bad thread count") << QStringList{"--max-threads", "0"} << ""
                                          << "" << QByteArray() << "--max-threads";
        QTest::newRow("bad database") << QStringList{"--database", "oracle://x"} << ""
                                      << "" << QByteArray() << "--database";
        QTest::newRow("stray argument") << QStringList{"serve"} << ""
                                        << "" << QByteArray() << "serve";
        QTest::newRow("bad env value") << QStringList{} << "CALLSNARE_RELAY_HTTP_MAX_QUEUED"
                                       << "lots" << QByteArray() << "CALLSNARE_RELAY_HTTP_MAX_QUEUED";
        QTest::newRow("unknown file key") << QStringList{} << ""
                                          << "" << QByteArray("lisen = 1.2.3.4:5\n") << "lisen";
        QTest::newRow("bad file value") << QStringList{} << ""
                                        << "" << QByteArray("http.keep-alive = maybe\n") << "http.keep-alive";
        QTest::newRow("missing config file") << QStringList{"--config", "/nonexistent/relay.properties"} << ""
                                             << "" << QByteArray() << "/nonexistent/relay.properties";
        QTest::newRow("certificate without key")
            << QStringList{"--tls-certificate", CALLSNARE_RELAY_PATH} << ""
            << "" << QByteArray() << "tls.key";
    }

    void badConfigurationExitsWithUsage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, envName);
        QFETCH(QString, envValue);
        QFETCH(QByteArray, configText);
        QFETCH(QString, mentions);

        RelayProcess relay(CALLSNARE_RELAY_PATH);
        if (!envName.isEmpty())
            relay.setEnvironmentVariable(envName, envValue);
        // The row's own flags go last, so a flag missing its value really is the last word.
        QStringList all{"--data-dir", relay.filePath("data")};
        if (!arguments.contains("--listen"))
            all << "--listen"
                << "127.0.0.1:0";
        if (!configText.isEmpty()) {
            const QString path = relay.filePath("relay.properties");
            QVERIFY(writeFile(path, configText));
            all << "--config" << path;
        }
        QVERIFY(relay.runToCompletion(all + arguments));
        const QByteArray stderrText = relay.standardError();
        QCOMPARE(relay.exitStatus(), QProcess::NormalExit);
        QVERIFY2(relay.exitCode() == 2, stderrText.constData());
        const QList<QByteArray> lines = stderrText.trimmed().split('\n');
        QVERIFY2(lines.size() == 1, stderrText.constData());
        QVERIFY2(lines.first().startsWith("callsnare-relay: "), stderrText.constData());
        QVERIFY2(QString::fromUtf8(lines.first()).contains(mentions), stderrText.constData());
        QVERIFY2(!QFile::exists(relay.filePath("port")), "a refused configuration must not start serving");
    }

    void portFileNeverReplacesSomethingElse()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        const QString directory = relay.filePath("not-a-file");
        QVERIFY(QDir().mkpath(directory));
        QVERIFY(relay.runToCompletion(
            {"--listen", "127.0.0.1:0", "--data-dir", relay.filePath("data"), "--port-file", directory}));
        QVERIFY2(relay.exitCode() == 71, relay.standardError().constData());
        QVERIFY2(relay.standardError().contains("not a regular file"), relay.standardError().constData());
        QVERIFY(QFileInfo(directory).isDir());
    }

    void unusableStorageExitsBeforeListening_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("logged");
        QTest::newRow("not a database file")
            << QStringLiteral("sqlite") << QStringLiteral("cannot open the database");
        // Poco would retry opening it for a minute; the relay refuses at once
        // (runToCompletion's 15 s limit would fail the old behaviour).
        QTest::newRow("database path is a directory")
            << QStringLiteral("directory") << QStringLiteral("relay.db: it is a directory");
        QTest::newRow("postgresql refuses")
            << QStringLiteral("postgresql") << QStringLiteral("cannot open the database");
        QTest::newRow("secrets key readable by others")
            << QStringLiteral("key") << QStringLiteral("cannot load the secrets key");
    }

    void unusableStorageExitsBeforeListening()
    {
        QFETCH(QString, setup);
        QFETCH(QString, logged);
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QStringList arguments{"--listen",    "127.0.0.1:0",         "--data-dir", relay.filePath("data"),
                              "--port-file", relay.filePath("port")};
        QVERIFY(QDir().mkpath(relay.filePath("data")));
        if (setup == QLatin1String("sqlite")) {
            QVERIFY(writeFile(relay.filePath("data/relay.db"), QByteArray(8192, 'x')));
        } else if (setup == QLatin1String("directory")) {
            QVERIFY(QDir().mkpath(relay.filePath("data/relay.db")));
        } else if (setup == QLatin1String("postgresql")) {
            // Nothing listens on port 1; the password must not reach the log.
            arguments << "--database"
                      << "postgresql://relay:s3cret-pw@127.0.0.1:1/relay";
        } else {
            const QString key = relay.filePath("data/relay-secrets.key");
            QVERIFY(writeFile(key, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"));
            QVERIFY(QFile::setPermissions(key,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        }
        QVERIFY(relay.runToCompletion(arguments));
        const QByteArray log = relay.standardError();
        QVERIFY2(relay.exitCode() == 71, log.constData());
        QVERIFY2(log.contains(logged.toUtf8()), log.constData());
        QVERIFY2(!log.contains("s3cret-pw"), log.constData());
        QVERIFY2(log.trimmed().split('\n').size() == 1, "one line says why");
        verifyJsonLog(log);
        QVERIFY2(!QFile::exists(relay.filePath("port")), "a relay without storage must not start serving");
    }

    void helpExitsZero()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QVERIFY(relay.runToCompletion({"--help"}));
        QCOMPARE(relay.exitCode(), 0);
        const QByteArray help = relay.standardOutput();
        for (const char* flag :
             {"--listen", "--data-dir", "--database", "--public-url", "--config", "--port-file"})
            QVERIFY2(help.contains(flag), help.constData());
    }

    void environmentOverridesConfigFile()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        const QString filePort = relay.filePath("port-from-file");
        const QString envPort = relay.filePath("port-from-env");
        // Port 1 from the file would bind (tests may run as root): only the
        // environment's port 0 makes the relay pick a free port.
        QVERIFY(writeFile(relay.filePath("relay.ini"),
                          "port-file = " + filePort.toUtf8()
                              + "\n"
                                "listen = 127.0.0.1:1\n"
                                "[log]\nlevel = debug\n"));
        relay.setEnvironmentVariable("CALLSNARE_RELAY_CONFIG", relay.filePath("relay.ini"));
        relay.setEnvironmentVariable("CALLSNARE_RELAY_PORT_FILE", envPort);
        relay.setEnvironmentVariable("CALLSNARE_RELAY_LISTEN", "127.0.0.1:0");
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        QVERIFY2(QFile::exists(envPort), "the environment's port file was not written");
        QVERIFY2(!QFile::exists(filePort), "the config file's port-file won over the environment");
        QVERIFY(relay.port() != 1);

        // The file still counts where nothing overrides it: its debug level logs each request.
        TestHttpClient client;
        QCOMPARE(client.get(relay.url("/healthz")).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(relay.standardError().contains(R"("message":"request")"), 10000);
    }

    void flagOverridesEnvironment()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        const QString envPort = relay.filePath("port-from-env");
        const QString flagPort = relay.filePath("port-from-flag");
        relay.setEnvironmentVariable("CALLSNARE_RELAY_PORT_FILE", envPort);
        relay.setEnvironmentVariable("CALLSNARE_RELAY_LOG_LEVEL", "debug");
        relay.setArguments({"--port-file", flagPort, "--log-level", "warning"});
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        QVERIFY2(QFile::exists(flagPort), "the flag's port file was not written");
        QVERIFY2(!QFile::exists(envPort), "the environment won over the flag");
        TestHttpClient client;
        QCOMPARE(client.get(relay.url("/healthz")).status, 200);
        QVERIFY(relay.stop());
        // At warning level neither the startup line nor request lines appear.
        QVERIFY2(!relay.standardError().contains(R"("message":"listening")"),
                 relay.standardError().constData());
        QVERIFY2(!relay.standardError().contains(R"("message":"request")"),
                 relay.standardError().constData());
    }

    void sigtermExitsPromptlyWithZero()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        TestHttpClient client; // keeps an idle keep-alive connection open across the stop
        QCOMPARE(client.get(relay.url("/healthz")).status, 200);
        relay.terminate();
        QVERIFY2(relay.waitForExit(5000), "SIGTERM did not stop the relay within 5 s");
        QCOMPARE(relay.exitStatus(), QProcess::NormalExit);
        QCOMPARE(relay.exitCode(), 0);
        const QByteArray log = relay.standardError();
        QVERIFY2(log.contains(R"("message":"draining")") && log.contains(R"("message":"stopped")"),
                 log.constData());
        verifyJsonLog(log);
    }

    void sigtermLetsARequestInFlightFinish()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        relay.setArguments({"--max-body-bytes", "10"});
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));

        // A request whose body is still arriving is in flight: the relay reads
        // (and discards) the oversized body before it answers 413.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, relay.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 40\r\n\r\n0123456789");
        QVERIFY(socket.waitForBytesWritten(5000));
        // In flight once its handler runs: the scrape itself is the other one.
        TestHttpClient scraper;
        const auto inFlight = [&] {
            return sample(scraper.get(relay.url("/metrics")).body, "callsnare_http_requests_in_flight");
        };
        QTRY_COMPARE_WITH_TIMEOUT(inFlight(), 2.0, 10000);

        relay.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(relay.standardError().contains(R"("message":"draining")"), 10000);
        QVERIFY2(relay.isRunning(), "the relay exited with a request in flight");
        QVERIFY(relay.standardError().contains(R"("in_flight":1)"));

        socket.write("012345678901234567890123456789");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("}}"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(relay.waitForExit(10000));
        QCOMPARE(relay.exitCode(), 0);
        QVERIFY2(!relay.standardError().contains("aborted"), relay.standardError().constData());
    }

    void https()
    {
        const QString openssl = QStandardPaths::findExecutable("openssl");
        if (openssl.isEmpty())
            QSKIP("the openssl command is not installed; cannot make a test certificate");
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt Network has no TLS backend here");

        RelayProcess relay(CALLSNARE_RELAY_PATH);
        const QString cert = relay.filePath("cert.pem");
        const QString key = relay.filePath("key.pem");
        QProcess makeCert;
        makeCert.start(openssl,
                       {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-keyout", key, "-out", cert});
        QVERIFY(makeCert.waitForFinished(60000));
        QVERIFY2(makeCert.exitCode() == 0, makeCert.readAllStandardError().constData());

        relay.setArguments({"--tls-certificate", cert, "--tls-key", key});
        relay.setHttps(true);
        QString error;
        QVERIFY2(relay.start(&error), qPrintable(error));
        QCOMPARE(relay.baseUrl().scheme(), QStringLiteral("https"));

        TestHttpClient client;
        client.setIgnoreSslErrors(true);
        HttpReply reply = client.get(relay.url("/healthz"));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.json().value("status").toString(), QStringLiteral("ok"));
        reply = client.get(relay.url("/nope"));
        QVERIFY2(reply.status == 404, reply.describe());

        // Plain HTTP on the TLS port gets no HTTP answer.
        TestHttpClient plain(5000);
        QUrl httpUrl = relay.url("/healthz");
        httpUrl.setScheme("http");
        QVERIFY(plain.get(httpUrl).status != 200);

        QVERIFY(relay.stop());
        QCOMPARE(relay.exitCode(), 0);
    }

    void unreadableCertificateExitsWithUsage()
    {
        RelayProcess relay(CALLSNARE_RELAY_PATH);
        QVERIFY(writeFile(relay.filePath("cert.pem"), "not a certificate\n"));
        QVERIFY(writeFile(relay.filePath("key.pem"), "not a key\n"));
        QVERIFY(relay.runToCompletion({"--listen", "127.0.0.1:0", "--data-dir", relay.filePath("data"),
                                       "--tls-certificate", relay.filePath("cert.pem"), "--tls-key",
                                       relay.filePath("key.pem")}));
        QVERIFY2(relay.exitCode() == 2, relay.standardError().constData());
        QVERIFY(relay.standardError().contains("TLS"));
    }
};

QTEST_GUILESS_MAIN(TestRelayServer)
#include "tst_relayserver.moc"
