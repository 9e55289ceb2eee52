#include "domain/ReplyCues.h"

#include "domain/AsciiText.h"

#include <array>

namespace callsnare::domain {

namespace {

constexpr std::array<std::string_view, 18> kSoftOptOutPhrases = {
    "stop texting", "stop text",      "stop messaging", "stop sending",   "stop contacting", "stop please",
    "please stop",  "dont text",      "do not text",    "no more texts",  "no more text",    "remove me",
    "take me off",  "unsubscribe me", "leave me alone", "not interested", "wrong number",    "lose my number",
};

// The words as written to the on-call contact, with the phrases that mean them.
struct UrgentTerm {
    std::string_view term;
    std::string_view phrase;
};

constexpr std::array<UrgentTerm, 20> kUrgentPhrases = {{
    {"no heat", "no heat"},
    {"no heat", "heat is out"},
    {"no heat", "heat went out"},
    {"no heat", "heater is out"},
    {"no heat", "furnace is out"},
    {"gas smell", "gas smell"},
    {"gas smell", "smell gas"},
    {"gas smell", "smells like gas"},
    {"gas smell", "gas leak"},
    {"CO alarm", "co alarm"},
    {"CO alarm", "co detector"},
    {"CO alarm", "carbon monoxide"},
    {"water leak", "water leak"},
    {"water leak", "leaking water"},
    {"water leak", "flooding"},
    {"water leak", "flooded"},
    {"smoke", "smoke"},
    {"burning smell", "burning smell"},
    {"burning smell", "smells like burning"},
    {"sparks", "sparks"},
}};

constexpr std::array<std::string_view, 12> kCallPhrases = {
    "call me",         "give me a call",   "call back",        "call us",
    "phone me",        "can you call",     "please call",      "could you call",
    "talk to someone", "speak to someone", "talk to a person", "speak to a person",
};

// " word word word " in lower case: every phrase test becomes a substring
// search for " phrase ".
std::string normalizedWords(std::string_view body)
{
    std::string words = " ";
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\'') {
            continue;
        }
        // U+2019 (right single quote), which phones type for an apostrophe.
        if (body.substr(i).starts_with("\xE2\x80\x99")) {
            i += 2;
            continue;
        }
        if (isAsciiLetter(c) || isAsciiDigit(c) || static_cast<unsigned char>(c) >= 0x80) {
            words += asciiLower(c);
        } else if (words.back() != ' ') {
            words += ' ';
        }
    }
    if (words.back() != ' ') {
        words += ' ';
    }
    return words;
}

bool containsPhrase(const std::string& words, std::string_view phrase)
{
    std::string needle = " ";
    needle += phrase;
    needle += ' ';
    return words.find(needle) != std::string::npos;
}

} // namespace

ReplyCues readReplyCues(std::string_view body)
{
    const std::string words = normalizedWords(body);
    ReplyCues cues;
    for (const std::string_view phrase : kSoftOptOutPhrases) {
        cues.softOptOut = cues.softOptOut || containsPhrase(words, phrase);
    }
    for (const auto& [term, phrase] : kUrgentPhrases) {
        if (containsPhrase(words, phrase) && (cues.urgentTerms.empty() || cues.urgentTerms.back() != term)) {
            cues.urgentTerms.emplace_back(term);
        }
    }
    for (const std::string_view phrase : kCallPhrases) {
        cues.asksForCall = cues.asksForCall || containsPhrase(words, phrase);
    }
    return cues;
}

} // namespace callsnare::domain
