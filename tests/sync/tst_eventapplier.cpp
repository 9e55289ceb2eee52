// EventApplier on a real encrypted profile: pages encoded with the protocol's
// own encoder, payloads shaped as the relay writes them.

#include "ApplierCase.h"

#include "client/EventApplier.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/OrgSettingsRepository.h"
#include "store/SearchIndex.h"
#include "store/SyncStateRepository.h"

using namespace callsnare;
using namespace sync_fixture;
using syncclient::EventApplier;

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
    void derivedIdsRiseWithTheLog();
    void optOutFollowsTheContact();
    void statusOnlyMovesForward();
    void snapshotsAreVersionGuarded();
    void factsAboutNoLeadAreSkipped();
    void anotherOrganizationsPageIsRefused();
    void settingsAreVersionGuarded();

private:
    syncclient::ApplyReport apply(const std::vector<protocol::EventRecord>& events)
    {
        return applyEvents(m_case.db(), events);
    }
    qint64 cursor() { return storedCursor(m_case.db()); }

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

// Rows made from the log (calls, timeline facts) must get the same id on
// every device and replay, a different one per organization, and ids that
// sort in seq order, so their index grows at its right edge.
void TestEventApplier::derivedIdsRiseWithTheLog()
{
    const QString first = EventApplier::derivedId(kOrg, 41);
    QCOMPARE(EventApplier::derivedId(kOrg, 41), first);
    QCOMPARE(first.at(14), QLatin1Char('8')); // version 8
    QVERIFY(EventApplier::derivedId(QStringLiteral("org-other"), 41) != first);
    QString previous = first;
    for (const qint64 seq : {42, 255, 256, 65536, 1'000'000, 1'000'001}) {
        const QString next = EventApplier::derivedId(kOrg, seq);
        QVERIFY2(previous < next, qPrintable(previous + QStringLiteral(" !< ") + next));
        previous = next;
    }
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

QTEST_GUILESS_MAIN(TestEventApplier)
#include "tst_eventapplier.moc"
