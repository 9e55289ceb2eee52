#pragma once

#include <Poco/Net/HTTPClientSession.h>

#include <string>
#include <vector>

// What the relay benchmarks share: one organization's identity, distinct
// signed missed-call webhooks prepared before the clock starts, and the HTTP
// and /metrics plumbing around them.
namespace callsnare::bench {

inline constexpr const char* kDialStatusPath = "/v1/carrier/twilio/voice/dial-status";
inline constexpr const char* kOrgNumber = "+15125550142";
inline constexpr const char* kAccountSid = "ACbe0c4a0a11b2c3d4e5f60718293a4b5c";
inline constexpr const char* kAuthToken = "bench-auth-token-0123456789abcdef";

// One prepared request: signing is the carrier's work, done before the clock starts.
struct SignedWebhook {
    std::string caller;
    std::string body;
    std::string signature;
};

// A distinct valid NANP number per index: area 737, exchanges 200-999
// without N11, lines 0000-9999 (about 7.9M numbers).
std::string callerNumber(int index);

// `count` Dial-action webhooks (DialCallStatus=no-answer), each with its own
// CallSid and caller, signed the way Twilio signs over `signedUrl` (the
// relay's public URL + kDialStatusPath).
std::vector<SignedWebhook> prepareMissedCallWebhooks(int count, const std::string& signedUrl);

// Reads the answer on a keep-alive session (into *body when given); its HTTP status.
int drainResponse(Poco::Net::HTTPClientSession& session, std::string* body = nullptr);

// Posts one webhook on a keep-alive session; its HTTP status, or throws.
int postWebhook(Poco::Net::HTTPClientSession& session, const SignedWebhook& webhook);

// The value of one metric line `name{labels} value` in Prometheus text, -1 when absent.
double metricValue(const std::string& text, const std::string& nameAndLabels);

} // namespace callsnare::bench
