#include "TestHttpClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace callsnare::test {

QByteArray HttpReply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray HttpReply::describe() const
{
    QByteArray text = "status " + QByteArray::number(status);
    if (!networkError.isEmpty())
        text += ", network error " + networkError.toUtf8();
    return text + ", body " + body.left(2000);
}

HttpReply TestHttpClient::get(const QUrl& url, const HttpHeaders& headers)
{
    return send("GET", url, {}, headers);
}

HttpReply TestHttpClient::post(const QUrl& url, const QByteArray& body, const QByteArray& contentType,
                               const HttpHeaders& headers)
{
    HttpHeaders all = headers;
    all.append({"Content-Type", contentType});
    return send("POST", url, body, all);
}

HttpReply TestHttpClient::send(const QByteArray& method, const QUrl& url, const QByteArray& body,
                               const HttpHeaders& headers)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);

    QNetworkReply* reply = body.isEmpty() && method != "POST" && method != "PUT"
        ? m_manager.sendCustomRequest(request, method)
        : m_manager.sendCustomRequest(request, method, body);
    if (m_ignoreSslErrors)
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });

    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timeout.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec();

    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.networkError = QStringLiteral("timed out after %1 ms").arg(m_timeoutMs);
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.networkError.isEmpty() && reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

} // namespace callsnare::test
