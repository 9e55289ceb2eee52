#include "store/DemoLeads.h"

#include "store/DemoCentralTime.h"
#include "store/DemoLeadStory.h"
#include "store/DemoRandom.h"

#include <algorithm>
#include <array>

namespace callsnare::store {

using namespace std::chrono;
using domain::Instant;

namespace {

// The first ten are the Chicago area's; people keep their cell numbers when
// they move, so the rest are other Central-time codes.
constexpr std::array<int, 40> kAreaCodes{312, 773, 872, 630, 331, 847, 224, 708, 815, 779, 214, 469, 972, 512,
                                         737, 713, 281, 832, 210, 612, 651, 763, 952, 414, 262, 608, 314, 636,
                                         816, 405, 918, 615, 629, 901, 504, 225, 316, 402, 515, 319};
// Every number is 555-XXXX: 555-0110..0199 (reserved for fiction) and
// 555-2000..9999 (never handed out to subscribers in practice).
constexpr qint64 kFictionLines = 90;
constexpr qint64 kLinesPerCode = kFictionLines + 8000;

constexpr std::string_view kTrackingNumber = "+13125550100";
constexpr std::string_view kOfficeNumber = "+13125550101";

} // namespace

qint64 DemoBatch::rowCount() const
{
    return static_cast<qint64>(contacts.size() + leads.size() + calls.size() + messages.size() + notes.size()
                               + bookings.size());
}

void DemoBatch::clear()
{
    contacts.clear();
    leads.clear();
    calls.clear();
    messages.clear();
    notes.clear();
    bookings.clear();
}

Instant DemoLeads::defaultNow()
{
    // Monday 2026-11-02, 10:30 in Chicago.
    return sys_days{year{2026} / November / 2} + hours{16} + minutes{30};
}

qint64 DemoLeads::maxLeads()
{
    return static_cast<qint64>(kAreaCodes.size()) * kLinesPerCode;
}

DemoLeads::DemoLeads(quint64 seed, Instant now) : m_seed(seed), m_now(now)
{
    DemoRandom random(DemoRandom::mix(seed ^ 0x6f7267616e697aULL));
    m_org = makeOrganization();
    m_org.id = random.uuid();
    for (auto& key : m_lineKeys) {
        key = random.next();
    }
}

domain::Organization DemoLeads::makeOrganization() const
{
    domain::Organization org;
    org.name = "Comfort Pros Heating & Air";
    org.timeZone = std::string(DemoCentralTime::kZone);
    org.numbers = {domain::PhoneNumber::parse(kTrackingNumber).value()};
    org.officeNumber = domain::PhoneNumber::parse(kOfficeNumber).value();
    std::array<domain::BusinessHours::DaySchedule, 7> weekly{};
    for (unsigned day = Monday.c_encoding(); day <= Friday.c_encoding(); ++day) {
        weekly[day] = {{minutes{7 * 60 + 30}, hours{18}}};
    }
    weekly[Saturday.c_encoding()] = {{hours{8}, hours{12}}};
    org.hours
        = domain::BusinessHours::create(
              weekly, {year{2026} / November / 26, year{2026} / December / 25, year{2027} / January / 1})
              .value();
    org.billing = domain::BillingState::Active;
    namespace name = domain::TemplateName;
    org.templates = {
        {std::string(name::TextBack),
         "Hi {{first_name}}, this is {{company}}. Sorry we missed your call! Reply here with what's going on "
         "with your heating or cooling and we'll get you on the schedule."},
        {std::string(name::TextBackAfterHours),
         "Hi {{first_name}}, thanks for calling {{company}}. Our office is closed right now, but reply with "
         "what's going on and a dispatcher will text you first thing. If you smell gas, leave the house and "
         "call 911."},
        {std::string(name::BookingConfirmation),
         "You're booked with {{company}} on {{booking_date}} at {{booking_time}}. {{technician}} will text "
         "when on the way to {{address}}."},
        {std::string(name::BookingReminder),
         "Reminder: {{technician}} from {{company}} arrives {{booking_date}} at {{booking_time}}. Call "
         "{{office_phone}} to reschedule."},
        {std::string(name::OptOutConfirmation),
         "You're unsubscribed from {{company}} texts and will get no more. Reply START to resubscribe."},
        {std::string(name::Help),
         "{{company}}: reply with your heating or cooling issue, or call {{office_phone}}. Reply STOP to opt "
         "out."},
    };
    return org;
}

qint64 DemoLeads::shuffledLine(qint64 slot) const
{
    // A keyed bijection on 13-bit values (multiplying by an odd number,
    // adding and xor-shifting are each invertible modulo 2^13), walked
    // until it lands inside the line range: a permutation of the lines that,
    // unlike an affine map, shows no pattern between neighbouring leads.
    constexpr quint64 kMask = (1U << 13) - 1;
    const auto scramble = [this](quint64 value) {
        for (const quint64 key : m_lineKeys) {
            value = (value * ((key & kMask) | 1U) + (key >> 13)) & kMask;
            value ^= value >> 7;
        }
        return value;
    };
    auto value = scramble(static_cast<quint64>(slot));
    while (value >= static_cast<quint64>(kLinesPerCode)) {
        value = scramble(value);
    }
    return static_cast<qint64>(value);
}

std::string DemoLeads::phoneFor(qint64 index) const
{
    const auto code = kAreaCodes[static_cast<std::size_t>(index / kLinesPerCode)];
    const qint64 slot = shuffledLine(index % kLinesPerCode);
    const qint64 line = slot < kFictionLines ? 110 + slot : 2000 + (slot - kFictionLines);
    std::string digits = std::to_string(line);
    digits.insert(0, 4 - std::min<std::size_t>(4, digits.size()), '0');
    return "+1" + std::to_string(code) + "555" + digits;
}

void DemoLeads::generateLead(qint64 index, DemoBatch* batch) const
{
    DemoRandom random(DemoRandom::mix(m_seed ^ DemoRandom::mix(static_cast<quint64>(index))));
    // Each lead's ids get their own 64 ms, in lead order, ending at `now`: as
    // if the relay had received the leads one after another (a lead has far
    // fewer than 64 facts; the ids stay unique and ordered either way).
    constexpr std::chrono::milliseconds kIdSpanPerLead{64};
    const auto idsFrom = std::chrono::system_clock::time_point(m_now) - (maxLeads() - index) * kIdSpanPerLead;
    tellDemoLeadStory(m_org, m_now, random, phoneFor(index), idsFrom, batch);
}

qint64 DemoLeads::generate(qint64 count, DemoBatch* batch)
{
    const qint64 end = std::min(maxLeads(), m_next + std::max<qint64>(count, 0));
    const qint64 added = end - m_next;
    for (; m_next < end; ++m_next) {
        generateLead(m_next, batch);
    }
    return added;
}

} // namespace callsnare::store
