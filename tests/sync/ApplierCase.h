#pragma once

// What the applier's tests share: the event log of one missed call, shaped as
// the relay writes it (the lead is created, the call missed, the homeowner
// texted back and the reply received), and applying pages to a profile.

#include "SyncFixture.h"

#include "client/EventApplier.h"
#include "store/SyncStateRepository.h"

#include <QDebug>

#include <string>
#include <vector>

namespace sync_fixture {

inline const std::string kLead = "2f1c9a7e-5b43-4a1d-9c2e-7d8f6a5b4c01";
inline const std::string kContact = "7a3e1f00-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
inline const std::string kPhone = "+15125550142";
inline const std::string kTextBack = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
inline const std::string kReply = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";

// A missed call that became a lead, was texted back, and the homeowner replied.
inline std::vector<protocol::EventRecord> missedCallStory()
{
    auto replied = lead(kLead, kContact, kPhone, domain::LeadState::Replied, 3, "2026-03-10T14:02:00Z");
    replied.stamps.firstTextAt = utc("2026-03-10T14:02:05Z");
    replied.stamps.firstReplyAt = utc("2026-03-10T14:09:30Z");
    auto texted = replied;
    texted.state = domain::LeadState::Texted;
    texted.stamps.firstReplyAt.reset();
    texted.version = 2;
    return {
        record(1, "lead.created", "2026-03-10T14:02:00Z",
               leadJson(lead(kLead, kContact, kPhone, domain::LeadState::Missed, 1, "2026-03-10T14:02:00Z"))),
        record(2, "call.missed", "2026-03-10T14:02:00Z",
               callMissed("CA11111111111111111111111111111111", kPhone, kLead, kContact,
                          "2026-03-10T14:02:00Z")),
        record(3, "automation.text_back", "2026-03-10T14:02:00Z",
               textBackDecision("CA11111111111111111111111111111111", kLead)),
        record(4, "message.queued", "2026-03-10T14:02:01Z",
               messageQueued(kTextBack, kLead, kContact, kPhone,
                             "Sorry we missed your call! This is Polar Air HVAC. How can we help?")),
        record(5, "message.sent", "2026-03-10T14:02:05Z",
               messageSent(kTextBack, kLead, "SM22222222222222222222222222222222")),
        record(6, "lead.updated", "2026-03-10T14:02:05Z", leadJson(texted)),
        record(7, "message.status", "2026-03-10T14:02:09Z",
               messageStatus(kTextBack, "SM22222222222222222222222222222222", "delivered", true,
                             "2026-03-10T14:02:09Z")),
        record(8, "message.received", "2026-03-10T14:09:30Z",
               messageReceived(kReply, "SM33333333333333333333333333333333", kLead, kContact, kPhone,
                               "Furnace is blowing cold air, can someone come today?",
                               "2026-03-10T14:09:30Z")),
        record(9, "lead.updated", "2026-03-10T14:09:30Z", leadJson(replied)),
    };
}

// Applies `events` as one page of the org's log; a failure is logged and
// reported as -1 everywhere, so a comparison with the expected report fails.
inline syncclient::ApplyReport applyEvents(const QSqlDatabase& db,
                                           const std::vector<protocol::EventRecord>& events)
{
    const auto report = syncclient::EventApplier(db, kOrg).apply(page(events));
    if (!report) {
        qWarning() << "apply failed:" << report.error().message.c_str();
        return {-1, -1, -1};
    }
    return report.value();
}

// The org's stored cursor, -1 when it cannot be read.
inline qint64 storedCursor(const QSqlDatabase& db)
{
    qint64 value = -1;
    QString error;
    store::SyncStateRepository(db, kOrg).cursor(&value, &error);
    return value;
}

} // namespace sync_fixture
