#pragma once

#include "relay/tools/carrier_standin/StandInHandler.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace callsnare::standin {

// Routes a request by its path: the Messages API, the control API, or 404
// (in Twilio's error shape under /2010-04-01, the control shape elsewhere).
class StandInHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit StandInHandlerFactory(StandInServices services) : m_services(services) { }

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    StandInServices m_services;
};

} // namespace callsnare::standin
