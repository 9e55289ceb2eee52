#include "relay/tools/carrier_standin/WebhookPoster.h"

#include "relay/twilio/TwilioSignature.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

namespace callsnare::standin {

namespace {

constexpr int Attempts = 2;

} // namespace

WebhookDelivery WebhookPoster::post(const std::string& url, const std::string& signedUrl,
                                    const std::string& token, const relay::FormParams& params,
                                    const Headers& headers)
{
    WebhookDelivery delivery;
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& error) {
        delivery.error = "invalid URL: " + error.message();
        return delivery;
    }
    if (uri.getScheme() != "http") {
        delivery.error = "only http:// webhook URLs are supported";
        return delivery;
    }
    const std::string body = relay::FormBody::encode(params);
    const std::string signature = relay::TwilioSignature::compute(token, signedUrl, params);

    for (int attempt = 1; attempt <= Attempts; ++attempt) {
        delivery.attempts = attempt;
        try {
            Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
            // Twilio's defaults: 5 s to connect, 15 s to answer.
            session.setTimeout(Poco::Timespan(5, 0), Poco::Timespan(15, 0), Poco::Timespan(15, 0));
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType("application/x-www-form-urlencoded");
            request.setContentLength64(static_cast<Poco::Int64>(body.size()));
            request.set("User-Agent", "TwilioProxy/1.1");
            request.set("X-Twilio-Signature", signature);
            for (const auto& [name, value] : headers)
                request.set(name, value);
            session.sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            std::istream& in = session.receiveResponse(response);
            std::ostringstream answer;
            Poco::StreamCopier::copyStream(in, answer);
            delivery.status = static_cast<int>(response.getStatus());
            delivery.body = answer.str();
            delivery.error.clear();
            return delivery;
        } catch (const Poco::Exception& error) {
            delivery.error = error.displayText();
        } catch (const std::exception& error) {
            delivery.error = error.what();
        }
    }
    return delivery;
}

} // namespace callsnare::standin
