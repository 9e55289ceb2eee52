#include "relay/storage/LeadSupportView.h"

#include "relay/storage/RelayDatabase.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <map>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

// Optional timestamps are read as -1 when NULL (COALESCE), which no real
// Unix time in this product's range is.
std::optional<domain::Instant> optionalInstant(Poco::Int64 seconds)
{
    if (seconds < 0) {
        return std::nullopt;
    }
    return domain::Instant{std::chrono::seconds{seconds}};
}

domain::Instant instant(Poco::Int64 seconds)
{
    return domain::Instant{std::chrono::seconds{seconds}};
}

} // namespace

domain::Result<std::vector<SupportLead>> LeadSupportView::leads(std::string_view orgIdView, std::size_t limit)
{
    std::string orgId(orgIdView);
    Poco::Int64 maxRows = static_cast<Poco::Int64>(limit);
    std::vector<std::string> ids, phones, states, outcomes;
    std::vector<Poco::Int64> optedOut, missed, firstText, firstReply, booked, handedOff, closed, lastCall,
        calls, paused, urgent;
    std::vector<std::string> messageIds, messageLeads, directions, authors, bodies, sids, statuses;
    std::vector<Poco::Int64> errorCodes, createdAts;
    try {
        Poco::Data::Session session = m_database.reader();
        session << m_database.sql(
            "SELECT l.id, c.phone, c.opted_out, l.state, COALESCE(l.outcome, ''), l.missed_at, "
            "COALESCE(l.first_text_at, -1), COALESCE(l.first_reply_at, -1), COALESCE(l.booked_at, -1), "
            "COALESCE(l.handed_off_at, -1), COALESCE(l.closed_at, -1), l.last_call_at, l.call_count, "
            "l.automation_paused, l.urgent FROM leads l JOIN contacts c ON c.id = l.contact_id AND c.org_id "
            "= l.org_id "
            "WHERE l.org_id = ? ORDER BY l.missed_at DESC, l.id LIMIT ?"),
            use(orgId), use(maxRows), into(ids), into(phones), into(optedOut), into(states), into(outcomes),
            into(missed), into(firstText), into(firstReply), into(booked), into(handedOff), into(closed),
            into(lastCall), into(calls), into(paused), into(urgent), now;
        session << m_database.sql(
            "SELECT id, COALESCE(lead_id, ''), direction, author, body, COALESCE(carrier_sid, ''), status, "
            "COALESCE(error_code, -1), created_at FROM messages WHERE org_id = ? AND lead_id IS NOT NULL "
            "ORDER BY created_at, id"),
            use(orgId), into(messageIds), into(messageLeads), into(directions), into(authors), into(bodies),
            into(sids), into(statuses), into(errorCodes), into(createdAts), now;
    } catch (const Poco::Exception& e) {
        return domain::makeError("storage_error", "Could not read leads: " + e.displayText());
    }

    std::map<std::string, std::vector<SupportMessage>> byLead;
    for (std::size_t i = 0; i < messageIds.size(); ++i) {
        SupportMessage message;
        message.id = messageIds[i];
        message.direction = directions[i];
        message.author = authors[i];
        message.body = bodies[i];
        message.carrierSid = sids[i];
        message.status = statuses[i];
        if (errorCodes[i] >= 0) {
            message.errorCode = errorCodes[i];
        }
        message.createdAt = instant(createdAts[i]);
        byLead[messageLeads[i]].push_back(std::move(message));
    }

    std::vector<SupportLead> result;
    result.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        SupportLead lead;
        lead.id = ids[i];
        lead.contactPhone = phones[i];
        lead.contactOptedOut = optedOut[i] != 0;
        lead.state = states[i];
        lead.outcome = outcomes[i];
        lead.missedAt = instant(missed[i]);
        lead.firstTextAt = optionalInstant(firstText[i]);
        lead.firstReplyAt = optionalInstant(firstReply[i]);
        lead.bookedAt = optionalInstant(booked[i]);
        lead.handedOffAt = optionalInstant(handedOff[i]);
        lead.closedAt = optionalInstant(closed[i]);
        lead.lastCallAt = instant(lastCall[i]);
        lead.callCount = calls[i];
        lead.automationPaused = paused[i] != 0;
        lead.urgent = urgent[i] != 0;
        if (auto found = byLead.find(lead.id); found != byLead.end()) {
            lead.messages = std::move(found->second);
        }
        result.push_back(std::move(lead));
    }
    return result;
}

} // namespace callsnare::relay
