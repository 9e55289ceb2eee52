#pragma once

#include <Poco/JSON/Object.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace callsnare::standin {

using Clock = std::chrono::system_clock;

// Facts of Twilio's wire format the stand-in answers with (CARRIERS.md and
// Twilio's REST API reference), kept in one place.
namespace TwilioWire {

inline constexpr const char* ApiVersion = "2010-04-01";

// A resource sid: a two-letter prefix ("SM", "CA") and 32 lowercase hex digits.
std::string newSid(std::string_view prefix);

// "Tue, 01 Jul 2026 15:00:00 +0000", the format of date_created and friends.
std::string rfc2822(Clock::time_point at);
// RawDlrDoneDate: YYMMDDhhmm in UTC.
std::string rawDlrDoneDate(Clock::time_point at);
// Milliseconds since the epoch.
std::int64_t epochMs(Clock::time_point at);

// "+" then 8 to 15 digits, the first not 0.
bool isE164(std::string_view number);

// How many segments Twilio bills for body: GSM-7 texts take 160 characters
// in one segment and 153 per segment beyond; anything else is UCS-2 (70, 67),
// counted in UTF-16 units.
int segmentCount(std::string_view body);

// The keyword families of Twilio's default opt-out handling, matched on the
// whole trimmed message, case-insensitively.
enum class Keyword { None, OptOut, OptIn, Help };
Keyword classifyKeyword(std::string_view body);
// "STOP", "START", "HELP" (OptOutType); empty for None.
std::string optOutType(Keyword keyword);
// The confirmation Twilio's Advanced Opt-Out sends for the keyword.
std::string confirmationText(Keyword keyword);

// An error answer of the REST API.
struct ApiError {
    int httpStatus = 400;
    int code = 0;
    std::string message;
};

ApiError authenticationFailed();
// {"code", "message", "more_info", "status"}, as Twilio answers every error.
Poco::JSON::Object errorBody(const ApiError& error);

} // namespace TwilioWire

} // namespace callsnare::standin
