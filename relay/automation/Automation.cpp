#include "relay/automation/Automation.h"

#include "domain/AreaCodeZones.h"
#include "domain/ReplyCues.h"
#include "domain/ResponseRules.h"
#include "domain/TextBackDecision.h"
#include "relay/automation/OrgAutomation.h"
#include "relay/ingest/EventPayload.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/EventBatch.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

void appendEvent(Poco::Data::Session& session, SqlDialect dialect, const std::string& orgId,
                 std::string_view kind, const EventPayload& payload, domain::Instant at)
{
    auto seq = EventLog(dialect).append(session, orgId, kind, payload.toJson(), at);
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
}

// An on-call alert quotes the homeowner, shortened to keep it one or two segments.
std::string onCallAlert(const OrgAutomation& settings, const domain::PhoneNumber& from, std::string_view body,
                        const std::vector<std::string>& terms)
{
    constexpr std::size_t QuoteLimit = 100;
    std::string quote(body.substr(0, QuoteLimit));
    if (body.size() > QuoteLimit) {
        // Never cut a UTF-8 sequence in half.
        while (!quote.empty() && (static_cast<unsigned char>(quote.back()) & 0xC0) == 0x80) {
            quote.pop_back();
        }
        if (!quote.empty() && static_cast<unsigned char>(quote.back()) >= 0xC0) {
            quote.pop_back();
        }
        quote += "...";
    }
    std::string what;
    for (const auto& term : terms) {
        what += (what.empty() ? "" : ", ") + term;
    }
    return "URGENT for " + settings.org.name + " (" + what + "): " + from.display() + " wrote \"" + quote
        + "\"";
}

} // namespace

std::vector<OutboundJob> Automation::onMissedCall(Poco::Data::Session& session, const MissedCallFacts& call,
                                                  EventBatch& events) const
{
    std::vector<OutboundJob> sendNow;
    const auto settings = OrgAutomationRecords(m_dialect).loadShared(session, call.orgId);
    if (!settings) {
        return sendNow;
    }
    const LeadRecords leads(m_dialect);
    domain::TextBackInput input{settings->org, call.caller, {}, std::nullopt, nullptr, false, call.at};
    std::string contactZone;
    // A contact this call created has the defaults: nothing to read back.
    if (!call.contactId.empty() && !call.newContact) {
        input.callerOptOut = leads.optOut(session, call.orgId, call.contactId);
        std::vector<std::string> zones;
        selectCached(session, sql("SELECT COALESCE(time_zone, '') FROM contacts WHERE org_id = ? AND id = ?"),
                     zones, call.orgId, call.contactId);
        contactZone = zones.empty() ? std::string() : zones.front();
    }
    if (!contactZone.empty()) {
        input.recipientZone = contactZone;
    } else if (call.caller) {
        if (const auto home = domain::homeZoneOf(*call.caller)) {
            input.recipientZone = std::string(*home);
        }
    }
    if (call.latestBefore) {
        input.latestLead = &*call.latestBefore;
        std::vector<Poco::Int64> waiting;
        selectCached(session,
                     sql("SELECT COUNT(*) FROM outbound_jobs WHERE org_id = ? AND lead_id = ? "
                         "AND purpose = 'text_back' AND state IN ('pending', 'sending')"),
                     waiting, call.orgId, call.latestBefore->id);
        input.latestLeadHasQueuedText = !waiting.empty() && waiting.front() > 0;
    }
    const domain::TextBackDecision decision = domain::decideTextBack(input, m_zones);

    EventPayload decided;
    decided.set("call_sid", call.callSid)
        .setOptional("lead_id", call.leadId.empty() ? std::nullopt : std::optional(call.leadId));
    decided.set("action", domain::wireName(decision.action)).set("reason", domain::wireName(decision.reason));
    decided.set("explanation", decision.explanation());
    if (decision.sendAt) {
        decided.setInstant("send_at", *decision.sendAt);
    }
    events.add(call.orgId, "automation.text_back", decided.toJson(), call.at);

    if (!decision.sends() || !call.caller || call.leadId.empty()) {
        return sendNow;
    }
    // The queue appends its own events: the held ones come first.
    events.flushOrThrow(session);
    OutboundText text{call.orgId,
                      "text_back:" + call.carrier + ":" + call.callSid,
                      domain::SendPurpose::TextBack,
                      *call.caller,
                      call.contactId,
                      call.leadId,
                      settings->render(decision.templateName)};
    EnqueueResult queued = m_queue.enqueue(session, *settings, text, call.receivedMs, call.at);
    if (queued.sendNow) {
        sendNow.push_back(std::move(*queued.sendNow));
    }
    return sendNow;
}

std::vector<OutboundJob> Automation::onInboundText(Poco::Data::Session& session,
                                                   const InboundTextFacts& text) const
{
    std::vector<OutboundJob> sendNow;
    const auto settings = OrgAutomationRecords(m_dialect).loadShared(session, text.orgId);
    if (!settings) {
        return sendNow;
    }
    const auto enqueue = [&](std::string decisionKey, domain::SendPurpose purpose,
                             const domain::PhoneNumber& to, std::string contactId, std::string body) {
        OutboundText outbound{text.orgId,
                              std::move(decisionKey),
                              purpose,
                              to,
                              std::move(contactId),
                              text.lead ? text.lead->id : std::string(),
                              std::move(body)};
        EnqueueResult queued = m_queue.enqueue(session, *settings, outbound, text.receivedMs, text.at);
        if (queued.sendNow) {
            sendNow.push_back(std::move(*queued.sendNow));
        }
    };

    // Keyword replies: once per change (a second STOP gets no second
    // confirmation), and never when the carrier number answers them itself.
    if (text.keyword != domain::InboundKeyword::None) {
        if (settings->advancedOptOut) {
            return sendNow;
        }
        if (text.keyword == domain::InboundKeyword::OptOut && text.optOutChanged) {
            enqueue("opt_out_confirmation:" + text.messageSid, domain::SendPurpose::OptOutConfirmation,
                    text.from, text.contactId, settings->render(domain::TemplateName::OptOutConfirmation));
        } else if (text.keyword == domain::InboundKeyword::OptIn && text.optOutChanged) {
            enqueue("opt_in_confirmation:" + text.messageSid, domain::SendPurpose::OptInConfirmation,
                    text.from, text.contactId, settings->render(domain::TemplateName::OptInConfirmation));
        } else if (text.keyword == domain::InboundKeyword::Help) {
            enqueue("help:" + text.messageSid, domain::SendPurpose::Help, text.from, text.contactId,
                    settings->render(domain::TemplateName::Help));
        }
        return sendNow;
    }
    if (!text.lead) {
        return sendNow;
    }

    const LeadRecords leads(m_dialect);
    domain::Lead lead = *text.lead;
    const domain::ReplyCues cues = domain::readReplyCues(text.body);
    if (cues.softOptOut && !lead.automationPaused) {
        lead.automationPaused = true;
        leads.setAutomationFlags(session, lead, "soft_opt_out", text.at);
        EventPayload flagged;
        flagged.set("lead_id", lead.id).set("attention", "soft_opt_out").set("automation_paused", true);
        flagged.set("message_sid", text.messageSid);
        appendEvent(session, m_dialect, text.orgId, "lead.flagged", flagged, text.at);
    }
    if (cues.urgent() && !lead.urgent) {
        lead.urgent = true;
        leads.setAutomationFlags(session, lead, std::nullopt, text.at);
        EventPayload urgent;
        std::string terms;
        for (const auto& term : cues.urgentTerms) {
            terms += (terms.empty() ? "" : ", ") + term;
        }
        urgent.set("lead_id", lead.id).set("terms", terms).set("message_sid", text.messageSid);
        urgent.set("on_call_notified", settings->onCallNumber.has_value());
        appendEvent(session, m_dialect, text.orgId, "lead.urgent", urgent, text.at);
        if (settings->onCallNumber) {
            enqueue("on_call_alert:" + text.messageSid, domain::SendPurpose::OnCallAlert,
                    *settings->onCallNumber, "",
                    onCallAlert(*settings, text.from, text.body, cues.urgentTerms));
        }
    }

    const int asked = leads.intakeAsked(session, text.orgId, lead.id);
    const domain::ReplyPlan plan
        = domain::planReply(settings->intakeQuestions, static_cast<std::size_t>(asked), lead, cues);
    if (plan.answerKey) {
        const std::string key = *plan.answerKey;
        executeCached(session,
                      sql("INSERT INTO lead_answers (org_id, lead_id, question_key, answer, answered_at) "
                          "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                      text.orgId, lead.id, key, text.body,
                      static_cast<Poco::Int64>(text.at.time_since_epoch().count()));
        EventPayload answered;
        answered.set("lead_id", lead.id).set("question_key", key).set("answer", text.body);
        appendEvent(session, m_dialect, text.orgId, "lead.answered", answered, text.at);
    }
    if (plan.askIndex) {
        const domain::IntakeQuestion& question = settings->intakeQuestions[*plan.askIndex];
        enqueue("intake:" + lead.id + ":" + question.key, domain::SendPurpose::Intake, text.from,
                text.contactId, question.text);
        leads.setIntakeAsked(session, text.orgId, lead.id, static_cast<int>(*plan.askIndex) + 1);
    }
    if (plan.handOff) {
        if (auto office = domain::applyTransition(lead, {domain::LeadState::Office, text.at, std::nullopt})) {
            leads.saveLifecycle(session, office.value(), text.at);
            EventPayload handed;
            handed.set("lead_id", lead.id).set("state", domain::wireName(domain::LeadState::Office));
            handed.set("reason", domain::wireName(*plan.handOff));
            appendEvent(session, m_dialect, text.orgId, "lead.handed_off", handed, text.at);
        }
    }
    return sendNow;
}

} // namespace callsnare::relay
