// Organization settings through the relay's sync API, end to end on SQLite
// and PostgreSQL: a device changes them with settings.change (stale and bad
// changes refused, replays answered once), every device reads them as
// org.settings events, and the automation uses them at once.

#include "SyncApiFixture.h"
#include "TestHttpClient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QtTest>

using namespace callsnare;
using callsnare::test::HttpReply;
using callsnare::test::TestHttpClient;
using namespace sync_api;

class TestSyncSettings : public QObject, public SyncApiFixture {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(setUpSuite(&error), qPrintable(error));
    }
    void cleanupTestCase() { tearDownSuite(); }
    void cleanup()
    {
        QString error;
        QVERIFY2(stopSystem(&error), qPrintable(error));
    }

    void settingsChangeTravelsAndTakesEffect_data() { backends(); }
    void settingsChangeTravelsAndTakesEffect();
    void settingsChangeRefusalsStoreNothing_data() { backends(); }
    void settingsChangeRefusalsStoreNothing();
    void businessHoursChooseTheTextBack_data() { backends(); }
    void businessHoursChooseTheTextBack();
};

void TestSyncSettings::settingsChangeTravelsAndTakesEffect()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    // A newly enrolled device reads the settings from its first page.
    const protocol::OrgSettings first = settings(token);
    QVERIFY(first.version >= 1);
    QCOMPARE(first.timeZone, std::string("America/Chicago"));
    QVERIFY(first.templates.contains("text_back"));
    QVERIFY(!first.intakeQuestions.empty());

    // The owner rewrites the text-back (both variants, so the hour the test runs at does not matter).
    const std::string wording
        = "{{company}} saw your call and will text you right back. Reply STOP to opt out.";
    protocol::SettingsChange change;
    change.templates = {{"text_back", wording}, {"text_back_after_hours", wording}};
    change.dedupeWindowMinutes = 90;
    change.onCallNumber = std::optional<std::string>("+15125550177");
    const protocol::Mutation edit{newUuid(), "settings.change", first.version, change};
    const auto applied = mutate(token, {edit});
    QCOMPARE(applied.size(), std::size_t(1));
    QVERIFY2(applied.front().applied(),
             qPrintable(QString::fromStdString(applied.front().error ? applied.front().error->message : "")));
    QCOMPARE(applied.front().data->getValue<std::int64_t>("version"), first.version + 1);

    // It appears as the settings' newest snapshot, whole.
    int published = 0;
    const protocol::OrgSettings after = settings(token, &published);
    QCOMPARE(after.version, first.version + 1);
    QCOMPARE(after.templates.at("text_back"), wording);
    QCOMPARE(after.templates.at("help"), first.templates.at("help"));
    QCOMPARE(after.dedupeWindowMinutes, 90);
    QCOMPARE(after.onCallNumber.value_or(""), std::string("+15125550177"));
    QCOMPARE(after.quietStartMinutes, first.quietStartMinutes);
    QVERIFY(after.intakeQuestions == first.intakeQuestions);

    // A replay gets the first answer and publishes nothing more.
    const auto replay = mutate(token, {edit});
    QCOMPARE(replay.size(), std::size_t(1));
    QCOMPARE(replay.front().status, 200);
    QCOMPARE(replay.front().data->getValue<std::int64_t>("version"), first.version + 1);
    int again = 0;
    QCOMPARE(settings(token, &again).version, first.version + 1);
    QCOMPARE(again, published);

    // An edit made on the old version is stale: 409 with the settings as they are.
    protocol::SettingsChange late;
    late.quietPolicy = "skip";
    const auto stale = mutate(token, {{newUuid(), "settings.change", first.version, late}});
    QCOMPARE(stale.size(), std::size_t(1));
    QCOMPARE(stale.front().status, 409);
    QCOMPARE(stale.front().error->code, std::string("stale"));
    const auto current = protocol::decodeOrgSettings(stale.front().current, "current");
    QVERIFY2(current, current ? "" : current.error().message.c_str());
    QCOMPARE(current->version, first.version + 1);
    QCOMPARE(current->templates.at("text_back"), wording);
    QCOMPARE(settings(token).quietPolicy, first.quietPolicy);

    // The automation's next text-back uses the new wording.
    QCOMPARE(m_system->standIn().call(accountA, homeowner, numberA).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 1, 10000);
    QCOMPARE(m_system->standIn().messages().last().toObject().value("body").toString(),
             QString("Cool Breeze HVAC saw your call and will text you right back. Reply STOP to opt out."));

    // The other organization's settings did not move.
    const std::string tokenOfB = enroll(m_orgB, &error);
    QVERIFY2(!tokenOfB.empty(), qPrintable(error));
    const protocol::OrgSettings ofB = settings(tokenOfB);
    QCOMPARE(ofB.version, first.version);
    QCOMPARE(ofB.templates.at("text_back"), first.templates.at("text_back"));
    QVERIFY(!ofB.onCallNumber);
    // B's device cannot edit A's settings: its edit lands on B's own, at B's version.
    protocol::SettingsChange ofBChange;
    ofBChange.dedupeWindowMinutes = 30;
    const auto byB = mutate(tokenOfB, {{newUuid(), "settings.change", ofB.version, ofBChange}});
    QCOMPARE(byB.size(), std::size_t(1));
    QCOMPARE(byB.front().status, 200);
    QCOMPARE(settings(tokenOfB).dedupeWindowMinutes, 30);
    QCOMPARE(settings(token).dedupeWindowMinutes, 90);
}

void TestSyncSettings::settingsChangeRefusalsStoreNothing()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    const protocol::OrgSettings before = settings(token);
    const std::int64_t lastSeq = events(token, 0).header.lastSeq;

    // Bad values are refused when decoded, naming the field; a zone the relay does not know by the relay.
    const std::string base = std::to_string(before.version);
    const QList<QPair<std::string, QString>> cases{
        {R"({"quiet_policy":"loud"})", "quiet_policy"},
        {R"({"quiet_start_minutes":1440})", "quiet_start_minutes: must be between 0 and 1439"},
        {R"({"dedupe_window_minutes":0})", "dedupe_window_minutes"},
        {R"({"templates":{"welcome":"Hi"}})", "templates.welcome"},
        {R"({"templates":{"text_back":")" + std::string(1700, 'x') + R"("}})", "longer than 1600 bytes"},
        {R"({"on_call_number":"512-555-0100"})", "on_call_number"},
        {R"({"time_zone":"Mars/Olympus_Mons"})", "time_zone"},
        {R"({"business_hours":{"sat":[{"open":"17:00","close":"08:00"}]}})", "business_hours.sat"},
        {R"({"holidays":["2026-12-25","2026-12-25"]})", "holidays[1]: 2026-12-25 is listed twice"},
        {R"({"reminder_offsets_minutes":[120,120]})", "reminder_offsets_minutes[1]"},
        {R"({"response_target_minutes":0})", "response_target_minutes"},
    };
    TestHttpClient http;
    for (const auto& [data, expected] : cases) {
        const std::string id = newUuid();
        const std::string body = R"({"protocol":1,"mutations":[{"id":")" + id
            + R"(","kind":"settings.change","base_version":)" + base + R"(,"data":)" + data + "}]}";
        for (int attempt = 0; attempt < 2; ++attempt) { // the replay gets the same answer
            const HttpReply reply
                = http.post(m_system->relay().url("/v1/sync/mutations"), QByteArray::fromStdString(body),
                            "application/json", {{"Authorization", bearer(token)}});
            QCOMPARE(reply.status, 200);
            const auto results = protocol::decodeMutationResults(reply.body.toStdString());
            QVERIFY(results && results->size() == 1);
            QCOMPARE(results->front().status, 422);
            QVERIFY2(QString::fromStdString(results->front().error->message).contains(expected),
                     results->front().error->message.c_str());
        }
    }
    // Nothing was stored: no event, the same settings.
    QCOMPARE(events(token, 0).header.lastSeq, lastSeq);
    const protocol::OrgSettings after = settings(token);
    QCOMPARE(after.version, before.version);
    QVERIFY(after.templates == before.templates);
    QCOMPARE(after.timeZone, before.timeZone);
}

// The automation reads the organization's own hours and holidays: open
// around the clock, a missed call gets the business-hours wording; with
// today a holiday, the after-hours one (whatever hour the test runs at).
void TestSyncSettings::businessHoursChooseTheTextBack()
{
    START_FETCHED();
    QString error;
    const std::string token = enroll(m_orgA, &error);
    QVERIFY2(!token.empty(), qPrintable(error));
    const protocol::OrgSettings first = settings(token);
    QVERIFY(first.businessHours == protocol::defaultWeeklyHours());
    QVERIFY(first.holidays.empty());
    QVERIFY((first.reminderOffsetsMinutes == std::vector<std::int64_t>{1440, 120}));
    QCOMPARE(first.responseTargetMinutes, 5);

    protocol::SettingsChange change;
    change.templates = {{"text_back", "OPEN {{company}}. Reply STOP to opt out."},
                        {"text_back_after_hours", "CLOSED {{company}}. Reply STOP to opt out."}};
    change.businessHours = protocol::WeeklyHours{};
    for (auto& day : *change.businessHours) {
        day = {{std::chrono::minutes{0}, std::chrono::hours{24}}};
    }
    change.reminderOffsetsMinutes = std::vector<std::int64_t>{2880, 60};
    change.responseTargetMinutes = 15;
    const auto applied = mutate(token, {{newUuid(), "settings.change", first.version, change}});
    QCOMPARE(applied.size(), std::size_t(1));
    QVERIFY2(applied.front().applied(),
             qPrintable(QString::fromStdString(applied.front().error ? applied.front().error->message : "")));
    const protocol::OrgSettings open = settings(token);
    QVERIFY(open.businessHours == *change.businessHours);
    QVERIFY((open.reminderOffsetsMinutes == std::vector<std::int64_t>{2880, 60}));
    QCOMPARE(open.responseTargetMinutes, 15);

    QCOMPARE(m_system->standIn().call(accountA, homeowner, numberA).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 1, 10000);
    QCOMPARE(m_system->standIn().messages().last().toObject().value("body").toString(),
             QString("OPEN Cool Breeze HVAC. Reply STOP to opt out."));

    // Yesterday, today and tomorrow in UTC cover today in Chicago.
    const QDate today = QDateTime::currentDateTimeUtc().date();
    std::vector<std::chrono::year_month_day> days;
    for (const QDate date : {today.addDays(-1), today, today.addDays(1)}) {
        days.push_back(std::chrono::year_month_day{std::chrono::year{date.year()},
                                                   std::chrono::month{static_cast<unsigned>(date.month())},
                                                   std::chrono::day{static_cast<unsigned>(date.day())}});
    }
    protocol::SettingsChange holiday;
    holiday.holidays = days;
    const auto closed = mutate(token, {{newUuid(), "settings.change", open.version, holiday}});
    QCOMPARE(closed.size(), std::size_t(1));
    QCOMPARE(closed.front().status, 200);
    QVERIFY(settings(token).holidays == days);
    QVERIFY(settings(token).businessHours == *change.businessHours);

    QCOMPARE(m_system->standIn().call(accountA, "+15125550166", numberA).value("relay_status").toInt(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(m_system->standIn().messages().size(), 2, 10000);
    QCOMPARE(m_system->standIn().messages().last().toObject().value("body").toString(),
             QString("CLOSED Cool Breeze HVAC. Reply STOP to opt out."));

    // An operator sets the week from the command line; devices hear of it as of their own edits.
    const qint64 beforeAdmin = settings(token).version;
    QVERIFY2(!m_system
                  ->admin({"automation", "set", "--org", m_orgA, "--hours",
                           R"({"sat":[{"open":"09:00","close":"13:00"}]})"},
                          &error)
                  .isNull(),
             qPrintable(error));
    const protocol::OrgSettings byOperator = settings(token);
    QCOMPARE(byOperator.version, beforeAdmin + 1);
    protocol::WeeklyHours saturdayOnly{};
    saturdayOnly[6] = {{std::chrono::hours{9}, std::chrono::hours{13}}};
    QVERIFY(byOperator.businessHours == saturdayOnly);
    QVERIFY(byOperator.holidays == days);
    // A week the domain refuses is a usage error that changes nothing.
    QVERIFY(m_system
                ->admin({"automation", "set", "--org", m_orgA, "--hours",
                         R"({"sat":[{"open":"13:00","close":"09:00"}]})"},
                        &error)
                .isNull());
    QVERIFY2(error.contains("sat"), qPrintable(error));
    QCOMPARE(settings(token).version, byOperator.version);
}

QTEST_GUILESS_MAIN(TestSyncSettings)
#include "tst_syncsettings.moc"
