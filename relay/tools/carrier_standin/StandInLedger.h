#pragma once

#include "relay/tools/carrier_standin/TwilioWire.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace callsnare::standin {

// One text the carrier took: a send through the Messages API (origin "api")
// or a confirmation it sent itself (origin "carrier", Advanced Opt-Out).
struct SentMessage {
    std::string sid;
    std::string accountSid;
    std::string to;
    std::string from; // empty when sent through a Messaging Service without a known number
    std::string messagingServiceSid;
    std::string body;
    std::string statusCallback;
    std::string idempotencyToken;
    std::string origin = "api";
    std::string status = "queued";
    std::optional<int> errorCode;
    int segments = 1;
    Clock::time_point created{};
    Clock::time_point updated{};
    std::optional<Clock::time_point> sent;
};

// One request to the Messages API, answered or not.
struct ApiRequestRecord {
    std::string method;
    std::string path;
    std::string accountSid;
    std::string to;
    std::string idempotencyToken;
    int status = 0; // 0: the connection was closed without an answer
    std::optional<int> errorCode;
    std::string messageSid; // the message it created, if any
    Clock::time_point received{};
};

// What the next matching sends get instead of the normal answer.
struct Fault {
    int remaining = 1;
    int status = 0; // 0: no error answer (delay and/or drop only)
    int code = 0;
    std::string to; // empty: any recipient
    int delayMs = 0;
    bool dropAfterAccept = false;
};

// The final status of sends to one recipient.
struct FinalDelivery {
    std::string status = "delivered";
    std::optional<int> errorCode;
};

// Everything the stand-in remembers, shared by the request threads and the
// status callback worker; every member locks.
class StandInLedger {
public:
    void addMessage(const SentMessage& message);
    std::vector<SentMessage> messages() const;
    std::optional<SentMessage> message(const std::string& sid) const;
    // Moves a message to status (and records when it was sent).
    void updateStatus(const std::string& sid, const std::string& status, std::optional<int> errorCode,
                      Clock::time_point at);

    void addRequest(const ApiRequestRecord& request);
    std::vector<ApiRequestRecord> requests() const;
    // Forgets the messages and the requests (not faults, deliveries or opt-outs).
    void clearMessages();

    void addFault(const Fault& fault);
    void clearFaults();
    // The first fault that applies to a send to `to`, counted as used.
    std::optional<Fault> takeFault(const std::string& to);

    void setDelivery(const std::string& to, const FinalDelivery& delivery);
    FinalDelivery deliveryFor(const std::string& to) const;

    // Opt-outs are kept per account, recipient and sender (a number or a
    // Messaging Service sid), as Twilio keeps them.
    void setOptedOut(const std::string& accountSid, const std::string& recipient, const std::string& sender,
                     bool optedOut);
    bool isOptedOut(const std::string& accountSid, const std::string& recipient,
                    const std::string& sender) const;

private:
    mutable std::mutex m_mutex;
    std::vector<SentMessage> m_messages;
    std::vector<ApiRequestRecord> m_requests;
    std::vector<Fault> m_faults;
    std::map<std::string, FinalDelivery> m_deliveries;
    std::set<std::tuple<std::string, std::string, std::string>> m_optedOut;
};

} // namespace callsnare::standin
