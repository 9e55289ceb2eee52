#pragma once

#include "domain/Booking.h"
#include "domain/CallEvent.h"
#include "domain/Contact.h"
#include "domain/Lead.h"
#include "domain/Message.h"
#include "domain/Note.h"
#include "domain/Organization.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <vector>

namespace callsnare::store {

// The facts of some demo leads, in the order a store must insert them
// (contacts before leads, leads before what hangs off them).
struct DemoBatch {
    std::vector<domain::Contact> contacts;
    std::vector<domain::Lead> leads;
    std::vector<domain::CallEvent> calls;
    std::vector<domain::Message> messages;
    std::vector<domain::Note> notes;
    std::vector<domain::Booking> bookings;

    // Rows the batch adds to the tables above (not counting the search index).
    qint64 rowCount() const;
    void clear();
};

// Realistic, deterministic data for one residential HVAC business, "Comfort
// Pros Heating & Air" in Chicago: homeowners who called and were missed,
// text-backs from the org's templates, replies, dispatcher conversations,
// notes and booked visits, spread over the year before `now`.
//
// The same seed gives byte-identical data on every machine and in every
// chunking: lead i depends only on (seed, i), never on how many leads were
// asked for at once or on the clock.
class DemoLeads {
public:
    // The demo's "now" unless the caller gives one: a fixed instant, so the
    // output never depends on when it is generated.
    static domain::Instant defaultNow();
    // Every lead gets its own phone number; this many exist.
    static qint64 maxLeads();

    explicit DemoLeads(quint64 seed, domain::Instant now = defaultNow());

    const domain::Organization& organization() const { return m_org; }
    domain::Instant now() const { return m_now; }
    qint64 generatedLeads() const { return m_next; }

    // Appends the next `count` leads (fewer once maxLeads() is reached) and
    // everything on them to `batch`. Returns how many leads were added.
    qint64 generate(qint64 count, DemoBatch* batch);
    // Moves past the first `count` leads without making them (cheap: each
    // lead has its own random stream).
    void skip(qint64 count) { m_next = std::min(maxLeads(), m_next + std::max<qint64>(count, 0)); }

private:
    domain::Organization makeOrganization() const;
    void generateLead(qint64 index, DemoBatch* batch) const;
    std::string phoneFor(qint64 index) const;
    qint64 shuffledLine(qint64 slot) const;

    quint64 m_seed;
    domain::Instant m_now;
    domain::Organization m_org;
    qint64 m_next = 0;
    // Phone numbers are a seeded permutation of the free lines, so every
    // contact has its own number without remembering the ones handed out.
    std::array<quint64, 3> m_lineKeys{};
};

} // namespace callsnare::store
