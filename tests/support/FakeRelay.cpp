#include "FakeRelay.h"

#include "protocol/DeviceEnrollment.h"
#include "protocol/JsonFields.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

using namespace callsnare;

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    default:
        return "Service Unavailable";
    }
}

QByteArray errorJson(const char* code, const char* message)
{
    return QByteArray("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
}

} // namespace

FakeRelay::FakeRelay(std::string orgId, QObject* parent) : QObject(parent), m_orgId(std::move(orgId))
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_buffers.remove(socket);
                m_waiting.erase(std::remove_if(m_waiting.begin(), m_waiting.end(),
                                               [&](const Waiting& waiting) {
                                                   if (waiting.socket == socket) {
                                                       waiting.timer->deleteLater();
                                                       return true;
                                                   }
                                                   return false;
                                               }),
                                m_waiting.end());
                socket->deleteLater();
            });
        }
    });
}

bool FakeRelay::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port ? port : m_port)) {
        return false;
    }
    m_port = m_server.serverPort();
    return true;
}

FakeRelay::~FakeRelay()
{
    m_server.close();
    dropConnections();
}

void FakeRelay::dropConnections()
{
    for (const Waiting& waiting : m_waiting) {
        delete waiting.timer;
    }
    m_waiting.clear();
    m_buffers.clear();
    // Aborting emits disconnected() at once; these sockets no longer tell us.
    const auto sockets = m_server.findChildren<QTcpSocket*>();
    for (QTcpSocket* socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
}

void FakeRelay::close()
{
    m_server.close();
    dropConnections();
}

QUrl FakeRelay::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeRelay::addEvent(const std::string& kind, const char* at, const std::string& dataJson)
{
    const auto instant = protocol::parseInstant(at);
    m_events.push_back({static_cast<std::int64_t>(m_events.size()) + 1, kind,
                        instant.value_or(domain::Instant{}), dataJson});
    answerWaiting(false);
}

void FakeRelay::onReadable(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return;
        }
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        qsizetype length = 0;
        QByteArray auth;
        for (const QByteArray& line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                length = value.toLongLong();
            } else if (name == "authorization") {
                auth = value;
            }
        }
        if (buffer.size() < headerEnd + 4 + length) {
            return;
        }
        const QByteArray body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        handle(socket, requestLine.value(0), QString::fromUtf8(requestLine.value(1)), auth, body);
    }
}

void FakeRelay::respond(QTcpSocket* socket, int status, const QByteArray& json, const QString& path)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size())
        + "\r\nConnection: keep-alive\r\n\r\n" + json;
    socket->write(response);
    emit served(path, status);
}

QByteArray FakeRelay::page(qint64 after, int limit) const
{
    std::vector<protocol::EventRecord> selected;
    for (const auto& event : m_events) {
        if (event.seq > after && static_cast<int>(selected.size()) < limit) {
            selected.push_back(event);
        }
    }
    const std::int64_t last = m_events.empty() ? 0 : m_events.back().seq;
    const bool more = !selected.empty() && selected.back().seq < last;
    return QByteArray::fromStdString(protocol::encodeEventPage({m_orgId, last, more}, selected));
}

void FakeRelay::answerWaiting(bool timedOut, QTcpSocket* only)
{
    std::vector<Waiting> still;
    for (const Waiting& waiting : m_waiting) {
        const bool mine = only == nullptr || waiting.socket == only;
        const bool hasNews = !m_events.empty() && m_events.back().seq > waiting.after;
        if (mine && (hasNews || timedOut)) {
            waiting.timer->deleteLater();
            respond(waiting.socket, 200, page(waiting.after, waiting.limit),
                    QStringLiteral("/v1/sync/events"));
        } else {
            still.push_back(waiting);
        }
    }
    m_waiting = std::move(still);
}

void FakeRelay::handle(QTcpSocket* socket, const QByteArray& method, const QString& target,
                       const QByteArray& auth, const QByteArray& body)
{
    const QUrl url(target);
    const QString path = url.path();
    if (m_failNext > 0) {
        --m_failNext;
        respond(socket, 503, errorJson("unavailable", "The relay is restarting."), path);
        return;
    }
    if (method == "POST" && path == QLatin1String("/v1/devices/enroll")) {
        const auto request = protocol::decodeEnrollRequest(body.toStdString());
        if (!request) {
            respond(socket, 400, errorJson("malformed_request", "Not an enrollment request."), path);
            return;
        }
        const auto code = std::find(m_codes.begin(), m_codes.end(), request->code);
        if (code == m_codes.end()) {
            respond(socket, 401,
                    errorJson("invalid_code", "The enrollment code is unknown, used or expired."), path);
            return;
        }
        m_codes.erase(code);
        const std::string enrolled = protocol::encodeEnrollResponse(
            {"d-" + request->deviceName, m_token, m_orgId, "Polar Air HVAC", "America/Chicago"});
        respond(socket, 201, QByteArray::fromStdString(enrolled), path);
        return;
    }
    if (auth != QByteArray("Bearer ") + QByteArray::fromStdString(m_token)) {
        respond(socket, 401, errorJson("invalid_token", "The device token is missing or revoked."), path);
        return;
    }
    if (method == "GET" && path == QLatin1String("/v1/sync/events")) {
        const QUrlQuery query(url);
        const qint64 after = query.queryItemValue(QStringLiteral("after")).toLongLong();
        const int limit = std::clamp(query.queryItemValue(QStringLiteral("limit")).toInt(), 1, 1000);
        const int wait = query.queryItemValue(QStringLiteral("wait")).toInt();
        const bool hasNews = !m_events.empty() && m_events.back().seq > after;
        if (hasNews || wait <= 0) {
            respond(socket, 200, page(after, limit), path);
            return;
        }
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, socket] { answerWaiting(true, socket); });
        timer->start(wait * 1000);
        m_waiting.push_back({socket, after, limit, timer});
        return;
    }
    if (method == "POST" && path == QLatin1String("/v1/sync/mutations")) {
        const auto batch = protocol::decodeMutationBatch(body.toStdString(), 500);
        if (!batch) {
            respond(socket, 400, errorJson("malformed_batch", "The mutation batch is malformed."), path);
            return;
        }
        std::vector<Poco::JSON::Object::Ptr> results;
        for (const auto& item : *batch) {
            m_received << QString::fromStdString(item.id);
            const auto first = m_firstAnswers.find(item.id);
            if (first != m_firstAnswers.end()) {
                results.push_back(protocol::parseObject(first->second, "answer").value());
                continue;
            }
            protocol::MutationResult result;
            result.id = item.id;
            if (!item.mutation) {
                result.status = 422;
                result.error = item.mutation.error();
            } else if (answer) {
                result = answer(item.mutation.value());
                result.id = item.id;
            }
            if (result.status == 200) {
                ++m_applied;
                if (item.mutation && item.mutation->kind == "message.send") {
                    const auto& send = std::get<protocol::SendMessage>(item.mutation->body);
                    Poco::JSON::Object queued(Poco::JSON_PRESERVE_KEY_ORDER);
                    queued.set("message_id", send.messageId);
                    queued.set("lead_id", send.leadId);
                    queued.set("body", send.body);
                    queued.set("author", std::string("dispatcher"));
                    queued.set("status", std::string("queued"));
                    const std::string at
                        = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
                    addEvent("message.queued", at.c_str(), protocol::stringify(queued));
                }
            }
            const auto encoded = protocol::encodeMutationResult(result);
            m_firstAnswers[item.id] = protocol::stringify(*encoded);
            results.push_back(encoded);
        }
        respond(socket, 200, QByteArray::fromStdString(protocol::encodeMutationResults(results)), path);
        return;
    }
    respond(socket, 404, errorJson("not_found", "No such route."), path);
}
