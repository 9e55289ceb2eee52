#pragma once

#include "relay/twilio/TwilioWebhookHandler.h"

namespace callsnare::relay {

class RouteTable;
class Metrics;

// The Twilio webhooks, all POST, form-encoded, signed:
//   /v1/carrier/twilio/voice              TwiML: dial the office (or, for a call
//                                         the org's own line forwarded, record it missed)
//   /v1/carrier/twilio/voice/dial-status  the <Dial> outcome; busy / no-answer /
//                                         failed / canceled record a missed call
//   /v1/carrier/twilio/voice/status       call status callbacks
//   /v1/carrier/twilio/sms                inbound texts; TwiML <Response/>
//   /v1/carrier/twilio/sms/status         delivery status callbacks
// A retry answers 2xx and stores nothing new.
void registerTwilioRoutes(RouteTable& routes, Metrics& metrics, const TwilioWebhookServices& services);

namespace TwilioPaths {
inline constexpr const char* Voice = "/v1/carrier/twilio/voice";
inline constexpr const char* DialStatus = "/v1/carrier/twilio/voice/dial-status";
inline constexpr const char* CallStatus = "/v1/carrier/twilio/voice/status";
inline constexpr const char* Sms = "/v1/carrier/twilio/sms";
inline constexpr const char* SmsStatus = "/v1/carrier/twilio/sms/status";
} // namespace TwilioPaths

} // namespace callsnare::relay
