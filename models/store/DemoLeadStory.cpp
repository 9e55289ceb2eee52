#include "store/DemoLeadStory.h"

#include "domain/MessageTemplate.h"
#include "domain/TimeOrderedId.h"
#include "store/DemoCentralTime.h"
#include "store/DemoPhrases.h"

#include <array>
#include <cstdio>

namespace callsnare::store {

using namespace std::chrono;
using domain::CloseOutcome;
using domain::DeliveryStatus;
using domain::Direction;
using domain::Instant;
using domain::LeadState;
using domain::MessageAuthor;

namespace {

// How a lead's story ends (or where it stands at `now`), in per mille.
enum class Fate {
    Missed,
    Texted,
    Replied,
    Booked,
    Office,
    BookedThenOffice,
    Won,
    LostAfterReply,
    LostNoReply,
    Spam,
    Duplicate
};
struct FateShare {
    Fate fate;
    int perMille;
};
constexpr std::array<FateShare, 11> kFates{{{Fate::Missed, 40},
                                            {Fate::Texted, 120},
                                            {Fate::Replied, 130},
                                            {Fate::Booked, 180},
                                            {Fate::Office, 80},
                                            {Fate::BookedThenOffice, 20},
                                            {Fate::Won, 220},
                                            {Fate::LostAfterReply, 80},
                                            {Fate::LostNoReply, 60},
                                            {Fate::Spam, 40},
                                            {Fate::Duplicate, 30}}};

Fate drawFate(DemoRandom& random)
{
    auto draw = static_cast<int>(random.below(1000));
    for (const auto& share : kFates) {
        if (draw < share.perMille) {
            return share.fate;
        }
        draw -= share.perMille;
    }
    return Fate::Won;
}

bool isClosing(Fate fate)
{
    return fate == Fate::Won || fate == Fate::LostAfterReply || fate == Fate::LostNoReply
        || fate == Fate::Spam || fate == Fate::Duplicate;
}

std::string twoDigits(unsigned value)
{
    char text[4];
    std::snprintf(text, sizeof text, "%02u", value % 100);
    return text;
}

// "10:00 AM"
std::string clockText(domain::LocalTime local)
{
    const hh_mm_ss clock{local - floor<days>(local)};
    const auto hour = static_cast<unsigned>(clock.hours().count());
    const unsigned twelve = hour % 12 == 0 ? 12 : hour % 12;
    return std::to_string(twelve) + ":" + twoDigits(static_cast<unsigned>(clock.minutes().count()))
        + (hour < 12 ? " AM" : " PM");
}

// "Tuesday, March 3"
std::string dateText(domain::LocalTime local)
{
    static constexpr std::array<std::string_view, 7> weekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                              "Thursday", "Friday", "Saturday"};
    static constexpr std::array<std::string_view, 12> months{"January",   "February", "March",    "April",
                                                             "May",       "June",     "July",     "August",
                                                             "September", "October",  "November", "December"};
    const year_month_day date = domain::localDate(local);
    return std::string(weekdays[domain::localWeekday(local).c_encoding()]) + ", "
        + std::string(months[static_cast<unsigned>(date.month()) - 1]) + " "
        + std::to_string(static_cast<unsigned>(date.day()));
}

std::string render(const domain::Organization& org, std::string_view name,
                   const domain::TemplateValues& values)
{
    auto parsed = domain::MessageTemplate::parse(org.templateText(name));
    if (!parsed) {
        return std::string(org.templateText(name));
    }
    auto text = parsed->render(values);
    return text ? std::move(text).value() : std::string(org.templateText(name));
}

// One lead's story, told forward in time from the missed call. Every fact
// goes through `at()`: a fact that would lie after `now` ends the story there,
// so the lead is left exactly where it stands at `now`.
class LeadStory {
public:
    LeadStory(const domain::Organization& org, Instant now, DemoRandom& random,
              std::chrono::system_clock::time_point idsFrom, DemoBatch& batch)
        : m_org(org), m_officePhone(org.officeNumber ? org.officeNumber->display() : std::string()),
          m_now(now), m_random(random), m_nextIdAt(idsFrom), m_batch(batch)
    {
    }

    void tell(std::string phone)
    {
        const Fate fate = drawFate(m_random);
        const demo::Problem& problem = m_random.pick(demo::problems());

        domain::Contact contact{
            .id = newId(),
            .orgId = m_org.id,
            .phone = domain::PhoneNumber::parse(phone).value(),
            .name = std::string(demo::firstName(m_random)) + " " + std::string(demo::lastName(m_random)),
            .optOut = {},
            .timeZoneOverride = std::nullopt,
        };
        m_first = contact.firstName();
        m_address = demo::streetAddress(m_random);

        m_t = missedAt(fate);
        m_lead = domain::Lead::missed(newId(), m_org.id, contact.id, m_t);
        m_lead.urgent = problem.urgent;
        if (fate == Fate::Missed && m_random.chance(500)) {
            contact.optOut = {true, m_t - days{m_random.between(30, 400)}, domain::ConsentSource::Import};
        }
        m_batch.contacts.push_back(contact);
        call(m_t, contact.phone);

        if (fate == Fate::Missed) {
            m_lead.automationPaused = !contact.optOut.optedOut;
        } else {
            tellAfterCall(fate, problem, contact.phone);
        }
        m_batch.leads.push_back(m_lead);
    }

private:
    std::string newId()
    {
        const auto at = m_nextIdAt;
        m_nextIdAt += std::chrono::milliseconds{1};
        return domain::timeOrderedId(at, m_random.idBytes());
    }

    Instant missedAt(Fate fate)
    {
        // Open leads are recent; closed ones spread over the past year.
        hours youngest{20};
        hours oldest{72};
        if (fate == Fate::Booked) {
            oldest = hours{48};
        } else if (fate == Fate::Office || fate == Fate::BookedThenOffice) {
            oldest = hours{7 * 24};
        } else if (isClosing(fate)) {
            youngest = hours{12 * 24};
            oldest = hours{365 * 24};
        }
        const Instant draw
            = m_now - seconds{m_random.between(youngest.count() * 3600, oldest.count() * 3600)};
        // Calls follow the day: mostly office hours, some evenings, few at night.
        const auto date = domain::localDate(DemoCentralTime::local(draw));
        minutes timeOfDay{};
        const auto bucket = m_random.below(100);
        if (bucket < 72) {
            timeOfDay = minutes{m_random.between(7 * 60 + 30, 18 * 60 - 1)};
        } else if (bucket < 92) {
            timeOfDay = minutes{m_random.between(18 * 60, 21 * 60 - 1)};
        } else {
            timeOfDay = minutes{(21 * 60 + m_random.between(0, 10 * 60 + 29)) % (24 * 60)};
        }
        Instant at = DemoCentralTime::instant(domain::atTimeOfDay(date, timeOfDay))
            + seconds{m_random.between(0, 59)};
        if (at > m_now - youngest) {
            at -= days{1};
        }
        return at;
    }

    // Moves the story's clock to `when`, unless that lies beyond `now`.
    bool at(Instant when)
    {
        if (m_stopped || when > m_now) {
            m_stopped = true;
            return false;
        }
        m_t = when;
        return true;
    }

    bool after(seconds low, seconds high)
    {
        return at(m_t + seconds{m_random.between(low.count(), high.count())});
    }

    // Dispatchers answer within minutes between 07:00 and 21:00 and from 07:30
    // the next morning otherwise.
    bool dispatcherReplies()
    {
        Instant when = m_t + seconds{m_random.between(40, 8 * 60)};
        const domain::LocalTime local = DemoCentralTime::local(when);
        const minutes timeOfDay = domain::timeOfDay(local);
        if (timeOfDay < minutes{7 * 60} || timeOfDay >= minutes{21 * 60}) {
            auto date = domain::localDate(local);
            if (timeOfDay >= minutes{21 * 60}) {
                date = year_month_day{sys_days{date} + days{1}};
            }
            when = DemoCentralTime::instant(domain::atTimeOfDay(date, minutes{7 * 60 + 30}))
                + seconds{m_random.between(60, 20 * 60)};
        }
        return at(when);
    }

    bool move(LeadState to, std::optional<CloseOutcome> outcome = std::nullopt)
    {
        if (m_stopped) {
            return false;
        }
        auto next = domain::applyTransition(m_lead, {to, m_t, outcome});
        if (!next) {
            return false;
        }
        m_lead = std::move(next).value();
        return true;
    }

    void call(Instant when, const domain::PhoneNumber& from)
    {
        const std::string carrierCallId = "CA" + m_random.hex(32);
        domain::CallEvent event{
            .id = newId(),
            .orgId = m_org.id,
            .leadId = m_lead.id,
            .carrier = "twilio",
            .carrierCallId = carrierCallId,
            .from = from,
            .to = m_org.numbers.front(),
            .outcome = domain::CallOutcome::Missed,
            .carrierStatus = m_random.chance(800) ? "no-answer" : "busy",
            .occurredAt = when,
        };
        m_lead.lastCallAt = when;
        m_batch.calls.push_back(std::move(event));
    }

    void message(Direction direction, MessageAuthor author, std::string body,
                 DeliveryStatus status = DeliveryStatus::Delivered,
                 std::optional<int> errorCode = std::nullopt)
    {
        domain::Message text;
        text.id = newId();
        text.orgId = m_org.id;
        text.leadId = m_lead.id;
        text.direction = direction;
        text.author = author;
        text.body = std::move(body);
        text.carrierId = "SM" + m_random.hex(32);
        text.status = direction == Direction::Inbound ? DeliveryStatus::Received : status;
        text.carrierErrorCode = errorCode;
        text.createdAt = m_t;
        m_batch.messages.push_back(std::move(text));
    }

    bool homeowner(std::string body, seconds low = minutes{1}, seconds high = minutes{25})
    {
        if (!after(low, high)) {
            return false;
        }
        message(Direction::Inbound, MessageAuthor::Homeowner, std::move(body));
        return true;
    }

    bool dispatcher(std::string body)
    {
        if (!dispatcherReplies()) {
            return false;
        }
        dispatcherSays(std::move(body));
        return true;
    }

    void dispatcherSays(std::string body)
    {
        // A dispatcher writing on the lead takes it over from automation.
        m_lead.automationPaused = true;
        message(Direction::Outbound, MessageAuthor::Dispatcher, std::move(body),
                m_random.chance(980) ? DeliveryStatus::Delivered : DeliveryStatus::Sent);
    }

    bool automation(std::string body)
    {
        message(Direction::Outbound, MessageAuthor::Automation, std::move(body));
        return true;
    }

    void note(std::string body)
    {
        domain::Note entry;
        entry.id = newId();
        entry.orgId = m_org.id;
        entry.leadId = m_lead.id;
        entry.author = std::string(demo::dispatcher(m_random));
        entry.body = std::move(body);
        entry.createdAt = m_t;
        m_batch.notes.push_back(std::move(entry));
    }

    domain::TemplateValues templateValues() const
    {
        return {{"company", m_org.name}, {"first_name", m_first}, {"office_phone", m_officePhone},
                {"address", m_address},  {"technician", ""},      {"booking_date", ""},
                {"booking_time", ""}};
    }

    bool textBack(Fate fate)
    {
        const bool open = m_org.hours.isOpen(DemoCentralTime::local(m_t));
        const Instant allowed = m_org.quietHours.nextAllowed(m_t, m_org.timeZone, DemoCentralTime{});
        if (!at(allowed + seconds{m_random.between(6, 40)})) {
            return false;
        }
        const bool undelivered = fate == Fate::LostNoReply && m_random.chance(250);
        message(Direction::Outbound, MessageAuthor::Automation,
                render(m_org,
                       open ? domain::TemplateName::TextBack : domain::TemplateName::TextBackAfterHours,
                       templateValues()),
                undelivered ? DeliveryStatus::Undelivered : DeliveryStatus::Delivered,
                undelivered ? std::optional<int>{30003} : std::nullopt);
        return move(LeadState::Texted);
    }

    void tellAfterCall(Fate fate, const demo::Problem& problem, const domain::PhoneNumber& phone)
    {
        if (!textBack(fate)) {
            return;
        }
        if (m_random.chance(200)) {
            // Homeowners often call again before they read the text.
            if (!after(minutes{2}, minutes{15})) {
                return;
            }
            call(m_t, phone);
        }
        switch (fate) {
        case Fate::Texted:
        case Fate::LostNoReply:
            if (m_random.chance(500) && after(hours{2}, hours{6})) {
                dispatcher(demo::followUp(m_random, m_first));
            }
            if (fate == Fate::LostNoReply && after(days{2}, days{7})) {
                move(LeadState::Closed, CloseOutcome::Lost);
            }
            return;
        case Fate::Spam:
            if (after(minutes{5}, minutes{90}) && move(LeadState::Closed, CloseOutcome::Spam)
                && m_random.chance(500)) {
                note("Robocall, no voicemail. Marked spam.");
            }
            return;
        case Fate::Duplicate:
            if (after(minutes{10}, minutes{120}) && move(LeadState::Closed, CloseOutcome::Duplicate)) {
                note("Same homeowner called from another line; working the other lead.");
            }
            return;
        default:
            converse(fate, problem);
            return;
        }
    }

    void converse(Fate fate, const demo::Problem& problem)
    {
        if (!homeowner(demo::firstReply(m_random, problem), minutes{1}, minutes{30})
            || !move(LeadState::Replied)) {
            return;
        }
        if (problem.topic == "gas smell near furnace" || problem.topic == "carbon monoxide alarm") {
            auto [ask, answer] = demo::safetyExchange(m_random);
            if (!dispatcher(std::move(ask)) || !homeowner(std::move(answer), minutes{5}, minutes{60})) {
                return;
            }
        }
        if (!dispatcher(demo::askAddress(m_random, m_first)) || !homeowner(m_address)) {
            return;
        }
        if (m_random.chance(350) && after(seconds{30}, minutes{5})) {
            note(demo::note(m_random));
        }
        // A few of the detail questions, in their natural order (selection
        // sampling: each topic is taken with probability needed/remaining).
        const int topicCount = demo::detailExchangeCount();
        int needed = m_random.betweenInt(0, topicCount - 2);
        for (int topic = 0; topic < topicCount && needed > 0; ++topic) {
            if (m_random.below(static_cast<quint64>(topicCount - topic)) >= static_cast<quint64>(needed)) {
                continue;
            }
            --needed;
            auto [ask, answer] = demo::detailExchange(m_random, topic);
            if (!dispatcher(std::move(ask)) || !homeowner(std::move(answer))) {
                return;
            }
        }
        finish(fate);
    }

    void finish(Fate fate)
    {
        switch (fate) {
        case Fate::Replied:
            if (dispatcher(demo::askPreferredTime(m_random)) && homeowner(demo::preferredTime(m_random))
                && m_random.chance(500)) {
                dispatcher(demo::scheduleCheck(m_random));
            }
            return;
        case Fate::Office:
            if (homeowner(demo::askForOffice(m_random))
                && dispatcher(demo::handToOffice(m_random, m_officePhone))) {
                move(LeadState::Office);
            }
            return;
        case Fate::LostAfterReply:
            if (dispatcher(demo::askPreferredTime(m_random)) && homeowner(demo::preferredTime(m_random))
                && dispatcher(demo::offerSlot(m_random, demo::technician(m_random), "tomorrow", "1-3 PM"))
                && homeowner(demo::declineSlot(m_random)) && dispatcher(demo::acknowledgeDecline(m_random))
                && after(hours{1}, hours{24})) {
                move(LeadState::Closed, CloseOutcome::Lost);
            }
            return;
        default:
            book(fate);
            return;
        }
    }

    void book(Fate fate)
    {
        if (!dispatcher(demo::askPreferredTime(m_random)) || !homeowner(demo::preferredTime(m_random))
            || !dispatcherReplies()) {
            return;
        }
        // The slot is offered from the dispatcher's day, which may be the next morning.
        domain::Booking booking;
        booking.id = newId();
        booking.orgId = m_org.id;
        booking.leadId = m_lead.id;
        booking.technician = std::string(demo::technician(m_random));
        booking.address = m_address;
        booking.duration = minutes{m_random.chance(700) ? 120 : 90};
        // The next days' slots; nobody works Sundays.
        auto day = sys_days{domain::localDate(DemoCentralTime::local(m_t))} + days{m_random.between(1, 3)};
        if (weekday{day} == Sunday) {
            day += days{1};
        }
        const int startHour = 8 + 2 * m_random.betweenInt(0, 4);
        const domain::LocalTime startLocal = domain::atTimeOfDay(year_month_day{day}, hours{startHour});
        booking.startsAt = DemoCentralTime::instant(startLocal);
        const std::string window = clockText(startLocal) + " - " + clockText(startLocal + hours{2});
        dispatcherSays(demo::offerSlot(m_random, booking.technician, dateText(startLocal), window));
        if (!homeowner(demo::acceptSlot(m_random)) || !after(minutes{1}, minutes{4})
            || !move(LeadState::Booked)) {
            return;
        }
        m_batch.bookings.push_back(booking);

        auto values = templateValues();
        values["technician"] = booking.technician;
        values["booking_date"] = dateText(startLocal);
        values["booking_time"] = clockText(startLocal);
        if (!after(seconds{5}, seconds{30})) {
            return;
        }
        automation(render(m_org, domain::TemplateName::BookingConfirmation, values));

        if (fate == Fate::BookedThenOffice) {
            if (homeowner(demo::askForOffice(m_random), minutes{10}, hours{5})
                && dispatcher(demo::handToOffice(m_random, m_officePhone))) {
                move(LeadState::Office);
            }
            return;
        }
        for (const auto offset : m_org.reminderOffsets) {
            const Instant due = booking.startsAt - offset;
            if (due > m_t) {
                if (!at(due)) {
                    return;
                }
                automation(render(m_org, domain::TemplateName::BookingReminder, values));
            }
        }
        if (fate == Fate::Won && at(booking.startsAt + booking.duration + minutes{m_random.between(30, 240)})
            && move(LeadState::Closed, CloseOutcome::Won) && m_random.chance(500)) {
            dispatcher(demo::thanksAfterVisit(m_random, m_first));
        }
    }

    const domain::Organization& m_org;
    const std::string m_officePhone; // "(312) 555-0101"
    const Instant m_now;
    DemoRandom& m_random;
    std::chrono::system_clock::time_point m_nextIdAt;
    DemoBatch& m_batch;
    domain::Lead m_lead;
    std::string m_first;
    std::string m_address;
    Instant m_t{};
    bool m_stopped = false;
};

} // namespace

void tellDemoLeadStory(const domain::Organization& org, domain::Instant now, DemoRandom& random,
                       const std::string& phone, std::chrono::system_clock::time_point idsFrom,
                       DemoBatch* batch)
{
    LeadStory story(org, now, random, idsFrom, *batch);
    story.tell(phone);
}

} // namespace callsnare::store
