#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

namespace callsnare::test {

// One answered (or failed) HTTP exchange.
struct HttpReply {
    int status = 0; // 0 when no HTTP answer arrived
    QString networkError; // empty when the exchange completed
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const; // case-insensitive; empty when absent
    QJsonObject json() const; // empty when the body is not a JSON object
    // "status 404, body {...}" for QVERIFY2 messages.
    QByteArray describe() const;
};

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// A synchronous HTTP client for tests on QNetworkAccessManager: each call runs
// an event loop until the reply finishes or timeoutMs passes. Connections are
// kept alive between calls like a real client's.
class TestHttpClient {
public:
    explicit TestHttpClient(int timeoutMs = 15000) : m_timeoutMs(timeoutMs) { }

    // For self-signed test certificates.
    void setIgnoreSslErrors(bool ignore) { m_ignoreSslErrors = ignore; }

    HttpReply get(const QUrl& url, const HttpHeaders& headers = {});
    HttpReply post(const QUrl& url, const QByteArray& body,
                   const QByteArray& contentType = "application/x-www-form-urlencoded",
                   const HttpHeaders& headers = {});
    HttpReply send(const QByteArray& method, const QUrl& url, const QByteArray& body = {},
                   const HttpHeaders& headers = {});

private:
    QNetworkAccessManager m_manager;
    int m_timeoutMs;
    bool m_ignoreSslErrors = false;
};

} // namespace callsnare::test
