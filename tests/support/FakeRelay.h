#pragma once

#include "protocol/SyncEvents.h"
#include "protocol/SyncMutations.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <map>
#include <string>
#include <vector>

class QTcpSocket;
class QTimer;

// The relay's sync API as the desktop sees it, on 127.0.0.1, in the test's own
// thread: enrollment, event pages with long-polling, mutation batches with
// replays answered from the first result. It speaks the protocol's own codec
// so the client is tested against the wire format; the real relay binary
// replaces it in the end-to-end suite.
class FakeRelay : public QObject {
    Q_OBJECT

public:
    explicit FakeRelay(std::string orgId, QObject* parent = nullptr);
    ~FakeRelay() override;

    // Listens on 127.0.0.1 (port 0: any); the same port again after close().
    bool listen(quint16 port = 0);
    // The relay goes down: no listening socket, open connections dropped.
    void close();
    QUrl url() const;
    quint16 port() const { return m_port; }

    void addEnrollmentCode(const std::string& canonicalCode) { m_codes.push_back(canonicalCode); }
    const std::string& token() const { return m_token; }
    void revokeToken() { m_token = "revoked"; }

    // Appends to the org's log (seq = size + 1) and answers waiting long-polls.
    void addEvent(const std::string& kind, const char* at, const std::string& dataJson);
    const std::vector<callsnare::protocol::EventRecord>& events() const { return m_events; }

    // How mutations are answered the first time (default: 200). A message.send
    // applied also logs a message.queued event under the client's message id.
    std::function<callsnare::protocol::MutationResult(const callsnare::protocol::Mutation&)> answer;
    // The next `count` requests of any kind get a 503.
    void failNext(int count) { m_failNext = count; }

    // Every mutation id received, in order (a replay shows twice).
    const QStringList& receivedMutationIds() const { return m_received; }
    // Mutation ids applied once (first answers with status 200).
    int appliedMutations() const { return m_applied; }
    int waitingPolls() const { return static_cast<int>(m_waiting.size()); }

signals:
    void served(const QString& path, int status);

private:
    struct Waiting {
        QTcpSocket* socket;
        qint64 after;
        int limit;
        QTimer* timer;
    };

    void onReadable(QTcpSocket* socket);
    void handle(QTcpSocket* socket, const QByteArray& method, const QString& target, const QByteArray& auth,
                const QByteArray& body);
    void respond(QTcpSocket* socket, int status, const QByteArray& json, const QString& path);
    QByteArray page(qint64 after, int limit) const;
    void answerWaiting(bool timedOut, QTcpSocket* only = nullptr);
    // Drops every connection without calling back into this object.
    void dropConnections();

    std::string m_orgId;
    QTcpServer m_server;
    quint16 m_port = 0;
    std::vector<std::string> m_codes;
    std::string m_token = "7f3c9d2e8a1b4c5d6e7f8091a2b3c4d5";
    std::vector<callsnare::protocol::EventRecord> m_events;
    std::map<std::string, std::string> m_firstAnswers; // mutation id -> its encoded result
    QStringList m_received;
    int m_applied = 0;
    int m_failNext = 0;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    std::vector<Waiting> m_waiting;
};
