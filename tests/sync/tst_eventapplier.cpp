// EventApplier on a real encrypted profile: pages encoded with the protocol's
// own encoder, payloads shaped as the relay writes them.

#include "SyncFixture.h"

#include "client/EventApplier.h"
#include "domain/ProofLedger.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/OrgSettingsRepository.h"
#include "store/ProofRecordRepository.h"
#include "store/ReminderJobRepository.h"
#include "store/SearchIndex.h"
#include "store/SyncStateRepository.h"

using namespace callsnare;
using namespace sync_fixture;
using syncclient::EventApplier;

namespace {

const std::string kLead = "2f1c9a7e-5b43-4a1d-9c2e-7d8f6a5b4c01";
const std::string kContact = "7a3e1f00-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const std::string kPhone = "+15125550142";
const std::string kTextBack = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const std::string kReply = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";

// A missed call that became a lead, was texted back, and the homeowner replied.
std::vector<protocol::EventRecord> missedCallStory()
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

const std::string kBooking = "b7c6d5e4-f3a2-4b1c-8d0e-9f8a7b6c5d4e";
const std::string kReminder = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

std::string bookingJson(const std::string& bookingId, const std::string& leadId)
{
    return protocol::stringify(*protocol::encodeBooking({bookingId, leadId, utc("2026-03-12T15:00:00Z"), 120,
                                                         "Luis", "1200 Barton Springs Rd", "scheduled", 1}));
}

// The 24-hour reminder of kBooking, in `status`.
protocol::ReminderJobSnapshot reminder(domain::ReminderStatus status, const std::string& bookingId = kBooking)
{
    protocol::ReminderJobSnapshot job;
    job.reminderId = kReminder;
    job.bookingId = bookingId;
    job.leadId = kLead;
    job.kind = domain::ReminderKind::Reminder;
    job.offsetMinutes = 1440;
    job.bookingStartsAt = utc("2026-03-12T15:00:00Z");
    job.dueAt = utc("2026-03-11T15:00:00Z");
    job.status = status;
    return job;
}

protocol::EventRecord reminderEvent(std::int64_t seq, const protocol::ReminderJobSnapshot& job)
{
    return record(seq, std::string(protocol::reminderEventKind(job.status)), "2026-03-11T15:00:00Z",
                  protocol::stringify(*protocol::encodeReminderJob(job)));
}

// The organization's ledger as the relay seals it: a missed call, the text
// back, the reply.
std::vector<domain::ProofRecord> sealedLedger(const std::string& orgId = kOrgStd)
{
    domain::ProofLedger ledger;
    const auto missed
        = ledger.append({orgId,
                         "call_missed",
                         utc("2026-03-10T14:02:00Z"),
                         {{"lead_id", kLead}, {"call_sid", "CA11111111111111111111111111111111"}}});
    const auto texted = ledger.append(
        {orgId, "text_sent", utc("2026-03-10T14:02:05Z"), {{"lead_id", kLead}, {"message_id", kTextBack}}});
    const auto replied = ledger.append(
        {orgId, "reply_received", utc("2026-03-10T14:09:30Z"), {{"lead_id", kLead}, {"message_id", kReply}}});
    return {missed.value(), texted.value(), replied.value()};
}

protocol::EventRecord proofEvent(std::int64_t seq, const domain::ProofRecord& proof)
{
    return record(seq, "proof.recorded", "2026-03-10T14:10:00Z",
                  protocol::stringify(*protocol::encodeProofRecord(protocol::proofRecordFactOf(proof))));
}

} // namespace

class TestEventApplier : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_case.setUpSuite(QStringLiteral("eventapplier")); }
    void init()
    {
        QString error;
        QVERIFY2(m_case.setUpCase(&error), qPrintable(error));
    }
    void cleanup() { m_case.tearDownCase(); }

    void missedCallBecomesLeadWithThread();
    void reapplyingChangesNothing();
    void keyedWritesAreIdempotent();
    void badFactLeavesStoreUntouched_data();
    void badFactLeavesStoreUntouched();
    void cursorSemantics();
    void optOutFollowsTheContact();
    void statusOnlyMovesForward();
    void snapshotsAreVersionGuarded();
    void factsAboutNoLeadAreSkipped();
    void anotherOrganizationsPageIsRefused();
    void settingsAreVersionGuarded();
    void reminderJobsFollowTheRelay();
    void reminderJobsOfUnknownBookingsAreSkipped();
    void proofRecordsExtendTheLedger();
    void brokenProofRecordFailsThePage_data();
    void brokenProofRecordFailsThePage();

private:
    syncclient::ApplyReport apply(const std::vector<protocol::EventRecord>& events)
    {
        const auto report = EventApplier(m_case.db(), kOrg).apply(page(events));
        if (!report) {
            qWarning() << "apply failed:" << report.error().message.c_str();
            return {-1, -1, -1};
        }
        return report.value();
    }

    qint64 cursor()
    {
        qint64 value = -1;
        QString error;
        store::SyncStateRepository(m_case.db(), kOrg).cursor(&value, &error);
        return value;
    }

    ProfileCase m_case;
};

void TestEventApplier::missedCallBecomesLeadWithThread()
{
    const auto report = apply(missedCallStory());
    QCOMPARE(report.applied, 9);
    QCOMPARE(report.skipped, 0);
    QCOMPARE(report.cursor, 9);
    QCOMPARE(cursor(), 9);

    QString error;
    const auto stored = store::LeadRepository(m_case.db(), kOrg).find(QString::fromStdString(kLead), &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->lead.state, domain::LeadState::Replied);
    QCOMPARE(stored->version, 3);
    QCOMPARE(stored->unreadCount, 1);
    QCOMPARE(stored->lead.stamps.firstReplyAt, std::optional(utc("2026-03-10T14:09:30Z")));
    QCOMPARE(stored->lastActivityAt, utc("2026-03-10T14:09:30Z"));

    const auto contact
        = store::ContactRepository(m_case.db(), kOrg).find(QString::fromStdString(kContact), &error);
    QVERIFY2(contact, qPrintable(error));
    QCOMPARE(contact->phone.e164(), kPhone);

    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM call_events WHERE lead_id = ?"),
                    {QString::fromStdString(kLead)}),
             1);
    std::vector<domain::Message> thread;
    QVERIFY2(store::MessageRepository(m_case.db(), kOrg)
                 .listForLead(QString::fromStdString(kLead), &thread, &error),
             qPrintable(error));
    QCOMPARE(thread.size(), 2u);
    QCOMPARE(thread[0].id, kTextBack);
    QCOMPARE(thread[0].status, domain::DeliveryStatus::Delivered);
    QCOMPARE(thread[0].carrierId, std::string("SM22222222222222222222222222222222"));
    QCOMPARE(thread[0].author, domain::MessageAuthor::Automation);
    QCOMPARE(thread[1].id, kReply);
    QCOMPARE(thread[1].direction, domain::Direction::Inbound);
    QCOMPARE(thread[1].status, domain::DeliveryStatus::Received);
    QCOMPARE(text(m_case.db(), QStringLiteral("SELECT detail FROM lifecycle_events WHERE lead_id = ?"),
                  {QString::fromStdString(kLead)}),
             QStringLiteral("Texting back now with the business-hours template."));

    // The search index is kept in step by the repositories.
    const auto hits
        = store::SearchIndex(m_case.db(), kOrg).search(QStringLiteral("furnace cold"), 10, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().leadId, QString::fromStdString(kLead));
    QCOMPARE(store::SearchIndex(m_case.db(), kOrg).search(QStringLiteral("5125550142"), 10, &error).size(),
             1);
}

void TestEventApplier::reapplyingChangesNothing()
{
    const auto story = missedCallStory();
    QCOMPARE(apply(story).applied, 9);
    const QStringList before = dump(m_case.db());
    const auto again = apply(story);
    QCOMPARE(again.applied, 0);
    QCOMPARE(again.skipped, 9);
    QCOMPARE(again.cursor, 9);
    QCOMPARE(dump(m_case.db()), before);

    // Pages that overlap the cursor apply only what is new.
    std::vector<protocol::EventRecord> overlap(story.begin() + 6, story.end());
    overlap.push_back(record(10, "note.added", "2026-03-10T14:11:00Z",
                             protocol::stringify(*protocol::encodeNote(
                                 {"5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f", kLead, "Maria (dispatch)",
                                  "Called back, no answer.", utc("2026-03-10T14:11:00Z")}))));
    const auto overlapping = apply(overlap);
    QCOMPARE(overlapping.skipped, 3);
    QCOMPARE(overlapping.applied, 1);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM notes")), 1);
    QCOMPARE(dump(m_case.db()).size(), before.size() + 3); // the note, its search document and text
}

void TestEventApplier::keyedWritesAreIdempotent()
{
    // The same facts under new seqs (as after a relay restored from a backup):
    // ids, carrier + call sid and message ids keep one row each.
    const auto story = missedCallStory();
    QCOMPARE(apply(story).applied, 9);
    const QStringList before = dump(m_case.db());
    std::vector<protocol::EventRecord> repeated;
    for (const auto& event : story) {
        if (event.kind == "lead.created" || event.kind == "lead.updated"
            || event.kind == "automation.text_back") {
            continue; // snapshots at older versions and derived timeline ids are covered elsewhere
        }
        auto copy = event;
        copy.seq += 100;
        repeated.push_back(copy);
    }
    QCOMPARE(apply(repeated).cursor, 108);
    QStringList after = dump(m_case.db());
    after.removeIf([](const QString& row) { return row.startsWith(QLatin1String("sync_state:")); });
    QStringList expected = before;
    expected.removeIf([](const QString& row) { return row.startsWith(QLatin1String("sync_state:")); });
    QCOMPARE(after, expected);
}

void TestEventApplier::badFactLeavesStoreUntouched_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::newRow("text without body")
        << "message.received"
        << R"({"message_id":"m-1","message_sid":"SM1","lead_id":null,"contact_id":"c-1","received_at":"2026-03-10T14:00:00Z"})"
        << "events[seq 4].data.body"
        << "missing_field";
    QTest::newRow("snapshot with a bad state")
        << "lead.updated"
        << QString::fromStdString(
               leadJson(lead(kLead, kContact, kPhone, domain::LeadState::Office, 4, "2026-03-10T14:02:00Z")))
               .replace(QLatin1String("\"office\""), QLatin1String("\"archived\""))
        << "events[seq 4].data.state"
        << "invalid_field";
    QTest::newRow("status that is no status")
        << "message.status"
        << QString::fromStdString(messageStatus(kTextBack, "SM2", "delivered", true, "2026-03-10T14:02:09Z"))
               .replace(QLatin1String("\"status\":\"delivered\""), QLatin1String("\"status\":\"read\""))
        << "events[seq 4].data.status"
        << "invalid_field";
    QTest::newRow("opt-out number that is no number")
        << "contact.opted_out"
        << QString::fromStdString(optOutChange(kContact, "not-a-phone", true, "2026-03-10T15:00:00Z"))
        << "events[seq 4].data.phone"
        << "invalid_field";
}

void TestEventApplier::badFactLeavesStoreUntouched()
{
    QFETCH(QString, kind);
    QFETCH(QString, json);
    QFETCH(QString, path);
    QFETCH(QString, code);
    const auto story = missedCallStory();
    QCOMPARE(apply({story[0], story[1]}).cursor, 2);
    const QStringList before = dump(m_case.db());

    // A good fact before the bad one and one after: none of them is applied.
    const auto result
        = EventApplier(m_case.db(), kOrg)
              .apply(
                  page({story[2], record(4, kind.toStdString(), "2026-03-10T15:00:00Z", json.toStdString()),
                        story[4]}));
    QVERIFY(!result);
    QVERIFY2(QString::fromStdString(result.error().message).startsWith(path), result.error().message.c_str());
    QCOMPARE(QString::fromStdString(result.error().code), code);
    QCOMPARE(dump(m_case.db()), before);
    QCOMPARE(cursor(), 2);
}

void TestEventApplier::cursorSemantics()
{
    const auto story = missedCallStory();
    QCOMPARE(cursor(), 0);
    QCOMPARE(apply({story[0], story[1], story[2]}).cursor, 3);

    // An empty page (a long-poll that timed out) keeps the cursor.
    const auto empty = apply({});
    QCOMPARE(empty.cursor, 3);
    QCOMPARE(empty.applied, 0);

    // Events at or below the cursor are skipped, the rest applied.
    const auto next = apply({story[1], story[2], story[3], story[4]});
    QCOMPARE(next.skipped, 2);
    QCOMPARE(next.applied, 2);
    QCOMPARE(cursor(), 5);

    // A kind this version does not know moves the cursor past it.
    const auto unknown
        = apply({record(6, "invoice.paid", "2026-03-10T15:00:00Z", R"({"invoice_id":"i-1"})")});
    QCOMPARE(unknown.skipped, 1);
    QCOMPARE(unknown.applied, 0);
    QCOMPARE(cursor(), 6);
}

void TestEventApplier::optOutFollowsTheContact()
{
    const auto story = missedCallStory();
    QCOMPARE(apply({story[0]}).cursor, 1);
    QCOMPARE(apply({record(2, "contact.opted_out", "2026-03-10T15:00:00Z",
                           optOutChange(kContact, kPhone, true, "2026-03-10T15:00:00Z"))})
                 .applied,
             1);
    QString error;
    store::ContactRepository contacts(m_case.db(), kOrg);
    auto contact = contacts.find(QString::fromStdString(kContact), &error);
    QVERIFY2(contact, qPrintable(error));
    QVERIFY(contact->optOut.optedOut);
    QCOMPARE(contact->optOut.source, std::optional(domain::ConsentSource::Keyword));
    QCOMPARE(contact->optOut.changedAt, std::optional(utc("2026-03-10T15:00:00Z")));

    QCOMPARE(apply({record(3, "contact.opted_in", "2026-03-11T09:00:00Z",
                           optOutChange(kContact, kPhone, false, "2026-03-11T09:00:00Z"))})
                 .applied,
             1);
    contact = contacts.find(QString::fromStdString(kContact), &error);
    QVERIFY(!contact->optOut.optedOut);

    // A number the store has never seen becomes a contact, opted out.
    const std::string stranger = "8f7e6d5c-4b3a-4291-8a7b-6c5d4e3f2a1b";
    QCOMPARE(apply({record(4, "contact.opted_out", "2026-03-11T10:00:00Z",
                           optOutChange(stranger, "+17135550199", true, "2026-03-11T10:00:00Z"))})
                 .applied,
             1);
    contact = contacts.find(QString::fromStdString(stranger), &error);
    QVERIFY2(contact, qPrintable(error));
    QVERIFY(contact->optOut.optedOut);
    QCOMPARE(contact->phone.e164(), std::string("+17135550199"));
}

void TestEventApplier::statusOnlyMovesForward()
{
    const auto story = missedCallStory();
    QCOMPARE(apply({story[0], story[1], story[2], story[3], story[4], story[5], story[6]}).cursor, 7);
    // Late callbacks: "sent" after "delivered", then a failure report.
    const auto late = apply({
        record(8, "message.status", "2026-03-10T14:03:00Z",
               messageStatus(kTextBack, "SM22222222222222222222222222222222", "sent", true,
                             "2026-03-10T14:03:00Z")),
        record(9, "message.failed", "2026-03-10T14:04:00Z", messageFailed(kTextBack, kLead, 30003)),
        record(10, "message.queued", "2026-03-10T14:05:00Z",
               messageQueued(kTextBack, kLead, kContact, kPhone, "replayed body", "automation", "queued")),
    });
    QCOMPARE(late.cursor, 10);
    QString error;
    const auto message
        = store::MessageRepository(m_case.db(), kOrg).find(QString::fromStdString(kTextBack), &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->status, domain::DeliveryStatus::Delivered);
    QCOMPARE(message->carrierErrorCode, std::nullopt);
    QVERIFY(message->body != "replayed body");
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM messages")), 1);

    // A report the relay did not apply (applied=false) changes nothing either.
    const std::string second = "0a9b8c7d-6e5f-4a3b-9c2d-1e0f2a3b4c5d";
    QCOMPARE(apply({record(11, "message.queued", "2026-03-10T16:00:00Z",
                           messageQueued(second, kLead, kContact, kPhone, "Following up", "dispatcher")),
                    record(12, "message.status", "2026-03-10T16:00:05Z",
                           messageStatus(second, "SM44", "delivered", false, "2026-03-10T16:00:05Z"))})
                 .cursor,
             12);
    QCOMPARE(store::MessageRepository(m_case.db(), kOrg).find(QString::fromStdString(second), &error)->status,
             domain::DeliveryStatus::Queued);
}

void TestEventApplier::snapshotsAreVersionGuarded()
{
    auto office = lead(kLead, kContact, kPhone, domain::LeadState::Office, 4, "2026-03-10T14:02:00Z");
    office.stamps.handedOffAt = utc("2026-03-10T14:30:00Z");
    office.automationPaused = true;
    QCOMPARE(apply({record(1, "lead.created", "2026-03-10T14:30:00Z", leadJson(office))}).applied, 1);
    // An older snapshot arriving later (the relay's log is ordered, but a 409's
    // current state or a restore can be older) does not undo the newer one.
    auto older = lead(kLead, kContact, kPhone, domain::LeadState::Texted, 2, "2026-03-10T14:02:00Z");
    QCOMPARE(apply({record(2, "lead.updated", "2026-03-10T14:05:00Z", leadJson(older))}).cursor, 2);
    QString error;
    store::LeadRepository leads(m_case.db(), kOrg);
    auto stored = leads.find(QString::fromStdString(kLead), &error);
    QCOMPARE(stored->lead.state, domain::LeadState::Office);
    QCOMPARE(stored->version, 4);
    QVERIFY(stored->lead.automationPaused);

    // A newer one replaces it.
    auto closed = office;
    closed.state = domain::LeadState::Closed;
    closed.outcome = domain::CloseOutcome::Won;
    closed.stamps.closedAt = utc("2026-03-12T18:00:00Z");
    closed.version = 5;
    QCOMPARE(apply({record(3, "lead.updated", "2026-03-12T18:00:00Z", leadJson(closed))}).applied, 1);
    stored = leads.find(QString::fromStdString(kLead), &error);
    QCOMPARE(stored->lead.state, domain::LeadState::Closed);
    QCOMPARE(stored->lead.outcome, std::optional(domain::CloseOutcome::Won));
    QCOMPARE(stored->version, 5);

    // Bookings follow the same rule.
    protocol::BookingSnapshot booking{"b7c6d5e4-f3a2-4b1c-8d0e-9f8a7b6c5d4e",
                                      kLead,
                                      utc("2026-03-11T15:00:00Z"),
                                      120,
                                      "Luis",
                                      "1200 Barton Springs Rd",
                                      "scheduled",
                                      2};
    auto canceledOld = booking;
    canceledOld.status = "canceled";
    canceledOld.version = 1;
    QCOMPARE(apply({record(4, "booking.created", "2026-03-10T15:00:00Z",
                           protocol::stringify(*protocol::encodeBooking(booking))),
                    record(5, "booking.canceled", "2026-03-10T15:01:00Z",
                           protocol::stringify(*protocol::encodeBooking(canceledOld)))})
                 .cursor,
             5);
    QCOMPARE(text(m_case.db(), QStringLiteral("SELECT status || '/' || version FROM bookings")),
             QStringLiteral("scheduled/2"));
}

void TestEventApplier::settingsAreVersionGuarded()
{
    protocol::OrgSettings settings;
    settings.timeZone = "America/Denver";
    settings.quietStartMinutes = 1320;
    settings.quietEndMinutes = 420;
    settings.quietPolicy = "skip";
    settings.dedupeWindowMinutes = 720;
    settings.templates = {{"text_back", "{{company}} here: sorry we missed you. Reply STOP to opt out."},
                          {"help", "Call {{office_phone}}."}};
    settings.intakeQuestions = {{"problem", "What is going on?"}, {"address", "Where are you?"}};
    settings.onCallNumber = "+15125550177";
    settings.businessHours[6] = {{std::chrono::hours{9}, std::chrono::hours{13}}};
    settings.holidays = {std::chrono::year{2026} / 12 / 25};
    settings.reminderOffsetsMinutes = {2880};
    settings.responseTargetMinutes = 15;
    settings.version = 2;
    const auto json
        = [](const protocol::OrgSettings& s) { return protocol::stringify(*protocol::encodeOrgSettings(s)); };
    QCOMPARE(apply({record(1, "org.settings", "2026-03-10T14:00:00Z", json(settings))}).applied, 1);

    QString error;
    store::OrgSettingsRepository repository(m_case.db(), kOrg);
    auto stored = repository.find(&error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->version, 2);
    QCOMPARE(stored->timeZone, std::string("America/Denver"));
    QCOMPARE(stored->quietHours.start.count(), 1320);
    QCOMPARE(stored->quietHours.end.count(), 420);
    QCOMPARE(stored->quietHours.policy, domain::QuietHoursPolicy::Skip);
    QCOMPARE(stored->dedupeWindow.count(), 720);
    QVERIFY(stored->templates == settings.templates);
    QVERIFY(stored->intakeQuestions == settings.intakeQuestions);
    QCOMPARE(stored->onCallNumber->e164(), std::string("+15125550177"));
    QCOMPARE(stored->hours.day(std::chrono::Saturday).size(), std::size_t(1));
    QCOMPARE(stored->hours.day(std::chrono::Saturday)[0].close.count(), 13 * 60);
    QCOMPARE(stored->hours.day(std::chrono::Monday)[0].open.count(), 8 * 60);
    QVERIFY(stored->hours.isHoliday(std::chrono::year{2026} / 12 / 25));
    QCOMPARE(stored->reminderOffsets.size(), std::size_t(1));
    QCOMPARE(stored->reminderOffsets[0].count(), 2880);
    QCOMPARE(stored->responseTarget.count(), 15);

    // The same snapshot again (a replay past a lost cursor) writes the same values.
    const QStringList before = dump(m_case.db());
    QVERIFY(EventApplier(m_case.db(), kOrg).saveCurrent(settings, &error));
    QCOMPARE(dump(m_case.db()), before);

    // An older snapshot (a 409's current state seen late) changes nothing.
    auto older = settings;
    older.version = 1;
    older.templates = {{"text_back", "Old text"}};
    older.onCallNumber.reset();
    QCOMPARE(apply({record(2, "org.settings", "2026-03-10T14:05:00Z", json(older))}).cursor, 2);
    const auto settingsRows = [this] {
        return dump(m_case.db()).filter(QRegularExpression(QStringLiteral("^(organizations|templates):")));
    };
    QCOMPARE(settingsRows(),
             before.filter(QRegularExpression(QStringLiteral("^(organizations|templates):"))));
    stored = repository.find(&error);
    QCOMPARE(stored->version, 2);
    QCOMPARE(stored->templates.at("text_back"), settings.templates.at("text_back"));
    QVERIFY(stored->onCallNumber);

    // A newer one replaces it, templates as a whole.
    auto newer = settings;
    newer.version = 3;
    newer.templates = {{"text_back", "New text. Reply STOP to opt out."}};
    newer.onCallNumber.reset();
    newer.intakeQuestions.clear();
    QCOMPARE(apply({record(3, "org.settings", "2026-03-10T14:10:00Z", json(newer))}).applied, 1);
    stored = repository.find(&error);
    QCOMPARE(stored->version, 3);
    QVERIFY(stored->templates == newer.templates);
    QVERIFY(!stored->onCallNumber);
    QVERIFY(stored->intakeQuestions.empty());
}

void TestEventApplier::factsAboutNoLeadAreSkipped()
{
    // A STOP from someone with no open lead, and a withheld caller.
    const auto report = apply({
        record(1, "message.received", "2026-03-10T14:00:00Z",
               messageReceived("e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b", "SM55", "", kContact, kPhone, "STOP",
                               "2026-03-10T14:00:00Z")),
        record(2, "automation.text_back", "2026-03-10T14:01:00Z",
               Payload()
                   .set("call_sid", std::string("CA66"))
                   .setNull("lead_id")
                   .set("action", std::string("skip"))
                   .set("reason", std::string("withheld_caller_id"))
                   .set("explanation", std::string("The caller withheld their number."))
                   .json()),
        record(3, "message.sent", "2026-03-10T14:02:00Z",
               messageSent("f0e1d2c3-b4a5-4968-8776-655443322110", "", "SM77")),
    });
    QCOMPARE(report.applied, 0);
    QCOMPARE(report.skipped, 3);
    QCOMPARE(report.cursor, 3);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM messages")), 0);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM lifecycle_events")), 0);
}

void TestEventApplier::anotherOrganizationsPageIsRefused()
{
    const auto result = EventApplier(m_case.db(), kOrg).apply(page(missedCallStory(), false, "org-blaze"));
    QVERIFY(!result);
    QCOMPARE(result.error().code, std::string("org_mismatch"));
    QCOMPARE(cursor(), 0);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM leads")), 0);
}

void TestEventApplier::reminderJobsFollowTheRelay()
{
    const auto story = missedCallStory();
    QCOMPARE(
        apply({story[0], record(2, "booking.created", "2026-03-10T15:00:00Z", bookingJson(kBooking, kLead)),
               reminderEvent(3, reminder(domain::ReminderStatus::Pending))})
            .applied,
        3);
    store::ReminderJobRepository jobs(m_case.db(), kOrg);
    QString error;
    auto stored = jobs.find(QString::fromStdString(kReminder), &error);
    QVERIFY2(stored, qPrintable(error));
    QVERIFY(*stored == protocol::reminderJobOf(reminder(domain::ReminderStatus::Pending), kOrgStd));

    // The same job again (a replay under a new seq) keeps one row, unchanged.
    const QStringList before = dump(m_case.db());
    const auto again = apply({reminderEvent(4, reminder(domain::ReminderStatus::Pending))});
    QCOMPARE(again.applied, 1);
    QStringList after = dump(m_case.db());
    after.removeIf([](const QString& row) { return row.startsWith(QLatin1String("sync_state:")); });
    QStringList expected = before;
    expected.removeIf([](const QString& row) { return row.startsWith(QLatin1String("sync_state:")); });
    QCOMPARE(after, expected);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM reminder_jobs")), 1);

    // Sent: the job moves on, and an older pending copy arriving later (a
    // restored relay, an overlapping replay) does not bring it back.
    QCOMPARE(apply({reminderEvent(5, reminder(domain::ReminderStatus::Sent)),
                    reminderEvent(6, reminder(domain::ReminderStatus::Pending))})
                 .cursor,
             6);
    stored = jobs.find(QString::fromStdString(kReminder), &error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->status, domain::ReminderStatus::Sent);
    QCOMPARE(text(m_case.db(), QStringLiteral("SELECT status FROM reminder_jobs")), QStringLiteral("sent"));

    // Canceled is history as well; a second job of the booking is its own row.
    auto confirmation = reminder(domain::ReminderStatus::Pending);
    confirmation.reminderId = "4d5e6f70-8a9b-4cad-8e0f-1a2b3c4d5e6f";
    confirmation.kind = domain::ReminderKind::Confirmation;
    confirmation.offsetMinutes = 0;
    confirmation.dueAt = utc("2026-03-10T15:00:00Z");
    auto canceled = confirmation;
    canceled.status = domain::ReminderStatus::Canceled;
    QCOMPARE(
        apply({reminderEvent(7, confirmation), reminderEvent(8, canceled), reminderEvent(9, confirmation)})
            .applied,
        3);
    std::vector<domain::ReminderJob> all;
    QVERIFY2(jobs.forBooking(QString::fromStdString(kBooking), &all, &error), qPrintable(error));
    QCOMPARE(all.size(), std::size_t(2));
    QCOMPARE(all[0].kind, domain::ReminderKind::Confirmation);
    QCOMPARE(all[0].status, domain::ReminderStatus::Canceled);
    QCOMPARE(all[1].status, domain::ReminderStatus::Sent);
}

void TestEventApplier::reminderJobsOfUnknownBookingsAreSkipped()
{
    // The booking's lead is not in this store, so neither is the booking, nor its jobs.
    const std::string strangerLead = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d";
    const std::string strangerBooking = "0f1e2d3c-4b5a-4968-8776-655443322110";
    const auto report = apply({
        record(1, "booking.created", "2026-03-10T15:00:00Z", bookingJson(strangerBooking, strangerLead)),
        reminderEvent(2, reminder(domain::ReminderStatus::Pending, strangerBooking)),
        reminderEvent(3, reminder(domain::ReminderStatus::Sent, strangerBooking)),
    });
    QCOMPARE(report.applied, 0);
    QCOMPARE(report.skipped, 3);
    QCOMPARE(report.cursor, 3);
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM reminder_jobs")), 0);
}

void TestEventApplier::proofRecordsExtendTheLedger()
{
    const auto ledger = sealedLedger();
    const auto first = apply({proofEvent(1, ledger[0]), proofEvent(2, ledger[1])});
    QCOMPARE(first.applied, 2);
    QCOMPARE(first.cursor, 2);

    // Replayed records (the same records under new seqs) are no-ops; the next one is appended.
    const auto next = apply({proofEvent(3, ledger[0]), proofEvent(4, ledger[1]), proofEvent(5, ledger[2])});
    QCOMPARE(next.applied, 3);
    QCOMPARE(next.cursor, 5);

    store::ProofRecordRepository stored(m_case.db(), kOrg);
    std::vector<domain::ProofRecord> records;
    QString error;
    QVERIFY2(stored.all(&records, &error), qPrintable(error));
    QCOMPARE(records.size(), std::size_t(3));
    for (std::size_t i = 0; i < records.size(); ++i) {
        QCOMPARE(records[i].sequence, ledger[i].sequence);
        QCOMPARE(records[i].hash, ledger[i].hash);
    }
    std::optional<domain::ChainBreak> firstBreak;
    QVERIFY2(stored.verify(&firstBreak, &error), qPrintable(error));
    QVERIFY2(!firstBreak, firstBreak ? firstBreak->reason.c_str() : "");
}

void TestEventApplier::brokenProofRecordFailsThePage_data()
{
    QTest::addColumn<QString>("flaw");
    QTest::addColumn<QString>("path");
    QTest::newRow("changed contents") << "tampered"
                                      << "events[seq 4].data.hash: proof record 2 does not match its hash";
    QTest::newRow("hash of other contents")
        << "rehashed"
        << "events[seq 4].data.hash: proof record 2 does not match its hash";
    QTest::newRow("gap") << "gap"
                         << "events[seq 4].data.sequence: proof record 3 does not follow the stored ledger, "
                            "which ends at record 1";
    QTest::newRow("forked chain")
        << "fork"
        << "events[seq 4].data.previous_hash: proof record 2 does not chain onto the hash of stored record 1";
    QTest::newRow("rewritten history")
        << "rewritten"
        << "events[seq 4].data.hash: proof record 1 differs from the stored proof record 1";
    QTest::newRow("another organization's")
        << "foreign"
        << "events[seq 4].data.hash: proof record 2 does not match its hash";
}

void TestEventApplier::brokenProofRecordFailsThePage()
{
    QFETCH(QString, flaw);
    QFETCH(QString, path);
    const auto ledger = sealedLedger();
    const auto story = missedCallStory();
    QCOMPARE(apply({story[0], proofEvent(2, ledger[0])}).cursor, 2);
    const QStringList before = dump(m_case.db());

    domain::ProofRecord bad = ledger[1];
    if (flaw == QLatin1String("tampered")) {
        bad.fact.fields[1].second = kReply; // the hash still says kTextBack
    } else if (flaw == QLatin1String("rehashed")) {
        bad.hash = ledger[2].hash;
    } else if (flaw == QLatin1String("gap")) {
        bad = ledger[2];
    } else if (flaw == QLatin1String("fork")) {
        bad.previousHash = std::string(domain::kGenesisHash);
        bad.hash = domain::proofRecordHash(bad.sequence, bad.previousHash, bad.fact);
    } else if (flaw == QLatin1String("rewritten")) {
        bad = ledger[0];
        bad.fact.occurredAt += std::chrono::minutes{5};
        bad.hash = domain::proofRecordHash(bad.sequence, bad.previousHash, bad.fact);
    } else if (flaw == QLatin1String("foreign")) {
        bad = sealedLedger("org-blaze")[1];
    }

    // Good facts before and after the bad record are rolled back with it.
    auto call = story[1];
    call.seq = 3;
    const auto result
        = EventApplier(m_case.db(), kOrg).apply(page({call, proofEvent(4, bad), proofEvent(5, ledger[1])}));
    QVERIFY(!result);
    QCOMPARE(QString::fromStdString(result.error().code), QStringLiteral("broken_proof_chain"));
    QVERIFY2(QString::fromStdString(result.error().message).startsWith(path), result.error().message.c_str());
    QCOMPARE(dump(m_case.db()), before);
    QCOMPARE(cursor(), 2);
}

QTEST_GUILESS_MAIN(TestEventApplier)
#include "tst_eventapplier.moc"
