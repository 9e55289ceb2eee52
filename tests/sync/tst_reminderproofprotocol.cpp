// Reminder jobs and proof records on the wire: what the relay will encode, a
// client decodes to the same values; a bad field is refused by its path; a
// proof record read under another organization no longer verifies.

#include "ProtocolCases.h"

#include "domain/ProofLedger.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"

#include <Poco/JSON/Array.h>

#include <QtTest>

using namespace callsnare;
using namespace callsnare::protocol;
using namespace protocol_cases;

namespace {

ReminderJobSnapshot reminderSnapshot()
{
    ReminderJobSnapshot job;
    job.reminderId = "r-24h";
    job.bookingId = "b-1";
    job.leadId = "lead-1";
    job.kind = domain::ReminderKind::Reminder;
    job.offsetMinutes = 1440;
    job.bookingStartsAt = at("2026-03-12T15:00:00Z");
    job.dueAt = at("2026-03-11T15:00:00Z");
    job.status = domain::ReminderStatus::Sent;
    return job;
}

// Two records of a ledger sealed by the domain, as the relay will seal them.
std::vector<domain::ProofRecord> sealedRecords()
{
    domain::ProofLedger ledger;
    const auto first = ledger.append(
        {"o", "call_missed", at("2026-03-10T14:02:00Z"), {{"lead_id", "lead-1"}, {"call_sid", "CA1"}}});
    const auto second = ledger.append(
        {"o",
         "text_sent",
         at("2026-03-10T14:02:05Z"),
         {{"message_id", "m-1"}, {"body", "Sorry we missed you \xe2\x80\x94 how can we help?"}}});
    return {first.value(), second.value()};
}

} // namespace

class ReminderProofProtocolTest : public QObject {
    Q_OBJECT

private slots:
    void reminderJobRoundTrips();
    void reminderJobErrorsNameTheField_data();
    void reminderJobErrorsNameTheField();
    void proofRecordRoundTrips();
    void proofRecordErrorsNameTheField_data();
    void proofRecordErrorsNameTheField();
};

void ReminderProofProtocolTest::reminderJobRoundTrips()
{
    const ReminderJobSnapshot job = reminderSnapshot();
    const auto fact = decodedFact("reminder.sent", stringify(*encodeReminderJob(job)));
    QVERIFY2(fact, fact ? "" : qPrintable(errorText(fact.error())));
    const auto& decoded = std::get<ReminderJobSnapshot>(*fact);
    QCOMPARE(decoded.reminderId, job.reminderId);
    QCOMPARE(decoded.bookingId, job.bookingId);
    QCOMPARE(decoded.leadId, job.leadId);
    QCOMPARE(decoded.kind, job.kind);
    QCOMPARE(decoded.offsetMinutes, 1440);
    QCOMPARE(decoded.bookingStartsAt, job.bookingStartsAt);
    QCOMPARE(decoded.dueAt, job.dueAt);
    QCOMPARE(decoded.status, domain::ReminderStatus::Sent);

    // The domain's job and back; each status has its event kind.
    const domain::ReminderJob domainJob = reminderJobOf(decoded, "o");
    QCOMPARE(domainJob.orgId, std::string("o"));
    QCOMPARE(domainJob.offset, std::chrono::minutes{1440});
    const ReminderJobSnapshot again = reminderSnapshotOf(domainJob, "lead-1");
    QVERIFY(reminderJobOf(again, "o") == domainJob);
    QCOMPARE(reminderEventKind(domain::ReminderStatus::Pending), std::string_view("reminder.scheduled"));
    QCOMPARE(reminderEventKind(domain::ReminderStatus::Sent), std::string_view("reminder.sent"));
    QCOMPARE(reminderEventKind(domain::ReminderStatus::Canceled), std::string_view("reminder.canceled"));

    // A confirmation (offset 0), with a field this version does not know.
    auto confirmation = job;
    confirmation.kind = domain::ReminderKind::Confirmation;
    confirmation.offsetMinutes = 0;
    confirmation.status = domain::ReminderStatus::Pending;
    auto data = encodeReminderJob(confirmation);
    data->set("template", "confirmation");
    const auto scheduled = decodedFact("reminder.scheduled", stringify(*data));
    QVERIFY2(scheduled, scheduled ? "" : qPrintable(errorText(scheduled.error())));
    QCOMPARE(std::get<ReminderJobSnapshot>(*scheduled).kind, domain::ReminderKind::Confirmation);
    QCOMPARE(std::get<ReminderJobSnapshot>(*scheduled).status, domain::ReminderStatus::Pending);
}

void ReminderProofProtocolTest::reminderJobErrorsNameTheField_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("json"); // the value, or "-" to leave the field out
    QTest::addColumn<QString>("expected");
    QTest::newRow("no id") << "reminder.sent"
                           << "reminder_id"
                           << "-"
                           << "missing_field: events[seq 7].data.reminder_id: required a string is missing";
    QTest::newRow("no booking")
        << "reminder.sent"
        << "booking_id"
        << "null"
        << "missing_field: events[seq 7].data.booking_id: required a string is missing";
    QTest::newRow("no lead") << "reminder.sent"
                             << "lead_id"
                             << "-"
                             << "missing_field: events[seq 7].data.lead_id: required a string is missing";
    QTest::newRow("offset as text")
        << "reminder.sent"
        << "offset_minutes"
        << R"("1440")"
        << "invalid_field: events[seq 7].data.offset_minutes: expected an integer, got a string";
    QTest::newRow("reminder without offset")
        << "reminder.sent"
        << "offset_minutes"
        << "0"
        << "invalid_field: events[seq 7].data.offset_minutes: must be positive for a reminder";
    QTest::newRow("unknown kind")
        << "reminder.sent"
        << "kind"
        << R"("follow_up")"
        << R"(invalid_field: events[seq 7].data.kind: "follow_up" is not a reminder kind)";
    QTest::newRow("bad due time")
        << "reminder.sent"
        << "due_at"
        << R"("2026-03-11 15:00")"
        << R"(invalid_field: events[seq 7].data.due_at: "2026-03-11 15:00" is not a UTC time)";
    QTest::newRow("no visit time")
        << "reminder.sent"
        << "booking_starts_at"
        << "-"
        << "missing_field: events[seq 7].data.booking_starts_at: required a UTC time";
    QTest::newRow("unknown status")
        << "reminder.sent"
        << "status"
        << R"("delivered")"
        << R"(invalid_field: events[seq 7].data.status: "delivered" is not a reminder status)";
    QTest::newRow("status against kind")
        << "reminder.scheduled"
        << "status"
        << R"("sent")"
        << R"(invalid_field: events[seq 7].data.status: "sent" does not match the event kind reminder.scheduled)";
}

void ReminderProofProtocolTest::reminderJobErrorsNameTheField()
{
    QFETCH(QString, kind);
    QFETCH(QString, field);
    QFETCH(QString, json);
    QFETCH(QString, expected);
    auto data = encodeReminderJob(reminderSnapshot());
    data->remove(field.toStdString());
    std::string text = stringify(*data);
    if (json != QLatin1String("-")) {
        text.insert(1, "\"" + field.toStdString() + "\":" + json.toStdString() + ",");
    }
    const auto fact = decodedFact(kind.toStdString(), text);
    QVERIFY2(!fact, text.c_str());
    QVERIFY2(errorText(fact.error()).startsWith(expected), qPrintable(errorText(fact.error())));
}

void ReminderProofProtocolTest::proofRecordRoundTrips()
{
    const std::vector<domain::ProofRecord> records = sealedRecords();
    std::vector<domain::ProofRecord> decoded;
    for (const auto& record : records) {
        auto data = encodeProofRecord(proofRecordFactOf(record));
        data->set("signed_by", "relay-1"); // a later field: ignored
        const auto fact = decodedFact("proof.recorded", stringify(*data));
        QVERIFY2(fact, fact ? "" : qPrintable(errorText(fact.error())));
        decoded.push_back(proofRecordOf(std::get<ProofRecordFact>(*fact), "o"));
    }
    QVERIFY(decoded == records);
    // The pairs keep the ledger's order (not sorted), so the chain verifies as sealed.
    QCOMPARE(decoded[0].fact.fields[0].first, std::string("lead_id"));
    QCOMPARE(decoded[1].fact.fields[1].second, records[1].fact.fields[1].second);
    QVERIFY(!domain::findFirstBrokenLink(decoded));
    // Read as another organization's, the same record no longer verifies.
    const auto moved = proofRecordOf(proofRecordFactOf(records[0]), "other-org");
    QVERIFY(moved.hash != domain::proofRecordHash(moved.sequence, moved.previousHash, moved.fact));

    // A record without fields is a valid record.
    domain::ProofLedger ledger;
    const auto bare = ledger.append({"o", "ledger_opened", at("2026-03-01T00:00:00Z"), {}});
    const auto fact
        = decodedFact("proof.recorded", stringify(*encodeProofRecord(proofRecordFactOf(bare.value()))));
    QVERIFY2(fact, fact ? "" : qPrintable(errorText(fact.error())));
    QVERIFY(proofRecordOf(std::get<ProofRecordFact>(*fact), "o") == bare.value());
}

void ReminderProofProtocolTest::proofRecordErrorsNameTheField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("json"); // the value, or "-" to leave the field out
    QTest::addColumn<QString>("expected");
    const QString hex64 = QString(64, 'a');
    QTest::newRow("no sequence")
        << "sequence"
        << "-"
        << "missing_field: events[seq 7].data.sequence: required an integer is missing";
    QTest::newRow("sequence zero") << "sequence"
                                   << "0"
                                   << "invalid_field: events[seq 7].data.sequence: must be at least 1";
    QTest::newRow("sequence as text")
        << "sequence"
        << R"("1")"
        << "invalid_field: events[seq 7].data.sequence: expected an integer, got a string";
    QTest::newRow("empty kind") << "kind"
                                << R"("")"
                                << "invalid_field: events[seq 7].data.kind: must not be empty";
    QTest::newRow("no time") << "occurred_at"
                             << "-"
                             << "missing_field: events[seq 7].data.occurred_at: required a UTC time";
    QTest::newRow("fields as object")
        << "fields"
        << R"({"lead_id":"lead-1"})"
        << "invalid_field: events[seq 7].data.fields: expected an array, got an object";
    QTest::newRow("pair as array") << "fields"
                                   << R"([["lead_id","lead-1"]])"
                                   << "invalid_field: events[seq 7].data.fields[0]: expected an object";
    QTest::newRow("value as number")
        << "fields"
        << R"([{"key":"lead_id","value":"lead-1"},{"key":"attempts","value":2}])"
        << "invalid_field: events[seq 7].data.fields[1].value: expected a string, got a number";
    QTest::newRow("pair without key")
        << "fields"
        << R"([{"value":"lead-1"}])"
        << "missing_field: events[seq 7].data.fields[0].key: required a string is missing";
    QTest::newRow("key twice")
        << "fields"
        << R"([{"key":"lead_id","value":"a"},{"key":"lead_id","value":"b"}])"
        << R"(invalid_field: events[seq 7].data.fields[1].key: "lead_id" is given twice)";
    QTest::newRow("short hash")
        << "hash"
        << R"("abc")"
        << "invalid_field: events[seq 7].data.hash: expected 64 lowercase hex characters";
    QTest::newRow("upper-case hash")
        << "hash"
        << "\"" + hex64.toUpper() + "\""
        << "invalid_field: events[seq 7].data.hash: expected 64 lowercase hex characters";
    QTest::newRow("no previous hash")
        << "previous_hash"
        << "-"
        << "missing_field: events[seq 7].data.previous_hash: required a string is missing";
}

void ReminderProofProtocolTest::proofRecordErrorsNameTheField()
{
    QFETCH(QString, field);
    QFETCH(QString, json);
    QFETCH(QString, expected);
    auto data = encodeProofRecord(proofRecordFactOf(sealedRecords()[1]));
    data->remove(field.toStdString());
    std::string text = stringify(*data);
    if (json != QLatin1String("-")) {
        text.insert(1, "\"" + field.toStdString() + "\":" + json.toStdString() + ",");
    }
    const auto fact = decodedFact("proof.recorded", text);
    QVERIFY2(!fact, text.c_str());
    QVERIFY2(errorText(fact.error()).startsWith(expected), qPrintable(errorText(fact.error())));
}

QTEST_APPLESS_MAIN(ReminderProofProtocolTest)
#include "tst_reminderproofprotocol.moc"
