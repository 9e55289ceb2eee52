#include "relay/server/RelayConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace callsnare::relay;

class TestRelayConfig : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir{
        QDir(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())).filePath("cfg-XXXXXX")};

    std::string writeFile(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text);
        return path.toStdString();
    }

private slots:
    void defaults()
    {
        const auto config = RelayConfig::resolve({});
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
        QCOMPARE(config->listenHost, std::string("127.0.0.1"));
        QCOMPARE(config->listenPort, std::uint16_t(8080));
        QCOMPARE(config->maxBodyBytes, std::size_t(64 * 1024));
        QVERIFY(!config->tlsEnabled());
        QCOMPARE(config->databaseUri(), std::string("sqlite:callsnare-relay-data/relay.db"));
        QCOMPARE(config->publicBaseUrl(), std::string("http://127.0.0.1:8080"));
    }

    void precedence_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("expected");

        QTest::newRow("default only") << ""
                                      << ""
                                      << "" << 16;
        QTest::newRow("file over default") << ""
                                           << ""
                                           << "3" << 3;
        QTest::newRow("env over file") << ""
                                       << "5"
                                       << "3" << 5;
        QTest::newRow("flag over env and file") << "7"
                                                << "5"
                                                << "3" << 7;
        QTest::newRow("flag over file") << "7"
                                        << ""
                                        << "3" << 7;
    }

    void precedence()
    {
        QFETCH(QString, flag);
        QFETCH(QString, env);
        QFETCH(QString, file);
        QFETCH(int, expected);

        ConfigSources sources;
        if (!flag.isEmpty())
            sources.flags["http.max-threads"] = flag.toStdString();
        if (!env.isEmpty())
            sources.environment["http.max-threads"] = env.toStdString();
        if (!file.isEmpty())
            sources.file["http.max-threads"] = file.toStdString();
        const auto config = RelayConfig::resolve(sources);
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
        QCOMPARE(config->maxThreads, expected);
    }

    void environmentNames()
    {
        QCOMPARE(RelayConfig::environmentName("listen"), std::string("CALLSNARE_RELAY_LISTEN"));
        QCOMPARE(RelayConfig::environmentName("data-dir"), std::string("CALLSNARE_RELAY_DATA_DIR"));
        QCOMPARE(RelayConfig::environmentName("http.max-body-bytes"),
                 std::string("CALLSNARE_RELAY_HTTP_MAX_BODY_BYTES"));

        const auto values
            = RelayConfig::fromEnvironment([](const std::string& name) -> std::optional<std::string> {
                  if (name == "CALLSNARE_RELAY_PUBLIC_URL")
                      return "https://relay.example.com/";
                  if (name == "CALLSNARE_RELAY_TLS_KEY")
                      return std::nullopt;
                  return std::nullopt;
              });
        QCOMPARE(values.size(), std::size_t(1));
        const auto config = RelayConfig::resolve({{}, values, {}});
        QVERIFY(config.ok());
        QCOMPARE(config->publicBaseUrl(), std::string("https://relay.example.com")); // trailing slash dropped
    }

    void everySettingHasFlagAndEnvironmentName()
    {
        for (const SettingSpec& spec : RelayConfig::settings()) {
            QVERIFY2(!spec.flag.empty(), spec.key.c_str());
            QVERIFY2(RelayConfig::environmentName(spec.key).starts_with("CALLSNARE_RELAY_"),
                     spec.key.c_str());
        }
    }

    void listenAddresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << "0.0.0.0:9000"
                              << "0.0.0.0" << 9000;
        QTest::newRow("any free port") << "127.0.0.1:0"
                                       << "127.0.0.1" << 0;
        QTest::newRow("ipv6") << "[::1]:8443"
                              << "::1" << 8443;
        QTest::newRow("name") << "localhost:80"
                              << "localhost" << 80;
    }

    void listenAddresses()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        ConfigSources sources;
        sources.flags["listen"] = text.toStdString();
        const auto config = RelayConfig::resolve(sources);
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
        QCOMPARE(QString::fromStdString(config->listenHost), host);
        QCOMPARE(int(config->listenPort), port);
    }

    void invalidValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("listen without port") << "listen"
                                             << "127.0.0.1"
                                             << "--listen";
        QTest::newRow("listen port too big") << "listen"
                                             << "127.0.0.1:70000"
                                             << "HOST:PORT";
        QTest::newRow("listen empty host") << "listen"
                                           << ":80"
                                           << "--listen";
        QTest::newRow("threads not a number") << "http.max-threads"
                                              << "many"
                                              << "--max-threads";
        QTest::newRow("threads zero") << "http.max-threads"
                                      << "0"
                                      << "1 to 1024";
        QTest::newRow("queue negative") << "http.max-queued"
                                        << "-1"
                                        << "--max-queued";
        QTest::newRow("body limit too big") << "http.max-body-bytes"
                                            << "999999999"
                                            << "--max-body-bytes";
        QTest::newRow("keep-alive not bool") << "http.keep-alive"
                                             << "perhaps"
                                             << "true or false";
        QTest::newRow("drain timeout text") << "http.drain-timeout-ms"
                                            << "10s"
                                            << "--drain-timeout-ms";
        QTest::newRow("database scheme") << "database"
                                         << "mysql://db/relay"
                                         << "postgresql://";
        QTest::newRow("public url scheme") << "public-url"
                                           << "ftp://relay"
                                           << "--public-url";
        QTest::newRow("log level") << "log.level"
                                   << "loud"
                                   << "--log-level";
        QTest::newRow("certificate missing") << "tls.certificate"
                                             << "/nonexistent/cert.pem"
                                             << "PEM";
    }

    void invalidValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        ConfigSources sources;
        sources.flags[key.toStdString()] = value.toStdString();
        const auto config = RelayConfig::resolve(sources);
        QVERIFY2(!config.ok(), qPrintable("accepted " + key + "=" + value));
        const QString message = QString::fromStdString(config.error().message);
        QCOMPARE(QString::fromStdString(config.error().code), QStringLiteral("invalid_config"));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
        QVERIFY2(message.contains(value), qPrintable(message));
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }

    void errorNamesTheSource()
    {
        ConfigSources sources;
        sources.environment["http.max-threads"] = "x";
        auto config = RelayConfig::resolve(sources);
        QVERIFY(!config.ok());
        QVERIFY2(config.error().message.find("CALLSNARE_RELAY_HTTP_MAX_THREADS") != std::string::npos,
                 config.error().message.c_str());

        sources = {};
        sources.file["http.max-threads"] = "x";
        config = RelayConfig::resolve(sources);
        QVERIFY(!config.ok());
        QVERIFY2(config.error().message.find("config file key http.max-threads") != std::string::npos,
                 config.error().message.c_str());
    }

    void tlsNeedsBothFiles()
    {
        const std::string cert = writeFile("cert.pem", "not really a certificate");
        ConfigSources sources;
        sources.flags["tls.certificate"] = cert;
        const auto onlyCert = RelayConfig::resolve(sources);
        QVERIFY(!onlyCert.ok());
        QVERIFY2(onlyCert.error().message.find("tls.key") != std::string::npos,
                 onlyCert.error().message.c_str());

        sources.flags["tls.key"] = writeFile("key.pem", "not really a key");
        const auto both = RelayConfig::resolve(sources);
        QVERIFY2(both.ok(), both.ok() ? "" : both.error().message.c_str());
        QVERIFY(both->tlsEnabled());
        QCOMPARE(both->publicBaseUrl(), std::string("https://127.0.0.1:8080"));
    }

    void propertiesFile()
    {
        const std::string path = writeFile("relay.properties",
                                           "# comment\n"
                                           "listen = 0.0.0.0:9090\n"
                                           "data-dir = /var/lib/callsnare-relay\n"
                                           "http.max-threads = 32\n"
                                           "http.keep-alive = false\n"
                                           "log.level = debug\n");
        const auto values = RelayConfig::readFile(path);
        QVERIFY2(values.ok(), values.ok() ? "" : values.error().message.c_str());
        const auto config = RelayConfig::resolve({{}, {}, *values});
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
        QCOMPARE(config->listenPort, std::uint16_t(9090));
        QCOMPARE(config->dataDir, std::string("/var/lib/callsnare-relay"));
        QCOMPARE(config->maxThreads, 32);
        QCOMPARE(config->keepAlive, false);
        QCOMPARE(config->logLevel, std::string("debug"));
        QCOMPARE(config->databaseUri(), std::string("sqlite:/var/lib/callsnare-relay/relay.db"));
    }

    void iniFile()
    {
        const std::string path = writeFile("relay.ini",
                                           "listen = 127.0.0.1:0\n"
                                           "[http]\n"
                                           "max-queued = 12\n"
                                           "max-body-bytes = 1024\n");
        const auto values = RelayConfig::readFile(path);
        QVERIFY2(values.ok(), values.ok() ? "" : values.error().message.c_str());
        const auto config = RelayConfig::resolve({{}, {}, *values});
        QVERIFY(config.ok());
        QCOMPARE(config->maxQueued, 12);
        QCOMPARE(config->maxBodyBytes, std::size_t(1024));
        QCOMPARE(config->listenPort, std::uint16_t(0));
    }

    void fileErrors()
    {
        const auto unknown = RelayConfig::readFile(writeFile("typo.properties", "http.max-thread = 4\n"));
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().message.find("unknown setting 'http.max-thread'") != std::string::npos,
                 unknown.error().message.c_str());

        const auto nested
            = RelayConfig::readFile(writeFile("config.properties", "config = other.properties\n"));
        QVERIFY2(!nested.ok(), "a config file cannot name another config file");

        const auto missing = RelayConfig::readFile(m_dir.filePath("absent.properties").toStdString());
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.find("cannot read config file") != std::string::npos,
                 missing.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRelayConfig)
#include "tst_relayconfig.moc"
