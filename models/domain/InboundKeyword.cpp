#include "domain/InboundKeyword.h"
#include "domain/AsciiText.h"

#include <array>
#include <cstddef>

namespace callsnare::domain {

namespace {

struct KeywordWord {
    std::string_view word;
    InboundKeyword keyword;
};

constexpr std::array<KeywordWord, 13> kKeywords = {{
    {"STOP", InboundKeyword::OptOut},
    {"STOPALL", InboundKeyword::OptOut},
    {"UNSUBSCRIBE", InboundKeyword::OptOut},
    {"CANCEL", InboundKeyword::OptOut},
    {"END", InboundKeyword::OptOut},
    {"QUIT", InboundKeyword::OptOut},
    {"OPTOUT", InboundKeyword::OptOut},
    {"REVOKE", InboundKeyword::OptOut},
    {"START", InboundKeyword::OptIn},
    {"YES", InboundKeyword::OptIn},
    {"UNSTOP", InboundKeyword::OptIn},
    {"HELP", InboundKeyword::Help},
    {"INFO", InboundKeyword::Help},
}};

bool isAsciiPunctuation(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`')
        || (c >= '{' && c <= '~');
}

// Multi-byte UTF-8 sequences that count as padding: U+00A0 (no-break space)
// and the typographic quotes ‘ ’ “ ” that phone keyboards type for ' and ".
constexpr std::array<std::string_view, 5> kPaddingSequences
    = {"\xC2\xA0", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D"};

// The length of the padding at the front (or back) of text, 0 when none.
std::size_t paddingAtFront(std::string_view text)
{
    if (text.empty()) {
        return 0;
    }
    if (isAsciiSpace(text.front()) || isAsciiPunctuation(text.front())) {
        return 1;
    }
    for (const std::string_view sequence : kPaddingSequences) {
        if (text.starts_with(sequence)) {
            return sequence.size();
        }
    }
    return 0;
}

std::size_t paddingAtBack(std::string_view text)
{
    if (text.empty()) {
        return 0;
    }
    if (isAsciiSpace(text.back()) || isAsciiPunctuation(text.back())) {
        return 1;
    }
    for (const std::string_view sequence : kPaddingSequences) {
        if (text.ends_with(sequence)) {
            return sequence.size();
        }
    }
    return 0;
}

} // namespace

InboundKeyword classifyInboundText(std::string_view body)
{
    while (const std::size_t n = paddingAtFront(body)) {
        body.remove_prefix(n);
    }
    while (const std::size_t n = paddingAtBack(body)) {
        body.remove_suffix(n);
    }
    for (const KeywordWord& entry : kKeywords) {
        if (equalsIgnoringAsciiCase(body, entry.word)) {
            return entry.keyword;
        }
    }
    return InboundKeyword::None;
}

std::string_view wireName(InboundKeyword keyword)
{
    switch (keyword) {
    case InboundKeyword::OptOut:
        return "opt_out";
    case InboundKeyword::OptIn:
        return "opt_in";
    case InboundKeyword::Help:
        return "help";
    case InboundKeyword::None:
        return "none";
    }
    return "none";
}

std::optional<InboundKeyword> parseInboundKeyword(std::string_view text)
{
    for (const InboundKeyword keyword :
         {InboundKeyword::OptOut, InboundKeyword::OptIn, InboundKeyword::Help, InboundKeyword::None}) {
        if (text == wireName(keyword)) {
            return keyword;
        }
    }
    return std::nullopt;
}

} // namespace callsnare::domain
