#include "RepositoryFixture.h"

class TestActivityRepositories : public RepositoryTestCase {
    Q_OBJECT

private slots:
    void initTestCase() { setUpSuite(); }
    void init() { setUpCase(); }
    void cleanup() { tearDownCase(); }

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

QTEST_GUILESS_MAIN(TestActivityRepositories)
#include "tst_activityrepositories.moc"
