// The sync codec: what the relay encodes, the client decodes to the same
// values; malformed input is refused with the field's path; unknown fields
// and event kinds are tolerated.

#include "ProtocolCases.h"

#include "protocol/DeviceEnrollment.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "protocol/SyncEvents.h"
#include "protocol/SyncMutations.h"

#include <Poco/JSON/Array.h>

#include <QtTest>

using namespace callsnare;
using namespace callsnare::protocol;
using namespace protocol_cases;

namespace {

const char* const Uuid1 = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
const char* const Uuid2 = "7a1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";

} // namespace

class SyncProtocolTest : public QObject {
    Q_OBJECT

private slots:
    void instantsRoundTripInOneSpelling_data();
    void instantsRoundTripInOneSpelling();
    void eventPageRoundTrips();
    void eventPageRefusesBadEnvelopes_data();
    void eventPageRefusesBadEnvelopes();
    void leadSnapshotRoundTrips();
    void factsDecodeByKind();
    void factErrorsNameTheField();
    void factPagesDecodeEveryFact();
    void unknownKindsAndFieldsAreTolerated();
    void mutationBatchRoundTrips();
    void mutationItemsFailOnTheirOwn();
    void mutationBatchFailsAsAWhole_data();
    void mutationBatchFailsAsAWhole();
    void mutationResultsRoundTrip();
    void orgSettingsRoundTrip();
    void orgSettingsErrorsNameTheField();
    void orgSettingsWithoutScheduleDecodeWithDefaults();
    void settingsChangeRoundTrips();
    void settingsChangeRefusesBadValues_data();
    void settingsChangeRefusesBadValues();
    void enrollmentRoundTrips();
    void enrollmentCodesCanonicalize();
};

void SyncProtocolTest::instantsRoundTripInOneSpelling_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("utc") << "2026-03-08T14:05:00Z" << true;
    QTest::newRow("leap day") << "2028-02-29T00:00:59Z" << true;
    QTest::newRow("no leap day") << "2026-02-29T00:00:00Z" << false;
    QTest::newRow("offset") << "2026-03-08T14:05:00+01:00" << false;
    QTest::newRow("fraction") << "2026-03-08T14:05:00.5Z" << false;
    QTest::newRow("hour 24") << "2026-03-08T24:00:00Z" << false;
    QTest::newRow("letters") << "2026-0a-08T14:05:00Z" << false;
    QTest::newRow("empty") << "" << false;
}

void SyncProtocolTest::instantsRoundTripInOneSpelling()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto parsed = parseInstant(text.toStdString());
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(QString::fromStdString(domain::formatInstant(*parsed)), text);
    }
}

void SyncProtocolTest::eventPageRoundTrips()
{
    const std::vector<EventRecord> records{
        {1, "call.missed", at("2026-03-08T14:05:00Z"), R"({"call_sid":"CA1","body":"quote \" and \u00e9"})"},
        {2, "lead.created", at("2026-03-08T14:05:01Z"), R"({})"},
    };
    const std::string json = encodeEventPage({"org-1", 9, true}, records);
    const auto page = decodeEventPage(json);
    QVERIFY2(page, page ? "" : qPrintable(errorText(page.error())));
    QCOMPARE(page->header.orgId, std::string("org-1"));
    QCOMPARE(page->header.lastSeq, 9);
    QVERIFY(page->header.hasMore);
    QCOMPARE(page->events.size(), std::size_t(2));
    QCOMPARE(page->events[0].kind, std::string("call.missed"));
    QCOMPARE(page->events[0].at, at("2026-03-08T14:05:00Z"));
    QCOMPARE(page->events[0].data->getValue<std::string>("body"), std::string("quote \" and \xc3\xa9"));
    QCOMPARE(page->events[1].seq, 2);
}

void SyncProtocolTest::eventPageRefusesBadEnvelopes_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    const QString head = R"({"protocol":1,"org_id":"o","last_seq":3,"has_more":false,)";
    QTest::newRow("not json") << "{"
                              << "malformed_json";
    QTest::newRow("array") << "[]"
                           << "malformed_json";
    QTest::newRow("new protocol")
        << R"({"protocol":2,"org_id":"o","last_seq":0,"has_more":false,"events":[]})"
        << "unsupported_protocol";
    QTest::newRow("seq as text") << head
            + R"("events":[{"seq":"1","kind":"k","at":"2026-03-08T14:05:00Z","data":{}}]})"
                                 << "events[0].seq: expected an integer, got a string";
    QTest::newRow("missing data") << head + R"("events":[{"seq":1,"kind":"k","at":"2026-03-08T14:05:00Z"}]})"
                                  << "events[0].data: required an object is missing";
    QTest::newRow("bad time") << head + R"("events":[{"seq":1,"kind":"k","at":"yesterday","data":{}}]})"
                              << "events[0].at: \"yesterday\" is not a UTC time";
    QTest::newRow("out of order") << head
            + R"("events":[{"seq":2,"kind":"k","at":"2026-03-08T14:05:00Z","data":{}},)"
              R"({"seq":2,"kind":"k","at":"2026-03-08T14:05:00Z","data":{}}]})"
                                  << "events[1].seq: events must be in increasing seq order";
}

void SyncProtocolTest::eventPageRefusesBadEnvelopes()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    const auto page = decodeEventPage(json.toStdString());
    QVERIFY(!page);
    QVERIFY2(errorText(page.error()).contains(expected), qPrintable(errorText(page.error())));
}

void SyncProtocolTest::leadSnapshotRoundTrips()
{
    LeadSnapshot lead;
    lead.leadId = "lead-1";
    lead.contactId = "contact-1";
    lead.phone = "+15125550100";
    lead.state = domain::LeadState::Closed;
    lead.outcome = domain::CloseOutcome::Won;
    lead.stamps.missedAt = at("2026-03-08T14:05:00Z");
    lead.stamps.firstTextAt = at("2026-03-08T14:05:02Z");
    lead.stamps.closedAt = at("2026-03-09T10:00:00Z");
    lead.lastCallAt = at("2026-03-08T14:20:00Z");
    lead.callCount = 3;
    lead.automationPaused = true;
    lead.attention = "soft_opt_out";
    lead.version = 7;
    const auto decoded = decodeLeadSnapshot(encodeLeadSnapshot(lead), "current");
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QCOMPARE(decoded->leadId, lead.leadId);
    QCOMPARE(decoded->state, lead.state);
    QVERIFY(decoded->outcome == lead.outcome);
    QVERIFY(decoded->stamps == lead.stamps);
    QCOMPARE(decoded->lastCallAt, lead.lastCallAt);
    QCOMPARE(decoded->callCount, 3);
    QVERIFY(decoded->automationPaused);
    QVERIFY(!decoded->urgent);
    QVERIFY(decoded->attention == lead.attention);
    QCOMPARE(decoded->version, 7);
}

void SyncProtocolTest::factsDecodeByKind()
{
    const std::string json = encodeEventPage(
        {"o", 5, false},
        {
            {1, "call.missed", at("2026-03-08T14:05:00Z"),
             R"({"carrier":"twilio","call_sid":"CA1","from":"anonymous","to":"+15125550199","status":"no-answer",)"
             R"("occurred_at":"2026-03-08T14:05:00Z","lead_id":null,"placement":"none","withheld":true})"},
            {2, "message.received", at("2026-03-08T14:06:00Z"),
             R"({"message_id":"m1","carrier":"twilio","message_sid":"SM1","lead_id":"l1","lead_state":"replied",)"
             R"("contact_id":"c1","from":"+15125550100","to":"+15125550199","body":"No heat","media_count":0,)"
             R"("keyword":"none","received_at":"2026-03-08T14:06:00Z"})"},
            {3, "message.status", at("2026-03-08T14:06:05Z"),
             R"({"carrier":"twilio","message_sid":"SM2","message_id":"m2","carrier_status":"delivered",)"
             R"("status":"delivered","error_code":null,"applied":false,"received_at":"2026-03-08T14:06:05Z"})"},
            {4, "message.failed", at("2026-03-08T14:06:06Z"),
             R"({"message_id":"m3","lead_id":"l1","purpose":"text_back","error_code":21610,"reason":"unsubscribed"})"},
            {5, "lead.answered", at("2026-03-08T14:07:00Z"),
             R"({"lead_id":"l1","question_key":"address","answer":"12 Elm St"})"},
        });
    const auto page = decodeEventPage(json);
    QVERIFY(page);
    const auto call = decodeFact(page->events[0]);
    QVERIFY2(call, call ? "" : qPrintable(errorText(call.error())));
    QVERIFY(!std::get<CallFact>(*call).from);
    QVERIFY(std::get<CallFact>(*call).missed);
    const auto received = decodeFact(page->events[1]);
    QVERIFY(received);
    QCOMPARE(std::get<MessageFact>(*received).direction, std::string("inbound"));
    QCOMPARE(std::get<MessageFact>(*received).body, std::string("No heat"));
    const auto unapplied = decodeFact(page->events[2]);
    QVERIFY(unapplied);
    QVERIFY2(!std::get<MessageProgress>(*unapplied).status,
             "a callback the relay did not apply changes nothing");
    const auto failed = decodeFact(page->events[3]);
    QVERIFY(failed);
    QCOMPARE(std::get<MessageProgress>(*failed).status.value(), std::string("failed"));
    QCOMPARE(std::get<MessageProgress>(*failed).errorCode.value(), 21610);
    const auto answered = decodeFact(page->events[4]);
    QVERIFY(answered);
    QCOMPARE(std::get<LeadActivity>(*answered).detail, std::string("address: 12 Elm St"));
}

void SyncProtocolTest::factErrorsNameTheField()
{
    const std::string json = encodeEventPage(
        {"o", 1, false},
        {{1, "contact.opted_out", at("2026-03-08T14:05:00Z"),
          R"({"contact_id":"c1","phone":"+15125550100","opted_out":"yes","source":"keyword",)"
          R"("changed_at":"2026-03-08T14:05:00Z"})"}});
    const auto page = decodeEventPage(json);
    QVERIFY(page);
    const auto fact = decodeFact(page->events[0]);
    QVERIFY(!fact);
    QCOMPARE(errorText(fact.error()),
             QString("invalid_field: events[seq 1].data.opted_out: expected a boolean, got a string"));
}

// What the desktop's page fetcher decodes on its own thread: every event's
// fact, the JSON released; one bad fact fails the page and names itself.
void SyncProtocolTest::factPagesDecodeEveryFact()
{
    const std::string optOut = R"({"contact_id":"c1","phone":"+15125550100","opted_out":true,)"
                               R"("source":"keyword","changed_at":"2026-03-08T14:05:00Z"})";
    const auto page
        = decodeFactPage(encodeEventPage({"o", 2, false},
                                         {{1, "contact.opted_out", at("2026-03-08T14:05:00Z"), optOut},
                                          {2, "invoice.paid", at("2026-03-08T14:06:00Z"), "{}"}}));
    QVERIFY2(page, page ? "" : qPrintable(errorText(page.error())));
    QCOMPARE(page->header.orgId, std::string("o"));
    QCOMPARE(page->events.size(), std::size_t(2));
    QCOMPARE(page->events[0].event.seq, 1);
    QVERIFY(!page->events[0].event.data);
    QVERIFY(std::get<ContactOptOut>(page->events[0].fact).optedOut);
    QCOMPARE(std::get<UnknownFact>(page->events[1].fact).kind, std::string("invoice.paid"));

    std::string wrong = optOut;
    wrong.replace(wrong.find("true"), 4, "\"yes\"");
    const auto bad
        = decodeFactPage(encodeEventPage({"o", 2, false},
                                         {{1, "contact.opted_out", at("2026-03-08T14:05:00Z"), optOut},
                                          {2, "contact.opted_out", at("2026-03-08T14:06:00Z"), wrong}}));
    QVERIFY(!bad);
    QCOMPARE(errorText(bad.error()),
             QString("invalid_field: events[seq 2].data.opted_out: expected a boolean, got a string"));
    QVERIFY(!decodeFactPage("{not json"));
}

void SyncProtocolTest::unknownKindsAndFieldsAreTolerated()
{
    const std::string json = encodeEventPage(
        {"o", 2, false},
        {{1, "invoice.paid", at("2026-03-08T14:05:00Z"), R"({"amount":1})"},
         {2, "note.added", at("2026-03-08T14:05:00Z"),
          R"({"note_id":"n1","lead_id":"l1","author":"Dana","body":"Call after 5","created_at":"2026-03-08T14:05:00Z",)"
          R"("pinned":true})"}});
    const auto page = decodeEventPage(json);
    QVERIFY(page);
    const auto unknown = decodeFact(page->events[0]);
    QVERIFY(unknown);
    QCOMPARE(std::get<UnknownFact>(*unknown).kind, std::string("invoice.paid"));
    const auto note = decodeFact(page->events[1]);
    QVERIFY2(note, note ? "" : qPrintable(errorText(note.error())));
    QCOMPARE(std::get<NoteFact>(*note).body, std::string("Call after 5"));
}

void SyncProtocolTest::mutationBatchRoundTrips()
{
    std::vector<Mutation> batch{
        {Uuid1, "message.send", std::nullopt, SendMessage{Uuid2, "lead-1", "On our way"}},
        {Uuid2, "lead.set_state", 4,
         SetLeadState{"lead-1", domain::LeadState::Closed, domain::CloseOutcome::Lost}},
        {"8a1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f", "booking.create", std::nullopt,
         BookingWrite{Uuid1, "lead-1", at("2026-03-09T15:00:00Z"), 90, "Sam", "12 Elm St"}},
    };
    const auto decoded = decodeMutationBatch(encodeMutationBatch(batch), 100);
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QCOMPARE(decoded->size(), std::size_t(3));
    for (const auto& item : *decoded) {
        QVERIFY2(item.mutation, item.mutation ? "" : qPrintable(errorText(item.mutation.error())));
    }
    QCOMPARE(std::get<SendMessage>(decoded->at(0).mutation->body).body, std::string("On our way"));
    QCOMPARE(decoded->at(1).mutation->baseVersion.value(), 4);
    const auto& move = std::get<SetLeadState>(decoded->at(1).mutation->body);
    QCOMPARE(move.state, domain::LeadState::Closed);
    QVERIFY(move.outcome == domain::CloseOutcome::Lost);
    const auto& booking = std::get<BookingWrite>(decoded->at(2).mutation->body);
    QCOMPARE(booking.durationMinutes, 90);
    QCOMPARE(booking.startsAt, at("2026-03-09T15:00:00Z"));
}

void SyncProtocolTest::mutationItemsFailOnTheirOwn()
{
    const std::string json = std::string(R"({"protocol":1,"mutations":[)") + R"({"id":")" + Uuid1
        + R"(","kind":"lead.take_over","data":{"lead_id":"l1"}},)" + R"({"id":")" + Uuid2
        + R"(","kind":"message.send","data":{"message_id":")" + Uuid1 + R"(","lead_id":"l1","body":"   "}},)"
        + R"({"id":"8a1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f","kind":"lead.rename","data":{}},)"
        + R"({"id":"9a1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f","kind":"note.add","base_version":null,"extra":1,)"
        + R"("data":{"note_id":")" + Uuid2 + R"(","lead_id":"l1","author":"Dana","body":"ok"}}]})";
    const auto decoded = decodeMutationBatch(json, 100);
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QCOMPARE(decoded->size(), std::size_t(4));
    QCOMPARE(errorText(decoded->at(0).mutation.error()),
             QString("invalid_field: mutations[0].base_version: required for lead.take_over"));
    QCOMPARE(errorText(decoded->at(1).mutation.error()),
             QString("invalid_field: mutations[1].data.body: must not be empty"));
    QCOMPARE(QString::fromStdString(decoded->at(2).mutation.error().code), QString("unknown_mutation"));
    QVERIFY(decoded->at(3).mutation);
    QCOMPARE(decoded->at(3).id, std::string("9a1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f"));
}

void SyncProtocolTest::mutationBatchFailsAsAWhole_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no uuid") << R"({"protocol":1,"mutations":[{"id":"abc","kind":"note.add","data":{}}]})"
                             << "mutations[0].id: \"abc\" is not a UUID";
    QTest::newRow("not a list") << R"({"protocol":1,"mutations":{}})"
                                << "mutations: expected an array, got an object";
    QTest::newRow("no protocol") << R"({"mutations":[]})"
                                 << "protocol: required an integer is missing";
    QTest::newRow("too many") << R"({"protocol":1,"mutations":[1,2,3]})"
                              << "batch_too_large";
}

void SyncProtocolTest::mutationBatchFailsAsAWhole()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    const auto decoded = decodeMutationBatch(json.toStdString(), 2);
    QVERIFY(!decoded);
    QVERIFY2(errorText(decoded.error()).contains(expected), qPrintable(errorText(decoded.error())));
}

void SyncProtocolTest::mutationResultsRoundTrip()
{
    LeadSnapshot lead;
    lead.leadId = "lead-1";
    lead.contactId = "c";
    lead.phone = "+15125550100";
    lead.version = 5;
    MutationResult conflict{Uuid1, 409, domain::makeError("stale", "The lead changed."),
                            encodeLeadSnapshot(lead), nullptr};
    Poco::JSON::Object::Ptr made = new Poco::JSON::Object;
    made->set("version", 6);
    MutationResult applied{Uuid2, 200, std::nullopt, nullptr, made};
    const auto decoded = decodeMutationResults(
        encodeMutationResults({encodeMutationResult(conflict), encodeMutationResult(applied)}));
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QCOMPARE(decoded->size(), std::size_t(2));
    QCOMPARE(decoded->at(0).status, 409);
    QCOMPARE(decoded->at(0).error->code, std::string("stale"));
    QCOMPARE(decodeLeadSnapshot(decoded->at(0).current, "current")->version, 5);
    QVERIFY(decoded->at(1).applied());
    QCOMPARE(decoded->at(1).data->getValue<int>("version"), 6);

    const auto missingError = decodeMutationResults(std::string(R"({"protocol":1,"results":[{"id":")") + Uuid1
                                                    + R"(","status":422}]})");
    QVERIFY(!missingError);
    QVERIFY(errorText(missingError.error()).contains("results[0].error: required an object is missing"));
}

void SyncProtocolTest::orgSettingsRoundTrip()
{
    OrgSettings settings;
    settings.timeZone = "America/Chicago";
    settings.quietStartMinutes = 1260;
    settings.quietEndMinutes = 480;
    settings.quietPolicy = "skip";
    settings.dedupeWindowMinutes = 720;
    settings.templates = {{"text_back", "Hi, {{company}} here."}, {"help", "Call {{office_phone}}."}};
    settings.intakeQuestions = {{"problem", "What is wrong?"}, {"address", "Where?"}};
    settings.onCallNumber = "+15125550177";
    settings.businessHours = WeeklyHours{};
    settings.businessHours[6] = {{std::chrono::hours{9}, std::chrono::hours{12}}};
    settings.businessHours[1] = {{std::chrono::hours{7}, std::chrono::minutes{11 * 60 + 30}},
                                 {std::chrono::hours{13}, std::chrono::hours{24}}};
    settings.holidays = {std::chrono::year{2026} / 12 / 25, std::chrono::year{2027} / 1 / 1};
    settings.reminderOffsetsMinutes = {2880, 60};
    settings.responseTargetMinutes = 12;
    settings.version = 3;
    const std::string json = encodeEventPage(
        {"o", 1, false},
        {{1, "org.settings", at("2026-03-08T14:05:00Z"), stringify(*encodeOrgSettings(settings))}});
    const auto page = decodeEventPage(json);
    QVERIFY(page);
    const auto fact = decodeFact(page->events[0]);
    QVERIFY2(fact, fact ? "" : qPrintable(errorText(fact.error())));
    const auto& decoded = std::get<OrgSettings>(*fact);
    QCOMPARE(decoded.timeZone, settings.timeZone);
    QCOMPARE(decoded.quietStartMinutes, 1260);
    QCOMPARE(decoded.quietEndMinutes, 480);
    QCOMPARE(decoded.quietPolicy, std::string("skip"));
    QCOMPARE(decoded.dedupeWindowMinutes, 720);
    QVERIFY(decoded.templates == settings.templates);
    QVERIFY(decoded.intakeQuestions == settings.intakeQuestions);
    QCOMPARE(decoded.onCallNumber.value(), std::string("+15125550177"));
    QVERIFY(decoded.businessHours == settings.businessHours);
    QVERIFY(decoded.holidays == settings.holidays);
    QVERIFY(decoded.reminderOffsetsMinutes == settings.reminderOffsetsMinutes);
    QCOMPARE(decoded.responseTargetMinutes, 12);
    QCOMPARE(decoded.version, 3);
    const std::string wire = stringify(*encodeOrgSettings(settings));
    QVERIFY2(wire.find(R"("mon":[{"open":"07:00","close":"11:30"},{"open":"13:00","close":"24:00"}])")
                 != std::string::npos,
             wire.c_str());
    QVERIFY2(wire.find(R"("holidays":["2026-12-25","2027-01-01"])") != std::string::npos, wire.c_str());

    // No on-call number: null on the wire, nullopt again.
    settings.onCallNumber.reset();
    const auto none = decodeOrgSettings(encodeOrgSettings(settings), "current");
    QVERIFY(none);
    QVERIFY(!none->onCallNumber);
}

void SyncProtocolTest::orgSettingsErrorsNameTheField()
{
    OrgSettings settings;
    settings.timeZone = "America/Chicago";
    auto data = encodeOrgSettings(settings);
    Poco::JSON::Object::Ptr templates = new Poco::JSON::Object;
    templates->set("text_back", 7);
    data->set("templates", templates);
    auto decoded = decodeOrgSettings(data, "current");
    QVERIFY(!decoded);
    QCOMPARE(errorText(decoded.error()),
             QString("invalid_field: current.templates.text_back: expected a string"));

    data = encodeOrgSettings(settings);
    Poco::JSON::Array::Ptr questions = new Poco::JSON::Array;
    Poco::JSON::Object::Ptr question = new Poco::JSON::Object;
    question->set("key", "problem");
    questions->add(question);
    data->set("intake_questions", questions);
    decoded = decodeOrgSettings(data, "current");
    QVERIFY(!decoded);
    QCOMPARE(errorText(decoded.error()),
             QString("missing_field: current.intake_questions[0].text: required a string is missing"));

    data = encodeOrgSettings(settings);
    data->set("quiet_policy", "loud");
    decoded = decodeOrgSettings(data, "current");
    QVERIFY(!decoded);
    QVERIFY2(errorText(decoded.error()).contains("current.quiet_policy"),
             qPrintable(errorText(decoded.error())));
}

void SyncProtocolTest::orgSettingsWithoutScheduleDecodeWithDefaults()
{
    // A relay that predates business hours, holidays, reminder offsets and the
    // response target sends none of them: they mean the defaults.
    const auto decoded = decodeOrgSettings(
        parseObject(R"({"time_zone":"America/Chicago","quiet_start_minutes":0,"quiet_end_minutes":0,)"
                    R"("quiet_policy":"defer","dedupe_window_minutes":1440,"templates":{},)"
                    R"("intake_questions":[],"version":2,"later_field":true})",
                    "test")
            .value(),
        "current");
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QVERIFY(decoded->businessHours == defaultWeeklyHours());
    QCOMPARE(decoded->businessHours[1].size(), std::size_t(1));
    QCOMPARE(decoded->businessHours[1][0].open.count(), 8 * 60);
    QCOMPARE(decoded->businessHours[1][0].close.count(), 17 * 60);
    QVERIFY(decoded->businessHours[0].empty() && decoded->businessHours[6].empty());
    QVERIFY(decoded->holidays.empty());
    QVERIFY((decoded->reminderOffsetsMinutes == std::vector<std::int64_t>{1440, 120}));
    QCOMPARE(decoded->responseTargetMinutes, 5);
}

void SyncProtocolTest::settingsChangeRoundTrips()
{
    SettingsChange change;
    change.quietStartMinutes = 1320;
    change.quietPolicy = "skip";
    change.templates = {{"text_back", "{{company}}: sorry we missed you. Reply STOP to opt out."}};
    change.intakeQuestions = std::vector<domain::IntakeQuestion>{{"problem", "What is wrong?"}};
    change.onCallNumber = std::optional<std::string>(); // clear it
    change.businessHours = defaultWeeklyHours();
    (*change.businessHours)[6] = {{std::chrono::hours{8}, std::chrono::hours{12}}};
    change.holidays = std::vector<std::chrono::year_month_day>{std::chrono::year{2026} / 7 / 4};
    change.reminderOffsetsMinutes = std::vector<std::int64_t>{1440};
    change.responseTargetMinutes = 10;
    const std::vector<Mutation> batch{{Uuid1, "settings.change", 2, change}};
    const auto decoded = decodeMutationBatch(encodeMutationBatch(batch), 100);
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QVERIFY2(decoded->at(0).mutation,
             decoded->at(0).mutation ? "" : qPrintable(errorText(decoded->at(0).mutation.error())));
    QCOMPARE(decoded->at(0).mutation->baseVersion.value(), 2);
    const auto& read = std::get<SettingsChange>(decoded->at(0).mutation->body);
    QCOMPARE(read.quietStartMinutes.value(), 1320);
    QVERIFY(!read.quietEndMinutes);
    QVERIFY(!read.timeZone);
    QVERIFY(!read.dedupeWindowMinutes);
    QCOMPARE(read.quietPolicy.value(), std::string("skip"));
    QVERIFY(read.templates == change.templates);
    QVERIFY(read.intakeQuestions == change.intakeQuestions);
    QVERIFY2(read.onCallNumber && !*read.onCallNumber, "null clears the on-call number");
    QVERIFY(read.businessHours == change.businessHours);
    QVERIFY(read.holidays == change.holidays);
    QVERIFY(read.reminderOffsetsMinutes == change.reminderOffsetsMinutes);
    QCOMPARE(read.responseTargetMinutes.value(), 10);

    // Absent: the on-call number is left as it is.
    SettingsChange other;
    other.dedupeWindowMinutes = 60;
    const auto left = decodeMutationBatch(encodeMutationBatch({{Uuid2, "settings.change", 2, other}}), 100);
    QVERIFY(left && left->at(0).mutation);
    QVERIFY(!std::get<SettingsChange>(left->at(0).mutation->body).onCallNumber);
    QVERIFY(!std::get<SettingsChange>(left->at(0).mutation->body).businessHours);
    QVERIFY(!std::get<SettingsChange>(left->at(0).mutation->body).reminderOffsetsMinutes);
}

void SyncProtocolTest::settingsChangeRefusesBadValues_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << "{}"
                             << "mutations[0].data: names no setting to change";
    QTest::newRow("policy")
        << R"({"quiet_policy":"loud"})"
        << R"(mutations[0].data.quiet_policy: "loud" is not a quiet hours policy (defer or skip))";
    QTest::newRow("start") << R"({"quiet_start_minutes":1440})"
                           << "mutations[0].data.quiet_start_minutes: must be between 0 and 1439";
    QTest::newRow("end") << R"({"quiet_end_minutes":-1})"
                         << "mutations[0].data.quiet_end_minutes: must be between 0 and 1439";
    QTest::newRow("dedupe") << R"({"dedupe_window_minutes":0})"
                            << "mutations[0].data.dedupe_window_minutes: must be between 1 and 10080";
    QTest::newRow("template name") << R"({"templates":{"welcome":"Hi"}})"
                                   << R"(mutations[0].data.templates.welcome: "welcome" is not a template)";
    QTest::newRow("template long") << QString(R"({"templates":{"text_back":"%1"}})").arg(QString(1601, 'a'))
                                   << "mutations[0].data.templates.text_back: longer than 1600 bytes";
    QTest::newRow("template placeholder") << R"({"templates":{"text_back":"Hi {{nickname}}"}})"
                                          << "mutations[0].data.templates.text_back: ";
    QTest::newRow("template type") << R"({"templates":{"text_back":1}})"
                                   << "mutations[0].data.templates.text_back: expected a string";
    QTest::newRow("on-call") << R"({"on_call_number":"512 555 0100"})"
                             << R"(mutations[0].data.on_call_number: "512 555 0100" is not an E.164 number)";
    QTest::newRow("question key") << R"({"intake_questions":[{"key":"","text":"Where?"}]})"
                                  << "mutations[0].data.intake_questions[0].key: must not be empty";
    QTest::newRow("question twice")
        << R"({"intake_questions":[{"key":"a","text":"A?"},{"key":"a","text":"B?"}]})"
        << R"(mutations[0].data.intake_questions[1].key: "a" is asked twice)";
    QTest::newRow("question shape") << R"({"intake_questions":["Where?"]})"
                                    << "mutations[0].data.intake_questions[0]: expected an object";
    QTest::newRow("zone") << R"({"time_zone":" "})"
                          << "mutations[0].data.time_zone: must not be empty";
    QTest::newRow("open after close")
        << R"({"business_hours":{"sat":[{"open":"17:00","close":"08:00"}]}})"
        << "mutations[0].data.business_hours.sat: Each opening time must start before it ends";
    QTest::newRow("hours overlap")
        << R"({"business_hours":{"mon":[{"open":"08:00","close":"12:00"},{"open":"11:00","close":"17:00"}]}})"
        << "mutations[0].data.business_hours.mon: Opening times on the same day must not overlap";
    QTest::newRow("hours day") << R"({"business_hours":{"monday":[]}})"
                               << "mutations[0].data.business_hours.monday: is not a weekday";
    QTest::newRow("hours clock") << R"({"business_hours":{"tue":[{"open":"8am","close":"17:00"}]}})"
                                 << R"(mutations[0].data.business_hours.tue[0].open: "8am" is not a time)";
    QTest::newRow("hours 24:30") << R"({"business_hours":{"tue":[{"open":"08:00","close":"24:30"}]}})"
                                 << "mutations[0].data.business_hours.tue[0].close:";
    QTest::newRow("hours shape") << R"({"business_hours":{"wed":{"open":"08:00"}}})"
                                 << "mutations[0].data.business_hours.wed: expected an array";
    QTest::newRow("holiday date") << R"({"holidays":["2026-02-30"]})"
                                  << R"(mutations[0].data.holidays[0]: "2026-02-30" is not a date)";
    QTest::newRow("holiday twice") << R"({"holidays":["2026-12-25","2026-12-25"]})"
                                   << "mutations[0].data.holidays[1]: 2026-12-25 is listed twice";
    QTest::newRow("offset twice") << R"({"reminder_offsets_minutes":[120,120]})"
                                  << "mutations[0].data.reminder_offsets_minutes[1]: The reminder offset of "
                                     "120 minutes is listed twice";
    QTest::newRow("offset zero")
        << R"({"reminder_offsets_minutes":[0]})"
        << "mutations[0].data.reminder_offsets_minutes[0]: A reminder offset must be "
           "a positive time";
    QTest::newRow("offset far") << R"({"reminder_offsets_minutes":[20161]})"
                                << "mutations[0].data.reminder_offsets_minutes[0]: must be at most 20160";
    QTest::newRow("offset type") << R"({"reminder_offsets_minutes":["2h"]})"
                                 << "mutations[0].data.reminder_offsets_minutes[0]: expected a whole number";
    QTest::newRow("offsets many") << R"({"reminder_offsets_minutes":[1,2,3,4,5,6]})"
                                  << "mutations[0].data.reminder_offsets_minutes: at most 5 reminders";
    QTest::newRow("target") << R"({"response_target_minutes":0})"
                            << "mutations[0].data.response_target_minutes: must be between 1 and 1440";
}

void SyncProtocolTest::settingsChangeRefusesBadValues()
{
    QFETCH(QString, data);
    QFETCH(QString, expected);
    const std::string json = std::string(R"({"protocol":1,"mutations":[{"id":")") + Uuid1
        + R"(","kind":"settings.change","base_version":1,"data":)" + data.toStdString() + "}]}";
    const auto decoded = decodeMutationBatch(json, 100);
    QVERIFY2(decoded, decoded ? "" : qPrintable(errorText(decoded.error())));
    QVERIFY(!decoded->at(0).mutation);
    QVERIFY2(errorText(decoded->at(0).mutation.error()).contains(expected),
             qPrintable(errorText(decoded->at(0).mutation.error())));

    // Without a base version the change is refused before its data is read.
    const std::string unversioned = std::string(R"({"protocol":1,"mutations":[{"id":")") + Uuid1
        + R"(","kind":"settings.change","data":{"quiet_policy":"skip"}}]})";
    const auto refused = decodeMutationBatch(unversioned, 100);
    QVERIFY(refused && !refused->at(0).mutation);
    QCOMPARE(errorText(refused->at(0).mutation.error()),
             QString("invalid_field: mutations[0].base_version: required for settings.change"));
}

void SyncProtocolTest::enrollmentRoundTrips()
{
    const auto request = decodeEnrollRequest(encodeEnrollRequest({"7KQ2-M9XD", "Front desk"}));
    QVERIFY(request);
    QCOMPARE(request->deviceName, std::string("Front desk"));
    const auto response
        = decodeEnrollResponse(encodeEnrollResponse({"d1", "tok", "o1", "Acme HVAC", "America/Chicago"}));
    QVERIFY(response);
    QCOMPARE(response->token, std::string("tok"));
    QCOMPARE(response->timeZone, std::string("America/Chicago"));
    QVERIFY(!decodeEnrollRequest(R"({"protocol":1})"));
    const auto longName
        = decodeEnrollRequest(R"({"protocol":1,"code":"A","device_name":")" + std::string(101, 'x') + "\"}");
    QVERIFY(!longName);
}

void SyncProtocolTest::enrollmentCodesCanonicalize()
{
    QCOMPARE(canonicalEnrollmentCode("7kq2-m9xd pa4t"), std::string("7KQ2M9XDPA4T"));
    QCOMPARE(canonicalEnrollmentCode("7KQ2_M9XD"), std::string());
    QCOMPARE(canonicalEnrollmentCode(std::string(40, 'A')), std::string());
}

QTEST_APPLESS_MAIN(SyncProtocolTest)
#include "tst_syncprotocol.moc"
