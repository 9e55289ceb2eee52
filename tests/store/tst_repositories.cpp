#include "RepositoryFixture.h"

class TestRepositories : public RepositoryTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { setUpSuite(); }
    void init() { setUpCase(); }
    void cleanup() { tearDownCase(); }

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
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
