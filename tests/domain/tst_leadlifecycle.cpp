#include "QtTimeZoneConverter.h"
#include "domain/Lead.h"

#include <QTest>

using namespace callsnare::domain;

Q_DECLARE_METATYPE(callsnare::domain::LeadState)

class TestLeadLifecycle : public QObject {
    Q_OBJECT

private:
    static Lead leadIn(LeadState state)
    {
        Lead lead = Lead::missed("lead-1", "org-1", "contact-1", utc("2026-07-01T15:00:00Z"));
        lead.state = state;
        return lead;
    }

private slots:
    void transitions_data()
    {
        QTest::addColumn<LeadState>("from");
        QTest::addColumn<LeadState>("to");
        QTest::addColumn<bool>("allowed");

        using enum LeadState;
        const LeadState all[] = {Missed, Texted, Replied, Booked, Office, Closed};
        // The whole table: anything not listed here must be refused.
        const std::pair<LeadState, LeadState> allowed[] = {
            {Missed, Texted}, {Missed, Replied}, {Missed, Booked},  {Missed, Office},
            {Missed, Closed}, {Texted, Replied}, {Texted, Booked},  {Texted, Office},
            {Texted, Closed}, {Replied, Booked}, {Replied, Office}, {Replied, Closed},
            {Booked, Office}, {Booked, Closed},  {Office, Booked},  {Office, Closed},
        };
        for (const LeadState from : all) {
            for (const LeadState to : all) {
                const bool ok = std::find(std::begin(allowed), std::end(allowed), std::pair{from, to})
                    != std::end(allowed);
                const std::string name = std::string(wireName(from)) + "->" + std::string(wireName(to));
                QTest::newRow(name.c_str()) << from << to << ok;
            }
        }
    }

    void transitions()
    {
        QFETCH(LeadState, from);
        QFETCH(LeadState, to);
        QFETCH(bool, allowed);

        QCOMPARE(isAllowedTransition(from, to), allowed);
        const Lead lead = leadIn(from);
        const std::optional<CloseOutcome> outcome
            = to == LeadState::Closed ? std::optional{CloseOutcome::Won} : std::nullopt;
        const auto moved = applyTransition(lead, {to, utc("2026-07-01T15:05:00Z"), outcome});
        QCOMPARE(moved.ok(), allowed);
        if (allowed) {
            QCOMPARE(moved->state, to);
        } else {
            QCOMPARE(moved.error().code, std::string("illegal_transition"));
            QVERIFY2(moved.error().message.find(std::string(wireName(from))) != std::string::npos,
                     moved.error().message.c_str());
        }
    }

    void happyPathStampsEveryState()
    {
        Lead lead = leadIn(LeadState::Missed);
        const Instant texted = utc("2026-07-01T15:00:07Z");
        const Instant replied = utc("2026-07-01T15:03:00Z");
        const Instant booked = utc("2026-07-01T15:10:00Z");
        const Instant closed = utc("2026-07-03T18:00:00Z");

        for (const LeadTransition& step :
             {LeadTransition{LeadState::Texted, texted, {}}, LeadTransition{LeadState::Replied, replied, {}},
              LeadTransition{LeadState::Booked, booked, {}},
              LeadTransition{LeadState::Closed, closed, CloseOutcome::Won}}) {
            auto next = applyTransition(lead, step);
            QVERIFY2(next.ok(), next.ok() ? "" : next.error().message.c_str());
            lead = next.value();
        }

        QCOMPARE(lead.state, LeadState::Closed);
        QCOMPARE(lead.outcome, std::optional{CloseOutcome::Won});
        QCOMPARE(lead.stamps.missedAt, utc("2026-07-01T15:00:00Z"));
        QCOMPARE(lead.stamps.firstTextAt, std::optional{texted});
        QCOMPARE(lead.stamps.firstReplyAt, std::optional{replied});
        QCOMPARE(lead.stamps.bookedAt, std::optional{booked});
        QCOMPARE(lead.stamps.handedOffAt, std::optional<Instant>{});
        QCOMPARE(lead.stamps.closedAt, std::optional{closed});
        QVERIFY(!lead.isOpen());
    }

    void firstStampIsKeptWhenAStateIsReentered()
    {
        // booked -> office -> booked again: booked_at stays the first booking.
        Lead lead = leadIn(LeadState::Replied);
        lead = applyTransition(lead, {LeadState::Booked, utc("2026-07-01T16:00:00Z"), {}}).value();
        lead = applyTransition(lead, {LeadState::Office, utc("2026-07-01T17:00:00Z"), {}}).value();
        lead = applyTransition(lead, {LeadState::Booked, utc("2026-07-01T18:00:00Z"), {}}).value();
        QCOMPARE(lead.stamps.bookedAt, std::optional{utc("2026-07-01T16:00:00Z")});
        QCOMPARE(lead.stamps.handedOffAt, std::optional{utc("2026-07-01T17:00:00Z")});
    }

    void closingNeedsAnOutcomeAndOnlyClosingTakesOne()
    {
        const Lead lead = leadIn(LeadState::Texted);
        const auto noOutcome = applyTransition(lead, {LeadState::Closed, utc("2026-07-01T16:00:00Z"), {}});
        QVERIFY(!noOutcome.ok());
        QCOMPARE(noOutcome.error().code, std::string("missing_outcome"));

        const auto strayOutcome
            = applyTransition(lead, {LeadState::Office, utc("2026-07-01T16:00:00Z"), CloseOutcome::Spam});
        QVERIFY(!strayOutcome.ok());
        QCOMPARE(strayOutcome.error().code, std::string("unexpected_outcome"));
    }

    void aMoveBeforeTheMissedCallIsRefused()
    {
        const Lead lead = leadIn(LeadState::Missed);
        const auto early = applyTransition(lead, {LeadState::Texted, utc("2026-07-01T14:59:59Z"), {}});
        QVERIFY(!early.ok());
        QCOMPARE(early.error().code, std::string("illegal_transition"));
    }

    void namesRoundTrip()
    {
        using enum LeadState;
        for (const LeadState state : {Missed, Texted, Replied, Booked, Office, Closed}) {
            QCOMPARE(parseLeadState(wireName(state)), std::optional{state});
        }
        for (const CloseOutcome outcome :
             {CloseOutcome::Won, CloseOutcome::Lost, CloseOutcome::Spam, CloseOutcome::Duplicate}) {
            QCOMPARE(parseCloseOutcome(wireName(outcome)), std::optional{outcome});
        }
        QCOMPARE(parseLeadState("Missed"), std::optional<LeadState>{});
        QCOMPARE(parseCloseOutcome(""), std::optional<CloseOutcome>{});
    }
};

QTEST_GUILESS_MAIN(TestLeadLifecycle)
#include "tst_leadlifecycle.moc"
