#pragma once

#include "domain/Organization.h"
#include "domain/Time.h"
#include "store/DemoLeads.h"
#include "store/DemoRandom.h"

#include <chrono>
#include <string>

namespace callsnare::store {

// Makes one demo lead and everything on it, as it stands at `now`: the
// homeowner with `phone` calls and is missed; what follows (text-back,
// replies, a dispatcher conversation, a booking, a hand-off to the office, a
// close) is drawn from `random`, and every state change goes through
// domain::applyTransition. A fact that would lie after `now` ends the story
// there. Appends the facts to `batch`.
//
// The facts' ids are version 7 UUIDs (domain::timeOrderedId) whose time part
// starts at `idsFrom` and rises by a millisecond per fact, as the relay's ids
// rise with the order facts reach it. Given rising `idsFrom` per lead, a demo
// profile's id indexes grow at their right edge like a synced one's do.
void tellDemoLeadStory(const domain::Organization& org, domain::Instant now, DemoRandom& random,
                       const std::string& phone, std::chrono::system_clock::time_point idsFrom,
                       DemoBatch* batch);

} // namespace callsnare::store
