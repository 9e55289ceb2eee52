#pragma once

#include <optional>
#include <string_view>

namespace callsnare::domain {

// What an inbound text asks of us when it is one of the carrier keywords
// (CTIA): stop texting, start again, or send help.
enum class InboundKeyword { OptOut, OptIn, Help, None };

// The whole message must be the keyword, so "stop please" or "don't stop" is
// a conversation, not a command. Case does not matter; surrounding whitespace
// (ASCII, and U+00A0 which phones insert) and surrounding punctuation
// (ASCII, and the curly quotes phones substitute) are ignored. Everything
// else, emoji included ("STOP 🛑"), makes it an ordinary message: None.
//   opt-out: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE
//   opt-in:  START, YES, UNSTOP
//   help:    HELP, INFO
InboundKeyword classifyInboundText(std::string_view body);

std::string_view wireName(InboundKeyword keyword);
std::optional<InboundKeyword> parseInboundKeyword(std::string_view text);

} // namespace callsnare::domain
