#include "QtTimeZoneConverter.h"

#include "store/CallEventRepository.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/NoteRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/SearchIndex.h"
#include "store/StoreSql.h"

#include <QDir>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace callsnare;
using namespace callsnare::store;
using std::chrono::hours;
using std::chrono::minutes;

Q_DECLARE_METATYPE(callsnare::domain::DeliveryStatus)

namespace {

const QString kOrgA = QStringLiteral("org-a");
const QString kOrgB = QStringLiteral("org-b");

domain::PhoneNumber phone(const char* text)
{
    return domain::PhoneNumber::parse(text).value();
}

domain::Organization organization(const QString& id, const char* name)
{
    domain::Organization org;
    org.id = id.toStdString();
    org.name = name;
    org.timeZone = "America/Chicago";
    return org;
}

domain::Contact contact(const QString& orgId, const char* id, const char* number, const char* name)
{
    return domain::Contact{.id = id,
                           .orgId = orgId.toStdString(),
                           .phone = phone(number),
                           .name = name,
                           .optOut = {},
                           .timeZoneOverride = std::nullopt};
}

domain::Message message(const QString& orgId, const char* id, const char* leadId, domain::Direction direction,
                        const char* body, const char* at)
{
    domain::Message m;
    m.id = id;
    m.orgId = orgId.toStdString();
    m.leadId = leadId;
    m.direction = direction;
    m.author = direction == domain::Direction::Inbound ? domain::MessageAuthor::Homeowner
                                                       : domain::MessageAuthor::Automation;
    m.body = body;
    m.status = direction == domain::Direction::Inbound ? domain::DeliveryStatus::Received
                                                       : domain::DeliveryStatus::Queued;
    m.createdAt = utc(at);
    return m;
}

domain::CallEvent call(const QString& orgId, const char* id, const char* callSid, const char* leadId,
                       const char* at)
{
    return domain::CallEvent{.id = id,
                             .orgId = orgId.toStdString(),
                             .leadId = leadId,
                             .carrier = "twilio",
                             .carrierCallId = callSid,
                             .from = phone("+15125550142"),
                             .to = phone("+15125550100"),
                             .outcome = domain::CallOutcome::Missed,
                             .carrierStatus = "no-answer",
                             .occurredAt = utc(at)};
}

qint64 count(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    QString error;
    if (!execute(query, sql, values, &error) || !query.next()) {
        qWarning() << error;
        return -1;
    }
    return query.value(0).toLongLong();
}

bool sameHours(const domain::BusinessHours& a, const domain::BusinessHours& b)
{
    for (unsigned day = 0; day < 7; ++day) {
        if (a.day(std::chrono::weekday{day}) != b.day(std::chrono::weekday{day})) {
            return false;
        }
    }
    auto holidaysA = a.holidays();
    auto holidaysB = b.holidays();
    std::sort(holidaysA.begin(), holidaysA.end());
    std::sort(holidaysB.begin(), holidaysB.end());
    return holidaysA == holidaysB;
}

} // namespace

class TestRepositories : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Profile> m_profile;
    QSqlDatabase m_db;
    int m_count = 0;

    // org A and org B, each with a contact and a lead on it.
    void seed()
    {
        QString error;
        OrganizationRepository orgs(m_db);
        QVERIFY2(orgs.save(organization(kOrgA, "Polar Air"), &error), qPrintable(error));
        QVERIFY2(orgs.save(organization(kOrgB, "Blaze Heating"), &error), qPrintable(error));
        for (const QString& org : {kOrgA, kOrgB}) {
            const std::string prefix = org.toStdString();
            ContactRepository contacts(m_db, org);
            QVERIFY2(
                contacts.save(contact(org, (prefix + "-contact").c_str(), "+15125550142", "Dana Whitfield"),
                              &error),
                qPrintable(error));
            LeadRepository leads(m_db, org);
            QVERIFY2(leads.insert(domain::Lead::missed(prefix + "-lead", prefix, prefix + "-contact",
                                                       utc("2026-01-12T15:00:00Z")),
                                  &error),
                     qPrintable(error));
        }
    }

    LeadRecord lead(const QString& org, const QString& id)
    {
        QString error;
        const auto record = LeadRepository(m_db, org).find(id, &error);
        if (!record) {
            qWarning() << "no lead" << id << error;
            return {};
        }
        return *record;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QStringLiteral("/repositories-XXXXXX"));
        QVERIFY2(m_tmp->isValid(), qPrintable(m_tmp->errorString()));
    }

    void init()
    {
        QString error;
        m_profile = Profile::create(m_tmp->filePath(QStringLiteral("case-%1.callsnare").arg(++m_count)),
                                    QStringLiteral("repository tests"), &error);
        QVERIFY2(m_profile, qPrintable(error));
        m_db = m_profile->database();
        seed();
    }

    void cleanup()
    {
        m_db = QSqlDatabase();
        m_profile.reset();
    }

    // ---- organizations ----------------------------------------------------

    void organizationRoundTrip()
    {
        domain::Organization org = organization(QStringLiteral("org-full"), "Arctic Comfort HVAC");
        org.timeZone = "America/Denver";
        org.numbers = {phone("+13035550100"), phone("+13035550199")};
        org.officeNumber = phone("+13035550111");
        std::array<domain::BusinessHours::DaySchedule, 7> weekly{};
        weekly[1] = {{hours{7}, hours{12}}, {hours{13}, minutes{17 * 60 + 30}}};
        weekly[6] = {{hours{9}, hours{24}}};
        org.hours = domain::BusinessHours::create(
                        weekly, {std::chrono::year{2026} / 12 / 25, std::chrono::year{2026} / 7 / 4})
                        .value();
        org.quietHours = {minutes{22 * 60 + 15}, minutes{7 * 60 + 45}, domain::QuietHoursPolicy::Skip};
        org.dedupeWindow = minutes{90};
        org.reminderOffsets = {hours{48}, minutes{30}, hours{2}};
        org.templates
            = {{std::string(domain::TemplateName::TextBack), "Hi {{first_name}}, it's {{company}}!"},
               {std::string(domain::TemplateName::Help), "Call {{office_phone}} — ünïcode ok"}};
        org.billing = domain::BillingState::PastDue;

        OrganizationRepository repository(m_db);
        QString error;
        QVERIFY2(repository.save(org, &error), qPrintable(error));
        auto stored = repository.find(QStringLiteral("org-full"), &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->id, org.id);
        QCOMPARE(stored->name, org.name);
        QCOMPARE(stored->timeZone, org.timeZone);
        QVERIFY(stored->numbers == org.numbers);
        QVERIFY(stored->officeNumber == org.officeNumber);
        QVERIFY(sameHours(stored->hours, org.hours));
        QCOMPARE(stored->hours.holidays().front(), std::chrono::year{2026} / 7 / 4); // date order
        QVERIFY(stored->quietHours == org.quietHours);
        QCOMPARE(stored->dedupeWindow, org.dedupeWindow);
        QVERIFY(stored->reminderOffsets == org.reminderOffsets); // order kept
        QVERIFY(stored->templates == org.templates);
        QCOMPARE(stored->billing, org.billing);

        // Saving again replaces the details instead of adding to them.
        org.name = "Arctic Comfort";
        org.numbers = {phone("+13035550123")};
        org.officeNumber.reset();
        org.hours = domain::BusinessHours::weekdays(hours{8}, hours{16});
        org.templates = {{std::string(domain::TemplateName::Help), "Reply STOP to opt out"}};
        org.billing = domain::BillingState::Active;
        QVERIFY2(repository.save(org, &error), qPrintable(error));
        stored = repository.find(QStringLiteral("org-full"), &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->name, org.name);
        QVERIFY(stored->numbers == org.numbers);
        QVERIFY(!stored->officeNumber);
        QVERIFY(sameHours(stored->hours, org.hours));
        QVERIFY(stored->templates == org.templates);
        QCOMPARE(stored->billing, domain::BillingState::Active);
        QCOMPARE(count(m_db, QStringLiteral("SELECT version FROM organizations WHERE id = 'org-full'")), 2);
    }

    void organizationListAndMissing()
    {
        OrganizationRepository repository(m_db);
        QString error;
        std::vector<domain::Organization> all;
        QVERIFY2(repository.list(&all, &error), qPrintable(error));
        QCOMPARE(all.size(), std::size_t{2});
        QCOMPARE(all[0].name, std::string("Blaze Heating")); // by name
        QCOMPARE(all[1].name, std::string("Polar Air"));
        // The defaults survive a round trip too.
        QVERIFY(sameHours(all[1].hours, domain::Organization{}.hours));
        QVERIFY(all[1].reminderOffsets == domain::Organization{}.reminderOffsets);

        error = QStringLiteral("stale");
        QVERIFY(!repository.find(QStringLiteral("nobody"), &error));
        QVERIFY(error.isEmpty());
    }

    void organizationSaveIsAllOrNothing()
    {
        // A trigger stands in for a failure halfway through the details.
        QString error;
        QVERIFY2(execute(m_db,
                         QStringLiteral(
                             "CREATE TRIGGER refuse_template BEFORE INSERT ON templates "
                             "WHEN NEW.body = 'boom' BEGIN SELECT RAISE(ABORT, 'template refused'); END"),
                         {}, &error),
                 qPrintable(error));
        OrganizationRepository repository(m_db);
        domain::Organization org = organization(kOrgA, "Renamed");
        org.numbers = {phone("+15125550999")};
        org.templates = {{"help", "boom"}};
        QVERIFY(!repository.save(org, &error));
        QVERIFY2(error.contains(QLatin1String("template refused")), qPrintable(error));
        const auto stored = repository.find(kOrgA, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->name, std::string("Polar Air"));
        QVERIFY(stored->numbers.empty());
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM org_numbers")), 0);
    }

    // ---- contacts ---------------------------------------------------------

    void contactRoundTrip_data()
    {
        QTest::addColumn<bool>("optedOut");
        QTest::addColumn<bool>("withDetails");
        QTest::newRow("plain, NULLs") << false << false;
        QTest::newRow("opted out, every field") << true << true;
        QTest::newRow("opted back in, every field") << false << true;
    }

    void contactRoundTrip()
    {
        QFETCH(bool, optedOut);
        QFETCH(bool, withDetails);
        domain::Contact c = contact(kOrgA, "c-round", "+1 (512) 555-0177", "José Ñúñez");
        c.optOut.optedOut = optedOut;
        if (withDetails) {
            c.optOut.changedAt = utc("2026-02-01T10:00:00Z");
            c.optOut.source = domain::ConsentSource::CarrierError;
            c.timeZoneOverride = "America/Phoenix";
        }
        ContactRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY2(repository.save(c, &error), qPrintable(error));
        for (const auto& stored : {repository.find(QStringLiteral("c-round"), &error),
                                   repository.findByPhone(phone("+15125550177"), &error)}) {
            QVERIFY2(stored, qPrintable(error));
            QCOMPARE(stored->id, c.id);
            QCOMPARE(stored->orgId, c.orgId);
            QCOMPARE(stored->phone, c.phone);
            QCOMPARE(stored->name, c.name);
            QVERIFY(stored->optOut == c.optOut);
            QVERIFY(stored->timeZoneOverride == c.timeZoneOverride);
        }
        QCOMPARE(count(m_db,
                       QStringLiteral("SELECT count(*) FROM contacts WHERE id = 'c-round' AND "
                                      "opt_out_source IS NULL AND time_zone_override IS NULL")),
                 withDetails ? 0 : 1);

        // Saving again updates in place.
        c.name = "Jose Nunez";
        c.timeZoneOverride.reset();
        QVERIFY2(repository.save(c, &error), qPrintable(error));
        const auto updated = repository.find(QStringLiteral("c-round"), &error);
        QVERIFY2(updated, qPrintable(error));
        QCOMPARE(updated->name, std::string("Jose Nunez"));
        QVERIFY(!updated->timeZoneOverride);
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM contacts WHERE id = 'c-round'")), 1);
    }

    void contactSearch_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("name") << "whitfield";
        QTest::newRow("e164") << "+15125550142";
        QTest::newRow("national digits") << "5125550142";
        QTest::newRow("local part") << "555 0142";
        QTest::newRow("formatted") << "(512) 555-0142";
    }

    void contactSearch()
    {
        QFETCH(QString, typed);
        QString error;
        const QVector<SearchHit> hits = SearchIndex(m_db, kOrgA).search(typed, 10, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(hits.size(), 1); // org B's contact with the same number stays out
        QCOMPARE(hits.front().kind, SearchKind::Contact);
        QCOMPARE(hits.front().refId, QStringLiteral("org-a-contact"));
        QVERIFY(hits.front().leadId.isEmpty());
    }

    void contactSearchFollowsRenames()
    {
        ContactRepository repository(m_db, kOrgA);
        QString error;
        domain::Contact c = *repository.find(QStringLiteral("org-a-contact"), &error);
        c.name = "Morgan Reyes";
        QVERIFY2(repository.save(c, &error), qPrintable(error));
        QVERIFY(SearchIndex(m_db, kOrgA).search(QStringLiteral("whitfield"), 10, &error).isEmpty());
        QCOMPARE(SearchIndex(m_db, kOrgA).search(QStringLiteral("reyes"), 10, &error).size(), 1);
    }

    void contactNumberIsUniquePerOrganization()
    {
        ContactRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY(!repository.save(contact(kOrgA, "c-second", "512-555-0142", "Someone Else"), &error));
        QVERIFY2(error.contains(QLatin1String("already has the number (512) 555-0142")), qPrintable(error));
        QVERIFY(!repository.find(QStringLiteral("c-second"), &error));
        QCOMPARE(
            count(m_db, QStringLiteral("SELECT count(*) FROM search_documents WHERE ref_id = 'c-second'")),
            0);
    }

    void setOptOut()
    {
        ContactRepository repository(m_db, kOrgA);
        QString error;
        const domain::OptOutState stop{true, utc("2026-03-01T18:00:00Z"), domain::ConsentSource::Keyword};
        QVERIFY2(repository.setOptOut(QStringLiteral("org-a-contact"), stop, &error), qPrintable(error));
        QVERIFY(repository.find(QStringLiteral("org-a-contact"), &error)->optOut == stop);
        const domain::OptOutState start{false, utc("2026-03-02T18:00:00Z"),
                                        domain::ConsentSource::Dispatcher};
        QVERIFY2(repository.setOptOut(QStringLiteral("org-a-contact"), start, &error), qPrintable(error));
        QVERIFY(repository.find(QStringLiteral("org-a-contact"), &error)->optOut == start);

        QVERIFY(!repository.setOptOut(QStringLiteral("nobody"), stop, &error));
        QVERIFY2(error.contains(QLatin1String("no contact")), qPrintable(error));
    }

    // ---- leads ------------------------------------------------------------

    void leadRoundTrip_data()
    {
        QTest::addColumn<bool>("everyField");
        QTest::newRow("just missed, NULLs") << false;
        QTest::newRow("closed, every field") << true;
    }

    void leadRoundTrip()
    {
        QFETCH(bool, everyField);
        domain::Lead l
            = domain::Lead::missed("lead-round", "org-a", "org-a-contact", utc("2026-01-10T08:00:00Z"));
        l.lastCallAt = utc("2026-01-10T08:30:00Z");
        if (everyField) {
            l.state = domain::LeadState::Closed;
            l.outcome = domain::CloseOutcome::Won;
            l.stamps.firstTextAt = utc("2026-01-10T08:00:05Z");
            l.stamps.firstReplyAt = utc("2026-01-10T08:04:00Z");
            l.stamps.bookedAt = utc("2026-01-10T08:20:00Z");
            l.stamps.handedOffAt = utc("2026-01-10T08:25:00Z");
            l.stamps.closedAt = utc("2026-01-11T17:00:00Z");
            l.automationPaused = true;
            l.urgent = true;
        }
        LeadRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY2(repository.insert(l, &error), qPrintable(error));
        const auto stored = repository.find(QStringLiteral("lead-round"), &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->lead.id, l.id);
        QCOMPARE(stored->lead.orgId, l.orgId);
        QCOMPARE(stored->lead.contactId, l.contactId);
        QCOMPARE(stored->lead.state, l.state);
        QVERIFY(stored->lead.outcome == l.outcome);
        QVERIFY(stored->lead.stamps == l.stamps);
        QCOMPARE(stored->lead.lastCallAt, l.lastCallAt);
        QCOMPARE(stored->lead.automationPaused, l.automationPaused);
        QCOMPARE(stored->lead.urgent, l.urgent);
        QCOMPARE(stored->version, 1);
        QCOMPARE(stored->unreadCount, 0);
        QCOMPARE(stored->lastActivityAt, l.lastCallAt);
    }

    void leadNeedsThisOrganizationsContact()
    {
        LeadRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY(!repository.insert(
            domain::Lead::missed("lead-x", "org-a", "org-b-contact", utc("2026-01-10T08:00:00Z")), &error));
        QVERIFY2(error.contains(QLatin1String("no contact")), qPrintable(error));
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM leads WHERE id = 'lead-x'")), 0);
    }

    void leadVersionConflict()
    {
        LeadRepository repository(m_db, kOrgA);
        QString error;
        const LeadRecord before = lead(kOrgA, QStringLiteral("org-a-lead"));
        QCOMPARE(before.version, 1);

        // Two dispatchers edit version 1; the first one wins.
        auto first = domain::applyTransition(before.lead,
                                             {domain::LeadState::Office, utc("2026-01-12T16:00:00Z"), {}});
        QVERIFY(first);
        qint64 newVersion = 0;
        QVERIFY2(repository.update(first.value(), before.version, &newVersion, &error), qPrintable(error));
        QCOMPARE(newVersion, 2);

        domain::Lead second = before.lead;
        second.urgent = true;
        QVERIFY(!repository.update(second, before.version, &newVersion, &error));
        QVERIFY2(error.contains(QLatin1String("changed elsewhere")), qPrintable(error));

        const LeadRecord after = lead(kOrgA, QStringLiteral("org-a-lead"));
        QCOMPARE(after.version, 2);
        QCOMPARE(after.lead.state, domain::LeadState::Office);
        QVERIFY(after.lead.stamps.handedOffAt == utc("2026-01-12T16:00:00Z"));
        QVERIFY(!after.lead.urgent);
        QCOMPARE(after.lastActivityAt, utc("2026-01-12T16:00:00Z")); // a status change is activity

        // Retrying on the new version works.
        second = after.lead;
        second.urgent = true;
        QVERIFY2(repository.update(second, after.version, &newVersion, &error), qPrintable(error));
        QCOMPARE(newVersion, 3);
        QVERIFY(lead(kOrgA, QStringLiteral("org-a-lead")).lead.urgent);

        domain::Lead missing = second;
        missing.id = "no-such-lead";
        QVERIFY(!repository.update(missing, 1, nullptr, &error));
        QVERIFY2(error.contains(QLatin1String("no lead")), qPrintable(error));
    }

    void leadUpdateNeverMovesTheLastCallBack()
    {
        // A call stored after the dispatcher loaded the lead is kept.
        const LeadRecord loaded = lead(kOrgA, QStringLiteral("org-a-lead"));
        CallEventRepository calls(m_db, kOrgA);
        QString error;
        QVERIFY2(calls.insert(call(kOrgA, "call-late", "CA-late", "org-a-lead", "2026-01-12T18:00:00Z"),
                              nullptr, &error),
                 qPrintable(error));
        domain::Lead edited = loaded.lead;
        edited.urgent = true;
        QVERIFY2(LeadRepository(m_db, kOrgA).update(edited, loaded.version, nullptr, &error),
                 qPrintable(error));
        const LeadRecord after = lead(kOrgA, QStringLiteral("org-a-lead"));
        QCOMPARE(after.lead.lastCallAt, utc("2026-01-12T18:00:00Z"));
        QCOMPARE(after.lastActivityAt, utc("2026-01-12T18:00:00Z"));
    }

    void latestForContact()
    {
        LeadRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY2(repository.insert(
                     domain::Lead::missed("lead-old", "org-a", "org-a-contact", utc("2025-11-01T08:00:00Z")),
                     &error),
                 qPrintable(error));
        QVERIFY2(repository.insert(
                     domain::Lead::missed("lead-new", "org-a", "org-a-contact", utc("2026-02-01T08:00:00Z")),
                     &error),
                 qPrintable(error));
        auto latest = repository.latestForContact(QStringLiteral("org-a-contact"), &error);
        QVERIFY2(latest, qPrintable(error));
        QCOMPARE(latest->lead.id, std::string("lead-new"));

        QVERIFY(!repository.latestForContact(QStringLiteral("org-b-contact"), &error));
        QVERIFY(error.isEmpty());
    }

    // ---- call events ------------------------------------------------------

    void callEventsAreStoredOnce()
    {
        CallEventRepository repository(m_db, kOrgA);
        QString error;
        CallEventRepository::InsertOutcome outcome{};
        const domain::CallEvent first = call(kOrgA, "call-1", "CA100", "org-a-lead", "2026-01-12T17:00:00Z");
        QVERIFY2(repository.insert(first, &outcome, &error), qPrintable(error));
        QCOMPARE(outcome, CallEventRepository::InsertOutcome::Inserted);

        // The carrier retries the webhook: a new id, the same CallSid, later.
        const domain::CallEvent retry
            = call(kOrgA, "call-1-retry", "CA100", "org-a-lead", "2026-01-12T19:00:00Z");
        QVERIFY2(repository.insert(retry, &outcome, &error), qPrintable(error));
        QCOMPARE(outcome, CallEventRepository::InsertOutcome::AlreadyStored);
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM call_events")), 1);
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).lead.lastCallAt, utc("2026-01-12T17:00:00Z"));

        // Another organization's call with the same CallSid is its own.
        QVERIFY2(CallEventRepository(m_db, kOrgB)
                     .insert(call(kOrgB, "call-b", "CA100", "org-b-lead", "2026-01-12T17:00:00Z"), &outcome,
                             &error),
                 qPrintable(error));
        QCOMPARE(outcome, CallEventRepository::InsertOutcome::Inserted);
    }

    void callEventRoundTripAndOrder()
    {
        CallEventRepository repository(m_db, kOrgA);
        QString error;
        domain::CallEvent withheld = call(kOrgA, "call-2", "CA200", "org-a-lead", "2026-01-12T16:00:00Z");
        withheld.from.reset();
        withheld.carrierStatus = "busy";
        const domain::CallEvent earlier
            = call(kOrgA, "call-1", "CA100", "org-a-lead", "2026-01-12T15:00:00Z");
        domain::CallEvent answered = call(kOrgA, "call-3", "CA300", "", "2026-01-12T16:30:00Z");
        answered.outcome = domain::CallOutcome::Answered;
        answered.carrierStatus = "completed";
        for (const auto& event : {withheld, earlier, answered}) {
            QVERIFY2(repository.insert(event, nullptr, &error), qPrintable(error));
        }
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM call_events WHERE lead_id IS NULL")), 1);

        std::vector<domain::CallEvent> events;
        QVERIFY2(repository.listForLead(QStringLiteral("org-a-lead"), &events, &error), qPrintable(error));
        QCOMPARE(events.size(), std::size_t{2});
        QCOMPARE(events[0].id, std::string("call-1"));
        const domain::CallEvent& stored = events[1];
        QCOMPARE(stored.id, withheld.id);
        QCOMPARE(stored.orgId, withheld.orgId);
        QCOMPARE(stored.leadId, withheld.leadId);
        QCOMPARE(stored.carrier, withheld.carrier);
        QCOMPARE(stored.carrierCallId, withheld.carrierCallId);
        QVERIFY(!stored.from);
        QCOMPARE(stored.to, withheld.to);
        QCOMPARE(stored.outcome, withheld.outcome);
        QCOMPARE(stored.carrierStatus, withheld.carrierStatus);
        QCOMPARE(stored.occurredAt, withheld.occurredAt);
        QVERIFY(events[0].from == earlier.from);

        // The earlier call did not move the lead back.
        const LeadRecord record = lead(kOrgA, QStringLiteral("org-a-lead"));
        QCOMPARE(record.lead.lastCallAt, utc("2026-01-12T16:00:00Z"));
        QCOMPARE(record.lastActivityAt, utc("2026-01-12T16:00:00Z"));
    }

    void callEventNeedsThisOrganizationsLead()
    {
        QString error;
        QVERIFY(!CallEventRepository(m_db, kOrgA)
                     .insert(call(kOrgA, "call-x", "CAX", "org-b-lead", "2026-01-13T17:00:00Z"), nullptr,
                             &error));
        QVERIFY2(error.contains(QLatin1String("no lead")), qPrintable(error));
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM call_events")), 0);
        QCOMPARE(lead(kOrgB, QStringLiteral("org-b-lead")).lead.lastCallAt, utc("2026-01-12T15:00:00Z"));
    }

    // ---- messages ---------------------------------------------------------

    void messageRoundTrip_data()
    {
        QTest::addColumn<bool>("everyField");
        QTest::newRow("queued, no carrier id, NULL error code") << false;
        QTest::newRow("failed with carrier id and error code") << true;
    }

    void messageRoundTrip()
    {
        QFETCH(bool, everyField);
        domain::Message m
            = message(kOrgA, "msg-round", "org-a-lead", domain::Direction::Outbound,
                      "Hi Dana, this is Polar Air 🔥 — sorry we missed you!", "2026-01-12T15:00:07Z");
        m.author = domain::MessageAuthor::Dispatcher;
        if (everyField) {
            m.carrierId = "SM0123456789abcdef";
            m.status = domain::DeliveryStatus::Failed;
            m.carrierErrorCode = 30006;
        }
        MessageRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY2(repository.insert(m, &error), qPrintable(error));
        const auto stored = repository.find(QStringLiteral("msg-round"), &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->id, m.id);
        QCOMPARE(stored->orgId, m.orgId);
        QCOMPARE(stored->leadId, m.leadId);
        QCOMPARE(stored->direction, m.direction);
        QCOMPARE(stored->author, m.author);
        QCOMPARE(stored->body, m.body);
        QCOMPARE(stored->carrierId, m.carrierId);
        QCOMPARE(stored->status, m.status);
        QVERIFY(stored->carrierErrorCode == m.carrierErrorCode);
        QCOMPARE(stored->createdAt, m.createdAt);
        QCOMPARE(
            count(m_db, QStringLiteral("SELECT count(*) FROM messages WHERE carrier_error_code IS NULL")),
            everyField ? 0 : 1);

        const QVector<SearchHit> hits = SearchIndex(m_db, kOrgA).search(QStringLiteral("missed"), 5, &error);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.front().kind, SearchKind::Message);
        QCOMPARE(hits.front().refId, QStringLiteral("msg-round"));
        QCOMPARE(hits.front().leadId, QStringLiteral("org-a-lead"));
    }

    void unreadCountsAndLastActivity()
    {
        MessageRepository repository(m_db, kOrgA);
        QString error;
        const auto insert = [&](const char* id, domain::Direction direction, const char* at) {
            return repository.insert(message(kOrgA, id, "org-a-lead", direction, "text", at), &error);
        };
        QVERIFY2(insert("m1", domain::Direction::Outbound, "2026-01-12T15:00:05Z"), qPrintable(error));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).unreadCount, 0);
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).lastActivityAt, utc("2026-01-12T15:00:05Z"));
        QVERIFY2(insert("m2", domain::Direction::Inbound, "2026-01-12T15:10:00Z"), qPrintable(error));
        QVERIFY2(insert("m3", domain::Direction::Inbound, "2026-01-12T15:11:00Z"), qPrintable(error));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).unreadCount, 2);
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).lastActivityAt, utc("2026-01-12T15:11:00Z"));

        // A text that arrives late (synced from another device) is older: the
        // lead's last activity stays where it is.
        QVERIFY2(insert("m0", domain::Direction::Inbound, "2026-01-12T15:01:00Z"), qPrintable(error));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).lastActivityAt, utc("2026-01-12T15:11:00Z"));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).unreadCount, 3);

        // Notes are activity but never unread.
        QVERIFY2(NoteRepository(m_db, kOrgA)
                     .insert({"n1", "org-a", "org-a-lead", "sam", "called back", utc("2026-01-12T15:30:00Z")},
                             &error),
                 qPrintable(error));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).lastActivityAt, utc("2026-01-12T15:30:00Z"));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).unreadCount, 3);

        QVERIFY2(LeadRepository(m_db, kOrgA).markRead(QStringLiteral("org-a-lead"), &error),
                 qPrintable(error));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).unreadCount, 0);
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).version, 1); // reading is not an edit

        // Time order, texts of one second in the order they were stored.
        QVERIFY2(insert("m4-z", domain::Direction::Outbound, "2026-01-12T15:11:00Z"), qPrintable(error));
        QVERIFY2(insert("m4-a", domain::Direction::Outbound, "2026-01-12T15:11:00Z"), qPrintable(error));
        std::vector<domain::Message> thread;
        QVERIFY2(repository.listForLead(QStringLiteral("org-a-lead"), &thread, &error), qPrintable(error));
        QStringList ids;
        for (const auto& m : thread) {
            ids.append(QString::fromStdString(m.id));
        }
        QCOMPARE(ids, (QStringList{"m1", "m0", "m2", "m3", "m4-z", "m4-a"}));
    }

    void aFailedMessageInsertLeavesNothing()
    {
        MessageRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY2(repository.insert(message(kOrgA, "dup", "org-a-lead", domain::Direction::Inbound, "first",
                                           "2026-01-12T15:10:00Z"),
                                   &error),
                 qPrintable(error));
        // Same id again: the lead is touched first, then the insert fails.
        QVERIFY(!repository.insert(
            message(kOrgA, "dup", "org-a-lead", domain::Direction::Inbound, "second", "2026-01-13T09:00:00Z"),
            &error));
        const LeadRecord record = lead(kOrgA, QStringLiteral("org-a-lead"));
        QCOMPARE(record.unreadCount, 1);
        QCOMPARE(record.lastActivityAt, utc("2026-01-12T15:10:00Z"));
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM search_documents WHERE kind = 'message'")),
                 1);

        // A duplicate carrier id is refused with a sentence of its own.
        domain::Message sent = message(kOrgA, "sent-1", "org-a-lead", domain::Direction::Outbound, "a",
                                       "2026-01-12T15:20:00Z");
        sent.carrierId = "SM1";
        QVERIFY2(repository.insert(sent, &error), qPrintable(error));
        sent.id = "sent-2";
        QVERIFY(!repository.insert(sent, &error));
        QVERIFY2(error.contains(QLatin1String("carrier id SM1")), qPrintable(error));
    }

    void deliveryStatusOnlyMovesForward_data()
    {
        QTest::addColumn<domain::DeliveryStatus>("from");
        QTest::addColumn<domain::DeliveryStatus>("to");
        QTest::addColumn<bool>("moves");
        using S = domain::DeliveryStatus;
        QTest::newRow("queued -> sent") << S::Queued << S::Sent << true;
        QTest::newRow("sending -> delivered") << S::Sending << S::Delivered << true;
        QTest::newRow("sent -> undelivered") << S::Sent << S::Undelivered << true;
        QTest::newRow("sent -> queued (late report)") << S::Sent << S::Queued << false;
        QTest::newRow("delivered -> sent") << S::Delivered << S::Sent << false;
        QTest::newRow("delivered -> failed (final)") << S::Delivered << S::Failed << false;
        QTest::newRow("sent -> sent") << S::Sent << S::Sent << false;
    }

    void deliveryStatusOnlyMovesForward()
    {
        QFETCH(domain::DeliveryStatus, from);
        QFETCH(domain::DeliveryStatus, to);
        QFETCH(bool, moves);
        MessageRepository repository(m_db, kOrgA);
        QString error;
        domain::Message m
            = message(kOrgA, "msg", "org-a-lead", domain::Direction::Outbound, "x", "2026-01-12T15:00:05Z");
        m.status = from;
        m.carrierId = "SMabc";
        QVERIFY2(repository.insert(m, &error), qPrintable(error));

        for (const bool byCarrierId : {false, true}) {
            bool changed = !moves;
            const bool ok = byCarrierId
                ? repository.updateStatusByCarrierId(QStringLiteral("SMabc"), to, 30003, &changed, &error)
                : repository.updateStatus(QStringLiteral("msg"), to, 30003, &changed, &error);
            QVERIFY2(ok, qPrintable(error));
            QCOMPARE(changed, moves && !byCarrierId); // the second report is a repeat
            const auto stored = repository.find(QStringLiteral("msg"), &error);
            QCOMPARE(stored->status, moves ? to : from);
            QVERIFY(stored->carrierErrorCode == (moves ? std::optional<int>(30003) : std::nullopt));
        }
    }

    void deliveryReportForAnUnknownMessage()
    {
        MessageRepository repository(m_db, kOrgA);
        QString error;
        QVERIFY(!repository.updateStatus(QStringLiteral("nothing"), domain::DeliveryStatus::Sent, {}, nullptr,
                                         &error));
        QVERIFY2(error.contains(QLatin1String("no message")), qPrintable(error));
        QVERIFY(!repository.updateStatusByCarrierId(QString(), domain::DeliveryStatus::Sent, {}, nullptr,
                                                    &error));
    }

    // ---- notes ------------------------------------------------------------

    void noteRoundTrip()
    {
        NoteRepository repository(m_db, kOrgA);
        QString error;
        const domain::Note later{
            "n2", "org-a", "org-a-lead", "alex", "Gate code 4521, dog in yard", utc("2026-01-12T16:00:00Z")};
        const domain::Note earlier{
            "n1", "org-a", "org-a-lead", "sam", "Prefers texts after 5pm", utc("2026-01-12T15:30:00Z")};
        QVERIFY2(repository.insert(later, &error), qPrintable(error));
        QVERIFY2(repository.insert(earlier, &error), qPrintable(error));
        std::vector<domain::Note> notes;
        QVERIFY2(repository.listForLead(QStringLiteral("org-a-lead"), &notes, &error), qPrintable(error));
        QCOMPARE(notes.size(), std::size_t{2});
        QCOMPARE(notes[0].id, earlier.id);
        const domain::Note& stored = notes[1];
        QCOMPARE(stored.id, later.id);
        QCOMPARE(stored.orgId, later.orgId);
        QCOMPARE(stored.leadId, later.leadId);
        QCOMPARE(stored.author, later.author);
        QCOMPARE(stored.body, later.body);
        QCOMPARE(stored.createdAt, later.createdAt);

        const QVector<SearchHit> hits
            = SearchIndex(m_db, kOrgA).search(QStringLiteral("gate code"), 5, &error);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.front().kind, SearchKind::Note);
        QCOMPARE(hits.front().refId, QStringLiteral("n2"));
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).lastActivityAt, utc("2026-01-12T16:00:00Z"));
    }

    // ---- organization isolation -------------------------------------------

    void otherOrganizationsRowsAreInvisible()
    {
        QString error;
        QVERIFY2(MessageRepository(m_db, kOrgB)
                     .insert(message(kOrgB, "msg-b", "org-b-lead", domain::Direction::Inbound, "furnace",
                                     "2026-01-12T15:10:00Z"),
                             &error),
                 qPrintable(error));
        QVERIFY2(NoteRepository(m_db, kOrgB)
                     .insert({"note-b", "org-b", "org-b-lead", "kim", "furnace", utc("2026-01-12T15:20:00Z")},
                             &error),
                 qPrintable(error));
        QVERIFY2(
            CallEventRepository(m_db, kOrgB)
                .insert(call(kOrgB, "call-b", "CAB", "org-b-lead", "2026-01-12T15:00:00Z"), nullptr, &error),
            qPrintable(error));

        QVERIFY(!ContactRepository(m_db, kOrgA).find(QStringLiteral("org-b-contact"), &error));
        QVERIFY(error.isEmpty());
        QCOMPARE(ContactRepository(m_db, kOrgA).findByPhone(phone("+15125550142"), &error)->id,
                 std::string("org-a-contact"));
        QVERIFY(!LeadRepository(m_db, kOrgA).find(QStringLiteral("org-b-lead"), &error));
        QVERIFY(!LeadRepository(m_db, kOrgA).latestForContact(QStringLiteral("org-b-contact"), &error));
        QVERIFY(!MessageRepository(m_db, kOrgA).find(QStringLiteral("msg-b"), &error));
        std::vector<domain::Message> messages{domain::Message{}};
        QVERIFY(MessageRepository(m_db, kOrgA).listForLead(QStringLiteral("org-b-lead"), &messages, &error));
        QVERIFY(messages.empty());
        std::vector<domain::Note> notes;
        QVERIFY(NoteRepository(m_db, kOrgA).listForLead(QStringLiteral("org-b-lead"), &notes, &error));
        QVERIFY(notes.empty());
        std::vector<domain::CallEvent> calls;
        QVERIFY(CallEventRepository(m_db, kOrgA).listForLead(QStringLiteral("org-b-lead"), &calls, &error));
        QVERIFY(calls.empty());
        QVERIFY(SearchIndex(m_db, kOrgA).search(QStringLiteral("furnace"), 10, &error).isEmpty());
        QCOMPARE(SearchIndex(m_db, kOrgB).search(QStringLiteral("furnace"), 10, &error).size(), 2);
    }

    void otherOrganizationsRowsAreUnchangeable()
    {
        QString error;
        QVERIFY2(MessageRepository(m_db, kOrgB)
                     .insert(message(kOrgB, "msg-b", "org-b-lead", domain::Direction::Inbound, "hello",
                                     "2026-01-12T15:10:00Z"),
                             &error),
                 qPrintable(error));
        domain::Message outbound = message(kOrgB, "out-b", "org-b-lead", domain::Direction::Outbound, "hi",
                                           "2026-01-12T15:11:00Z");
        outbound.carrierId = "SMB";
        QVERIFY2(MessageRepository(m_db, kOrgB).insert(outbound, &error), qPrintable(error));
        const LeadRecord leadBefore = lead(kOrgB, QStringLiteral("org-b-lead"));

        ContactRepository contactsA(m_db, kOrgA);
        // A contact of org B handed to org A's repository.
        QVERIFY(!contactsA.save(contact(kOrgB, "org-b-contact", "+15125550143", "Hijack"), &error));
        QVERIFY2(error.contains(QLatin1String("belongs to organization")), qPrintable(error));
        // Org B's contact id claimed for org A.
        QVERIFY(!contactsA.save(contact(kOrgA, "org-b-contact", "+15125550144", "Hijack"), &error));
        QVERIFY(!contactsA.setOptOut(QStringLiteral("org-b-contact"), {true, utc("2026-01-13T00:00:00Z"), {}},
                                     &error));
        const auto contactB = ContactRepository(m_db, kOrgB).find(QStringLiteral("org-b-contact"), &error);
        QVERIFY2(contactB, qPrintable(error));
        QCOMPARE(contactB->name, std::string("Dana Whitfield"));
        QCOMPARE(contactB->phone, phone("+15125550142"));
        QVERIFY(!contactB->optOut.optedOut);

        LeadRepository leadsA(m_db, kOrgA);
        domain::Lead forged = leadBefore.lead;
        QVERIFY(!leadsA.update(forged, leadBefore.version, nullptr, &error)); // org B's lead
        forged.orgId = "org-a";
        forged.urgent = true;
        QVERIFY(!leadsA.update(forged, leadBefore.version, nullptr, &error)); // claimed for org A
        QVERIFY2(error.contains(QLatin1String("no lead")), qPrintable(error));
        QVERIFY(!leadsA.markRead(QStringLiteral("org-b-lead"), &error));
        QVERIFY(!leadsA.insert(
            domain::Lead::missed("org-b-lead", "org-a", "org-a-contact", utc("2026-01-12T15:00:00Z")),
            &error)); // the id is taken

        MessageRepository messagesA(m_db, kOrgA);
        QVERIFY(!messagesA.updateStatus(QStringLiteral("out-b"), domain::DeliveryStatus::Delivered, {},
                                        nullptr, &error));
        QVERIFY(!messagesA.updateStatusByCarrierId(QStringLiteral("SMB"), domain::DeliveryStatus::Delivered,
                                                   {}, nullptr, &error));
        QVERIFY(!messagesA.insert(
            message(kOrgA, "msg-a", "org-b-lead", domain::Direction::Inbound, "x", "2026-01-14T00:00:00Z"),
            &error));
        QVERIFY(
            !NoteRepository(m_db, kOrgA)
                 .insert({"note-a", "org-a", "org-b-lead", "kim", "x", utc("2026-01-14T00:00:00Z")}, &error));

        const LeadRecord leadAfter = lead(kOrgB, QStringLiteral("org-b-lead"));
        QCOMPARE(leadAfter.version, leadBefore.version);
        QCOMPARE(leadAfter.unreadCount, 1);
        QCOMPARE(leadAfter.lastActivityAt, leadBefore.lastActivityAt);
        QVERIFY(!leadAfter.lead.urgent);
        QCOMPARE(MessageRepository(m_db, kOrgB).find(QStringLiteral("out-b"), &error)->status,
                 domain::DeliveryStatus::Queued);
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM messages WHERE org_id = 'org-b'")), 2);
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM messages WHERE org_id = 'org-a'")), 0);
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM notes")), 0);
    }

    // ---- transactions -----------------------------------------------------

    void writesJoinTheCallersTransaction()
    {
        QString error;
        ContactRepository contacts(m_db, kOrgA);
        LeadRepository leads(m_db, kOrgA);
        MessageRepository messages(m_db, kOrgA);
        const bool imported = inTransaction(m_db, &error, [&] {
            for (int i = 0; i < 50; ++i) {
                const std::string n = std::to_string(i);
                const std::string number = "+1512555" + std::string(4 - n.size(), '0') + n;
                if (!contacts.save(contact(kOrgA, ("bulk-c" + n).c_str(), (number.c_str()), "Bulk Person"),
                                   &error)
                    || !leads.insert(domain::Lead::missed("bulk-l" + n, "org-a", "bulk-c" + n,
                                                          utc("2026-01-12T10:00:00Z")),
                                     &error)
                    || !messages.insert(message(kOrgA, ("bulk-m" + n).c_str(), ("bulk-l" + n).c_str(),
                                                domain::Direction::Inbound, "no cooling upstairs",
                                                "2026-01-12T10:01:00Z"),
                                        &error)) {
                    return false;
                }
            }
            return true;
        });
        QVERIFY2(imported, qPrintable(error));
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM messages")), 50);
        QCOMPARE(count(m_db, QStringLiteral("SELECT sum(unread_count) FROM leads WHERE id LIKE 'bulk-%'")),
                 50);
        QCOMPARE(SearchIndex(m_db, kOrgA).search(QStringLiteral("cooling"), 100, &error).size(), 50);

        // One failure inside the caller's transaction: the caller rolls it all back.
        const bool failed = inTransaction(m_db, &error, [&] {
            return messages.insert(message(kOrgA, "tx-1", "org-a-lead", domain::Direction::Inbound, "one",
                                           "2026-01-13T10:00:00Z"),
                                   &error)
                && messages.insert(message(kOrgA, "tx-2", "org-b-lead", domain::Direction::Inbound, "two",
                                           "2026-01-13T10:00:00Z"),
                                   &error);
        });
        QVERIFY(!failed);
        QVERIFY2(error.contains(QLatin1String("no lead")), qPrintable(error));
        QCOMPARE(count(m_db, QStringLiteral("SELECT count(*) FROM messages WHERE id LIKE 'tx-%'")), 0);
        QCOMPARE(lead(kOrgA, QStringLiteral("org-a-lead")).unreadCount, 0);
        QVERIFY(SearchIndex(m_db, kOrgA).search(QStringLiteral("one"), 10, &error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
