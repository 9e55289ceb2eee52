#include "relay/tools/carrier_standin/TwilioWire.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace callsnare::standin::TwilioWire {

namespace {

Poco::DateTime toDateTime(Clock::time_point at)
{
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
    return Poco::DateTime(Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(micros)));
}

std::string upperTrimmed(std::string_view text)
{
    const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    std::string upper(text);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    return upper;
}

template <std::size_t N> bool oneOf(const std::string& word, const std::array<std::string_view, N>& words)
{
    return std::find(words.begin(), words.end(), word) != words.end();
}

// UTF-16 units of a UTF-8 text: characters beyond the BMP take two.
std::size_t utf16Units(std::string_view text)
{
    std::size_t units = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) == 0x80)
            continue; // continuation byte
        units += byte >= 0xF0 ? 2 : 1;
    }
    return units;
}

} // namespace

std::string newSid(std::string_view prefix)
{
    std::string hex = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    hex.erase(std::remove(hex.begin(), hex.end(), '-'), hex.end());
    return std::string(prefix) + hex;
}

std::string rfc2822(Clock::time_point at)
{
    return Poco::DateTimeFormatter::format(toDateTime(at), "%w, %d %b %Y %H:%M:%S +0000");
}

std::string rawDlrDoneDate(Clock::time_point at)
{
    return Poco::DateTimeFormatter::format(toDateTime(at), "%y%m%d%H%M");
}

std::int64_t epochMs(Clock::time_point at)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

bool isE164(std::string_view number)
{
    if (number.size() < 9 || number.size() > 16 || number.front() != '+' || number[1] == '0')
        return false;
    return std::all_of(number.begin() + 1, number.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

int segmentCount(std::string_view body)
{
    const bool gsm = std::all_of(body.begin(), body.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x80 && (byte >= 0x20 || c == '\n' || c == '\r');
    });
    std::size_t length = 0;
    std::size_t single = 160;
    std::size_t multi = 153;
    if (gsm) {
        // The escape table's characters take two septets.
        for (const char c : body)
            length += std::string_view("[]{}\\^~|").find(c) == std::string_view::npos ? std::size_t{1}
                                                                                      : std::size_t{2};
    } else {
        length = utf16Units(body);
        single = 70;
        multi = 67;
    }
    if (length <= single)
        return 1;
    return static_cast<int>((length + multi - 1) / multi);
}

Keyword classifyKeyword(std::string_view body)
{
    static constexpr std::array<std::string_view, 8> optOut{"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
                                                            "END",  "QUIT",    "OPTOUT",      "REVOKE"};
    static constexpr std::array<std::string_view, 3> optIn{"START", "YES", "UNSTOP"};
    static constexpr std::array<std::string_view, 2> help{"HELP", "INFO"};
    const std::string word = upperTrimmed(body);
    if (oneOf(word, optOut))
        return Keyword::OptOut;
    if (oneOf(word, optIn))
        return Keyword::OptIn;
    if (oneOf(word, help))
        return Keyword::Help;
    return Keyword::None;
}

std::string optOutType(Keyword keyword)
{
    switch (keyword) {
    case Keyword::OptOut:
        return "STOP";
    case Keyword::OptIn:
        return "START";
    case Keyword::Help:
        return "HELP";
    case Keyword::None:
        break;
    }
    return {};
}

std::string confirmationText(Keyword keyword)
{
    switch (keyword) {
    case Keyword::OptOut:
        return "You have successfully been unsubscribed. You will not receive any more messages from this "
               "number. Reply START to resubscribe.";
    case Keyword::OptIn:
        return "You have successfully been re-subscribed to messages from this number. Reply HELP for help. "
               "Reply STOP to unsubscribe. Msg&Data Rates May Apply.";
    case Keyword::Help:
        return "Reply STOP to unsubscribe. Msg&Data Rates May Apply.";
    case Keyword::None:
        break;
    }
    return {};
}

ApiError authenticationFailed()
{
    return {401, 20003, "Authenticate"};
}

Poco::JSON::Object errorBody(const ApiError& error)
{
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("code", error.code);
    body.set("message", error.message);
    body.set("more_info", "https://www.twilio.com/docs/errors/" + std::to_string(error.code));
    body.set("status", error.httpStatus);
    return body;
}

} // namespace callsnare::standin::TwilioWire
