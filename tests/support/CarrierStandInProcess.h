#pragma once

#include "TestHttpClient.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace callsnare::test {

// The callsnare-carrier-standin binary (Twilio's Messages API and webhooks on
// 127.0.0.1) for a test. start() passes the configured accounts and relay URLs,
// `--listen 127.0.0.1:0` and a port file in a private dir, and waits for the
// port; stop() sends SIGTERM. The helpers drive its /_standin/ control API
// and report a failure through lastError().
class CarrierStandInProcess {
public:
    explicit CarrierStandInProcess(QString program);
    ~CarrierStandInProcess();
    CarrierStandInProcess(const CarrierStandInProcess&) = delete;
    CarrierStandInProcess& operator=(const CarrierStandInProcess&) = delete;

    void addAccount(const QByteArray& accountSid, const QByteArray& authToken);
    void addAdvancedOptOut(const QByteArray& accountSid);
    // Where inbound texts and calls are posted, and the base they are signed
    // over (the relay's --public-url; empty: the same as relayUrl).
    void setRelayUrl(const QUrl& relayUrl, const QUrl& relayPublicUrl = {});
    // Extra flags, after the ones above.
    void setExtraArguments(const QStringList& arguments) { m_extraArguments = arguments; }
    // Its JSON log goes to this file instead of a pipe (long runs without an
    // event loop to empty the pipe would otherwise stall it).
    void setStandardErrorFile(const QString& path) { m_stderrFile = path; }

    bool start(QString* error = nullptr, int timeoutMs = 20000);
    bool stop(int timeoutMs = 15000);
    bool isRunning() const;
    quint16 port() const { return m_port; }

    // http://127.0.0.1:PORT
    QUrl baseUrl() const;
    // What the relay's --twilio-api-base takes in place of https://api.twilio.com.
    QUrl apiBaseUrl() const { return baseUrl(); }
    QUrl url(const QString& path) const;
    // The account's Messages list URL (.../2010-04-01/Accounts/AC.../Messages.json).
    QUrl messagesUrl(const QByteArray& accountSid) const;

    // GET /_standin/messages and /_standin/requests; empty on failure.
    QJsonArray messages();
    QJsonArray requests();
    bool clearMessages();

    // POST /_standin/inbound; the answer {message_sid, relay_status, relay_body}, empty on failure.
    QJsonObject inbound(const QByteArray& accountSid, const QByteArray& from, const QByteArray& to,
                        const QByteArray& body, const QByteArray& messagingServiceSid = {});
    // POST /_standin/call; the answer {call_sid, relay_status, relay_body}, empty on failure.
    QJsonObject call(const QByteArray& accountSid, const QByteArray& from, const QByteArray& to,
                     const QByteArray& dialCallStatus = "no-answer");
    // POST /_standin/faults with the given JSON ({"count", "status", "code", "to", "delay_ms",
    // "drop_after_accept"}); DELETE clears them.
    bool setFault(const QJsonObject& fault);
    bool clearFaults();
    // POST /_standin/delivery; errorCode 0 leaves the stand-in's default.
    bool setDelivery(const QByteArray& to, const QByteArray& finalStatus, int errorCode = 0);

    // A Messages API POST with Basic auth, as the relay's sender makes it.
    HttpReply sendMessage(const QByteArray& accountSid, const QByteArray& authToken,
                          const QList<QPair<QByteArray, QByteArray>>& form, const HttpHeaders& headers = {});

    QString lastError() const { return m_lastError; }
    // Its JSON log lines so far.
    QByteArray standardError();

private:
    // One control request; false with m_lastError set unless it answered 200.
    bool control(const QByteArray& method, const QString& path, const QJsonObject& body, HttpReply& reply);
    QJsonArray controlArray(const QString& path);

    QString m_program;
    QStringList m_accounts;
    QStringList m_advancedOptOut;
    QStringList m_extraArguments;
    QString m_stderrFile;
    QUrl m_relayUrl;
    QUrl m_relayPublicUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stderr;
    quint16 m_port = 0;
    TestHttpClient m_http;
    QString m_lastError;
};

} // namespace callsnare::test
