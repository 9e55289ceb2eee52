#include "MissedCallWebhooks.h"

#include "relay/twilio/FormBody.h"
#include "relay/twilio/TwilioSignature.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace callsnare::bench {

namespace {

std::string hex32(std::uint64_t high, std::uint64_t low)
{
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(high),
                  static_cast<unsigned long long>(low));
    return text;
}

} // namespace

std::string callerNumber(int index)
{
    static const std::vector<int> exchanges = [] {
        std::vector<int> list;
        for (int exchange = 200; exchange <= 999; ++exchange) {
            if (exchange % 100 != 11) {
                list.push_back(exchange);
            }
        }
        return list;
    }();
    const int exchange = exchanges[static_cast<std::size_t>(index / 10000) % exchanges.size()];
    char text[16];
    std::snprintf(text, sizeof text, "+1737%03d%04d", exchange, index % 10000);
    return text;
}

std::vector<SignedWebhook> prepareMissedCallWebhooks(int count, const std::string& signedUrl)
{
    std::vector<SignedWebhook> webhooks;
    webhooks.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const std::string caller = callerNumber(i);
        const auto n = static_cast<std::uint64_t>(i);
        const relay::FormParams params{
            {"AccountSid", kAccountSid},
            {"ApiVersion", "2010-04-01"},
            {"CallSid", "CA" + hex32(0xb0c5a11ULL, n)},
            {"CallStatus", "in-progress"},
            {"Called", kOrgNumber},
            {"Caller", caller},
            {"DialCallDuration", "0"},
            {"DialCallSid", "CA" + hex32(0xd1a1ULL, n)},
            {"DialCallStatus", "no-answer"},
            {"Direction", "inbound"},
            {"From", caller},
            {"To", kOrgNumber},
        };
        webhooks.push_back({caller, relay::FormBody::encode(params),
                            relay::TwilioSignature::compute(kAuthToken, signedUrl, params)});
    }
    return webhooks;
}

int drainResponse(Poco::Net::HTTPClientSession& session, std::string* body)
{
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    if (body != nullptr) {
        Poco::StreamCopier::copyToString(in, *body);
    } else {
        Poco::NullOutputStream discard;
        Poco::StreamCopier::copyStream(in, discard);
    }
    return static_cast<int>(response.getStatus());
}

int postWebhook(Poco::Net::HTTPClientSession& session, const SignedWebhook& webhook)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, kDialStatusPath,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    request.setContentType("application/x-www-form-urlencoded");
    request.set("X-Twilio-Signature", webhook.signature);
    request.setContentLength64(static_cast<Poco::Int64>(webhook.body.size()));
    session.sendRequest(request) << webhook.body;
    return drainResponse(session);
}

double metricValue(const std::string& text, const std::string& nameAndLabels)
{
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.starts_with(nameAndLabels + " ")) {
            return std::strtod(line.c_str() + nameAndLabels.size() + 1, nullptr);
        }
    }
    return -1;
}

} // namespace callsnare::bench
