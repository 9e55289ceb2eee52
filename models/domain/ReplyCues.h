#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace callsnare::domain {

// What a homeowner's ordinary reply (not a carrier keyword) tells automation.
// Matching is on whole words, case-insensitive, with apostrophes dropped
// ("Don't" reads as "dont") and any other punctuation as a word break, so
// "No heat!!" matches "no heat" and "nothing" does not match "no".
struct ReplyCues {
    // Reads like an opt-out without being the keyword ("please stop texting
    // me"): automation pauses on the lead and a dispatcher decides.
    bool softOptOut = false;
    // Emergency words ("no heat", "gas smell", "CO alarm", "water leak"):
    // the lead is marked urgent and the on-call contact is alerted.
    std::vector<std::string> urgentTerms;
    // The homeowner wants a person ("call me", "talk to someone"): hand to
    // the office instead of asking more questions.
    bool asksForCall = false;

    bool urgent() const { return !urgentTerms.empty(); }
};

ReplyCues readReplyCues(std::string_view body);

} // namespace callsnare::domain
