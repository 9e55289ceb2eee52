#pragma once

#include "relay/tools/carrier_standin/StandInHandler.h"

#include <string>

namespace callsnare::standin {

// The control API tests and the demo drive the stand-in with (JSON):
//   GET  /_standin/healthz
//   GET  /_standin/messages     every accepted send, in order
//   GET  /_standin/requests     every Messages API request and its answer
//   DELETE /_standin/messages   forgets both
//   POST|DELETE /_standin/faults    errors, delays or dropped answers for the next sends
//   POST /_standin/delivery     the final status of sends to one recipient
// The handler for path, or nullptr when it is not one of these.
Poco::Net::HTTPRequestHandler* createControlHandler(const std::string& path, StandInServices services);

// POST /_standin/inbound and POST /_standin/call: the carrier's own webhooks
// (an inbound text, a <Dial> outcome) posted signed to the relay.
Poco::Net::HTTPRequestHandler* createCarrierEventHandler(const std::string& path, StandInServices services);

} // namespace callsnare::standin
