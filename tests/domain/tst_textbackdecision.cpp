#include "QtTimeZoneConverter.h"
#include "domain/TextBackDecision.h"

#include <QTest>

#include <set>

using namespace callsnare::domain;
using namespace std::chrono;

Q_DECLARE_METATYPE(callsnare::domain::TextBackAction)
Q_DECLARE_METATYPE(callsnare::domain::TextBackReason)
Q_DECLARE_METATYPE(callsnare::domain::LeadPlacement)
Q_DECLARE_METATYPE(callsnare::domain::LeadState)
Q_DECLARE_METATYPE(callsnare::domain::BillingState)

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString qs(const std::optional<Instant>& at)
{
    return at ? QString::fromStdString(formatInstant(*at)) : QString();
}

// What explanation() must say for each reason; written out here rather than
// taken from the implementation so a wrong phrase fails.
const char* phraseFor(TextBackReason reason)
{
    switch (reason) {
    case TextBackReason::WithinBusinessHours:
        return "within business hours";
    case TextBackReason::AfterHours:
        return "after hours";
    case TextBackReason::QuietHoursDeferred:
        return "quiet hours";
    case TextBackReason::QuietHoursSkipped:
        return "quiet hours";
    case TextBackReason::BillingNotInGoodStanding:
        return "billing";
    case TextBackReason::OptedOut:
        return "opted out";
    case TextBackReason::AlreadyTexted:
        return "already texted";
    case TextBackReason::AutomationPaused:
        return "automation paused";
    case TextBackReason::WithheldCallerId:
        return "caller id withheld";
    case TextBackReason::UnknownTimeZone:
        return "time zone";
    }
    return "?";
}

// New York office, Mon-Fri 08:00-17:00, TCPA quiet hours deferred, active billing.
Organization newYorkOrg()
{
    Organization org;
    org.id = "org-1";
    org.name = "Cool Breeze HVAC";
    org.timeZone = "America/New_York";
    org.hours = BusinessHours::weekdays(hours{8}, hours{17});
    org.billing = BillingState::Active;
    return org;
}

std::optional<PhoneNumber> homeowner()
{
    auto number = PhoneNumber::parse("+15125550142");
    Q_ASSERT(number.ok());
    return number.value();
}

// Every decision must be internally consistent, whatever the rule that made it.
void verifyShape(const TextBackDecision& decision)
{
    const std::string why = decision.explanation();
    QVERIFY2(decision.sendAt.has_value() == (decision.action == TextBackAction::SendAt), why.c_str());
    QVERIFY2(decision.templateName.empty() == (decision.action == TextBackAction::Skip), why.c_str());
    QVERIFY2(decision.joinLeadId.empty() == (decision.placement == LeadPlacement::NewLead), why.c_str());
    QVERIFY2(why.find(phraseFor(decision.reason)) != std::string::npos, why.c_str());
}

} // namespace

class TestTextBackDecision : public QObject {
    Q_OBJECT

private:
    QtTimeZoneConverter m_zones;

private slots:
    // Business hours pick the template at the office's clock; quiet hours
    // decide now/later/never at the homeowner's clock.
    void timing_data()
    {
        QTest::addColumn<QByteArray>("callAt");
        QTest::addColumn<QString>("hours"); // weekdays | holiday | always
        QTest::addColumn<QString>("recipient"); // IANA zone, empty = unknown
        QTest::addColumn<QString>("quiet"); // defer | skip | off
        QTest::addColumn<TextBackAction>("action");
        QTest::addColumn<TextBackReason>("reason");
        QTest::addColumn<QString>("templateName");
        QTest::addColumn<QString>("sendAt");

        using A = TextBackAction;
        using R = TextBackReason;
        const QString open = qs(TemplateName::TextBack);
        const QString after = qs(TemplateName::TextBackAfterHours);
        const QString none;
        const QString la = QStringLiteral("America/Los_Angeles");
        const QString wk = QStringLiteral("weekdays");
        const QString always = QStringLiteral("always");
        const QString defer = QStringLiteral("defer");

        // July 2026 is EDT (UTC-4); 2026-07-14 is a Tuesday.
        QTest::newRow("tue 16:59 open") << QByteArray("2026-07-14T20:59:00Z") << wk << none << defer
                                        << A::SendNow << R::WithinBusinessHours << open << none;
        QTest::newRow("tue 17:00 closed") << QByteArray("2026-07-14T21:00:00Z") << wk << none << defer
                                          << A::SendNow << R::AfterHours << after << none;
        QTest::newRow("tue 08:00 opens as quiet ends")
            << QByteArray("2026-07-14T12:00:00Z") << wk << none << defer << A::SendNow
            << R::WithinBusinessHours << open << none;
        QTest::newRow("tue 07:59 quiet, deferred a minute")
            << QByteArray("2026-07-14T11:59:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-07-14T12:00:00Z");
        QTest::newRow("saturday 11:00") << QByteArray("2026-07-18T15:00:00Z") << wk << none << defer
                                        << A::SendNow << R::AfterHours << after << none;
        QTest::newRow("holiday friday 11:00")
            << QByteArray("2026-07-03T15:00:00Z") << QStringLiteral("holiday") << none << defer << A::SendNow
            << R::AfterHours << after << none;
        QTest::newRow("ordinary friday 11:00, same holiday list")
            << QByteArray("2026-07-10T15:00:00Z") << QStringLiteral("holiday") << none << defer << A::SendNow
            << R::WithinBusinessHours << open << none;
        QTest::newRow("20:59 before quiet") << QByteArray("2026-07-15T00:59:00Z") << wk << none << defer
                                            << A::SendNow << R::AfterHours << after << none;
        QTest::newRow("21:00 quiet, deferred to 08:00 next day")
            << QByteArray("2026-07-15T01:00:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-07-15T12:00:00Z");
        QTest::newRow("23:59 deferred across midnight")
            << QByteArray("2026-07-15T03:59:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-07-15T12:00:00Z");
        QTest::newRow("midnight exactly")
            << QByteArray("2026-07-15T04:00:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-07-15T12:00:00Z");
        // Sat 2026-03-07 23:30 EST; clocks spring forward that night, so
        // 08:00 EDT on Sunday is 12:00Z, not 13:00Z.
        QTest::newRow("dst spring forward")
            << QByteArray("2026-03-08T04:30:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-03-08T12:00:00Z");
        // Sat 2026-10-31 22:00 EDT; clocks fall back that night: 08:00 EST = 13:00Z.
        QTest::newRow("dst fall back")
            << QByteArray("2026-11-01T02:00:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-11-01T13:00:00Z");
        QTest::newRow("dst fall back, second 01:30")
            << QByteArray("2026-11-01T06:30:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-11-01T13:00:00Z");
        // 22:00 in New York is 19:00 in Los Angeles: after hours, but not quiet.
        QTest::newRow("LA homeowner, 22:00 NY") << QByteArray("2026-07-15T02:00:00Z") << wk << la << defer
                                                << A::SendNow << R::AfterHours << after << none;
        QTest::newRow("NY homeowner, 22:00 NY")
            << QByteArray("2026-07-15T02:00:00Z") << wk << none << defer << A::SendAt << R::QuietHoursDeferred
            << after << QStringLiteral("2026-07-15T12:00:00Z");
        // 09:00 NY is 06:00 LA: the office is open (template), the homeowner asleep.
        QTest::newRow("LA homeowner, 09:00 NY")
            << QByteArray("2026-07-14T13:00:00Z") << wk << la << defer << A::SendAt << R::QuietHoursDeferred
            << open << QStringLiteral("2026-07-14T15:00:00Z");
        QTest::newRow("unknown homeowner zone falls back to the org's")
            << QByteArray("2026-07-15T02:00:00Z") << wk << QStringLiteral("Mars/Olympus_Mons") << defer
            << A::SendAt << R::QuietHoursDeferred << after << QStringLiteral("2026-07-15T12:00:00Z");
        QTest::newRow("quiet policy skip, 21:00")
            << QByteArray("2026-07-15T01:00:00Z") << wk << none << QStringLiteral("skip") << A::Skip
            << R::QuietHoursSkipped << none << none;
        QTest::newRow("quiet policy skip, 20:59")
            << QByteArray("2026-07-15T00:59:00Z") << wk << none << QStringLiteral("skip") << A::SendNow
            << R::AfterHours << after << none;
        QTest::newRow("quiet hours off, 23:00")
            << QByteArray("2026-07-15T03:00:00Z") << wk << none << QStringLiteral("off") << A::SendNow
            << R::AfterHours << after << none;
        QTest::newRow("24/7 saturday noon") << QByteArray("2026-07-18T16:00:00Z") << always << none << defer
                                            << A::SendNow << R::WithinBusinessHours << open << none;
        QTest::newRow("24/7 sunday 20:59") << QByteArray("2026-07-20T00:59:00Z") << always << none << defer
                                           << A::SendNow << R::WithinBusinessHours << open << none;
        QTest::newRow("24/7 midnight, deferred with business template")
            << QByteArray("2026-07-15T04:00:00Z") << always << none << defer << A::SendAt
            << R::QuietHoursDeferred << open << QStringLiteral("2026-07-15T12:00:00Z");
    }

    void timing()
    {
        QFETCH(QByteArray, callAt);
        QFETCH(QString, hours);
        QFETCH(QString, recipient);
        QFETCH(QString, quiet);
        QFETCH(TextBackAction, action);
        QFETCH(TextBackReason, reason);
        QFETCH(QString, templateName);
        QFETCH(QString, sendAt);

        Organization org = newYorkOrg();
        if (hours == QLatin1String("holiday")) {
            auto withHoliday = BusinessHours::create(
                {{{}, {{8h, 17h}}, {{8h, 17h}}, {{8h, 17h}}, {{8h, 17h}}, {{8h, 17h}}, {}}},
                {year_month_day{2026y, July, 3d}});
            QVERIFY(withHoliday.ok());
            org.hours = withHoliday.value();
        } else if (hours == QLatin1String("always")) {
            BusinessHours::DaySchedule allDay{{0min, 24h}};
            auto allWeek = BusinessHours::create({allDay, allDay, allDay, allDay, allDay, allDay, allDay});
            QVERIFY(allWeek.ok());
            org.hours = allWeek.value();
        }
        if (quiet == QLatin1String("skip")) {
            org.quietHours.policy = QuietHoursPolicy::Skip;
        } else if (quiet == QLatin1String("off")) {
            org.quietHours.start = org.quietHours.end = 8h;
        }

        const TextBackInput input{
            .org = org,
            .caller = homeowner(),
            .callerOptOut = {},
            .recipientZone = recipient.isEmpty() ? std::nullopt : std::optional{recipient.toStdString()},
            .latestLead = nullptr,
            .latestLeadHasQueuedText = false,
            .callAt = utc(callAt.constData()),
        };
        const TextBackDecision decision = decideTextBack(input, m_zones);

        verifyShape(decision);
        QCOMPARE(qs(wireName(decision.action)), qs(wireName(action)));
        QCOMPARE(qs(wireName(decision.reason)), qs(wireName(reason)));
        QCOMPARE(qs(decision.templateName), templateName);
        QCOMPARE(qs(decision.sendAt), sendAt);
        QCOMPARE(qs(wireName(decision.placement)), qs(wireName(LeadPlacement::NewLead)));
    }

    // Placement (dedupe window) and the skips that depend on the caller, the
    // lead and billing, in the rules' order. The call is a Tuesday 10:00 EDT:
    // open and outside quiet hours, so a call nothing blocks is sent now.
    void gates_data()
    {
        QTest::addColumn<bool>("hasLead");
        QTest::addColumn<LeadState>("leadState");
        QTest::addColumn<int>("windowMinutes");
        QTest::addColumn<int>("gapSeconds"); // callAt - lead.lastCallAt
        QTest::addColumn<bool>("texted"); // lead.stamps.firstTextAt set
        QTest::addColumn<bool>("queued");
        QTest::addColumn<bool>("paused");
        QTest::addColumn<bool>("optedOut");
        QTest::addColumn<BillingState>("billing");
        QTest::addColumn<LeadPlacement>("placement");
        QTest::addColumn<TextBackAction>("action");
        QTest::addColumn<TextBackReason>("reason");

        using A = TextBackAction;
        using R = TextBackReason;
        using S = LeadState;
        const auto active = BillingState::Active;
        const auto join = LeadPlacement::JoinLead;
        const auto fresh = LeadPlacement::NewLead;
        const int day = 24 * 60;
        const int daySeconds = day * 60;

        // clang-format off
        //                                                          lead   state      window gap           texted queued paused optOut billing
        QTest::newRow("no lead")                                 << false << S::Missed << day << 0              << false << false << false << false << active << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("texted lead, exactly at window end")      << true  << S::Texted << day << daySeconds     << true  << false << false << false << active << join  << A::Skip    << R::AlreadyTexted;
        QTest::newRow("texted lead, one second past window")     << true  << S::Texted << day << daySeconds + 1 << true  << false << false << false << active << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("30 min window, exactly at end")           << true  << S::Texted << 30  << 1800           << true  << false << false << false << active << join  << A::Skip    << R::AlreadyTexted;
        QTest::newRow("30 min window, one second past")          << true  << S::Texted << 30  << 1801           << true  << false << false << false << active << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("same second")                             << true  << S::Texted << day << 0              << true  << false << false << false << active << join  << A::Skip    << R::AlreadyTexted;
        QTest::newRow("delivered out of order joins")            << true  << S::Texted << day << -600           << true  << false << false << false << active << join  << A::Skip    << R::AlreadyTexted;
        QTest::newRow("closed lead in window is not joined")     << true  << S::Closed << day << 60             << true  << false << false << false << active << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("joined, earlier text-back skipped")       << true  << S::Missed << day << 3600           << false << false << false << false << active << join  << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("joined, text queued")                     << true  << S::Missed << day << 60             << false << true  << false << false << active << join  << A::Skip    << R::AlreadyTexted;
        QTest::newRow("queued on an old lead past window")       << true  << S::Missed << day << daySeconds + 1 << false << true  << false << false << active << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("joined, automation paused")               << true  << S::Replied << day << 60            << false << false << true  << false << active << join  << A::Skip    << R::AutomationPaused;
        QTest::newRow("paused lead past window")                 << true  << S::Replied << day << daySeconds + 1 << false << false << true  << false << active << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("already texted before paused")            << true  << S::Texted << day << 60             << true  << false << true  << false << active << join  << A::Skip    << R::AlreadyTexted;
        QTest::newRow("opted out, no lead")                      << false << S::Missed << day << 0              << false << false << false << true  << active << fresh << A::Skip    << R::OptedOut;
        QTest::newRow("opted out before already texted")         << true  << S::Texted << day << 60             << true  << false << false << true  << active << join  << A::Skip    << R::OptedOut;
        QTest::newRow("opted out before billing")                << false << S::Missed << day << 0              << false << false << false << true  << BillingState::PastDue  << fresh << A::Skip << R::OptedOut;
        QTest::newRow("already texted before billing")           << true  << S::Texted << day << 60             << true  << false << false << false << BillingState::Canceled << join  << A::Skip << R::AlreadyTexted;
        QTest::newRow("paused before billing")                   << true  << S::Missed << day << 60             << false << false << true  << false << BillingState::PastDue  << join  << A::Skip << R::AutomationPaused;
        QTest::newRow("billing trial")                           << false << S::Missed << day << 0              << false << false << false << false << BillingState::Trial    << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("billing active")                          << false << S::Missed << day << 0              << false << false << false << false << BillingState::Active   << fresh << A::SendNow << R::WithinBusinessHours;
        QTest::newRow("billing past_due")                        << false << S::Missed << day << 0              << false << false << false << false << BillingState::PastDue  << fresh << A::Skip    << R::BillingNotInGoodStanding;
        QTest::newRow("billing canceled")                        << false << S::Missed << day << 0              << false << false << false << false << BillingState::Canceled << fresh << A::Skip    << R::BillingNotInGoodStanding;
        QTest::newRow("joined, past_due then, past_due still")   << true  << S::Missed << day << 3600           << false << false << false << false << BillingState::PastDue  << join  << A::Skip    << R::BillingNotInGoodStanding;
        // clang-format on
    }

    void gates()
    {
        QFETCH(bool, hasLead);
        QFETCH(LeadState, leadState);
        QFETCH(int, windowMinutes);
        QFETCH(int, gapSeconds);
        QFETCH(bool, texted);
        QFETCH(bool, queued);
        QFETCH(bool, paused);
        QFETCH(bool, optedOut);
        QFETCH(BillingState, billing);
        QFETCH(LeadPlacement, placement);
        QFETCH(TextBackAction, action);
        QFETCH(TextBackReason, reason);

        Organization org = newYorkOrg();
        org.dedupeWindow = minutes{windowMinutes};
        org.billing = billing;

        const Instant callAt = utc("2026-07-14T14:00:00Z");
        const Instant lastCall = callAt - seconds{gapSeconds};
        Lead lead = Lead::missed("lead-7", "org-1", "contact-1", lastCall - hours{2});
        lead.lastCallAt = lastCall;
        lead.state = leadState;
        if (texted) {
            lead.stamps.firstTextAt = lead.stamps.missedAt + seconds{7};
        }
        if (leadState == LeadState::Closed) {
            lead.outcome = CloseOutcome::Won;
            lead.stamps.closedAt = lastCall;
        }
        lead.automationPaused = paused;

        const TextBackInput input{
            .org = org,
            .caller = homeowner(),
            .callerOptOut = OptOutState{optedOut, std::nullopt, std::nullopt},
            .recipientZone = std::nullopt,
            .latestLead = hasLead ? &lead : nullptr,
            .latestLeadHasQueuedText = queued,
            .callAt = callAt,
        };
        const TextBackDecision decision = decideTextBack(input, m_zones);

        verifyShape(decision);
        QCOMPARE(qs(wireName(decision.placement)), qs(wireName(placement)));
        QCOMPARE(QString::fromStdString(decision.joinLeadId),
                 placement == LeadPlacement::JoinLead ? QStringLiteral("lead-7") : QString());
        QCOMPARE(qs(wireName(decision.action)), qs(wireName(action)));
        QCOMPARE(qs(wireName(decision.reason)), qs(wireName(reason)));
        if (action == TextBackAction::SendNow) {
            QCOMPARE(qs(decision.templateName), qs(TemplateName::TextBack));
        }
        if (hasLead) {
            QCOMPARE(joinsLead(lead, callAt, org.dedupeWindow), placement == LeadPlacement::JoinLead);
        }
    }

    // Nothing to text and nothing to dedupe on; this wins over every other rule.
    void withheldCallerIdOpensANewLead()
    {
        Organization org = newYorkOrg();
        org.billing = BillingState::PastDue;
        const Instant callAt = utc("2026-07-14T14:00:00Z");
        Lead lead = Lead::missed("lead-7", "org-1", "contact-1", callAt - minutes{5});
        lead.stamps.firstTextAt = lead.stamps.missedAt + seconds{7};
        lead.state = LeadState::Texted;

        const TextBackInput input{
            .org = org,
            .caller = std::nullopt,
            .callerOptOut = OptOutState{true, std::nullopt, std::nullopt},
            .recipientZone = std::nullopt,
            .latestLead = &lead,
            .latestLeadHasQueuedText = true,
            .callAt = callAt,
        };
        const TextBackDecision decision = decideTextBack(input, m_zones);

        verifyShape(decision);
        QCOMPARE(qs(wireName(decision.action)), QStringLiteral("skip"));
        QCOMPARE(qs(wireName(decision.reason)), QStringLiteral("withheld_caller_id"));
        QCOMPARE(qs(wireName(decision.placement)), QStringLiteral("new_lead"));
        QVERIFY(decision.joinLeadId.empty());
    }

    // Hours cannot be judged without the org's zone; texting at a guessed
    // hour could land in quiet hours, so nothing is sent.
    void unknownOrgZoneSkips()
    {
        Organization org = newYorkOrg();
        org.timeZone = "America/Nowhere";
        const TextBackInput input{
            .org = org,
            .caller = homeowner(),
            .callerOptOut = {},
            .recipientZone = std::string("America/Los_Angeles"),
            .latestLead = nullptr,
            .latestLeadHasQueuedText = false,
            .callAt = utc("2026-07-14T14:00:00Z"),
        };
        const TextBackDecision decision = decideTextBack(input, m_zones);
        verifyShape(decision);
        QCOMPARE(qs(wireName(decision.reason)), QStringLiteral("unknown_time_zone"));
        QCOMPARE(qs(wireName(decision.action)), QStringLiteral("skip"));
    }

    void explanationsReadAsALogLine()
    {
        Organization org = newYorkOrg();
        TextBackInput input{
            .org = org,
            .caller = homeowner(),
            .callerOptOut = {},
            .recipientZone = std::nullopt,
            .latestLead = nullptr,
            .latestLeadHasQueuedText = false,
            .callAt = utc("2026-07-15T01:00:00Z"), // Tue 21:00 EDT
        };
        QCOMPARE(QString::fromStdString(decideTextBack(input, m_zones).explanation()),
                 QStringLiteral("deferred to 2026-07-15T12:00:00Z: quiet hours at the recipient's "
                                "clock, after-hours template; new lead"));

        input.callAt = utc("2026-07-14T21:30:00Z"); // Tue 17:30 EDT
        QCOMPARE(QString::fromStdString(decideTextBack(input, m_zones).explanation()),
                 QStringLiteral("send now: after hours, after-hours template; new lead"));

        Lead lead = Lead::missed("lead-7", "org-1", "contact-1", utc("2026-07-14T21:00:00Z"));
        lead.stamps.firstTextAt = utc("2026-07-14T21:00:07Z");
        input.latestLead = &lead;
        QCOMPARE(QString::fromStdString(decideTextBack(input, m_zones).explanation()),
                 QStringLiteral("not texted: already texted on this lead; joins lead lead-7"));

        input.latestLead = nullptr;
        input.callerOptOut.optedOut = true;
        QCOMPARE(QString::fromStdString(decideTextBack(input, m_zones).explanation()),
                 QStringLiteral("not texted: opted out; new lead"));
    }

    void namesRoundTripAndAreDistinct()
    {
        using R = TextBackReason;
        std::set<std::string_view> seen;
        for (const R reason :
             {R::WithinBusinessHours, R::AfterHours, R::QuietHoursDeferred, R::QuietHoursSkipped,
              R::BillingNotInGoodStanding, R::OptedOut, R::AlreadyTexted, R::AutomationPaused,
              R::WithheldCallerId, R::UnknownTimeZone}) {
            QVERIFY2(!wireName(reason).empty(), "every reason has a wire name");
            QVERIFY2(seen.insert(wireName(reason)).second, wireName(reason).data());
            QVERIFY(parseTextBackReason(wireName(reason)) == reason);
        }
        QCOMPARE(qs(wireName(R::WithinBusinessHours)), QStringLiteral("within_business_hours"));
        QCOMPARE(qs(wireName(R::AfterHours)), QStringLiteral("after_hours"));
        for (const auto action : {TextBackAction::SendNow, TextBackAction::SendAt, TextBackAction::Skip}) {
            QVERIFY(parseTextBackAction(wireName(action)) == action);
        }
        for (const auto placement : {LeadPlacement::NewLead, LeadPlacement::JoinLead}) {
            QVERIFY(parseLeadPlacement(wireName(placement)) == placement);
        }
        QVERIFY(!parseTextBackReason("AfterHours").has_value());
        QVERIFY(!parseTextBackAction("").has_value());
    }
};

QTEST_GUILESS_MAIN(TestTextBackDecision)
#include "tst_textbackdecision.moc"
