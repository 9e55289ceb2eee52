// The HTTP layer in process: route table, handler factory and the operations
// routes behind a real Poco HTTPServer on 127.0.0.1, with a database stand-in
// whose readiness the test controls.
#include "TestHttpClient.h"
#include "relay/server/JsonResponse.h"
#include "relay/server/Metrics.h"
#include "relay/server/OperationsRoutes.h"
#include "relay/server/RelayConfig.h"
#include "relay/server/RelayContext.h"
#include "relay/server/RequestBody.h"
#include "relay/server/RequestHandlerFactory.h"
#include "relay/server/RouteTable.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include <atomic>
#include <memory>
#include <stdexcept>

using namespace callsnare::relay;
using callsnare::test::HttpReply;
using callsnare::test::TestHttpClient;

namespace {

class EchoHandler : public Poco::Net::HTTPRequestHandler {
public:
    explicit EchoHandler(std::size_t limit) : m_limit(limit) { }
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override
    {
        std::string body;
        if (!readBody(request, m_limit, body)) {
            sendError(response, Poco::Net::HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                      "The request body is too large.");
            return;
        }
        Poco::JSON::Object answer;
        answer.set("length", body.size());
        sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, answer);
    }

private:
    std::size_t m_limit;
};

class ThrowingHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&) override
    {
        throw std::runtime_error("secret detail that must not reach the client");
    }
};

} // namespace

class TestOperationsRoutes : public QObject {
    Q_OBJECT

private:
    static constexpr std::size_t kLimit = 1024;

    RelayConfig m_config;
    Metrics m_metrics;
    std::atomic<bool> m_ready{false};
    RelayContext m_context{m_config, m_metrics, {}};
    RouteTable m_routes;
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
    quint16 m_port = 0;

    QUrl url(const QString& path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    static void verifyErrorShape(const HttpReply& reply, const QString& code)
    {
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json"));
        const QJsonObject error = reply.json().value("error").toObject();
        QCOMPARE(error.value("code").toString(), code);
        QVERIFY2(!error.value("message").toString().isEmpty(), reply.describe());
        QCOMPARE(reply.json().keys(), QStringList{"error"});
    }

private slots:
    void initTestCase()
    {
        m_context.databaseReady = [this](std::string* why) {
            if (!m_ready && why)
                *why = "The database is starting.";
            return m_ready.load();
        };
        registerOperationsRoutes(m_routes, m_context);
        m_routes.add("POST", "/echo", [] { return new EchoHandler(kLimit); });
        m_routes.add("GET", "/echo", [] { return new EchoHandler(kLimit); });
        m_routes.add("GET", "/throws", [] { return new ThrowingHandler; });

        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        m_port = socket.address().port();
        m_server = std::make_unique<Poco::Net::HTTPServer>(
            new RequestHandlerFactory(m_routes, m_metrics, kLimit), socket, new Poco::Net::HTTPServerParams);
        m_server->start();
    }

    void cleanupTestCase()
    {
        m_server->stopAll(true);
        m_server.reset();
    }

    void duplicateRouteIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(std::logic_error, m_routes.add("GET", "/healthz", [] { return nullptr; }));
    }

    void healthz()
    {
        TestHttpClient client;
        const HttpReply reply = client.get(url("/healthz"));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.json().value("status").toString(), QStringLiteral("ok"));
    }

    void readyzFollowsTheDatabase()
    {
        TestHttpClient client;
        m_ready = false;
        HttpReply reply = client.get(url("/readyz"));
        QVERIFY2(reply.status == 503, reply.describe());
        verifyErrorShape(reply, "not_ready");
        QCOMPARE(reply.json()["error"].toObject()["message"].toString(),
                 QStringLiteral("The database is starting."));

        m_ready = true;
        reply = client.get(url("/readyz"));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.json().value("status").toString(), QStringLiteral("ready"));
    }

    void queryStringIsNotPartOfTheRoute()
    {
        TestHttpClient client;
        const HttpReply reply = client.get(url("/healthz?verbose=1"));
        QVERIFY2(reply.status == 200, reply.describe());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QByteArray>("allow");

        QTest::newRow("unknown path") << QByteArray("GET") << "/nope" << 404 << "not_found" << QByteArray();
        QTest::newRow("wrong method")
            << QByteArray("DELETE") << "/healthz" << 405 << "method_not_allowed" << QByteArray("GET");
        QTest::newRow("two methods allowed")
            << QByteArray("PUT") << "/echo" << 405 << "method_not_allowed" << QByteArray("GET, POST");
        QTest::newRow("handler throws")
            << QByteArray("GET") << "/throws" << 500 << "internal_error" << QByteArray();
    }

    void refusals()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QByteArray, allow);

        TestHttpClient client;
        const HttpReply reply = client.send(method, url(path));
        QVERIFY2(reply.status == status, reply.describe());
        verifyErrorShape(reply, code);
        QCOMPARE(reply.header("Allow"), allow);
        QVERIFY2(!reply.body.contains("secret detail"), reply.describe());
    }

    void bodyLimit()
    {
        TestHttpClient client;
        HttpReply reply = client.post(url("/echo"), QByteArray(kLimit, 'a'));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.json().value("length").toInt(), int(kLimit));

        reply = client.post(url("/echo"), QByteArray(kLimit + 1, 'a'));
        QVERIFY2(reply.status == 413, reply.describe());
        verifyErrorShape(reply, "body_too_large");

        // The same connection still works after a refused body.
        reply = client.post(url("/echo"), QByteArray("x=1"));
        QVERIFY2(reply.status == 200, reply.describe());
    }

    void chunkedBodyOverTheLimit()
    {
        // No Content-Length: only the handler's readBody can notice the size.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray request = "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunk(600, 'b');
        for (int i = 0; i < 2; ++i)
            request += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        request += "0\r\n\r\n";
        socket.write(request);
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("}}"), 10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY2(answer.contains("\"body_too_large\""), answer.constData());
    }

    void metricsCountEveryAnswer()
    {
        TestHttpClient client;
        QVERIFY(client.get(url("/nope/again")).status == 404);
        const HttpReply reply = client.get(url("/metrics"));
        QVERIFY2(reply.status == 200, reply.describe());
        QCOMPARE(reply.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QVERIFY2(reply.body.contains(
                     R"(callsnare_http_requests_total{route="unmatched",method="GET",status="404"})"),
                 reply.body.constData());
        QVERIFY2(reply.body.contains(
                     R"(callsnare_http_requests_total{route="/throws",method="GET",status="500"} 1)"),
                 reply.body.constData());
        // Unknown paths never become label values.
        QVERIFY2(!reply.body.contains("/nope"), reply.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestOperationsRoutes)
#include "tst_operationsroutes.moc"
