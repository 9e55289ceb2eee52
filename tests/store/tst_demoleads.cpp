#include "QtTimeZoneConverter.h"

#include "domain/MessageTemplate.h"
#include "store/DemoCentralTime.h"
#include "store/DemoLeads.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

using namespace callsnare;
using namespace callsnare::store;
using domain::LeadState;

namespace {

// Every field of every fact, in order: equal bytes mean equal data.
QByteArray serialize(const domain::Organization& org, const DemoBatch& batch)
{
    QByteArray out;
    const auto add = [&out](const auto&... parts) {
        ((out += QByteArray::fromStdString(std::string(parts)) += '|'), ...);
        out += '\n';
    };
    const auto t = [](domain::Instant at) { return std::to_string(at.time_since_epoch().count()); };
    const auto ot = [&t](const std::optional<domain::Instant>& at) { return at ? t(*at) : std::string("-"); };
    add(org.id, org.name, org.timeZone, org.numbers.front().e164());
    for (const auto& [name, text] : org.templates) {
        add(name, text);
    }
    for (const auto& c : batch.contacts) {
        add(c.id, c.orgId, c.phone.e164(), c.name, c.optOut.optedOut ? "out" : "in", ot(c.optOut.changedAt));
    }
    for (const auto& l : batch.leads) {
        add(l.id, l.orgId, l.contactId, domain::wireName(l.state),
            l.outcome ? domain::wireName(*l.outcome) : "-", t(l.stamps.missedAt), ot(l.stamps.firstTextAt),
            ot(l.stamps.firstReplyAt), ot(l.stamps.bookedAt), ot(l.stamps.handedOffAt), ot(l.stamps.closedAt),
            t(l.lastCallAt), l.automationPaused ? "paused" : "auto", l.urgent ? "urgent" : "-");
    }
    for (const auto& c : batch.calls) {
        add(c.id, c.leadId, c.carrierCallId, c.from ? c.from->e164() : "-", c.to.e164(), c.carrierStatus,
            t(c.occurredAt));
    }
    for (const auto& m : batch.messages) {
        add(m.id, m.leadId, m.direction == domain::Direction::Inbound ? "in" : "out", m.body, m.carrierId,
            domain::wireName(m.status), m.carrierErrorCode ? std::to_string(*m.carrierErrorCode) : "-",
            t(m.createdAt));
    }
    for (const auto& n : batch.notes) {
        add(n.id, n.leadId, n.author, n.body, t(n.createdAt));
    }
    for (const auto& b : batch.bookings) {
        add(b.id, b.leadId, t(b.startsAt), std::to_string(b.duration.count()), b.technician, b.address);
    }
    return out;
}

QByteArray generated(quint64 seed, qint64 leads)
{
    DemoLeads demo(seed);
    DemoBatch batch;
    demo.generate(leads, &batch);
    return serialize(demo.organization(), batch);
}

} // namespace

class TestDemoLeads : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void sameSeedGivesIdenticalData();
    void chunkingDoesNotChangeTheData();
    void differentSeedsGiveDifferentData();
    void organizationIsComplete();
    void leadsFollowTheLifecycle_data();
    void leadsFollowTheLifecycle();
    void factsBelongToLeadsOfTheOrganization();
    void conversationsMatchTheLeadState();
    void contactsHaveTheirOwnFictionalNumbers();
    void mixLooksLikeARealInbox();
    void generationStopsAtTheNumberSupply();
    void centralTimeMatchesTheZoneDatabase();

private:
    static constexpr qint64 kLeads = 1500;
    std::unique_ptr<DemoLeads> m_demo;
    DemoBatch m_batch;
};

void TestDemoLeads::initTestCase()
{
    m_demo = std::make_unique<DemoLeads>(20261102);
    QCOMPARE(m_demo->generate(kLeads, &m_batch), kLeads);
    QCOMPARE(static_cast<qint64>(m_batch.leads.size()), kLeads);
}

void TestDemoLeads::sameSeedGivesIdenticalData()
{
    const QByteArray first = generated(7, 400);
    const QByteArray second = generated(7, 400);
    QVERIFY(first.size() > 100000);
    QCOMPARE(QCryptographicHash::hash(first, QCryptographicHash::Sha256).toHex(),
             QCryptographicHash::hash(second, QCryptographicHash::Sha256).toHex());
    QCOMPARE(first, second);
}

void TestDemoLeads::chunkingDoesNotChangeTheData()
{
    DemoLeads demo(7);
    DemoBatch batch;
    QCOMPARE(demo.generate(150, &batch), qint64{150});
    QCOMPARE(demo.generate(250, &batch), qint64{250});
    QCOMPARE(demo.generatedLeads(), qint64{400});
    QCOMPARE(serialize(demo.organization(), batch), generated(7, 400));

    // Skipping lands on the same leads as generating them all.
    DemoLeads skipping(7);
    DemoBatch tail;
    skipping.skip(150);
    skipping.generate(250, &tail);
    DemoBatch all;
    DemoLeads(7).generate(400, &all);
    QCOMPARE(tail.leads.front().id, all.leads.at(150).id);
    QCOMPARE(tail.messages.back().id, all.messages.back().id);
}

void TestDemoLeads::differentSeedsGiveDifferentData()
{
    DemoLeads a(7);
    DemoLeads b(8);
    QVERIFY(a.organization().id != b.organization().id);
    DemoBatch batchA;
    DemoBatch batchB;
    a.generate(50, &batchA);
    b.generate(50, &batchB);
    QSet<QString> idsA;
    for (const auto& lead : batchA.leads) {
        idsA.insert(QString::fromStdString(lead.id));
    }
    for (const auto& lead : batchB.leads) {
        QVERIFY(!idsA.contains(QString::fromStdString(lead.id)));
    }
    QVERIFY(generated(7, 50) != generated(8, 50));
    // The clock is an input too: another "now" moves every fact.
    DemoLeads later(7, DemoLeads::defaultNow() + std::chrono::days{30});
    DemoBatch laterBatch;
    later.generate(50, &laterBatch);
    QVERIFY(laterBatch.leads.front().stamps.missedAt != batchA.leads.front().stamps.missedAt);
}

void TestDemoLeads::organizationIsComplete()
{
    const domain::Organization& org = m_demo->organization();
    QCOMPARE(QString::fromStdString(org.name), QStringLiteral("Comfort Pros Heating & Air"));
    QCOMPARE(QString::fromStdString(org.timeZone), QStringLiteral("America/Chicago"));
    QVERIFY(!org.id.empty());
    QCOMPARE(org.numbers.size(), std::size_t{1});
    QVERIFY(org.officeNumber.has_value());
    QVERIFY(domain::isInGoodStanding(org.billing));
    // Tuesday 10:00 open, Sunday closed, Christmas closed.
    using namespace std::chrono;
    QVERIFY(org.hours.isOpen(domain::atTimeOfDay(year{2026} / November / 3, hours{10})));
    QVERIFY(!org.hours.isOpen(domain::atTimeOfDay(year{2026} / November / 8, hours{10})));
    QVERIFY(!org.hours.isOpen(domain::atTimeOfDay(year{2026} / December / 25, hours{10})));
    for (const auto name : {domain::TemplateName::TextBack, domain::TemplateName::TextBackAfterHours,
                            domain::TemplateName::BookingConfirmation, domain::TemplateName::BookingReminder,
                            domain::TemplateName::OptOutConfirmation, domain::TemplateName::Help}) {
        const auto parsed = domain::MessageTemplate::parse(org.templateText(name));
        QVERIFY2(parsed.ok() && !org.templateText(name).empty(), std::string(name).c_str());
    }
}

void TestDemoLeads::leadsFollowTheLifecycle_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 1") << quint64{1};
    QTest::newRow("seed 2026") << quint64{2026};
    QTest::newRow("seed max") << ~quint64{0};
}

void TestDemoLeads::leadsFollowTheLifecycle()
{
    QFETCH(quint64, seed);
    DemoLeads demo(seed);
    DemoBatch batch;
    demo.generate(800, &batch);
    const domain::Instant now = demo.now();
    for (const auto& lead : batch.leads) {
        const auto& s = lead.stamps;
        const QByteArray which
            = QByteArray::fromStdString(lead.id + " " + std::string(domain::wireName(lead.state)));
        QVERIFY2(s.missedAt <= now && lead.lastCallAt >= s.missedAt && lead.lastCallAt <= now, which);
        // Each state has the stamps of the way it was reached, in order.
        QVERIFY2(!s.firstReplyAt || (s.firstTextAt && *s.firstTextAt <= *s.firstReplyAt), which);
        QVERIFY2(!s.firstTextAt || *s.firstTextAt >= s.missedAt, which);
        QVERIFY2(!s.bookedAt || (s.firstReplyAt && *s.bookedAt >= *s.firstReplyAt), which);
        QVERIFY2(!s.handedOffAt || (s.firstReplyAt && *s.handedOffAt >= *s.firstReplyAt), which);
        QVERIFY2(!s.handedOffAt || !s.bookedAt || *s.handedOffAt >= *s.bookedAt, which);
        QVERIFY2(!s.closedAt || (*s.closedAt <= now && *s.closedAt >= s.missedAt), which);
        QVERIFY2((lead.state == LeadState::Closed) == (s.closedAt.has_value() && lead.outcome.has_value()),
                 which);
        switch (lead.state) {
        case LeadState::Missed:
            QVERIFY2(!s.firstTextAt, which);
            break;
        case LeadState::Texted:
            QVERIFY2(s.firstTextAt && !s.firstReplyAt, which);
            break;
        case LeadState::Replied:
            QVERIFY2(s.firstReplyAt && !s.bookedAt && !s.handedOffAt, which);
            break;
        case LeadState::Booked:
            QVERIFY2(s.bookedAt && !s.handedOffAt, which);
            break;
        case LeadState::Office:
            QVERIFY2(s.handedOffAt.has_value(), which);
            break;
        case LeadState::Closed:
            break;
        }

        // Replaying the stamped moves through the domain's state machine gives the same lead.
        std::vector<std::pair<domain::Instant, LeadState>> moves;
        for (const auto& [stamp, state] :
             {std::pair{s.firstTextAt, LeadState::Texted}, std::pair{s.firstReplyAt, LeadState::Replied},
              std::pair{s.bookedAt, LeadState::Booked}, std::pair{s.handedOffAt, LeadState::Office}}) {
            if (stamp) {
                moves.emplace_back(*stamp, state);
            }
        }
        std::stable_sort(moves.begin(), moves.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        domain::Lead replay = domain::Lead::missed(lead.id, lead.orgId, lead.contactId, s.missedAt);
        for (const auto& [at, state] : moves) {
            auto next = domain::applyTransition(replay, {state, at, std::nullopt});
            QVERIFY2(next.ok(), which);
            replay = next.value();
        }
        if (s.closedAt) {
            auto next = domain::applyTransition(replay, {LeadState::Closed, *s.closedAt, lead.outcome});
            QVERIFY2(next.ok(), which);
            replay = next.value();
        }
        QVERIFY2(replay.state == lead.state && replay.stamps == lead.stamps, which);
    }
}

void TestDemoLeads::factsBelongToLeadsOfTheOrganization()
{
    const std::string orgId = m_demo->organization().id;
    std::map<std::string, const domain::Lead*> leads;
    std::set<std::string> contactIds;
    for (const auto& contact : m_batch.contacts) {
        QCOMPARE(contact.orgId, orgId);
        QVERIFY(contactIds.insert(contact.id).second);
    }
    for (const auto& lead : m_batch.leads) {
        QCOMPARE(lead.orgId, orgId);
        QVERIFY(contactIds.count(lead.contactId) == 1);
        QVERIFY(leads.emplace(lead.id, &lead).second);
    }
    const domain::Instant now = m_demo->now();
    std::set<std::string> ids;
    std::set<std::string> carrierIds;
    for (const auto& call : m_batch.calls) {
        QCOMPARE(call.orgId, orgId);
        QVERIFY(leads.count(call.leadId) == 1);
        const domain::Lead& lead = *leads.at(call.leadId);
        QVERIFY(call.occurredAt >= lead.stamps.missedAt && call.occurredAt <= lead.lastCallAt);
        QVERIFY(call.to == m_demo->organization().numbers.front());
        QVERIFY(ids.insert(call.id).second);
        QVERIFY(carrierIds.insert(call.carrierCallId).second);
    }
    for (const auto& message : m_batch.messages) {
        QCOMPARE(message.orgId, orgId);
        QVERIFY(leads.count(message.leadId) == 1);
        QVERIFY(message.createdAt >= leads.at(message.leadId)->stamps.missedAt && message.createdAt <= now);
        QVERIFY(ids.insert(message.id).second);
        QVERIFY(carrierIds.insert(message.carrierId).second);
        QVERIFY(!message.body.empty());
        QVERIFY2(message.body.find("{{") == std::string::npos, message.body.c_str());
        QCOMPARE(message.direction == domain::Direction::Inbound,
                 message.author == domain::MessageAuthor::Homeowner);
        QCOMPARE(message.direction == domain::Direction::Inbound,
                 message.status == domain::DeliveryStatus::Received);
    }
    for (const auto& note : m_batch.notes) {
        QCOMPARE(note.orgId, orgId);
        QVERIFY(leads.count(note.leadId) == 1);
        QVERIFY(note.createdAt >= leads.at(note.leadId)->stamps.missedAt && note.createdAt <= now);
        QVERIFY(!note.author.empty());
        QVERIFY(ids.insert(note.id).second);
    }
    std::set<std::string> bookedLeads;
    for (const auto& booking : m_batch.bookings) {
        QCOMPARE(booking.orgId, orgId);
        QVERIFY(leads.count(booking.leadId) == 1);
        const domain::Lead& lead = *leads.at(booking.leadId);
        QVERIFY(lead.stamps.bookedAt && booking.startsAt > *lead.stamps.bookedAt);
        QVERIFY(!booking.address.empty() && !booking.technician.empty());
        QVERIFY(bookedLeads.insert(booking.leadId).second); // one visit per lead
        QVERIFY(ids.insert(booking.id).second);
    }
    for (const auto& lead : m_batch.leads) {
        QCOMPARE(bookedLeads.count(lead.id) == 1, lead.stamps.bookedAt.has_value());
    }
}

void TestDemoLeads::conversationsMatchTheLeadState()
{
    std::map<std::string, std::vector<const domain::Message*>> byLead;
    for (const auto& message : m_batch.messages) {
        byLead[message.leadId].push_back(&message);
    }
    std::map<std::string, const domain::Contact*> contacts;
    for (const auto& contact : m_batch.contacts) {
        contacts[contact.id] = &contact;
    }
    for (const auto& lead : m_batch.leads) {
        const auto& thread = byLead[lead.id];
        const QByteArray which = QByteArray::fromStdString(lead.id);
        for (std::size_t i = 1; i < thread.size(); ++i) {
            QVERIFY2(thread[i - 1]->createdAt <= thread[i]->createdAt, which); // in time order
        }
        if (!lead.stamps.firstTextAt) {
            QVERIFY2(thread.empty(), which);
            continue;
        }
        // The text-back opens the thread, from the org's template, when the lead was texted.
        QVERIFY2(!thread.empty(), which);
        const domain::Message& textBack = *thread.front();
        QVERIFY2(textBack.author == domain::MessageAuthor::Automation, which);
        QCOMPARE(textBack.createdAt, *lead.stamps.firstTextAt);
        const std::string first = contacts.at(lead.contactId)->firstName();
        QVERIFY2(textBack.body.rfind("Hi " + first + ", ", 0) == 0, textBack.body.c_str());
        QVERIFY2(textBack.body.find("Comfort Pros Heating & Air") != std::string::npos, which);
        QVERIFY2(!contacts.at(lead.contactId)->optOut.optedOut, which); // never texts an opted-out number
        // The first homeowner text is the reply.
        const auto reply = std::find_if(thread.begin(), thread.end(), [](const domain::Message* m) {
            return m->direction == domain::Direction::Inbound;
        });
        QCOMPARE(reply != thread.end(), lead.stamps.firstReplyAt.has_value());
        if (reply != thread.end()) {
            QCOMPARE((*reply)->createdAt, *lead.stamps.firstReplyAt);
        }
        // A booked visit is confirmed by text from the template.
        if (lead.stamps.bookedAt) {
            QVERIFY2(std::any_of(thread.begin(), thread.end(),
                                 [](const domain::Message* m) {
                                     return m->body.rfind("You're booked with Comfort Pros", 0) == 0;
                                 }),
                     which);
        }
        // A dispatcher writing on a lead takes it over from automation.
        const bool dispatcherWrote = std::any_of(thread.begin(), thread.end(), [](const domain::Message* m) {
            return m->author == domain::MessageAuthor::Dispatcher;
        });
        if (dispatcherWrote) {
            QVERIFY2(lead.automationPaused, which);
        }
    }
}

void TestDemoLeads::contactsHaveTheirOwnFictionalNumbers()
{
    DemoLeads demo(99);
    DemoBatch batch;
    demo.generate(20000, &batch);
    // Across the boundary between area codes as well.
    demo.skip(80900 - 20000 - 50);
    demo.generate(100, &batch);
    QSet<QString> phones;
    const QRegularExpression shape(QStringLiteral("^\\+1[2-9]\\d\\d555(01[1-9]\\d|[2-9]\\d{3})$"));
    for (const auto& contact : batch.contacts) {
        const QString phone = QString::fromStdString(contact.phone.e164());
        QVERIFY2(shape.match(phone).hasMatch(), qPrintable(phone));
        QVERIFY2(!phones.contains(phone), qPrintable(phone));
        phones.insert(phone);
        QVERIFY(!contact.name.empty() && contact.name.find(' ') != std::string::npos);
    }
    QCOMPARE(phones.size(), qsizetype{20100});
    QVERIFY(!phones.contains(QStringLiteral("+13125550100")));
}

void TestDemoLeads::mixLooksLikeARealInbox()
{
    std::map<LeadState, int> states;
    for (const auto& lead : m_batch.leads) {
        ++states[lead.state];
    }
    for (const auto state : {LeadState::Missed, LeadState::Texted, LeadState::Replied, LeadState::Booked,
                             LeadState::Office, LeadState::Closed}) {
        QVERIFY2(states[state] >= kLeads / 50, std::string(domain::wireName(state)).c_str());
    }
    const double perLead = static_cast<double>(m_batch.messages.size()) / static_cast<double>(kLeads);
    QVERIFY2(perLead >= 9.0 && perLead <= 11.0, qPrintable(QString::number(perLead)));
    qInfo("%.2f messages per lead", perLead);
    QVERIFY(m_batch.notes.size() > static_cast<std::size_t>(kLeads / 10));
    QVERIFY(m_batch.calls.size() > m_batch.leads.size());
    // Problems come through in the homeowners' own words.
    const auto mentions = [this](const char* phrase) {
        return std::any_of(
            m_batch.messages.begin(), m_batch.messages.end(),
            [phrase](const domain::Message& m) { return m.body.find(phrase) != std::string::npos; });
    };
    QVERIFY(mentions("banging noise"));
    QVERIFY(mentions("No heat at all"));
    QVERIFY(mentions("gas"));
}

void TestDemoLeads::generationStopsAtTheNumberSupply()
{
    DemoLeads demo(3);
    demo.skip(DemoLeads::maxLeads() - 2);
    DemoBatch batch;
    QCOMPARE(demo.generate(5, &batch), qint64{2});
    QCOMPARE(demo.generate(5, &batch), qint64{0});
    QCOMPARE(batch.leads.size(), std::size_t{2});
}

void TestDemoLeads::centralTimeMatchesTheZoneDatabase()
{
    const QtTimeZoneConverter zoneDatabase;
    const DemoCentralTime central;
    // Every 7 hours through two years, and around both 2026 switches.
    std::vector<domain::Instant> instants;
    for (domain::Instant at = utc("2025-01-01T00:00:00Z"); at < utc("2027-01-01T00:00:00Z");
         at += std::chrono::hours{7}) {
        instants.push_back(at);
    }
    for (const char* edge :
         {"2026-03-08T07:59:59Z", "2026-03-08T08:00:00Z", "2026-11-01T06:59:59Z", "2026-11-01T07:00:00Z"}) {
        instants.push_back(utc(edge));
    }
    for (const auto at : instants) {
        QCOMPARE(central.toLocal(at, "America/Chicago").time_since_epoch().count(),
                 zoneDatabase.toLocal(at, "America/Chicago").time_since_epoch().count());
        const auto local = central.toLocal(at, "America/Chicago");
        QCOMPARE(central.toInstant(local, "America/Chicago").time_since_epoch().count(),
                 zoneDatabase.toInstant(local, "America/Chicago").time_since_epoch().count());
    }
}

QTEST_GUILESS_MAIN(TestDemoLeads)
#include "tst_demoleads.moc"
