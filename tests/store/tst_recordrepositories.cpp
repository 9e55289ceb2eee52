// Bookings, reminder jobs, lifecycle events, sync state and the outbox, on a
// real encrypted profile, each shown to be scoped to its organization.

#include "RecordFixture.h"

#include "store/BookingRepository.h"
#include "store/LifecycleEventRepository.h"
#include "store/OutboxRepository.h"
#include "store/ReminderJobRepository.h"
#include "store/SyncStateRepository.h"

#include "domain/ReminderSchedule.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <algorithm>

using namespace callsnare;
using namespace callsnare::store;
using namespace recordtest;
using namespace std::chrono_literals;

namespace {

domain::Booking makeBooking(const QString& org, const QString& id, domain::Instant startsAt)
{
    domain::Booking booking;
    booking.id = id.toStdString();
    booking.orgId = org.toStdString();
    booking.leadId = leadOf(org).toStdString();
    booking.startsAt = startsAt;
    booking.duration = 90min;
    booking.technician = "Dana Ruiz";
    booking.address = "4102 Shoal Creek Blvd, Austin TX — side gate";
    return booking;
}

domain::ReminderJob makeJob(const QString& org, const std::string& id, const std::string& bookingId,
                            domain::ReminderKind kind, std::chrono::minutes offset, domain::Instant startsAt,
                            domain::ReminderStatus status = domain::ReminderStatus::Pending)
{
    domain::ReminderJob job;
    job.id = id;
    job.orgId = org.toStdString();
    job.bookingId = bookingId;
    job.kind = kind;
    job.offset = offset;
    job.bookingStartsAt = startsAt;
    job.dueAt = kind == domain::ReminderKind::Confirmation ? startsAt - 72h : startsAt - offset;
    job.status = status;
    return job;
}

} // namespace

class TestRecordRepositories : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QString error;
        QVERIFY2(m_profile.create(&error), qPrintable(error));
    }
    void cleanup() { m_profile.close(); }

    void bookingRoundTrip();
    void bookingInsertRefusals_data();
    void bookingInsertRefusals();
    void bookingVersionConflict();
    void bookingsInCalendarRange();

    void reminderUpsertAndDueOrder();
    void reminderChangesApplied();
    void reminderReplanAfterMove();
    void staleReminderChangesLeaveNothingBehind();

    void lifecycleEventsInTimeOrder();

    void syncCursorNeverMovesBack();
    void syncRelayAndDevice();

    void outboxFifoSurvivesReopening();
    void outboxRefusals();

    void organizationsAreIsolated();

private:
    QSqlDatabase db() const { return m_profile.db(); }
    void reopen()
    {
        QString error;
        QVERIFY2(m_profile.reopen(&error), qPrintable(error));
    }

    ProfileUnderTest m_profile;
};

// ---------------------------------------------------------------- bookings

void TestRecordRepositories::bookingRoundTrip()
{
    BookingRepository bookings(db(), kOrgA);
    domain::Booking booking = makeBooking(kOrgA, QStringLiteral("booking-1"), utc("2026-03-10T15:30:00Z"));
    booking.status = domain::BookingStatus::Canceled;
    booking.version = 4;
    QString error;
    QVERIFY2(bookings.insert(booking, &error), qPrintable(error));

    error.clear();
    std::optional<domain::Booking> found = bookings.find(QStringLiteral("booking-1"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(found);
    QCOMPARE(found->id, booking.id);
    QCOMPARE(found->orgId, booking.orgId);
    QCOMPARE(found->leadId, booking.leadId);
    QCOMPARE(found->startsAt, booking.startsAt);
    QCOMPARE(found->duration, booking.duration);
    QCOMPARE(found->technician, booking.technician);
    QCOMPARE(found->address, booking.address);
    QCOMPARE(found->status, domain::BookingStatus::Canceled);
    QCOMPARE(found->version, 4);

    std::vector<domain::Booking> ofLead;
    QVERIFY2(bookings.forLead(leadOf(kOrgA), &ofLead, &error), qPrintable(error));
    QCOMPARE(ofLead.size(), 1U);
    QCOMPARE(ofLead.front().id, booking.id);

    error.clear();
    found = bookings.find(QStringLiteral("no-such-booking"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!found);
}

void TestRecordRepositories::bookingInsertRefusals_data()
{
    QTest::addColumn<QString>("orgId");
    QTest::addColumn<QString>("leadId");
    QTest::addColumn<int>("durationMinutes");
    QTest::addColumn<QString>("expected");

    QTest::newRow("another organization's booking") << kOrgB << leadOf(kOrgB) << 60 << "another organization";
    QTest::newRow("another organization's lead")
        << kOrgA << leadOf(kOrgB) << 60 << "not one of this organization";
    QTest::newRow("unknown lead") << kOrgA << "lead-nowhere" << 60 << "not one of this organization";
    QTest::newRow("no duration") << kOrgA << leadOf(kOrgA) << 0 << "at least a minute";
}

void TestRecordRepositories::bookingInsertRefusals()
{
    QFETCH(QString, orgId);
    QFETCH(QString, leadId);
    QFETCH(int, durationMinutes);
    QFETCH(QString, expected);

    BookingRepository bookings(db(), kOrgA);
    domain::Booking booking = makeBooking(orgId, QStringLiteral("booking-x"), utc("2026-03-10T15:30:00Z"));
    booking.leadId = leadId.toStdString();
    booking.duration = std::chrono::minutes{durationMinutes};
    QString error;
    QVERIFY(!bookings.insert(booking, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));

    QSqlQuery count(db());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM bookings")) && count.next());
    QCOMPARE(count.value(0).toInt(), 0);
}

void TestRecordRepositories::bookingVersionConflict()
{
    BookingRepository bookings(db(), kOrgA);
    const domain::Booking original
        = makeBooking(kOrgA, QStringLiteral("booking-1"), utc("2026-03-10T15:30:00Z"));
    QString error;
    QVERIFY2(bookings.insert(original, &error), qPrintable(error));

    // Two dispatchers load version 1; the first saves, the second must not
    // silently overwrite that.
    domain::Booking first = original;
    first.startsAt = utc("2026-03-11T14:00:00Z");
    first.technician = "Lee Park";
    qint64 newVersion = 0;
    QVERIFY2(bookings.update(first, 1, &newVersion, &error), qPrintable(error));
    QCOMPARE(newVersion, 2);

    domain::Booking second = original;
    second.status = domain::BookingStatus::Canceled;
    QVERIFY(!bookings.update(second, 1, &newVersion, &error));
    QVERIFY2(error.contains(QStringLiteral("changed elsewhere")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("version 2")), qPrintable(error));

    error.clear();
    std::optional<domain::Booking> stored = bookings.find(QStringLiteral("booking-1"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(stored);
    QCOMPARE(stored->version, 2);
    QCOMPARE(stored->startsAt, first.startsAt);
    QCOMPARE(stored->technician, first.technician);
    QCOMPARE(stored->status, domain::BookingStatus::Scheduled);

    // Reloaded, the second edit goes through and bumps the version again.
    QVERIFY2(bookings.update(second, 2, &newVersion, &error), qPrintable(error));
    QCOMPARE(newVersion, 3);
    error.clear();
    stored = bookings.find(QStringLiteral("booking-1"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stored->status, domain::BookingStatus::Canceled);
    QCOMPARE(stored->version, 3);

    domain::Booking missing = original;
    missing.id = "booking-missing";
    QVERIFY(!bookings.update(missing, 1, nullptr, &error));
    QVERIFY2(error.contains(QStringLiteral("no booking")), qPrintable(error));
}

void TestRecordRepositories::bookingsInCalendarRange()
{
    BookingRepository bookings(db(), kOrgA);
    BookingRepository other(db(), kOrgB);
    const domain::Instant day = utc("2026-03-10T00:00:00Z");
    QString error;
    // Inserted out of order; the range is [from, to).
    for (const auto& [id, offset] : std::vector<std::pair<const char*, std::chrono::hours>>{{"late", 20h},
                                                                                            {"before", -1h},
                                                                                            {"at-from", 0h},
                                                                                            {"morning", 9h},
                                                                                            {"at-to", 24h}}) {
        QVERIFY2(bookings.insert(makeBooking(kOrgA, QString::fromLatin1(id), day + offset), &error),
                 qPrintable(error));
    }
    QVERIFY2(other.insert(makeBooking(kOrgB, QStringLiteral("other-org"), day + 10h), &error),
             qPrintable(error));

    std::vector<domain::Booking> found;
    QVERIFY2(bookings.between(day, day + 24h, &found, &error), qPrintable(error));
    QStringList ids;
    for (const domain::Booking& booking : found) {
        ids << QString::fromStdString(booking.id);
    }
    QCOMPARE(ids, QStringList({"at-from", "morning", "late"}));
}

// ---------------------------------------------------------------- reminders

void TestRecordRepositories::reminderUpsertAndDueOrder()
{
    BookingRepository bookings(db(), kOrgA);
    ReminderJobRepository jobs(db(), kOrgA);
    const domain::Instant startsAt = utc("2026-03-12T15:00:00Z");
    QString error;
    QVERIFY2(bookings.insert(makeBooking(kOrgA, QStringLiteral("booking-1"), startsAt), &error),
             qPrintable(error));

    using domain::ReminderKind;
    auto r120 = makeJob(kOrgA, "r120", "booking-1", ReminderKind::Reminder, 120min, startsAt);
    auto r1440 = makeJob(kOrgA, "r1440", "booking-1", ReminderKind::Reminder, 1440min, startsAt);
    auto confirmation
        = makeJob(kOrgA, "confirmation", "booking-1", ReminderKind::Confirmation, 0min, startsAt);
    // A reminder due at the same instant as the confirmation comes after it.
    auto sameInstant
        = makeJob(kOrgA, "a-same-instant", "booking-1", ReminderKind::Reminder, 4320min, startsAt);
    for (const auto& job : {r120, sameInstant, r1440, confirmation}) {
        QVERIFY2(jobs.upsert(job, &error), qPrintable(error));
    }

    std::vector<domain::ReminderJob> stored;
    QVERIFY2(jobs.forBooking(QStringLiteral("booking-1"), &stored, &error), qPrintable(error));
    QCOMPARE(stored, (std::vector<domain::ReminderJob>{confirmation, sameInstant, r1440, r120}));

    // The relay's newer copy replaces ours, every field.
    r1440.status = domain::ReminderStatus::Sent;
    r1440.dueAt -= 30min;
    r1440.bookingStartsAt -= 30min;
    QVERIFY2(jobs.upsert(r1440, &error), qPrintable(error));
    QVERIFY2(jobs.forBooking(QStringLiteral("booking-1"), &stored, &error), qPrintable(error));
    QCOMPARE(stored.size(), 4U);
    QCOMPARE(stored.at(2), r1440);

    auto orphan = makeJob(kOrgA, "orphan", "booking-nowhere", ReminderKind::Reminder, 60min, startsAt);
    QVERIFY(!jobs.upsert(orphan, &error));
    QVERIFY2(error.contains(QStringLiteral("not one of this organization's bookings")), qPrintable(error));
}

void TestRecordRepositories::reminderChangesApplied()
{
    BookingRepository bookings(db(), kOrgA);
    ReminderJobRepository jobs(db(), kOrgA);
    const domain::Instant startsAt = utc("2026-03-12T15:00:00Z");
    QString error;
    QVERIFY2(bookings.insert(makeBooking(kOrgA, QStringLiteral("booking-1"), startsAt), &error),
             qPrintable(error));

    using domain::ReminderKind;
    using domain::ReminderStatus;
    const auto confirmation = makeJob(kOrgA, "confirmation", "booking-1", ReminderKind::Confirmation, 0min,
                                      startsAt, ReminderStatus::Sent);
    const auto r1440 = makeJob(kOrgA, "r1440", "booking-1", ReminderKind::Reminder, 1440min, startsAt);
    const auto r120 = makeJob(kOrgA, "r120", "booking-1", ReminderKind::Reminder, 120min, startsAt);
    for (const auto& job : {confirmation, r1440, r120}) {
        QVERIFY2(jobs.upsert(job, &error), qPrintable(error));
    }

    domain::ReminderChanges changes;
    changes.cancel = {"r1440"};
    changes.keep = {"r120"};
    auto fresh = makeJob(kOrgA, "", "booking-1", ReminderKind::Reminder, 600min, startsAt);
    changes.create = {fresh};

    std::vector<domain::ReminderJob> created;
    QVERIFY2(jobs.apply(QStringLiteral("booking-1"), changes, &created, &error), qPrintable(error));
    QCOMPARE(created.size(), 1U);
    QVERIFY(!QUuid::fromString(QString::fromStdString(created.front().id)).isNull());
    fresh.id = created.front().id;
    QCOMPARE(created.front(), fresh);

    std::vector<domain::ReminderJob> stored;
    QVERIFY2(jobs.forBooking(QStringLiteral("booking-1"), &stored, &error), qPrintable(error));
    auto canceled = r1440;
    canceled.status = ReminderStatus::Canceled;
    QCOMPARE(stored, (std::vector<domain::ReminderJob>{confirmation, canceled, fresh, r120}));
}

void TestRecordRepositories::reminderReplanAfterMove()
{
    // The whole loop the calendar runs: the booking moves, the domain decides,
    // the repository applies, the stored jobs are what the domain would plan.
    BookingRepository bookings(db(), kOrgA);
    ReminderJobRepository jobs(db(), kOrgA);
    const QtTimeZoneConverter zones;
    domain::ReminderPolicy policy;
    policy.zone = "America/Chicago";
    const domain::Instant now = utc("2026-03-09T15:00:00Z");
    domain::Booking booking = makeBooking(kOrgA, QStringLiteral("booking-1"), utc("2026-03-12T16:00:00Z"));
    QString error;
    QVERIFY2(bookings.insert(booking, &error), qPrintable(error));

    std::vector<domain::ReminderJob> stored;
    auto changes = domain::replanReminders(booking, {}, now, policy, zones);
    QCOMPARE(changes.create.size(), 3U); // confirmation, 24 h, 2 h
    QVERIFY2(jobs.apply(QStringLiteral("booking-1"), changes, nullptr, &error), qPrintable(error));

    booking.startsAt = utc("2026-03-13T17:00:00Z");
    QVERIFY2(bookings.update(booking, 1, nullptr, &error), qPrintable(error));
    QVERIFY2(jobs.forBooking(QStringLiteral("booking-1"), &stored, &error), qPrintable(error));
    changes = domain::replanReminders(booking, stored, now + 1h, policy, zones);
    QVERIFY(!changes.cancel.empty());
    QVERIFY2(jobs.apply(QStringLiteral("booking-1"), changes, nullptr, &error), qPrintable(error));

    QVERIFY2(jobs.forBooking(QStringLiteral("booking-1"), &stored, &error), qPrintable(error));
    std::vector<domain::ReminderJob> pending;
    std::copy_if(stored.begin(), stored.end(), std::back_inserter(pending),
                 [](const auto& job) { return job.status == domain::ReminderStatus::Pending; });
    auto planned = domain::planReminders(booking, now + 1h, policy, zones);
    QCOMPARE(pending.size(), planned.size());
    for (std::size_t i = 0; i < planned.size(); ++i) {
        planned[i].id = pending[i].id;
    }
    QCOMPARE(pending, planned);
    // Once applied, nothing is left to do.
    changes = domain::replanReminders(booking, stored, now + 1h, policy, zones);
    QVERIFY(changes.cancel.empty());
    QVERIFY(changes.create.empty());
}

void TestRecordRepositories::staleReminderChangesLeaveNothingBehind()
{
    BookingRepository bookings(db(), kOrgA);
    ReminderJobRepository jobs(db(), kOrgA);
    const domain::Instant startsAt = utc("2026-03-12T15:00:00Z");
    QString error;
    QVERIFY2(bookings.insert(makeBooking(kOrgA, QStringLiteral("booking-1"), startsAt), &error),
             qPrintable(error));
    using domain::ReminderKind;
    const auto r1440 = makeJob(kOrgA, "r1440", "booking-1", ReminderKind::Reminder, 1440min, startsAt);
    const auto r120 = makeJob(kOrgA, "r120", "booking-1", ReminderKind::Reminder, 120min, startsAt,
                              domain::ReminderStatus::Sent);
    QVERIFY2(jobs.upsert(r1440, &error) && jobs.upsert(r120, &error), qPrintable(error));

    // r120 was sent since the verdict was reached: the cancel of r1440 and the
    // new job must both be undone.
    domain::ReminderChanges changes;
    changes.cancel = {"r1440", "r120"};
    changes.create = {makeJob(kOrgA, "", "booking-1", ReminderKind::Reminder, 60min, startsAt)};
    QVERIFY(!jobs.apply(QStringLiteral("booking-1"), changes, nullptr, &error));
    QVERIFY2(error.contains(QStringLiteral("no longer a pending job")), qPrintable(error));

    std::vector<domain::ReminderJob> stored;
    QVERIFY2(jobs.forBooking(QStringLiteral("booking-1"), &stored, &error), qPrintable(error));
    QCOMPARE(stored, (std::vector<domain::ReminderJob>{r1440, r120}));

    changes = {};
    changes.keep = {"r120"};
    QVERIFY(!jobs.apply(QStringLiteral("booking-1"), changes, nullptr, &error));
    QVERIFY2(error.contains(QStringLiteral("no longer a pending job")), qPrintable(error));
}

// ---------------------------------------------------------------- lifecycle events

void TestRecordRepositories::lifecycleEventsInTimeOrder()
{
    LifecycleEventRepository events(db(), kOrgA);
    const domain::Instant t = utc("2026-03-08T14:05:00Z");
    const auto event = [&](const char* id, const char* kind, const char* detail, domain::Instant at) {
        return domain::LifecycleEvent{id, kOrgA.toStdString(), leadOf(kOrgA).toStdString(), kind, detail, at};
    };
    const std::vector<domain::LifecycleEvent> appended{
        event("e3", "state_changed", "replied", t + 5min),
        event("e1", "state_changed", "texted", t),
        event("e2b", "automation_paused", "Dispatcher Ana took over — “hold texts”", t + 1min),
        event("e2a", "text_back_skipped", "quiet_hours", t + 1min),
    };
    QString error;
    for (const auto& e : appended) {
        QVERIFY2(events.append(e, &error), qPrintable(error));
    }
    std::vector<domain::LifecycleEvent> loaded;
    QVERIFY2(events.forLead(leadOf(kOrgA), &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.size(), 4U);
    // Time order; the two of the same second in the order they were appended.
    const std::vector<domain::LifecycleEvent> expected{appended[1], appended[2], appended[3], appended[0]};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(loaded[i].id, expected[i].id);
        QCOMPARE(loaded[i].orgId, expected[i].orgId);
        QCOMPARE(loaded[i].leadId, expected[i].leadId);
        QCOMPARE(loaded[i].kind, expected[i].kind);
        QCOMPARE(loaded[i].detail, expected[i].detail);
        QCOMPARE(loaded[i].occurredAt, expected[i].occurredAt);
    }

    QVERIFY(!events.append(appended[0], &error));
    QVERIFY2(error.contains(QStringLiteral("already exists")), qPrintable(error));
    auto foreignLead = event("e9", "state_changed", "texted", t);
    foreignLead.leadId = leadOf(kOrgB).toStdString();
    QVERIFY(!events.append(foreignLead, &error));
    QVERIFY2(error.contains(QStringLiteral("not one of this organization's leads")), qPrintable(error));
}

// ---------------------------------------------------------------- sync state

void TestRecordRepositories::syncCursorNeverMovesBack()
{
    SyncStateRepository state(db(), kOrgA);
    qint64 cursor = -1;
    QString error;
    QVERIFY2(state.cursor(&cursor, &error), qPrintable(error));
    QCOMPARE(cursor, 0);

    QVERIFY2(state.setCursor(41, &error), qPrintable(error));
    QVERIFY2(state.setCursor(41, &error), qPrintable(error)); // staying put is fine
    QVERIFY(!state.setCursor(40, &error));
    QVERIFY2(error.contains(QStringLiteral("cannot move back")), qPrintable(error));
    QVERIFY(!state.setCursor(-1, &error));
    QVERIFY2(error.contains(QStringLiteral("negative")), qPrintable(error));

    reopen();
    SyncStateRepository reopened(db(), kOrgA);
    QVERIFY2(reopened.cursor(&cursor, &error), qPrintable(error));
    QCOMPARE(cursor, 41);
    QVERIFY2(reopened.setCursor(Q_INT64_C(5000000000), &error), qPrintable(error));
    QVERIFY2(reopened.cursor(&cursor, &error), qPrintable(error));
    QCOMPARE(cursor, Q_INT64_C(5000000000));
}

void TestRecordRepositories::syncRelayAndDevice()
{
    SyncStateRepository state(db(), kOrgA);
    QString url = QStringLiteral("unset");
    QString device = QStringLiteral("unset");
    QString error;
    QVERIFY2(state.relayUrl(&url, &error) && state.deviceId(&device, &error), qPrintable(error));
    QVERIFY(url.isEmpty());
    QVERIFY(device.isEmpty());

    QVERIFY2(state.setCursor(7, &error), qPrintable(error));
    QVERIFY2(state.setRelayUrl(QStringLiteral("https://relay.example.test:8443/"), &error),
             qPrintable(error));
    QVERIFY2(state.setDeviceId(QStringLiteral("device-7f3a"), &error), qPrintable(error));
    QVERIFY2(state.relayUrl(&url, &error) && state.deviceId(&device, &error), qPrintable(error));
    QCOMPARE(url, QStringLiteral("https://relay.example.test:8443/"));
    QCOMPARE(device, QStringLiteral("device-7f3a"));
    // Setting the others leaves the cursor alone.
    qint64 cursor = 0;
    QVERIFY2(state.cursor(&cursor, &error), qPrintable(error));
    QCOMPARE(cursor, 7);
}

// ---------------------------------------------------------------- outbox

void TestRecordRepositories::outboxFifoSurvivesReopening()
{
    const domain::Instant t = utc("2026-03-08T14:05:00Z");
    QStringList uuids;
    QString error;
    {
        OutboxRepository outbox(db(), kOrgA);
        // created_at deliberately not in queue order: the queue order is the id.
        for (int i = 0; i < 5; ++i) {
            const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            qint64 id = 0;
            QVERIFY2(outbox.enqueue(uuid, QStringLiteral("lead.set_state"),
                                    QStringLiteral(R"({"lead":"lead-a","state":"office","n":%1})").arg(i),
                                    t - std::chrono::minutes{i}, &id, &error),
                     qPrintable(error));
            QVERIFY(id > 0);
            uuids << uuid;
        }
    }
    std::vector<OutboxEntry> pending;
    {
        OutboxRepository outbox(db(), kOrgA);
        QVERIFY2(outbox.pending(10, &pending, &error), qPrintable(error));
        QCOMPARE(pending.size(), 5U);
        QVERIFY2(outbox.recordAttempt(pending[1].id, QStringLiteral("relay unreachable: timed out"), &error),
                 qPrintable(error));
        QVERIFY2(outbox.recordAttempt(pending[1].id, QStringLiteral("HTTP 503"), &error), qPrintable(error));
        QVERIFY2(outbox.remove(pending[0].id, &error), qPrintable(error));
    }
    reopen();

    OutboxRepository outbox(db(), kOrgA);
    QVERIFY2(outbox.pending(10, &pending, &error), qPrintable(error));
    QCOMPARE(pending.size(), 4U);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const int n = static_cast<int>(i) + 1;
        QCOMPARE(pending[i].clientUuid, uuids.at(n));
        QCOMPARE(pending[i].kind, QStringLiteral("lead.set_state"));
        QCOMPARE(pending[i].payloadJson,
                 QStringLiteral(R"({"lead":"lead-a","state":"office","n":%1})").arg(n));
        QCOMPARE(pending[i].createdAt, t - std::chrono::minutes{n});
        if (i > 0) {
            QVERIFY(pending[i].id > pending[i - 1].id);
        }
    }
    QCOMPARE(pending[0].attempts, 2);
    QCOMPARE(pending[0].lastError, QStringLiteral("HTTP 503"));
    QCOMPARE(pending[1].attempts, 0);
    QVERIFY(pending[1].lastError.isEmpty());

    QVERIFY2(outbox.pending(2, &pending, &error), qPrintable(error));
    QCOMPARE(pending.size(), 2U);
    QCOMPARE(pending[0].clientUuid, uuids.at(1));
    QCOMPARE(pending[1].clientUuid, uuids.at(2));
}

void TestRecordRepositories::outboxRefusals()
{
    OutboxRepository outbox(db(), kOrgA);
    OutboxRepository other(db(), kOrgB);
    const domain::Instant t = utc("2026-03-08T14:05:00Z");
    const QString payload = QStringLiteral(R"({"note":"call back after 5"})");
    QString error;
    QVERIFY2(
        outbox.enqueue(QStringLiteral("uuid-1"), QStringLiteral("note.add"), payload, t, nullptr, &error),
        qPrintable(error));

    QVERIFY(
        !outbox.enqueue(QStringLiteral("uuid-1"), QStringLiteral("note.add"), payload, t, nullptr, &error));
    QVERIFY2(error.contains(QStringLiteral("already queued")), qPrintable(error));
    QVERIFY(
        !other.enqueue(QStringLiteral("uuid-1"), QStringLiteral("note.add"), payload, t, nullptr, &error));
    QVERIFY2(error.contains(QStringLiteral("already queued")), qPrintable(error));
    QVERIFY(!outbox.enqueue(QStringLiteral("uuid-2"), QStringLiteral("note.add"),
                            QStringLiteral("{\"note\":"), t, nullptr, &error));
    QVERIFY2(error.contains(QStringLiteral("not valid JSON")), qPrintable(error));
    QVERIFY(!outbox.enqueue(QString(), QStringLiteral("note.add"), payload, t, nullptr, &error));
    QVERIFY(!outbox.recordAttempt(999, QStringLiteral("x"), &error));
    QVERIFY2(error.contains(QStringLiteral("no queued change")), qPrintable(error));
    QVERIFY(!outbox.remove(999, &error));

    QSqlQuery count(db());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) && count.next());
    QCOMPARE(count.value(0).toInt(), 1);
}

// ---------------------------------------------------------------- isolation

void TestRecordRepositories::organizationsAreIsolated()
{
    // Everything of org B is stored through B's repositories; A's must neither
    // see nor change any of it.
    const domain::Instant startsAt = utc("2026-03-12T15:00:00Z");
    QString error;
    BookingRepository bookingsA(db(), kOrgA);
    BookingRepository bookingsB(db(), kOrgB);
    const domain::Booking bookingB = makeBooking(kOrgB, QStringLiteral("booking-b"), startsAt);
    QVERIFY2(bookingsB.insert(bookingB, &error), qPrintable(error));
    QVERIFY2(bookingsA.insert(makeBooking(kOrgA, QStringLiteral("booking-a"), startsAt), &error),
             qPrintable(error));

    ReminderJobRepository jobsA(db(), kOrgA);
    ReminderJobRepository jobsB(db(), kOrgB);
    const auto jobB = makeJob(kOrgB, "job-b", "booking-b", domain::ReminderKind::Reminder, 120min, startsAt);
    QVERIFY2(jobsB.upsert(jobB, &error), qPrintable(error));

    LifecycleEventRepository eventsA(db(), kOrgA);
    LifecycleEventRepository eventsB(db(), kOrgB);
    const domain::LifecycleEvent eventB{
        "event-b", kOrgB.toStdString(), leadOf(kOrgB).toStdString(), "state_changed", "texted", startsAt};
    QVERIFY2(eventsB.append(eventB, &error), qPrintable(error));

    SyncStateRepository stateA(db(), kOrgA);
    SyncStateRepository stateB(db(), kOrgB);
    QVERIFY2(stateB.setCursor(100, &error) && stateB.setDeviceId(QStringLiteral("device-b"), &error),
             qPrintable(error));

    OutboxRepository outboxA(db(), kOrgA);
    OutboxRepository outboxB(db(), kOrgB);
    qint64 entryB = 0;
    QVERIFY2(outboxB.enqueue(QStringLiteral("uuid-b"), QStringLiteral("note.add"), QStringLiteral("{}"),
                             startsAt, &entryB, &error),
             qPrintable(error));

    // Bookings: invisible, unchangeable, not attachable to B's lead.
    std::optional<domain::Booking> found;
    std::vector<domain::Booking> bookings;
    error.clear();
    found = bookingsA.find(QStringLiteral("booking-b"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!found);
    QVERIFY2(bookingsA.forLead(leadOf(kOrgB), &bookings, &error), qPrintable(error));
    QVERIFY(bookings.empty());
    QVERIFY2(bookingsA.between(startsAt - 24h, startsAt + 24h, &bookings, &error), qPrintable(error));
    QCOMPARE(bookings.size(), 1U);
    QCOMPARE(bookings.front().id, std::string("booking-a"));
    domain::Booking hijack = bookingB;
    hijack.orgId = kOrgA.toStdString();
    hijack.leadId = leadOf(kOrgA).toStdString();
    hijack.technician = "Mallory";
    QVERIFY(!bookingsA.update(hijack, 1, nullptr, &error));
    QVERIFY(!bookingsA.update(bookingB, 1, nullptr, &error));
    error.clear();
    found = bookingsB.find(QStringLiteral("booking-b"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(found);
    QCOMPARE(found->technician, bookingB.technician);
    QCOMPARE(found->version, 1);

    // Reminder jobs.
    std::vector<domain::ReminderJob> jobs;
    QVERIFY2(jobsA.forBooking(QStringLiteral("booking-b"), &jobs, &error), qPrintable(error));
    QVERIFY(jobs.empty());
    auto stolen = makeJob(kOrgA, "job-b", "booking-a", domain::ReminderKind::Reminder, 60min, startsAt,
                          domain::ReminderStatus::Canceled);
    QVERIFY(!jobsA.upsert(stolen, &error));
    QVERIFY2(error.contains(QStringLiteral("another organization")), qPrintable(error));
    QVERIFY(!jobsA.upsert(jobB, &error));
    auto onForeignBooking
        = makeJob(kOrgA, "job-a", "booking-b", domain::ReminderKind::Reminder, 60min, startsAt);
    QVERIFY(!jobsA.upsert(onForeignBooking, &error));
    domain::ReminderChanges changes;
    changes.cancel = {"job-b"};
    QVERIFY(!jobsA.apply(QStringLiteral("booking-b"), changes, nullptr, &error));
    QVERIFY2(jobsB.forBooking(QStringLiteral("booking-b"), &jobs, &error), qPrintable(error));
    QCOMPARE(jobs, std::vector<domain::ReminderJob>{jobB});

    // Lifecycle events.
    std::vector<domain::LifecycleEvent> events;
    QVERIFY2(eventsA.forLead(leadOf(kOrgB), &events, &error), qPrintable(error));
    QVERIFY(events.empty());
    domain::LifecycleEvent overwrite = eventB;
    overwrite.orgId = kOrgA.toStdString();
    overwrite.leadId = leadOf(kOrgA).toStdString();
    QVERIFY(!eventsA.append(overwrite, &error));
    QVERIFY2(eventsB.forLead(leadOf(kOrgB), &events, &error), qPrintable(error));
    QCOMPARE(events.size(), std::size_t{1});
    QCOMPARE(events.front().detail, eventB.detail);

    // Sync state.
    qint64 cursor = -1;
    QString device;
    QVERIFY2(stateA.cursor(&cursor, &error) && stateA.deviceId(&device, &error), qPrintable(error));
    QCOMPARE(cursor, 0);
    QVERIFY(device.isEmpty());
    QVERIFY2(stateA.setCursor(3, &error) && stateA.setDeviceId(QStringLiteral("device-a"), &error),
             qPrintable(error));
    QVERIFY2(stateB.cursor(&cursor, &error) && stateB.deviceId(&device, &error), qPrintable(error));
    QCOMPARE(cursor, 100);
    QCOMPARE(device, QStringLiteral("device-b"));

    // Outbox.
    std::vector<OutboxEntry> entries;
    QVERIFY2(outboxA.pending(10, &entries, &error), qPrintable(error));
    QVERIFY(entries.empty());
    QVERIFY(!outboxA.recordAttempt(entryB, QStringLiteral("x"), &error));
    QVERIFY(!outboxA.remove(entryB, &error));
    QVERIFY2(outboxB.pending(10, &entries, &error), qPrintable(error));
    QCOMPARE(entries.size(), 1U);
    QCOMPARE(entries.front().attempts, 0);
}
QTEST_GUILESS_MAIN(TestRecordRepositories)
#include "tst_recordrepositories.moc"
