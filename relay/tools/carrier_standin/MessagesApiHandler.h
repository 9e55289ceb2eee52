#pragma once

#include "relay/tools/carrier_standin/StandInHandler.h"
#include "relay/tools/carrier_standin/TwilioWire.h"

#include <optional>
#include <string>

namespace callsnare::standin {

struct SentMessage;
struct ApiRequestRecord;

// /2010-04-01/Accounts/{AccountSid}/Messages.json, as Twilio answers it:
// POST sends a text (201 with the message resource, or a Twilio error
// body), GET lists the account's messages newest first. Every request is
// recorded for the control API, rejected ones included. Like Twilio it never
// deduplicates: each accepted POST is one more text to the handset.
class MessagesApiHandler : public StandInHandler {
public:
    MessagesApiHandler(StandInServices services, std::string accountSid)
        : StandInHandler(services), m_accountSid(std::move(accountSid))
    {
    }

    // The path's account sid when path is a Messages list URL.
    static std::optional<std::string> matchPath(const std::string& path);
    // The message resource as the REST API returns it.
    static Poco::JSON::Object resource(const SentMessage& message);

protected:
    void serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
               relay::LogFields& log) override;

private:
    bool authenticated(const Poco::Net::HTTPServerRequest& request) const;
    void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
              ApiRequestRecord& record, relay::LogFields& log);
    void list(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const;
    void answerError(Poco::Net::HTTPServerResponse& response, ApiRequestRecord& record,
                     const TwilioWire::ApiError& error) const;

    std::string m_accountSid;
};

} // namespace callsnare::standin
