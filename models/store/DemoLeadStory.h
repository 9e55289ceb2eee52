#pragma once

#include "domain/Organization.h"
#include "domain/Time.h"
#include "store/DemoLeads.h"
#include "store/DemoRandom.h"

#include <string>

namespace callsnare::store {

// Makes one demo lead and everything on it, as it stands at `now`: the
// homeowner with `phone` calls and is missed; what follows (text-back,
// replies, a dispatcher conversation, a booking, a hand-off to the office, a
// close) is drawn from `random`, and every state change goes through
// domain::applyTransition. A fact that would lie after `now` ends the story
// there. Appends the facts to `batch`.
void tellDemoLeadStory(const domain::Organization& org, domain::Instant now, DemoRandom& random,
                       const std::string& phone, DemoBatch* batch);

} // namespace callsnare::store
