#pragma once

#include "store/DemoRandom.h"

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace callsnare::store::demo {

// What the homeowner called about.
struct Problem {
    std::string_view topic; // short, as a dispatcher would log it: "no cooling"
    std::array<std::string_view, 3> statements; // how homeowners put it in a text
    bool urgent = false; // safety first: gas, carbon monoxide, no heat in winter
};

std::span<const Problem> problems();

std::string_view firstName(DemoRandom& random);
std::string_view lastName(DemoRandom& random);
std::string_view technician(DemoRandom& random);
std::string_view dispatcher(DemoRandom& random);
// "1843 N Prairie Ave, Oak Park"
std::string streetAddress(DemoRandom& random);

// The homeowner's first answer to the text-back: what is wrong.
std::string firstReply(DemoRandom& random, const Problem& problem);
// The safety instruction a dispatcher sends first for an urgent problem, and
// the homeowner's answer.
std::pair<std::string, std::string> safetyExchange(DemoRandom& random);
// A dispatcher question and the homeowner's answer, used to fill the middle
// of a conversation: `which` in [0, detailExchangeCount()).
int detailExchangeCount();
std::pair<std::string, std::string> detailExchange(DemoRandom& random, int which);

std::string askAddress(DemoRandom& random, std::string_view firstName);
std::string askPreferredTime(DemoRandom& random);
std::string preferredTime(DemoRandom& random);
std::string offerSlot(DemoRandom& random, std::string_view technician, std::string_view day,
                      std::string_view window);
std::string acceptSlot(DemoRandom& random);
std::string declineSlot(DemoRandom& random);
std::string acknowledgeDecline(DemoRandom& random);
std::string scheduleCheck(DemoRandom& random);
std::string askForOffice(DemoRandom& random);
std::string handToOffice(DemoRandom& random, std::string_view officePhone);
std::string followUp(DemoRandom& random, std::string_view firstName);
std::string thanksAfterVisit(DemoRandom& random, std::string_view firstName);
std::string note(DemoRandom& random);

} // namespace callsnare::store::demo
