#include "FaultInjectingProxy.h"

#include <QTcpSocket>
#include <QTimer>

namespace callsnare::test {

// One client connection and its own upstream connection to the relay.
struct FaultInjectingProxy::Link {
    QTcpSocket* client = nullptr;
    QTcpSocket* upstream = nullptr;
    QByteArray fromClient;
    QByteArray fromUpstream;
    QByteArray request; // the request in flight
    Fault fault = Fault::Pass;
    int answersAwaited = 0; // Duplicate waits for two
    bool busy = false;
    bool closed = false;
};

FaultInjectingProxy::FaultInjectingProxy(quint16 upstreamPort, QObject* parent)
    : QObject(parent), m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultInjectingProxy::accept);
}

bool FaultInjectingProxy::listen(QString* error)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        *error = QStringLiteral("the proxy cannot listen: %1").arg(m_server.errorString());
        return false;
    }
    return true;
}

void FaultInjectingProxy::script(std::initializer_list<Fault> faults)
{
    m_script.insert(m_script.end(), faults.begin(), faults.end());
}

void FaultInjectingProxy::setRandomFaults(double rate, quint32 seed)
{
    m_rate = rate;
    m_random.seed(seed);
}

FaultInjectingProxy::Fault FaultInjectingProxy::nextFault()
{
    if (!m_script.empty()) {
        const Fault fault = m_script.front();
        m_script.pop_front();
        return fault;
    }
    if (m_rate <= 0 || m_random.generateDouble() >= m_rate) {
        return Fault::Pass;
    }
    static constexpr Fault kinds[] = {Fault::Drop, Fault::Delay, Fault::Duplicate, Fault::CutResponse};
    return kinds[m_random.bounded(4)];
}

void FaultInjectingProxy::accept()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        m_links.push_back(std::make_unique<Link>());
        Link* link = m_links.back().get();
        link->client = client;
        link->upstream = new QTcpSocket(client);
        connect(client, &QTcpSocket::readyRead, this, [this, link] { clientReadable(link); });
        connect(client, &QTcpSocket::disconnected, this, [this, link] { close(link); });
        connect(link->upstream, &QTcpSocket::readyRead, this, [this, link] { upstreamReadable(link); });
        connect(link->upstream, &QTcpSocket::disconnected, this, [this, link] { close(link); });
        link->upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

qsizetype FaultInjectingProxy::completeMessage(const QByteArray& buffer)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        return 0;
    }
    qsizetype length = 0;
    for (const QByteArray& line : buffer.left(headerEnd).split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.toLower().startsWith("content-length:")) {
            length = trimmed.mid(15).trimmed().toLongLong();
        }
    }
    const qsizetype total = headerEnd + 4 + length;
    return buffer.size() >= total ? total : 0;
}

void FaultInjectingProxy::clientReadable(Link* link)
{
    link->fromClient += link->client->readAll();
    startRequest(link);
}

void FaultInjectingProxy::startRequest(Link* link)
{
    if (link->busy || link->closed) {
        return;
    }
    const qsizetype size = completeMessage(link->fromClient);
    if (size == 0) {
        return;
    }
    link->request = link->fromClient.left(size);
    link->fromClient.remove(0, size);
    link->busy = true;
    ++m_requests;
    link->fault = nextFault();
    ++m_injected[static_cast<int>(link->fault)];
    if (link->fault == Fault::Drop) {
        close(link);
        return;
    }
    link->answersAwaited = link->fault == Fault::Duplicate ? 2 : 1;
    link->upstream->write(link->request);
}

void FaultInjectingProxy::upstreamReadable(Link* link)
{
    link->fromUpstream += link->upstream->readAll();
    for (;;) {
        const qsizetype size = completeMessage(link->fromUpstream);
        if (size == 0 || link->closed) {
            return;
        }
        QByteArray response = link->fromUpstream.left(size);
        link->fromUpstream.remove(0, size);
        if (--link->answersAwaited > 0) {
            link->upstream->write(link->request); // the duplicate, on the same connection
            continue;
        }
        finishResponse(link, std::move(response));
    }
}

void FaultInjectingProxy::finishResponse(Link* link, QByteArray response)
{
    switch (link->fault) {
    case Fault::CutResponse:
        // Cut inside the status line and headers: the client cannot take it for an answer.
        link->client->write(response.left(std::max<qsizetype>(1, response.indexOf("\r\n\r\n") / 2)));
        link->client->flush();
        close(link);
        return;
    case Fault::Delay:
        QTimer::singleShot(m_delayMs, link->client, [this, link, response] {
            link->client->write(response);
            link->busy = false;
            startRequest(link);
        });
        return;
    default:
        link->client->write(response);
        link->busy = false;
        startRequest(link);
        return;
    }
}

void FaultInjectingProxy::close(Link* link)
{
    if (link->closed) {
        return;
    }
    link->closed = true;
    link->upstream->abort();
    link->client->abort();
    // The sockets go once the current signal returns; the Link stays with the proxy.
    link->client->deleteLater();
}

FaultInjectingProxy::~FaultInjectingProxy()
{
    // Sockets still open must not call back into a proxy being destroyed.
    for (const auto& link : m_links) {
        if (!link->closed) {
            link->closed = true;
            QObject::disconnect(link->client, nullptr, this, nullptr);
            QObject::disconnect(link->upstream, nullptr, this, nullptr);
            delete link->client;
        }
    }
}

} // namespace callsnare::test
