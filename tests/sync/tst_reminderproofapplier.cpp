// Reminder jobs and proof records from the relay's log, applied on a real
// encrypted profile: jobs follow the relay but never leave sent or canceled;
// proof records must verify and chain onto the stored ledger, or the page
// fails whole.

#include "ApplierCase.h"

#include "client/EventApplier.h"
#include "domain/ProofLedger.h"
#include "store/ProofRecordRepository.h"
#include "store/ReminderJobRepository.h"
#include "store/SyncStateRepository.h"

using namespace callsnare;
using namespace sync_fixture;
using syncclient::EventApplier;

namespace {

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

class TestReminderProofApplier : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_case.setUpSuite(QStringLiteral("reminderproofapplier")); }
    void init()
    {
        QString error;
        QVERIFY2(m_case.setUpCase(&error), qPrintable(error));
    }
    void cleanup() { m_case.tearDownCase(); }

    void reminderJobsFollowTheRelay();
    void reminderJobsOfUnknownBookingsAreSkipped();
    void proofRecordsExtendTheLedger();
    void brokenProofRecordFailsThePage_data();
    void brokenProofRecordFailsThePage();

private:
    syncclient::ApplyReport apply(const std::vector<protocol::EventRecord>& events)
    {
        return applyEvents(m_case.db(), events);
    }
    qint64 cursor() { return storedCursor(m_case.db()); }

    ProfileCase m_case;
};

void TestReminderProofApplier::reminderJobsFollowTheRelay()
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

void TestReminderProofApplier::reminderJobsOfUnknownBookingsAreSkipped()
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

void TestReminderProofApplier::proofRecordsExtendTheLedger()
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

void TestReminderProofApplier::brokenProofRecordFailsThePage_data()
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

void TestReminderProofApplier::brokenProofRecordFailsThePage()
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

QTEST_GUILESS_MAIN(TestReminderProofApplier)
#include "tst_reminderproofapplier.moc"
