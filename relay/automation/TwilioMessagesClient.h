#pragma once

#include "domain/Result.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
}

namespace callsnare::relay {

// One text for Twilio's Messages API.
struct TwilioSend {
    std::string accountSid;
    std::string authToken;
    std::string to;
    std::string from; // empty when sent through the Messaging Service
    std::string messagingServiceSid;
    std::string body;
    std::string statusCallback;
    // Sent as I-Twilio-Idempotency-Token on every attempt of one text.
    std::string idempotencyToken;
};

enum class SendOutcomeKind {
    Accepted, // 201: the carrier has it (sid set)
    Retry, // not sent (connection refused, 5xx, 429, 401): try again later
    Unknown, // the request went out and no answer came back: ask before resending
    Rejected, // a permanent refusal (invalid number, unsubscribed, ...)
};

struct SendOutcome {
    SendOutcomeKind kind = SendOutcomeKind::Retry;
    std::string sid;
    int httpStatus = 0;
    std::optional<int> errorCode; // Twilio's "code"
    std::string message; // for logs and the message row: never holds a secret
};

// Twilio error 21610: the recipient replied STOP to this sender.
inline constexpr int TwilioUnsubscribedRecipient = 21610;

// Twilio's Messages REST API over HTTP(S) (POST .../Messages.json with Basic
// auth and form fields; GET to list what was sent). The base URL is
// configurable so tests and the demo talk to a local stand-in. Sends reuse
// keep-alive connections (one per concurrent caller, kept while idle): a new
// connection per text costs a TCP (and TLS) handshake and, under a burst of
// missed calls, a connection storm at the carrier.
class TwilioMessagesClient {
public:
    explicit TwilioMessagesClient(std::string apiBase,
                                  std::chrono::milliseconds timeout = std::chrono::seconds{15});
    ~TwilioMessagesClient();

    TwilioMessagesClient(const TwilioMessagesClient&) = delete;
    TwilioMessagesClient& operator=(const TwilioMessagesClient&) = delete;

    SendOutcome send(const TwilioSend& text) const;

    // The texts the carrier has that could be this one (same To, sender and
    // body, created no earlier than `since`, give or take a few seconds of
    // clock difference), newest first; an error when the carrier could not be
    // asked. The caller skips sids already recorded for other messages.
    domain::Result<std::vector<std::string>> findSent(const TwilioSend& text,
                                                      std::chrono::sys_seconds since) const;

    const std::string& apiBase() const { return m_apiBase; }

private:
    using Session = std::unique_ptr<Poco::Net::HTTPClientSession>;
    // An idle keep-alive session, or a new one.
    Session takeSession() const;
    // Back to the idle ones after a complete exchange.
    void returnSession(Session session) const;

    std::string m_apiBase;
    std::chrono::milliseconds m_timeout;
    mutable std::mutex m_idleMutex;
    mutable std::vector<Session> m_idle;
};

} // namespace callsnare::relay
