// Dispatcher actions write their local effect and their mutation in one
// transaction; OutboxSettlement turns the relay's answers into outbox and
// store changes.

#include "SyncFixture.h"

#include "client/DispatcherActions.h"
#include "client/EventApplier.h"
#include "client/OutboxSettlement.h"
#include "protocol/SyncMutations.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/OrgSettingsRepository.h"
#include "store/OutboxRepository.h"
#include "store/SyncConflictRepository.h"

using namespace callsnare;
using namespace sync_fixture;
using syncclient::DispatcherActions;
using syncclient::OutboxSettlement;

namespace {

const std::string kLead = "2f1c9a7e-5b43-4a1d-9c2e-7d8f6a5b4c01";
const QString kLeadId = QString::fromStdString(kLead);
const std::string kContact = "7a3e1f00-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
const std::string kPhone = "+15125550142";

} // namespace

class TestDispatcherActions : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_case.setUpSuite(QStringLiteral("dispatcheractions")); }
    void init()
    {
        QString error;
        QVERIFY2(m_case.setUpCase(&error), qPrintable(error));
        // The lead as the relay sent it: texted, version 2.
        auto texted = lead(kLead, kContact, kPhone, domain::LeadState::Texted, 2, "2026-03-10T14:02:00Z");
        texted.stamps.firstTextAt = utc("2026-03-10T14:02:05Z");
        const auto applied
            = syncclient::EventApplier(m_case.db(), kOrg)
                  .apply(page({record(1, "lead.created", "2026-03-10T14:02:05Z", leadJson(texted))}));
        QVERIFY(applied);
    }
    void cleanup() { m_case.tearDownCase(); }

    void sendMessageQueuesTextAndMutation();
    void optedOutHomeownerIsNotTexted();
    void leadEditsCarryTheStoredVersion();
    void illegalMoveChangesNothing();
    void bookingsRoundTrip();
    void queuedBatchDecodesOnTheRelaySide();
    void relayEchoOfOwnTextAddsNoRow();
    void actingDeviceEndsLikeAMirroringOne();
    void settlementAppliesAnswers();
    void transientAnswerKeepsTheRestInOrder();
    void settingsChangeCarriesTheSettingsVersion();
    void settingsChangeIsCheckedBeforeQueuing_data();
    void settingsChangeIsCheckedBeforeQueuing();
    void staleSettingsChangeBecomesAConflict();

private:
    // The organization's settings as the relay's first org.settings event has them.
    protocol::OrgSettings relaySettings(std::int64_t version)
    {
        protocol::OrgSettings settings;
        settings.timeZone = "America/Chicago";
        settings.quietStartMinutes = 1260;
        settings.quietEndMinutes = 480;
        settings.quietPolicy = "defer";
        settings.dedupeWindowMinutes = 1440;
        settings.templates = {{"text_back", "{{company}}: sorry we missed your call. Reply STOP to opt out."},
                              {"help", "Call {{office_phone}}."}};
        settings.intakeQuestions = {{"problem", "What is going on?"}};
        settings.version = version;
        return settings;
    }

    bool receiveSettings(std::int64_t seq, const protocol::OrgSettings& settings)
    {
        const auto applied
            = syncclient::EventApplier(m_case.db(), kOrg)
                  .apply(page({record(seq, "org.settings", "2026-03-10T14:00:00Z",
                                      protocol::stringify(*protocol::encodeOrgSettings(settings)))}));
        return static_cast<bool>(applied);
    }

    std::vector<store::OutboxEntry> pending()
    {
        std::vector<store::OutboxEntry> entries;
        QString error;
        if (!store::OutboxRepository(m_case.db(), kOrg).pending(100, &entries, &error)) {
            qWarning() << error;
        }
        return entries;
    }

    Poco::JSON::Object::Ptr item(const store::OutboxEntry& entry)
    {
        return protocol::parseObject(entry.payloadJson.toStdString(), "item").value();
    }

    DispatcherActions actions()
    {
        return DispatcherActions(m_case.db(), kOrg, QStringLiteral("Maria (dispatch)"));
    }

    ProfileCase m_case;
};

void TestDispatcherActions::sendMessageQueuesTextAndMutation()
{
    QString messageId;
    QString error;
    QVERIFY2(actions().sendMessage(kLeadId, QStringLiteral("We can be there at 3 pm today."),
                                   utc("2026-03-10T14:20:00Z"), &messageId, &error),
             qPrintable(error));
    QVERIFY(protocol::isUuid(messageId.toStdString()));
    const auto message = store::MessageRepository(m_case.db(), kOrg).find(messageId, &error);
    QVERIFY2(message, qPrintable(error));
    QCOMPARE(message->status, domain::DeliveryStatus::Queued);
    QCOMPARE(message->author, domain::MessageAuthor::Dispatcher);
    QCOMPARE(message->direction, domain::Direction::Outbound);

    const auto entries = pending();
    QCOMPARE(entries.size(), 1u);
    QCOMPARE(entries[0].kind, QStringLiteral("message.send"));
    const auto mutation = item(entries[0]);
    QCOMPARE(QString::fromStdString(mutation->getValue<std::string>("id")), entries[0].clientUuid);
    QVERIFY(mutation->isNull("base_version"));
    QCOMPARE(QString::fromStdString(mutation->getObject("data")->getValue<std::string>("message_id")),
             messageId);
    QCOMPARE(QString::fromStdString(mutation->getObject("data")->getValue<std::string>("lead_id")), kLeadId);
}

void TestDispatcherActions::optedOutHomeownerIsNotTexted()
{
    const auto applied
        = syncclient::EventApplier(m_case.db(), kOrg)
              .apply(page({record(2, "contact.opted_out", "2026-03-10T15:00:00Z",
                                  optOutChange(kContact, kPhone, true, "2026-03-10T15:00:00Z"))}));
    QVERIFY(applied);
    const QStringList before = dump(m_case.db());
    QString error;
    QVERIFY(!actions().sendMessage(kLeadId, QStringLiteral("Hello?"), utc("2026-03-10T15:10:00Z"), nullptr,
                                   &error));
    QVERIFY2(error.contains(QLatin1String("opted out")), qPrintable(error));
    QVERIFY(
        !actions().sendMessage(kLeadId, QStringLiteral("   "), utc("2026-03-10T15:10:00Z"), nullptr, &error));
    QCOMPARE(dump(m_case.db()), before);
}

void TestDispatcherActions::leadEditsCarryTheStoredVersion()
{
    QString error;
    QVERIFY2(actions().takeOver(kLeadId, utc("2026-03-10T14:30:00Z"), &error), qPrintable(error));
    QVERIFY2(actions().setState(kLeadId, domain::LeadState::Office, std::nullopt, utc("2026-03-10T14:31:00Z"),
                                &error),
             qPrintable(error));
    QVERIFY2(actions().release(kLeadId, utc("2026-03-10T14:32:00Z"), &error), qPrintable(error));
    QVERIFY(!actions().release(kLeadId, utc("2026-03-10T14:33:00Z"), &error));

    const auto entries = pending();
    QCOMPARE(entries.size(), 3u);
    QCOMPARE(entries[0].kind, QStringLiteral("lead.take_over"));
    QCOMPARE(entries[1].kind, QStringLiteral("lead.set_state"));
    QCOMPARE(entries[2].kind, QStringLiteral("lead.release"));
    // Each edit names the version the one before it made locally, which is
    // the version the relay reaches once it applied the one before.
    QCOMPARE(item(entries[0])->getValue<Poco::Int64>("base_version"), 2);
    QCOMPARE(item(entries[1])->getValue<Poco::Int64>("base_version"), 3);
    QCOMPARE(item(entries[2])->getValue<Poco::Int64>("base_version"), 4);
    QCOMPARE(QString::fromStdString(item(entries[1])->getObject("data")->getValue<std::string>("state")),
             QStringLiteral("office"));

    const auto stored = store::LeadRepository(m_case.db(), kOrg).find(kLeadId, &error);
    QCOMPARE(stored->lead.state, domain::LeadState::Office);
    QVERIFY(!stored->lead.automationPaused);
    QCOMPARE(stored->version, 5);
}

void TestDispatcherActions::illegalMoveChangesNothing()
{
    const QStringList before = dump(m_case.db());
    QString error;
    QVERIFY(!actions().setState(kLeadId, domain::LeadState::Closed, std::nullopt, utc("2026-03-10T14:30:00Z"),
                                &error));
    QVERIFY2(!error.isEmpty(), "a close without outcome needs a sentence");
    QVERIFY(!actions().setState(kLeadId, domain::LeadState::Missed, std::nullopt, utc("2026-03-10T14:30:00Z"),
                                &error));
    QVERIFY(!actions().takeOver(QStringLiteral("no-such-lead"), utc("2026-03-10T14:30:00Z"), &error));
    QVERIFY2(error.contains(QLatin1String("no-such-lead")), qPrintable(error));
    QCOMPARE(dump(m_case.db()), before);
}

void TestDispatcherActions::bookingsRoundTrip()
{
    QString bookingId;
    QString error;
    const DispatcherActions::Visit visit{utc("2026-03-11T15:00:00Z"), std::chrono::minutes{90},
                                         QStringLiteral("Luis"), QStringLiteral("1200 Barton Springs Rd")};
    QVERIFY2(actions().createBooking(kLeadId, visit, utc("2026-03-10T14:40:00Z"), &bookingId, &error),
             qPrintable(error));
    auto moved = visit;
    moved.startsAt = utc("2026-03-11T18:00:00Z");
    QVERIFY2(actions().changeBooking(bookingId, moved, utc("2026-03-10T14:41:00Z"), &error),
             qPrintable(error));
    QVERIFY2(actions().cancelBooking(bookingId, utc("2026-03-10T14:42:00Z"), &error), qPrintable(error));
    QVERIFY(!actions().cancelBooking(bookingId, utc("2026-03-10T14:43:00Z"), &error));
    QVERIFY(!actions().changeBooking(bookingId, moved, utc("2026-03-10T14:43:00Z"), &error));

    const auto entries = pending();
    QCOMPARE(entries.size(), 3u);
    QVERIFY(item(entries[0])->isNull("base_version"));
    QCOMPARE(item(entries[1])->getValue<Poco::Int64>("base_version"), 1);
    QCOMPARE(item(entries[2])->getValue<Poco::Int64>("base_version"), 2);
    QCOMPARE(text(m_case.db(),
                  QStringLiteral("SELECT status || '/' || version || '/' || starts_at FROM bookings")),
             QStringLiteral("canceled/3/%1").arg(utc("2026-03-11T18:00:00Z").time_since_epoch().count()));
}

void TestDispatcherActions::queuedBatchDecodesOnTheRelaySide()
{
    QString error;
    QVERIFY(actions().sendMessage(kLeadId, QStringLiteral("On our way"), utc("2026-03-10T14:20:00Z"), nullptr,
                                  &error));
    QVERIFY(actions().addNote(kLeadId, QStringLiteral("Gate code 4411"), utc("2026-03-10T14:21:00Z"), nullptr,
                              &error));
    QVERIFY(actions().takeOver(kLeadId, utc("2026-03-10T14:22:00Z"), &error));
    QVERIFY(actions().setState(kLeadId, domain::LeadState::Closed, domain::CloseOutcome::Won,
                               utc("2026-03-10T14:23:00Z"), &error));
    QString bookingId;
    QVERIFY(actions().createBooking(kLeadId, {utc("2026-03-11T15:00:00Z"), std::chrono::minutes{120}, {}, {}},
                                    utc("2026-03-10T14:24:00Z"), &bookingId, &error));
    QVERIFY(actions().cancelBooking(bookingId, utc("2026-03-10T14:25:00Z"), &error));

    const auto entries = pending();
    QCOMPARE(entries.size(), 6u);
    const QByteArray body = OutboxSettlement::batchBody(entries);
    const auto decoded = protocol::decodeMutationBatch(body.toStdString(), 100);
    QVERIFY2(decoded, decoded ? "" : decoded.error().message.c_str());
    QCOMPARE(decoded->size(), 6u);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& mutation = (*decoded)[i].mutation;
        QVERIFY2(mutation, mutation ? "" : mutation.error().message.c_str());
        QCOMPARE(QString::fromStdString(mutation->id), entries[i].clientUuid);
        QCOMPARE(QString::fromStdString(mutation->kind), entries[i].kind);
    }
    QCOMPARE(std::get<protocol::SetLeadState>((*decoded)[3].mutation->body).outcome,
             std::optional(domain::CloseOutcome::Won));
    QCOMPARE(std::get<protocol::AddNote>((*decoded)[1].mutation->body).author,
             std::string("Maria (dispatch)"));
}

void TestDispatcherActions::relayEchoOfOwnTextAddsNoRow()
{
    QString messageId;
    QString error;
    QVERIFY(actions().sendMessage(kLeadId, QStringLiteral("On our way"), utc("2026-03-10T14:20:00Z"),
                                  &messageId, &error));
    // The relay's message.queued for the desktop-minted id, then its delivery.
    const auto applied = syncclient::EventApplier(m_case.db(), kOrg)
                             .apply(page({record(2, "message.queued", "2026-03-10T14:20:03Z",
                                                 messageQueued(messageId.toStdString(), kLead, kContact,
                                                               kPhone, "On our way", "dispatcher")),
                                          record(3, "message.sent", "2026-03-10T14:20:04Z",
                                                 messageSent(messageId.toStdString(), kLead, "SM8888")),
                                          record(4, "message.status", "2026-03-10T14:20:09Z",
                                                 messageStatus(messageId.toStdString(), "SM8888", "delivered",
                                                               true, "2026-03-10T14:20:09Z"))}));
    QVERIFY2(applied, applied ? "" : applied.error().message.c_str());
    QCOMPARE(scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM messages")), 1);
    QCOMPARE(store::MessageRepository(m_case.db(), kOrg).find(messageId, &error)->status,
             domain::DeliveryStatus::Delivered);
    QCOMPARE(
        scalar(m_case.db(), QStringLiteral("SELECT count(*) FROM search_documents WHERE kind = 'message'")),
        1);
}

// The local effect of an action carries the desktop's clock; the relay's
// record of the same facts carries the relay's. Once that record is applied,
// the device that acted holds what a device that only mirrored holds, even
// where its clock ran ahead (the last activity included).
void TestDispatcherActions::actingDeviceEndsLikeAMirroringOne()
{
    QString messageId, noteId, error;
    QVERIFY(actions().sendMessage(kLeadId, QStringLiteral("On our way"), utc("2026-03-10T14:20:00Z"),
                                  &messageId, &error));
    QVERIFY(actions().addNote(kLeadId, QStringLiteral("Gate code 4411"), utc("2026-03-10T14:21:00Z"), &noteId,
                              &error));
    QVERIFY2(actions().setState(kLeadId, domain::LeadState::Office, std::nullopt, utc("2026-03-10T14:22:00Z"),
                                &error),
             qPrintable(error));

    auto office = lead(kLead, kContact, kPhone, domain::LeadState::Office, 3, "2026-03-10T14:02:00Z");
    office.stamps.firstTextAt = utc("2026-03-10T14:02:05Z");
    office.stamps.handedOffAt = utc("2026-03-10T14:19:59Z");
    const std::vector<protocol::EventRecord> relayRecord{
        record(2, "message.queued", "2026-03-10T14:19:57Z",
               messageQueued(messageId.toStdString(), kLead, kContact, kPhone, "On our way", "dispatcher")),
        record(3, "note.added", "2026-03-10T14:19:58Z",
               protocol::stringify(*protocol::encodeNote({noteId.toStdString(), kLead, "Maria (dispatch)",
                                                          "Gate code 4411", utc("2026-03-10T14:19:58Z")}))),
        record(4, "lead.updated", "2026-03-10T14:19:59Z", leadJson(office))};
    QVERIFY(syncclient::EventApplier(m_case.db(), kOrg).apply(page(relayRecord)));
    auto acting = m_case.takeProfile();

    QVERIFY2(m_case.setUpCase(&error), qPrintable(error));
    auto texted = lead(kLead, kContact, kPhone, domain::LeadState::Texted, 2, "2026-03-10T14:02:00Z");
    texted.stamps.firstTextAt = utc("2026-03-10T14:02:05Z");
    std::vector<protocol::EventRecord> everything{
        record(1, "lead.created", "2026-03-10T14:02:05Z", leadJson(texted))};
    everything.insert(everything.end(), relayRecord.begin(), relayRecord.end());
    QVERIFY(syncclient::EventApplier(m_case.db(), kOrg).apply(page(everything)));

    const auto mirrored = [](const QSqlDatabase& db) {
        QStringList rows;
        for (const QString& row : dump(db)) {
            // What only the acting device has: its outbox and its sync bookkeeping.
            if (!row.startsWith(QLatin1String("outbox:")) && !row.startsWith(QLatin1String("sync_state:"))
                && !row.startsWith(QLatin1String("profile_meta:")))
                rows << row;
        }
        return rows;
    };
    QCOMPARE(mirrored(acting->database()), mirrored(m_case.db()));
    QCOMPARE(store::LeadRepository(m_case.db(), kOrg).find(kLeadId, &error)->lastActivityAt,
             utc("2026-03-10T14:19:59Z"));
}

void TestDispatcherActions::settlementAppliesAnswers()
{
    QString error;
    QString messageId;
    QVERIFY(actions().addNote(kLeadId, QStringLiteral("Gate code 4411"), utc("2026-03-10T14:21:00Z"), nullptr,
                              &error));
    QVERIFY(actions().takeOver(kLeadId, utc("2026-03-10T14:22:00Z"), &error));
    QVERIFY(actions().sendMessage(kLeadId, QStringLiteral("On our way"), utc("2026-03-10T14:23:00Z"),
                                  &messageId, &error));
    const auto entries = pending();
    QCOMPARE(entries.size(), 3u);

    // The relay moved the lead meanwhile (the homeowner replied): stale.
    auto current = lead(kLead, kContact, kPhone, domain::LeadState::Replied, 3, "2026-03-10T14:02:00Z");
    current.stamps.firstTextAt = utc("2026-03-10T14:02:05Z");
    current.stamps.firstReplyAt = utc("2026-03-10T14:21:30Z");
    std::vector<protocol::MutationResult> results(3);
    results[0].id = entries[0].clientUuid.toStdString();
    results[0].status = 200;
    results[1].id = entries[1].clientUuid.toStdString();
    results[1].status = 409;
    results[1].error
        = domain::makeError("stale", "The lead changed (version 3); your edit was made to version 2.");
    results[1].current = protocol::encodeLeadSnapshot(current);
    results[2].id = entries[2].clientUuid.toStdString();
    results[2].status = 422;
    results[2].error = domain::makeError("refused", "The homeowner opted out.");

    syncclient::SettleReport report;
    QVERIFY2(OutboxSettlement(m_case.db(), kOrg)
                 .settle(entries, results, utc("2026-03-10T14:25:00Z"), &report, &error),
             qPrintable(error));
    QCOMPARE(report.applied, 1);
    QCOMPARE(report.conflicts, 2);
    QCOMPARE(report.kept, 0);
    QVERIFY(pending().empty());

    std::vector<store::SyncConflict> conflicts;
    QVERIFY2(store::SyncConflictRepository(m_case.db(), kOrg).open(&conflicts, &error), qPrintable(error));
    QCOMPARE(conflicts.size(), 2u);
    QCOMPARE(conflicts[0].kind, QStringLiteral("lead.take_over"));
    QCOMPARE(conflicts[0].status, 409);
    QCOMPARE(conflicts[0].code, QStringLiteral("stale"));
    QCOMPARE(conflicts[0].leadId, kLeadId);
    QVERIFY(conflicts[0].currentJson.contains(QLatin1String("\"replied\"")));
    QCOMPARE(conflicts[1].status, 422);
    QCOMPARE(conflicts[1].message, QStringLiteral("The homeowner opted out."));

    // The relay's current lead replaced the optimistic take-over; the text the
    // relay refused is no longer shown as queued.
    const auto stored = store::LeadRepository(m_case.db(), kOrg).find(kLeadId, &error);
    QCOMPARE(stored->lead.state, domain::LeadState::Replied);
    QCOMPARE(stored->version, 3);
    QVERIFY(!stored->lead.automationPaused);
    QCOMPARE(store::MessageRepository(m_case.db(), kOrg).find(messageId, &error)->status,
             domain::DeliveryStatus::Refused);

    // Dismissed conflicts leave the open list.
    QVERIFY2(store::SyncConflictRepository(m_case.db(), kOrg)
                 .dismiss(conflicts[0].id, utc("2026-03-10T15:00:00Z"), &error),
             qPrintable(error));
    qint64 open = -1;
    QVERIFY(store::SyncConflictRepository(m_case.db(), kOrg).countOpen(&open, &error));
    QCOMPARE(open, 1);
}

void TestDispatcherActions::transientAnswerKeepsTheRestInOrder()
{
    QString error;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(actions().addNote(kLeadId, QStringLiteral("note %1").arg(i), utc("2026-03-10T14:21:00Z"),
                                  nullptr, &error));
    }
    const auto entries = pending();
    std::vector<protocol::MutationResult> results(2);
    results[0].id = entries[0].clientUuid.toStdString();
    results[0].status = 200;
    results[1].id = entries[1].clientUuid.toStdString();
    results[1].status = 503;
    results[1].error = domain::makeError("unavailable", "Try again later.");
    syncclient::SettleReport report;
    QVERIFY2(OutboxSettlement(m_case.db(), kOrg)
                 .settle(entries, results, utc("2026-03-10T14:25:00Z"), &report, &error),
             qPrintable(error));
    QCOMPARE(report.applied, 1);
    QCOMPARE(report.kept, 2);
    const auto left = pending();
    QCOMPARE(left.size(), 2u);
    QCOMPARE(left[0].clientUuid, entries[1].clientUuid);
    QCOMPARE(left[0].attempts, 1);
    QCOMPARE(left[1].clientUuid, entries[2].clientUuid);

    // A batch that never reached the relay counts an attempt on every entry.
    QVERIFY2(
        OutboxSettlement(m_case.db(), kOrg).recordFailure(left, QStringLiteral("connection refused"), &error),
        qPrintable(error));
    QCOMPARE(pending()[0].attempts, 2);
    QCOMPARE(pending()[1].lastError, QStringLiteral("connection refused"));
}

QTEST_GUILESS_MAIN(TestDispatcherActions)
void TestDispatcherActions::settingsChangeCarriesTheSettingsVersion()
{
    QVERIFY(receiveSettings(2, relaySettings(3)));
    protocol::SettingsChange change;
    change.quietStartMinutes = 1320;
    change.quietPolicy = "skip";
    change.templates = {{"text_back", "Polar Air here. Reply STOP to opt out."}};
    change.onCallNumber = std::optional<std::string>("+15125550177");
    change.holidays = std::vector<std::chrono::year_month_day>{std::chrono::year{2026} / 7 / 4};
    change.reminderOffsetsMinutes = std::vector<std::int64_t>{60};
    QString error;
    QVERIFY2(actions().changeSettings(change, utc("2026-03-10T14:20:00Z"), &error), qPrintable(error));

    // The local effect: the values at once, the version one ahead as the relay's will be.
    const auto stored = store::OrgSettingsRepository(m_case.db(), kOrg).find(&error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->version, 4);
    QCOMPARE(stored->quietHours.start.count(), 1320);
    QCOMPARE(stored->quietHours.end.count(), 480);
    QCOMPARE(stored->quietHours.policy, domain::QuietHoursPolicy::Skip);
    QCOMPARE(stored->templates.at("text_back"), std::string("Polar Air here. Reply STOP to opt out."));
    QCOMPARE(stored->templates.at("help"), std::string("Call {{office_phone}}."));
    QCOMPARE(stored->onCallNumber->e164(), std::string("+15125550177"));
    QVERIFY(stored->hours.isHoliday(std::chrono::year{2026} / 7 / 4));
    QCOMPARE(stored->hours.day(std::chrono::Monday).size(), std::size_t(1)); // the week kept as it was
    QCOMPARE(stored->reminderOffsets.size(), std::size_t(1));
    QCOMPARE(stored->reminderOffsets[0].count(), 60);

    // The mutation: based on the version the store held, only the changed fields.
    const auto entries = pending();
    QCOMPARE(entries.size(), 1u);
    QCOMPARE(entries[0].kind, QStringLiteral("settings.change"));
    const auto mutation = item(entries[0]);
    QCOMPARE(mutation->getValue<int>("base_version"), 3);
    const auto data = mutation->getObject("data");
    QCOMPARE(data->getValue<int>("quiet_start_minutes"), 1320);
    QVERIFY(!data->has("quiet_end_minutes"));
    QVERIFY(!data->has("time_zone"));
    QVERIFY(!data->has("business_hours"));
    QCOMPARE(data->getArray("holidays")->getElement<std::string>(0), std::string("2026-07-04"));
    QCOMPARE(data->getArray("reminder_offsets_minutes")->getElement<int>(0), 60);
    QCOMPARE(data->getValue<std::string>("on_call_number"), std::string("+15125550177"));
    const auto decoded
        = protocol::decodeMutationBatch(OutboxSettlement::batchBody(entries).toStdString(), 100);
    QVERIFY(decoded && decoded->at(0).mutation);

    // The relay's event of the change (same version) is its word: it replaces the optimistic edit.
    auto echoed = relaySettings(4);
    echoed.quietStartMinutes = 1320;
    echoed.quietPolicy = "skip";
    echoed.templates["text_back"] = "Polar Air here. Reply STOP to opt out.";
    echoed.onCallNumber = "+15125550177";
    QVERIFY(receiveSettings(3, echoed));
    QCOMPARE(store::OrgSettingsRepository(m_case.db(), kOrg).find(&error)->version, 4);
}

void TestDispatcherActions::settingsChangeIsCheckedBeforeQueuing_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing") << 0 << "names no setting to change";
    QTest::newRow("quiet start") << 1 << "quiet_start_minutes must be between 0 and 1439";
    QTest::newRow("policy") << 2 << "quiet_policy";
    QTest::newRow("template") << 3 << "templates.welcome";
    QTest::newRow("on-call") << 4 << "on_call_number";
    QTest::newRow("not synced yet") << 5 << "not arrived from the relay";
    QTest::newRow("time zone") << 6 << "not a known time zone";
}

void TestDispatcherActions::settingsChangeIsCheckedBeforeQueuing()
{
    QFETCH(int, field);
    QFETCH(QString, expected);
    if (field != 5) {
        QVERIFY(receiveSettings(2, relaySettings(1)));
    }
    protocol::SettingsChange change;
    switch (field) {
    case 1:
        change.quietStartMinutes = 1440;
        break;
    case 2:
        change.quietPolicy = "loud";
        break;
    case 3:
        change.templates = {{"welcome", "Hi"}};
        break;
    case 4:
        change.onCallNumber = std::optional<std::string>("555-0100");
        break;
    case 5:
        change.dedupeWindowMinutes = 60;
        break;
    case 6:
        change.timeZone = "Mars/Olympus_Mons";
        break;
    default:
        break;
    }
    const QStringList before = dump(m_case.db());
    QString error;
    QVERIFY(!actions().changeSettings(change, utc("2026-03-10T14:20:00Z"), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(dump(m_case.db()), before);
}

void TestDispatcherActions::staleSettingsChangeBecomesAConflict()
{
    QVERIFY(receiveSettings(2, relaySettings(1)));
    protocol::SettingsChange change;
    change.dedupeWindowMinutes = 60;
    QString error;
    QVERIFY2(actions().changeSettings(change, utc("2026-03-10T14:20:00Z"), &error), qPrintable(error));
    const auto entries = pending();
    QCOMPARE(entries.size(), 1u);

    // Another device changed the templates first: the relay is at version 2.
    auto current = relaySettings(2);
    current.templates["text_back"] = "Changed elsewhere. Reply STOP to opt out.";
    std::vector<protocol::MutationResult> results(1);
    results[0].id = entries[0].clientUuid.toStdString();
    results[0].status = 409;
    results[0].error = domain::makeError("stale", "The organization's settings changed.");
    results[0].current = protocol::encodeOrgSettings(current);
    syncclient::SettleReport report;
    QVERIFY2(OutboxSettlement(m_case.db(), kOrg)
                 .settle(entries, results, utc("2026-03-10T14:25:00Z"), &report, &error),
             qPrintable(error));
    QCOMPARE(report.conflicts, 1);
    QVERIFY(pending().empty());

    std::vector<store::SyncConflict> conflicts;
    QVERIFY2(store::SyncConflictRepository(m_case.db(), kOrg).open(&conflicts, &error), qPrintable(error));
    QCOMPARE(conflicts.size(), 1u);
    QCOMPARE(conflicts[0].kind, QStringLiteral("settings.change"));
    QCOMPARE(conflicts[0].status, 409);
    QVERIFY(conflicts[0].leadId.isEmpty());
    QVERIFY(conflicts[0].currentJson.contains(QLatin1String("Changed elsewhere")));

    // The relay's settings replaced the optimistic edit.
    const auto stored = store::OrgSettingsRepository(m_case.db(), kOrg).find(&error);
    QCOMPARE(stored->version, 2);
    QCOMPARE(stored->dedupeWindow.count(), 1440);
    QCOMPARE(stored->templates.at("text_back"), std::string("Changed elsewhere. Reply STOP to opt out."));
}

#include "tst_dispatcheractions.moc"
