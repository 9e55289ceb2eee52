#pragma once

#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTcpServer>

#include <deque>
#include <memory>
#include <vector>

class QTcpSocket;

namespace callsnare::test {

// An HTTP/1.1 proxy on 127.0.0.1 that misbehaves on purpose, between a sync
// client and the real relay. It frames requests and responses by
// Content-Length (what both sides send) and gives each request a fault:
//   Pass         forwarded as is;
//   Drop         the connection closes before the request reaches the relay;
//   Delay        the answer is held back for delayMs;
//   Duplicate    the relay receives the request twice; the client gets the second answer;
//   CutResponse  the relay answers, the client gets half the answer and a closed connection.
// Faults come from a script (queued first) or at random with a seeded rate.
// Lives on the thread that created it; its sockets run on that event loop.
class FaultInjectingProxy : public QObject {
public:
    enum class Fault { Pass, Drop, Delay, Duplicate, CutResponse };

    FaultInjectingProxy(quint16 upstreamPort, QObject* parent = nullptr);
    ~FaultInjectingProxy() override;

    bool listen(QString* error);
    quint16 port() const { return m_server.serverPort(); }

    // The next requests get these faults, in order, before any random one.
    void script(std::initializer_list<Fault> faults);
    // Every later request gets a random fault (not Pass) with probability `rate`.
    void setRandomFaults(double rate, quint32 seed);
    void setDelayMs(int delayMs) { m_delayMs = delayMs; }

    int injected(Fault fault) const { return m_injected.value(static_cast<int>(fault)); }
    int requests() const { return m_requests; }

private:
    struct Link;

    void accept();
    void clientReadable(Link* link);
    void upstreamReadable(Link* link);
    void startRequest(Link* link);
    void finishResponse(Link* link, QByteArray response);
    void close(Link* link);
    Fault nextFault();
    // The length of the complete HTTP message at the start of buffer, or 0
    // when it is not complete yet.
    static qsizetype completeMessage(const QByteArray& buffer);

    quint16 m_upstreamPort;
    QTcpServer m_server;
    std::deque<Fault> m_script;
    double m_rate = 0;
    QRandomGenerator m_random;
    int m_delayMs = 1500;
    QHash<int, int> m_injected;
    int m_requests = 0;
    std::vector<std::unique_ptr<Link>> m_links;
};

} // namespace callsnare::test
