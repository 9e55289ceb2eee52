#include "client/PageFetcher.h"

#include "client/RelayReply.h"
#include "store/StoreSql.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>
#include <QUrlQuery>

namespace callsnare::syncclient {

PageFetcher::PageFetcher(QObject* parent) : QObject(parent)
{
}

PageFetcher::~PageFetcher()
{
    cancel();
}

void PageFetcher::begin(const Run& run)
{
    cancel();
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
    }
    m_run = run;
    m_active = true;
    m_done = false;
    next();
}

void PageFetcher::grant(quint64 runId)
{
    if (!m_active || runId != m_run.id) {
        return;
    }
    ++m_run.credits;
    if (!m_inFlight) {
        next();
    }
}

void PageFetcher::cancel()
{
    m_active = false;
    if (QNetworkReply* reply = m_inFlight) {
        m_inFlight = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void PageFetcher::next()
{
    if (!m_active || m_done || m_run.credits <= 0) {
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(m_run.after));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_run.limit));
    QUrl url(m_run.eventsUrl);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_run.timeoutMs);
    request.setRawHeader("Authorization", "Bearer " + m_run.token.toUtf8());
    --m_run.credits;
    QNetworkReply* reply = m_network->get(request);
    m_inFlight = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void PageFetcher::onReply(QNetworkReply* reply)
{
    reply->deleteLater();
    if (reply != m_inFlight) {
        return;
    }
    m_inFlight = nullptr;
    const quint64 runId = m_run.id;
    const QByteArray body = reply->readAll();
    const int status = httpStatus(reply);
    if (status != 200) {
        m_active = false;
        emit failed(runId, status, status == 0 ? reply->errorString() : relayError(reply, body));
        return;
    }
    auto decoded = protocol::decodeFactPage(body.toStdString());
    if (!decoded) {
        m_active = false;
        emit failed(runId, -1, store::toQString(decoded.error().message));
        return;
    }
    auto page = std::make_shared<protocol::DecodedPage>(std::move(decoded).value());
    if (!page->events.empty()) {
        m_run.after = page->events.back().event.seq;
    }
    m_done = !page->header.hasMore || page->events.empty();
    emit fetched(runId, std::move(page));
    next();
}

} // namespace callsnare::syncclient
