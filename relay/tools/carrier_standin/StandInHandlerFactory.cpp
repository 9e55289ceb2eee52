#include "relay/tools/carrier_standin/StandInHandlerFactory.h"

#include "relay/server/JsonResponse.h"
#include "relay/tools/carrier_standin/ControlRoutes.h"
#include "relay/tools/carrier_standin/MessagesApiHandler.h"
#include "relay/tools/carrier_standin/TwilioWire.h"

#include <Poco/URI.h>

namespace callsnare::standin {

namespace {

class NotFoundHandler : public StandInHandler {
public:
    NotFoundHandler(StandInServices services, std::string path)
        : StandInHandler(services), m_path(std::move(path))
    {
    }

protected:
    void serve(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
               relay::LogFields&) override
    {
        if (m_path.rfind("/2010-04-01/", 0) == 0) {
            relay::sendJson(
                response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                TwilioWire::errorBody({404, 20404, "The requested resource " + m_path + " was not found"}));
            return;
        }
        sendControlError(response, 404, "not_found", "No such path on the carrier stand-in.");
    }

private:
    std::string m_path;
};

} // namespace

Poco::Net::HTTPRequestHandler*
StandInHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    std::string path;
    try {
        path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
        return new NotFoundHandler(m_services, "(unparsable)");
    }
    if (const auto account = MessagesApiHandler::matchPath(path))
        return new MessagesApiHandler(m_services, *account);
    if (Poco::Net::HTTPRequestHandler* control = createControlHandler(path, m_services))
        return control;
    return new NotFoundHandler(m_services, path);
}

} // namespace callsnare::standin
